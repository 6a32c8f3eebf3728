// print:print, print:pdf and print:cancel through their factory: a fake hidden window whose page lays out in steps,
// scripted dialogs, the PDF written atomically into a temp folder.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrintHandlers, PRINT_BUSY, type PrintPorts, type PrintWindow } from '../../electron/main/handlers/print';
import type { DialogPort } from '../../electron/main/handlers/ports';
import { writeFileAtomic } from '../../electron/services/files';
import type { PrintLayoutStatus } from '../../electron/services/print-job';
import { APP_ENTRY_URL } from '../../electron/services/security';
import { printTargetHash } from '../../shared/routes';
import { canceledSave, deferred, fakeWindow, savedAs, scriptedDialogs, useTempDir } from './fake-ports';

const tempDir = useTempDir();
const SHEET = { kind: 'sheet', id: '5a1e0000-0000-4000-8000-000000000002' } as const;
const BUREAU = { kind: 'bureau', bureau: '政策局', fiscalYear: 2015 } as const;
const PDF_BYTES = new TextEncoder().encode('%PDF-1.7 三ページ');

const laying = (fitted: number, total: number): PrintLayoutStatus => ({ ready: false, fitted, total, empty: null });
const ready = (total: number): PrintLayoutStatus => ({ ready: true, fitted: total, total, empty: null });

/** The hidden print windows the handlers open: each page reads the next status (the last one repeats). */
function fakePrintWindows(statuses: PrintLayoutStatus[], behaviour: Partial<Pick<PrintWindow, 'print' | 'printToPdf'>> = {}) {
  const opened: Array<{ url: string; destroyed: boolean }> = [];
  const openPrintWindow = async (url: string): Promise<PrintWindow> => {
    const record = { url, destroyed: false };
    opened.push(record);
    let read = 0;
    return {
      readLayoutStatus: async () => statuses[Math.min(read++, statuses.length - 1)]!,
      print: behaviour.print ?? (async () => ({ success: true, reason: '' })),
      printToPdf: behaviour.printToPdf ?? (async () => PDF_BYTES),
      destroy: () => {
        record.destroyed = true;
      },
    };
  };
  return { opened, openPrintWindow };
}

function printHandlers(dialogs: DialogPort, documents: string, ports: Partial<PrintPorts> & Pick<PrintPorts, 'openPrintWindow'>) {
  return createPrintHandlers({ dialogs, documentsFolder: () => documents, layoutTiming: { pollMs: 1 }, ...ports });
}

describe('print:print', () => {
  it('lays the target out in a hidden window, reports pages laid out, prints, and closes the window', async () => {
    const windows = fakePrintWindows([laying(0, 3), laying(1, 3), ready(3)]);
    const window = fakeWindow();
    const handlers = printHandlers(scriptedDialogs({}).dialogs, '/docs', windows);
    await expect(handlers['print:print']({ target: BUREAU }, window.event)).resolves.toEqual({ status: 'printed', pages: 3 });
    expect(windows.opened).toEqual([{ url: `${APP_ENTRY_URL}${printTargetHash(BUREAU)}`, destroyed: true }]);
    expect(window.received).toEqual([
      { channel: 'print:progress', payload: { done: 0, total: 3 } },
      { channel: 'print:progress', payload: { done: 1, total: 3 } },
      { channel: 'print:progress', payload: { done: 3, total: 3 } },
    ]);
  });

  it('a bureau with its 局運営方針 lays out the combined route (the policy, then the sheets)', async () => {
    const windows = fakePrintWindows([ready(14)]);
    const handlers = printHandlers(scriptedDialogs({}).dialogs, '/docs', windows);
    await expect(handlers['print:print']({ target: { ...BUREAU, withPolicy: true } }, fakeWindow().event)).resolves.toEqual({ status: 'printed', pages: 14 });
    expect(windows.opened.map((w) => w.url)).toEqual([`${APP_ENTRY_URL}#/print/bureau/${encodeURIComponent('政策局')}?year=2015&policy=1`]);
  });

  it.each([
    ['the user closes the print dialog', { success: false, reason: 'cancelled' }, { status: 'canceled' }],
    [
      'the printer fails',
      { success: false, reason: 'failed' },
      { status: 'error', message: '印刷できませんでした（failed）。プリンターの状態を確かめて、もう一度印刷してください。' },
    ],
  ])('%s', async (_name, printed, expected) => {
    const windows = fakePrintWindows([ready(1)], { print: async () => printed });
    const handlers = printHandlers(scriptedDialogs({}).dialogs, '/docs', windows);
    await expect(handlers['print:print']({ target: SHEET }, fakeWindow().event)).resolves.toEqual(expected);
    expect(windows.opened.every((w) => w.destroyed)).toBe(true);
  });

  it("a target with nothing to print is the page's own message, and the window is closed", async () => {
    const empty = { ready: false, fitted: 0, total: 0, empty: '印刷する事務事業シートがありません。' };
    const windows = fakePrintWindows([empty]);
    const handlers = printHandlers(scriptedDialogs({}).dialogs, '/docs', windows);
    await expect(handlers['print:print']({ target: SHEET }, fakeWindow().event)).resolves.toEqual({
      status: 'error',
      message: '印刷する事務事業シートがありません。',
    });
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
  });

  it('a layout that never finishes is stopped at the time limit with a message', async () => {
    let clock = 0;
    const windows = fakePrintWindows([laying(1, 3)]);
    const handlers = printHandlers(scriptedDialogs({}).dialogs, '/docs', {
      ...windows,
      layoutTiming: { timeoutMs: 1000, now: () => clock, sleep: async (ms) => void (clock += ms * 100) },
    });
    const result = await handlers['print:print']({ target: SHEET }, fakeWindow().event);
    expect(result).toEqual({ status: 'error', message: expect.stringContaining('時間がかかりすぎたため中止しました') });
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
  });

  it('answers busy while a job runs; print:cancel stops the layout and the window is closed', async () => {
    const windows = fakePrintWindows([laying(1, 3)]); // never ready
    const { dialogs } = scriptedDialogs({});
    const handlers = printHandlers(dialogs, '/docs', windows);
    const running = handlers['print:print']({ target: BUREAU }, fakeWindow().event);
    await expect(handlers['print:print']({ target: SHEET }, fakeWindow().event)).resolves.toEqual({ status: 'error', message: PRINT_BUSY });
    await expect(handlers['print:pdf']({ target: SHEET, suggestedName: 'x.pdf' }, fakeWindow().event)).resolves.toEqual({
      status: 'error',
      message: PRINT_BUSY,
    });
    expect(handlers['print:cancel'](undefined, fakeWindow().event)).toEqual({ status: 'ok', canceled: true });
    await expect(running).resolves.toEqual({ status: 'canceled' });
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
    expect(handlers['print:cancel'](undefined, fakeWindow().event)).toEqual({ status: 'ok', canceled: false });
  });
});

describe('print:pdf', () => {
  it('a canceled dialog lays nothing out and writes nothing', async () => {
    const dir = await tempDir();
    const windows = fakePrintWindows([ready(1)]);
    const { dialogs, shown } = scriptedDialogs({ save: [canceledSave] });
    const handlers = printHandlers(dialogs, dir, windows);
    await expect(handlers['print:pdf']({ target: SHEET, suggestedName: '広域行政推進事業.pdf' }, fakeWindow().event)).resolves.toEqual({
      status: 'canceled',
    });
    expect(shown[0]?.options).toEqual({
      title: 'PDFに保存',
      buttonLabel: '保存',
      defaultPath: path.join(dir, '広域行政推進事業.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(windows.opened).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves the PDF where the user chose (adding .pdf), replacing an old one, with no temporary file left', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '政策局.pdf'), 'old');
    const windows = fakePrintWindows([laying(2, 3), ready(3)]);
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, '政策局'))] });
    const window = fakeWindow();
    const handlers = printHandlers(dialogs, dir, windows);
    const result = await handlers['print:pdf']({ target: BUREAU, suggestedName: '政策局.pdf' }, window.event);
    expect(result).toEqual({ status: 'saved', path: path.join(dir, '政策局.pdf'), fileName: '政策局.pdf', pages: 3 });
    expect(new Uint8Array(await readFile(path.join(dir, '政策局.pdf')))).toEqual(PDF_BYTES);
    expect(await readdir(dir)).toEqual(['政策局.pdf']);
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
    expect(window.received.at(-1)).toEqual({ channel: 'print:progress', payload: { done: 3, total: 3 } });
  });

  it('a write that fails is an error in Japanese and the old PDF stays as it was', async () => {
    const dir = await tempDir();
    const target = path.join(dir, '政策局.pdf');
    await writeFile(target, 'old');
    const locked = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const { dialogs } = scriptedDialogs({ save: [savedAs(target)] });
    const handlers = printHandlers(dialogs, dir, {
      ...fakePrintWindows([ready(1)]),
      writeFile: (filePath, data) => writeFileAtomic(filePath, data, { rename: () => Promise.reject(locked) }),
    });
    const result = await handlers['print:pdf']({ target: SHEET, suggestedName: '政策局.pdf' }, fakeWindow().event);
    expect(result).toEqual({ status: 'error', message: expect.stringContaining('別の場所に保存してください') });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['政策局.pdf']);
  });

  it('a layout that is not ready writes nothing', async () => {
    const dir = await tempDir();
    const windows = fakePrintWindows([{ ready: false, fitted: 0, total: 0, empty: 'シートが見つかりません。' }]);
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, 'x.pdf'))] });
    const handlers = printHandlers(dialogs, dir, windows);
    await expect(handlers['print:pdf']({ target: SHEET, suggestedName: 'x.pdf' }, fakeWindow().event)).resolves.toEqual({
      status: 'error',
      message: 'シートが見つかりません。',
    });
    expect(await readdir(dir)).toEqual([]);
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
  });

  it('canceled while the PDF is being made: nothing is written', async () => {
    const dir = await tempDir();
    const started = deferred<void>();
    const making = deferred<Uint8Array>();
    const printToPdf = () => {
      started.resolve();
      return making.promise;
    };
    const windows = fakePrintWindows([ready(1)], { printToPdf });
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, 'x.pdf'))] });
    const handlers = printHandlers(dialogs, dir, windows);
    const running = handlers['print:pdf']({ target: SHEET, suggestedName: 'x.pdf' }, fakeWindow().event);
    await started.promise;
    expect(handlers['print:cancel'](undefined, fakeWindow().event)).toEqual({ status: 'ok', canceled: true });
    making.resolve(PDF_BYTES);
    await expect(running).resolves.toEqual({ status: 'canceled' });
    expect(await readdir(dir)).toEqual([]);
    expect(windows.opened).toMatchObject([{ destroyed: true }]);
  });
});
