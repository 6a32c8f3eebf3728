// The typed IPC handle(): only our window's own frame gets through, only with a payload the contract accepts.
import { describe, expect, it, vi } from 'vitest';
import {
  handle,
  registerHandlers,
  type Handlers,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../electron/main/ipc/register';
import { APP_ENTRY_URL } from '../../electron/services/security';
import { CHANNELS } from '../../shared/ipc/channels';
import { ipcMessages } from '../../shared/ipc/messages';
import { loadSample } from '../helpers/sample';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** A fake ipcMain that keeps the listeners so a test can invoke them as Electron would. */
function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler: (channel) => {
      listeners.delete(channel);
    },
  };
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { ipcMain, listeners, invoke };
}

const ourContents = { id: 1 };
const otherContents = { id: 2 };
const fromUs: InvokeEventLike = { sender: ourContents, senderFrame: { url: APP_ENTRY_URL, parent: null } };
const options = { trustedSender: () => ourContents };
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('handle(): a valid invocation from our window', () => {
  it('calls the handler with the validated payload (file name made safe) and returns its result', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handler = vi.fn(() => ({ status: 'saved' as const, path: '/tmp/x.yosan.json', fileName: 'x.yosan.json' }));
    handle(ipcMain, 'exchange:save', handler, options);
    const file = loadSample();
    const result = await invoke('exchange:save', fromUs, { file, suggestedName: '../政策局/平成27年度' });
    expect(result).toEqual({ status: 'saved', path: '/tmp/x.yosan.json', fileName: 'x.yosan.json' });
    expect(handler).toHaveBeenCalledTimes(1);
    const [request, event] = handler.mock.calls[0] as unknown as [{ file: unknown; suggestedName: string }, unknown];
    expect(request.file).toEqual(file);
    expect(request.suggestedName).toBe('平成27年度.yosan.json');
    expect(event).toBe(fromUs);
  });

  it('a channel without payload is invoked with no argument', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handler = vi.fn(() => ({ status: 'ok' as const, version: '0.1.0', platform: 'win32' }));
    handle(ipcMain, 'app:info', handler, options);
    await expect(invoke('app:info', fromUs)).resolves.toEqual({ status: 'ok', version: '0.1.0', platform: 'win32' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('the same webContents by id (a fresh wrapper object) is ours', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handler = vi.fn(() => ({ status: 'canceled' as const }));
    handle(ipcMain, 'exchange:open', handler, options);
    const event = { sender: { id: 1 }, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    await expect(invoke('exchange:open', event)).resolves.toEqual({ status: 'canceled' });
  });

  it('a hash in our URL is still our origin', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handler = vi.fn(() => ({ status: 'canceled' as const }));
    handle(ipcMain, 'exchange:open', handler, options);
    const event = { sender: ourContents, senderFrame: { url: `${APP_ENTRY_URL}#/sheets/3`, parent: null } };
    await expect(invoke('exchange:open', event)).resolves.toEqual({ status: 'canceled' });
  });
});

describe('handle(): invocations not from our window are dropped, the handler never runs', () => {
  const cases: Array<[string, InvokeEventLike, () => unknown]> = [
    ['another webContents', { sender: otherContents, senderFrame: { url: APP_ENTRY_URL, parent: null } }, () => ourContents],
    ['our webContents, remote page', { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } }, () => ourContents],
    ['our webContents, file: page', { sender: ourContents, senderFrame: { url: 'file:///C:/index.html', parent: null } }, () => ourContents],
    ['our webContents, look-alike host', { sender: ourContents, senderFrame: { url: 'app://yosan-desk.evil/index.html', parent: null } }, () => ourContents],
    ['our webContents, a subframe', { sender: ourContents, senderFrame: { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } } }, () => ourContents],
    ['our webContents, frame gone', { sender: ourContents, senderFrame: null }, () => ourContents],
    ['a webContents with another id', { sender: { id: 7 }, senderFrame: { url: APP_ENTRY_URL, parent: null } }, () => ourContents],
    ['a sender without id', { sender: {}, senderFrame: { url: APP_ENTRY_URL, parent: null } }, () => ({})],
    ['no main window yet', { sender: ourContents, senderFrame: { url: APP_ENTRY_URL, parent: null } }, () => null],
  ];

  it.each(cases)('%s', async (_name, event, trustedSender) => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handler = vi.fn(() => ({ status: 'canceled' as const }));
    const onRejected = vi.fn();
    handle(ipcMain, 'exchange:open', handler, { trustedSender, onRejected });
    await expect(invoke('exchange:open', event)).rejects.toThrow(ipcMessages.foreignSender);
    expect(ipcMessages.foreignSender).toMatch(japanese);
    expect(handler).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledWith('exchange:open', 'foreign-sender', expect.any(String));
  });
});

describe('handle(): invalid payloads get a Japanese error value, the handler never runs', () => {
  const validFile = () => loadSample();
  const cases: Array<[string, string, unknown[]]> = [
    ['save without payload', 'exchange:save', []],
    ['save with a string', 'exchange:save', ['政策局.yosan.json']],
    ['save without a name', 'exchange:save', [{ file: validFile() }]],
    ['save with an extra field', 'exchange:save', [{ file: validFile(), suggestedName: 'a', path: 'C:\\Windows\\x' }]],
    ['save with an amount as a string', 'exchange:save', [{ file: { ...validFile(), sheets: [{ ...validFile().sheets[0], amount: '37,524' }] }, suggestedName: 'a' }]],
    ['save with a float amount', 'exchange:save', [{ file: { ...validFile(), sheets: [{ ...validFile().sheets[0], amount: 1.5 }] }, suggestedName: 'a' }]],
    ['save with two arguments', 'exchange:save', [{ file: validFile(), suggestedName: 'a' }, 'more']],
    ['open with a payload', 'exchange:open', [{ path: '/etc/passwd' }]],
    ['info with a payload', 'app:info', ['x']],
    ['Excel export without a document', 'excel:export', [{ bureau: '政策局' }]],
    ['Excel export with a path for a sheet id', 'excel:export', [{ file: validFile(), sheetIds: ['C:\\Windows\\x'] }]],
    ['Excel export with an output path', 'excel:export', [{ file: validFile(), path: '/etc/passwd' }]],
    ['Excel import with a path', 'excel:import', ['/etc/passwd']],
    ['Excel cancel with a payload', 'excel:cancel', [{ all: true }]],
    ['backup without a reason', 'backup:write', [{ file: validFile() }]],
    ['backup with another reason', 'backup:write', [{ file: validFile(), reason: 'weekly' }]],
    ['backup with a folder of its own', 'backup:write', [{ file: validFile(), reason: 'daily', folder: 'C:\\Windows' }]],
    ['backup folder chosen by the page', 'backup:choose', ['C:\\Windows']],
    ['restore with a path', 'backup:restore', ['/etc/passwd']],
  ];

  it.each(cases)('%s', async (_name, channel, args) => {
    const { ipcMain, invoke } = fakeIpcMain();
    const handlers = {
      'exchange:open': vi.fn(() => ({ status: 'canceled' as const })),
      'exchange:save': vi.fn(() => ({ status: 'canceled' as const })),
      'app:info': vi.fn(() => ({ status: 'ok' as const, version: '0', platform: 'x' })),
      'excel:export': vi.fn(() => ({ status: 'canceled' as const })),
      'excel:cancel': vi.fn(() => ({ status: 'ok' as const, canceled: false })),
      'excel:import': vi.fn(() => ({ status: 'canceled' as const })),
      'print:print': vi.fn(() => ({ status: 'canceled' as const })),
      'print:pdf': vi.fn(() => ({ status: 'canceled' as const })),
      'print:cancel': vi.fn(() => ({ status: 'ok' as const, canceled: false })),
      'backup:write': vi.fn(() => ({ status: 'error' as const, message: 'x' })),
      'backup:info': vi.fn(() => ({ status: 'unavailable' as const, message: 'x' })),
      'backup:choose': vi.fn(() => ({ status: 'canceled' as const })),
      'backup:restore': vi.fn(() => ({ status: 'canceled' as const })),
    };
    const onRejected = vi.fn();
    registerHandlers(ipcMain, handlers, { ...options, onRejected });
    const result = await invoke(channel, fromUs, ...args);
    expect(result).toEqual({ status: 'error', message: ipcMessages.invalidRequest });
    expect(ipcMessages.invalidRequest).toMatch(japanese);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledWith(channel, 'invalid-request', expect.anything());
  });
});

describe('handle(): failures stay values', () => {
  it('a handler that throws is answered with a Japanese error, not a rejection', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const onRejected = vi.fn();
    handle(
      ipcMain,
      'exchange:open',
      () => {
        throw new Error('EIO: i/o error');
      },
      { ...options, onRejected },
    );
    await expect(invoke('exchange:open', fromUs)).resolves.toEqual({ status: 'error', message: ipcMessages.unexpected });
    expect(ipcMessages.unexpected).toMatch(japanese);
    expect(onRejected).toHaveBeenCalledWith('exchange:open', 'handler-failed', expect.any(Error));
  });
});

describe('registerHandlers()', () => {
  it('registers exactly the contract channels and removes them again', () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const handlers: Handlers = {
      'exchange:open': () => ({ status: 'canceled' }),
      'exchange:save': () => ({ status: 'canceled' }),
      'app:info': () => ({ status: 'ok', version: '0', platform: 'x' }),
      'excel:export': () => ({ status: 'canceled' }),
      'excel:cancel': () => ({ status: 'ok', canceled: false }),
      'excel:import': () => ({ status: 'canceled' }),
      'print:print': () => ({ status: 'canceled' }),
      'print:pdf': () => ({ status: 'canceled' }),
      'print:cancel': () => ({ status: 'ok', canceled: false }),
      'backup:write': () => ({ status: 'error', message: 'x' }),
      'backup:info': () => ({ status: 'unavailable', message: 'x' }),
      'backup:choose': () => ({ status: 'canceled' }),
      'backup:restore': () => ({ status: 'canceled' }),
    };
    const dispose = registerHandlers(ipcMain, handlers, options);
    expect([...listeners.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(listeners.size).toBe(0);
  });
});
