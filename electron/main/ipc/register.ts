// Typed IPC registration: every handler runs only for our window's own frame and only with a payload the contract accepts.
import { CHANNELS, type Channel } from '../../../shared/ipc/channels';
import { contract, type IpcError, type RequestOf, type ResultOf } from '../../../shared/ipc/contract';
import { ipcMessages } from '../../../shared/ipc/messages';
import { isAppUrl } from '../../services/security';

/** The parts of a frame we look at (Electron's WebFrameMain has them). */
export interface FrameLike {
  readonly url: string;
  /** null for a top-level frame; our window has no subframes that may call us. */
  readonly parent?: unknown;
}

/** The parts of an invoke event we look at (Electron's IpcMainInvokeEvent has them). */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

/** The parts of ipcMain we use, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type Handler<C extends Channel> = (
  request: RequestOf<C>,
  event: InvokeEventLike,
) => ResultOf<C> | Promise<ResultOf<C>>;

export type Handlers = { readonly [C in Channel]: Handler<C> };

export interface HandleOptions {
  /** Our main window's webContents, or null while there is none. Invocations from any other sender are dropped. */
  trustedSender: () => unknown;
  /** Whether a frame URL is our app origin; defaults to app://yosan-desk. */
  isTrustedUrl?: (url: string) => boolean;
  /** Told about refused invocations and handler failures (for the log); never sees the payload. */
  onRejected?: (channel: Channel, reason: 'foreign-sender' | 'invalid-request' | 'handler-failed', detail?: unknown) => void;
}

/** Electron hands out one wrapper per webContents, so identity holds; the id comparison is a fallback. */
function isSameWebContents(sender: unknown, trusted: unknown): boolean {
  if (trusted === null || trusted === undefined || sender === null || sender === undefined) return false;
  if (sender === trusted) return true;
  const id = (value: unknown): unknown => (typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined);
  const senderId = id(sender);
  return typeof senderId === 'number' && senderId === id(trusted);
}

/** Why an invocation is not from our window, or null when it is. Pure. */
export function senderProblem(event: InvokeEventLike, options: HandleOptions): string | null {
  if (!isSameWebContents(event.sender, options.trustedSender())) return 'sender is not the main window';
  const frame = event.senderFrame;
  if (frame === null) return 'sender frame is gone';
  if (frame.parent !== null && frame.parent !== undefined) return 'sender is a subframe';
  if (!(options.isTrustedUrl ?? isAppUrl)(frame.url)) return 'sender frame is not the app origin';
  return null;
}

/** Every channel's result admits this (checked in contract.ts), so a refusal is still an answer of the right type. */
function refusal(message: string): IpcError {
  return { status: 'error', message };
}

/**
 * Registers the handler for one channel. A foreign sender gets a rejected promise (Japanese message) and the
 * handler never runs; an invalid payload is answered with `{ status: 'error' }` and the handler never runs;
 * a handler that throws is answered with `{ status: 'error' }` too, so the renderer always gets a value.
 * Returns a function that removes the handler.
 */
export function handle<C extends Channel>(
  ipcMain: IpcMainLike,
  channel: C,
  handler: Handler<C>,
  options: HandleOptions,
): () => void {
  const spec = contract[channel];
  ipcMain.handle(channel, async (event, ...args) => {
    const problem = senderProblem(event, options);
    if (problem !== null) {
      options.onRejected?.(channel, 'foreign-sender', problem);
      throw new Error(ipcMessages.foreignSender);
    }
    const parsed = args.length <= 1 ? spec.request.safeParse(args[0]) : null;
    if (parsed === null || !parsed.success) {
      const detail = parsed === null ? `${args.length} arguments` : parsed.error.issues.map((i) => i.path.join('.'));
      options.onRejected?.(channel, 'invalid-request', detail);
      return refusal(ipcMessages.invalidRequest);
    }
    try {
      return await handler(parsed.data as RequestOf<C>, event);
    } catch (error) {
      options.onRejected?.(channel, 'handler-failed', error);
      return refusal(ipcMessages.unexpected);
    }
  });
  return () => ipcMain.removeHandler(channel);
}

/** Registers a handler for every channel of the contract (a missing one is a type error). Returns a disposer. */
export function registerHandlers(ipcMain: IpcMainLike, handlers: Handlers, options: HandleOptions): () => void {
  const disposers = CHANNELS.map((channel) =>
    // The mapped type cannot be narrowed per key here; `handle` re-checks the request against the contract.
    handle(ipcMain, channel, handlers[channel] as Handler<typeof channel>, options),
  );
  return () => {
    for (const dispose of disposers) dispose();
  };
}
