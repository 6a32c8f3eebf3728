// The one IPC contract: for each channel its request schema, its result schema, and the DesktopApi type derived from them.
import { z } from 'zod';
import type { Problem } from '../domain/problem';
import { exchangeFileSchema } from '../domain/schema';
import { readExchangeFile } from '../exchange/read';
import type { Channel, MethodName } from './channels';

export { CHANNELS, CHANNEL_METHODS, type Channel, type MethodName } from './channels';

/** Largest exchange file we read: 20 MiB. A whole city is a few MiB; anything bigger is not ours. */
export const MAX_EXCHANGE_FILE_BYTES = 20 * 1024 * 1024;

export const EXCHANGE_EXTENSION = '.yosan.json';

function formatByteLimit(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes >= mib ? `${Math.floor(bytes / mib)} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/**
 * Japanese messages shared by the main process and the browser implementation, so both say the same thing.
 * Each says what happened and what to do.
 */
export const ipcMessages = {
  foreignSender: '許可されていない画面からの要求のため、処理しませんでした。',
  invalidRequest:
    'アプリ内部の要求の形式が正しくないため、処理しませんでした。アプリを再起動してもう一度お試しください。',
  unexpected:
    '予期しないエラーのため、処理を完了できませんでした。もう一度お試しください。繰り返す場合はアプリを再起動してください。',
  fileTooLarge: (fileName: string, maxBytes: number): string =>
    `ファイル「${fileName}」は大きすぎるため開けません（上限 ${formatByteLimit(maxBytes)}）。予算デスクで保存したファイルを選んでください。`,
  notUtf8: (fileName: string): string =>
    `ファイル「${fileName}」は文字コードが UTF-8 ではないため読み込めません。予算デスクで保存したファイルを選んでください。`,
} as const;

// ── pieces ────────────────────────────────────────────────────────────────────

export const problemSchema = z.strictObject({
  severity: z.enum(['error', 'warning', 'info']),
  path: z.string(),
  message: z.string(),
  field: z.string().optional(),
  sheetId: z.string().optional(),
}) satisfies z.ZodType<Problem>;

/** Every channel may answer this instead of its own result: a request we refused or a handler that failed. */
export const ipcErrorSchema = z.strictObject({
  status: z.literal('error'),
  message: z.string(),
});

const canceledSchema = z.strictObject({ status: z.literal('canceled') });

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Turns a suggested name (from a 局 name, a 年度, whatever the user typed) into a safe file name ending in
 * `.yosan.json`: only the last path component, no characters Windows forbids, no leading dots, no reserved
 * device names, at most 100 characters before the extension. Never empty.
 */
export function safeExchangeFileName(suggested: string): string {
  let name = suggested.normalize('NFC');
  // A suggestion is a name, never a place.
  name = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.trim().replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_');
  const lower = name.toLowerCase();
  if (lower.endsWith(EXCHANGE_EXTENSION)) name = name.slice(0, -EXCHANGE_EXTENSION.length);
  else if (lower.endsWith('.json')) name = name.slice(0, -'.json'.length);
  // Leading dots hide the file (and `..` is a place); trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  const chars = Array.from(name);
  if (chars.length > 100) name = chars.slice(0, 100).join('').replace(/[.\s]+$/u, '');
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  if (name === '') name = '予算デスク';
  return `${name}${EXCHANGE_EXTENSION}`;
}

const suggestedNameSchema = z.string().max(1000).transform(safeExchangeFileName);

// ── results ───────────────────────────────────────────────────────────────────

export const exchangeOpenResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({
    status: z.literal('opened'),
    /** The file's name without its folder, for the title bar and messages. */
    fileName: z.string(),
    file: exchangeFileSchema,
    /** Set when the file was an older version and has been migrated in memory. */
    migratedFrom: z.int().optional(),
  }),
  z.strictObject({
    status: z.literal('problems'),
    fileName: z.string(),
    /** Why the file cannot be opened, each with a path and a Japanese message. At least one. */
    problems: z.array(problemSchema).min(1),
  }),
  ipcErrorSchema,
]);

export const exchangeSaveResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({
    status: z.literal('saved'),
    /** Full path in the desktop app; in the browser only the file name (the browser does not tell). */
    path: z.string(),
    fileName: z.string(),
  }),
  ipcErrorSchema,
]);

export const appInfoResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ok'),
    version: z.string(),
    /** `process.platform` in the desktop app (`win32`, …); in the browser `web` and navigator's platform (`web (Win32)`). */
    platform: z.string(),
  }),
  ipcErrorSchema,
]);

// ── the contract ──────────────────────────────────────────────────────────────

interface ChannelSpec {
  /** `z.undefined()` for a channel without a payload: its method takes no argument. */
  readonly request: z.ZodType;
  readonly result: z.ZodType;
}

export const contract = {
  'exchange:open': {
    request: z.undefined(),
    result: exchangeOpenResultSchema,
  },
  'exchange:save': {
    request: z.strictObject({ file: exchangeFileSchema, suggestedName: suggestedNameSchema }),
    result: exchangeSaveResultSchema,
  },
  'app:info': {
    request: z.undefined(),
    result: appInfoResultSchema,
  },
} as const satisfies { readonly [C in Channel]: ChannelSpec };

/** What the renderer passes. */
export type RequestInput<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** What the handler receives, after validation and transforms (e.g. a safe file name). */
export type RequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResultOf<C extends Channel> = z.output<(typeof contract)[C]['result']>;
export type IpcError = z.output<typeof ipcErrorSchema>;

export type ExchangeOpenResult = ResultOf<'exchange:open'>;
export type ExchangeSaveResult = ResultOf<'exchange:save'>;
export type AppInfoResult = ResultOf<'app:info'>;
export type ExchangeSaveRequest = RequestInput<'exchange:save'>;

type Assert<T extends true> = T;
/** Compile-time check: every channel's result admits an IpcError, which register.ts answers refused payloads with. */
export type EveryResultAdmitsIpcError = Assert<
  { [C in Channel]: IpcError extends ResultOf<C> ? true : false }[Channel]
>;

type Method<C extends Channel> = [RequestInput<C>] extends [undefined]
  ? () => Promise<ResultOf<C>>
  : (request: RequestInput<C>) => Promise<ResultOf<C>>;

/** One method per invoke channel. Results are values; a method never rejects for an expected failure. */
export type DesktopInvokeApi = { readonly [C in Channel as MethodName<C>]: Method<C> };

/** `window.desktop`: the invoke methods, and the hook main uses to flush autosave before the window closes. */
export type DesktopApi = DesktopInvokeApi & {
  /** Registers what to run (the autosave flush) when the window is about to close; main waits for it, with a timeout. */
  readonly onBeforeClose: (flush: () => Promise<unknown>) => void;
};

// ── shared result builders ────────────────────────────────────────────────────

/** The open result for a file's decoded text: the validated document, or its problems. Pure. */
export function exchangeOpenResultFromText(fileName: string, text: string): ExchangeOpenResult {
  const read = readExchangeFile(text);
  if (!read.ok) return { status: 'problems', fileName, problems: read.problems };
  return read.migratedFrom === undefined
    ? { status: 'opened', fileName, file: read.file }
    : { status: 'opened', fileName, file: read.file, migratedFrom: read.migratedFrom };
}

/** The open result for a file that could not be read at all (too large, not UTF-8, gone). */
export function exchangeOpenFailure(fileName: string, message: string): ExchangeOpenResult {
  return { status: 'problems', fileName, problems: [{ severity: 'error', path: '', message }] };
}

