// Fakes for the handler factories' ports: scripted dialogs that remember what they showed, a window that records
// the events it receives, a temp folder. Plain objects, no mocking library needed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { DialogPort, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from '../../electron/main/handlers/ports';
import type { InvokeEventLike } from '../../electron/main/ipc/register';
import { APP_ENTRY_URL } from '../../electron/services/security';

type Answer<T> = T | Promise<T> | ((options: never) => T | Promise<T>);
type Shown =
  | { kind: 'open'; options: OpenDialogOptions }
  | { kind: 'save'; options: SaveDialogOptions }
  | { kind: 'message'; options: MessageBoxOptions };

/** Answers each dialog from its queue, in order; a dialog with no answer left fails the test. */
export function scriptedDialogs(script: {
  open?: Array<Answer<{ canceled: boolean; filePaths: string[] }>>;
  save?: Array<Answer<{ canceled: boolean; filePath?: string }>>;
  message?: Array<Answer<{ response: number }>>;
}) {
  const shown: Shown[] = [];
  const next = async <T>(queue: Array<Answer<T>> | undefined, kind: string, options: unknown): Promise<T> => {
    const answer = queue?.shift();
    if (answer === undefined) throw new Error(`unexpected ${kind} dialog: ${JSON.stringify(options)}`);
    return typeof answer === 'function' ? (answer as (o: unknown) => T | Promise<T>)(options) : answer;
  };
  const dialogs: DialogPort = {
    open: (options) => {
      shown.push({ kind: 'open', options });
      return next(script.open, 'open', options);
    },
    save: (options) => {
      shown.push({ kind: 'save', options });
      return next(script.save, 'save', options);
    },
    message: (options) => {
      shown.push({ kind: 'message', options });
      return next(script.message, 'message', options);
    },
  };
  return { dialogs, shown, titles: () => shown.map((s) => s.options.title) };
}

export const chosenFile = (filePath: string) => ({ canceled: false, filePaths: [filePath] });
export const savedAs = (filePath: string) => ({ canceled: false, filePath });
export const canceledOpen = { canceled: true, filePaths: [] };
/** What Electron answers for a canceled save dialog. */
export const canceledSave = { canceled: true, filePath: '' };

/** Our window's webContents as the handler sees it in `event.sender`: it records every message sent to it. */
export function fakeWindow() {
  const received: Array<{ channel: string; payload: unknown }> = [];
  let onReceive: (channel: string, payload: unknown) => void = () => undefined;
  const sender = {
    id: 1,
    send: (channel: string, payload?: unknown) => {
      received.push({ channel, payload });
      onReceive(channel, payload);
    },
    isDestroyed: () => false,
  };
  const event: InvokeEventLike = { sender, senderFrame: { url: APP_ENTRY_URL, parent: null } };
  return {
    event,
    received,
    /** Runs on every message, after it is recorded (a user pressing 中止 when progress shows, say). */
    whenReceived: (listener: (channel: string, payload: unknown) => void) => {
      onReceive = listener;
    },
  };
}

export function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A fresh temp folder per test, removed afterwards. */
export function useTempDir(): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yosan-main-'));
    dirs.push(dir);
    return dir;
  };
}
