// The preload exposes exactly one method per contract channel, each invoking its own channel; the contract's helpers.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_METHODS, CHANNELS, EVENT_LISTENERS, FLUSH_DONE, type Channel } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import { safeExchangeFileName, safeWorkbookFileName } from '../../shared/ipc/file-names';
import { ipcMessages } from '../../shared/ipc/messages';
import { browserDesktop } from '../../renderer/src/desktop';
import { loadSample } from '../helpers/sample';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string) => ({ status: 'canceled', channel })),
    on: vi.fn(),
    removeListener: vi.fn(),
    removeAllListeners: vi.fn(),
    send: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('preload', () => {
  let name: unknown;
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await import('../../electron/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [unknown, Record<string, unknown>];
  });

  it('exposes window.desktop with exactly one method per channel and one listener per event, and nothing else', () => {
    expect(name).toBe('desktop');
    expect(Object.keys(api).sort()).toEqual([...Object.values(CHANNEL_METHODS), ...Object.values(EVENT_LISTENERS)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(CHANNELS.map((channel) => [channel, CHANNEL_METHODS[channel]] as const))(
    '%s is invoked by %s, passing the request through',
    async (channel, method) => {
      electron.ipcRenderer.invoke.mockClear();
      const request =
        channel === 'exchange:save'
          ? { file: loadSample(), suggestedName: '政策局' }
          : channel === 'excel:export'
            ? { file: loadSample(), bureau: '政策局' }
            : channel === 'print:print'
              ? { target: { kind: 'bureau', bureau: '政策局', fiscalYear: 2015 } }
              : channel === 'print:pdf'
                ? { target: { kind: 'sheet', id: '5a1e0000-0000-4000-8000-000000000002' }, suggestedName: '広域行政推進事業' }
                : channel === 'backup:write'
                  ? { file: loadSample(), reason: 'daily' }
                  : undefined;
      const fn = api[method] as (request?: unknown) => Promise<unknown>;
      await expect(request === undefined ? fn() : fn(request)).resolves.toEqual({ status: 'canceled', channel });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke.mock.calls[0]).toEqual(request === undefined ? [channel] : [channel, request]);
    },
  );

  it('bundles without zod or the schemas and requires nothing but electron (the sandbox allows little else)', async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ['electron/preload/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /node_modules|schema|contract/.test(input))).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});

describe('contract', () => {
  it('has exactly the channels of channels.ts, each named domain:verb, with distinct method names', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z]+$/);
    expect(new Set(Object.values(CHANNEL_METHODS)).size).toBe(CHANNELS.length);
  });

  it('every result schema accepts the common error value', () => {
    for (const channel of Object.keys(contract) as Channel[]) {
      expect(contract[channel].result.safeParse({ status: 'error', message: '失敗しました。' }).success).toBe(true);
    }
  });

  it.each([
    ['政策局_平成27年度', '政策局_平成27年度.yosan.json'],
    ['政策局.yosan.json', '政策局.yosan.json'],
    ['政策局.YOSAN.JSON', '政策局.yosan.json'],
    ['政策局.json', '政策局.yosan.json'],
    ['../../Windows/System32/政策局', '政策局.yosan.json'],
    ['C:\\Users\\x\\政策局', '政策局.yosan.json'],
    ['政策局:局運営方針?', '政策局_局運営方針_.yosan.json'],
    ['<a>|"b"*', '_a___b__.yosan.json'],
    ['..', '予算デスク.yosan.json'],
    ['...yosan.json', '予算デスク.yosan.json'],
    ['.hidden', 'hidden.yosan.json'],
    ['政策局. ', '政策局.yosan.json'],
    ['', '予算デスク.yosan.json'],
    ['   ', '予算デスク.yosan.json'],
    ['CON', '_CON.yosan.json'],
    ['con.txt', '_con.txt.yosan.json'],
    ['LPT1', '_LPT1.yosan.json'],
    ['CONSOLE', 'CONSOLE.yosan.json'],
    ['改\u0000行\n', '改_行.yosan.json'],
    ['予'.repeat(150), `${'予'.repeat(100)}.yosan.json`],
    ['𠮷'.repeat(120), `${'𠮷'.repeat(100)}.yosan.json`],
  ])('safeExchangeFileName(%j) → %s', (input, expected) => {
    expect(safeExchangeFileName(input)).toBe(expected);
  });

  it.each([
    ['政策局_平成27年度_事務事業.xlsx', '政策局_平成27年度_事務事業.xlsx'],
    ['政策局', '政策局.xlsx'],
    ['政策局.XLSX', '政策局.xlsx'],
    ['../政策局:一覧?', '政策局_一覧_.xlsx'],
    ['NUL', '_NUL.xlsx'],
    ['', '予算デスク.xlsx'],
  ])('safeWorkbookFileName(%j) → %s', (input, expected) => {
    expect(safeWorkbookFileName(input)).toBe(expected);
  });

  it('the Excel export request checks sheet ids and makes the suggested name safe', () => {
    const request = contract['excel:export'].request;
    const parsed = request.parse({ file: loadSample(), suggestedName: 'C:\\x\\政策局', sheetIds: [loadSample().sheets[0]!.id] });
    expect(parsed.suggestedName).toBe('政策局.xlsx');
    expect(request.safeParse({ file: loadSample(), sheetIds: ['../../etc/passwd'] }).success).toBe(false);
    expect(request.safeParse({ file: loadSample(), extra: 1 }).success).toBe(false);
  });

  it('the browser version says where Excel import can be done, in Japanese', async () => {
    await expect(browserDesktop.importExcel()).resolves.toEqual({ status: 'error', message: ipcMessages.excelUnavailable });
    expect(ipcMessages.excelUnavailable).toMatch(/デスクトップ版/);
    await expect(browserDesktop.cancelExcelExport()).resolves.toEqual({ status: 'ok', canceled: false });
  });

  it('the save request turns the suggested name into a safe file name', () => {
    const parsed = contract['exchange:save'].request.parse({ file: loadSample(), suggestedName: '../政策局' });
    expect(parsed.suggestedName).toBe('政策局.yosan.json');
  });
});

describe('progress events', () => {
  type ProgressApi = Record<'onExcelProgress' | 'onPrintProgress', (l: (p: { done: number; total: number }) => void) => () => void>;

  it.each([
    ['onExcelProgress', 'excel:progress'],
    ['onPrintProgress', 'print:progress'],
  ] as const)('%s forwards only the two counts of %s to the page, and stops when asked', async (method, event) => {
    expect(EVENT_LISTENERS[event]).toBe(method);
    await import('../../electron/preload/index');
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as ProgressApi;
    const seen: unknown[] = [];
    const stop = api[method]((p) => seen.push(p));
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe(event);
    forward({ sender: 'main' }, { done: 35, total: 120, extra: 'x' });
    expect(seen).toEqual([{ done: 35, total: 120 }]);
    expect(Object.keys(seen[0] as object)).toEqual(['done', 'total']);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(event, forward);
  });

  it('drops a payload that is not two counts instead of passing NaN or strings on', async () => {
    await import('../../electron/preload/index');
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as ProgressApi;
    const seen: unknown[] = [];
    api.onExcelProgress((p) => seen.push(p));
    const [, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, (e: unknown, p: unknown) => void];
    for (const payload of [undefined, null, 'x', { done: '1', total: 2 }, { done: 1.5, total: 2 }, { done: -1, total: 2 }, { done: 1 }]) {
      forward({}, payload);
    }
    expect(seen).toEqual([]);
  });
});

describe('close handshake', () => {
  it('onBeforeClose runs the flush when main asks and answers once it has finished', async () => {
    await import('../../electron/preload/index');
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as { onBeforeClose: (f: () => Promise<unknown>) => void };
    let finish: () => void = () => undefined;
    const flush = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    api.onBeforeClose(flush);
    const [channel, listener] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, () => void];
    expect(channel).toBe('window:flush-request');
    listener();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(electron.ipcRenderer.send).toHaveBeenCalledWith(FLUSH_DONE));
  });
});

describe('print contract', () => {
  it('validates targets and makes a safe PDF name', () => {
    const pdf = contract['print:pdf'].request;
    expect(pdf.parse({ target: { kind: 'sheet', id: '5a1e0000-0000-4000-8000-000000000002' }, suggestedName: '広域/行政:推進事業' }).suggestedName).toBe(
      '行政_推進事業.pdf',
    );
    expect(pdf.safeParse({ target: { kind: 'sheet', id: '../../etc' }, suggestedName: 'x' }).success).toBe(false);
    expect(contract['print:print'].request.safeParse({ target: { kind: 'bureau', bureau: '', fiscalYear: 2015 } }).success).toBe(false);
  });
});
