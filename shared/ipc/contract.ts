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
  pdfInBrowser:
    'ブラウザ版では PDF を直接保存できません。「印刷」を押し、送信先で「PDF に保存」を選んでください（デスクトップ版では「PDFに保存」でそのまま保存できます）。',
  excelUnavailable:
    'ブラウザ版では Excel ファイルの読み込みはできません。デスクトップ版の予算デスクを使うか、コマンド（npm run cli -- import）で交換ファイルに変換してから「開く」で開いてください。',
  excelExportUnavailable:
    'この画面からは Excel に出力できません。デスクトップ版の予算デスクか npm run web で開いた画面で出力するか、交換ファイル（.yosan.json）を保存してコマンド（npm run cli -- export）で変換してください。',
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
 * `extension`: only the last path component, no characters Windows forbids, no leading dots, no reserved
 * device names, at most 100 characters before the extension. Never empty. `alsoStrip` are endings dropped before
 * the extension is added (`.json` for `.yosan.json`).
 */
function safeFileName(suggested: string, extension: string, alsoStrip: readonly string[] = []): string {
  let name = suggested.normalize('NFC');
  // A suggestion is a name, never a place.
  name = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.trim().replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_');
  const lower = name.toLowerCase();
  const ending = [extension, ...alsoStrip].find((e) => lower.endsWith(e));
  if (ending) name = name.slice(0, -ending.length);
  // Leading dots hide the file (and `..` is a place); trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  const chars = Array.from(name);
  if (chars.length > 100) name = chars.slice(0, 100).join('').replace(/[.\s]+$/u, '');
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  if (name === '') name = '予算デスク';
  return `${name}${extension}`;
}

/** A safe `….yosan.json` file name (see safeFileName). */
export function safeExchangeFileName(suggested: string): string {
  return safeFileName(suggested, EXCHANGE_EXTENSION, ['.json']);
}

export const WORKBOOK_EXTENSION = '.xlsx';

/** A safe `….xlsx` file name for the Excel export's save dialog (see safeFileName). */
export function safeWorkbookFileName(suggested: string): string {
  return safeFileName(suggested, WORKBOOK_EXTENSION);
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

/** How far an Excel export has got, in 事務事業 sheets (the 一覧 is not counted). */
export interface ExcelProgress {
  done: number;
  total: number;
}

export const excelExportResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({
    status: z.literal('saved'),
    path: z.string(),
    fileName: z.string(),
    /** 事務事業 sheets in the workbook. */
    sheetCount: z.int().min(0),
  }),
  ipcErrorSchema,
]);

export const excelCancelResultSchema = z.discriminatedUnion('status', [
  /** `canceled` is false when no export was running. */
  z.strictObject({ status: z.literal('ok'), canceled: z.boolean() }),
  ipcErrorSchema,
]);

export const excelExportRequestSchema = z.strictObject({
  file: exchangeFileSchema,
  /** Only these sheets; all (of the 局, when given) when absent or empty. */
  sheetIds: z.array(z.uuid()).max(100_000).optional(),
  /** Only the sheets of this 局. */
  bureau: z.string().max(200).optional(),
  /** The save dialog's proposal; main proposes `局_年度_事務事業.xlsx` when absent. */
  suggestedName: z.string().max(1000).transform(safeWorkbookFileName).optional(),
});

/** How far a print job has got, in pages laid out (each 事務事業 sheet is one page). */
export interface PrintProgress {
  done: number;
  total: number;
}

/** One sheet, or every sheet of a 局 and 年度 (see shared/routes.ts). */
export const printTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sheet'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('bureau'), bureau: z.string().min(1).max(200), fiscalYear: z.int().min(1989).max(2200) }),
]);

export const printResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({ status: z.literal('printed'), pages: z.int().min(0) }),
  ipcErrorSchema,
]);

export const pdfResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({ status: z.literal('saved'), path: z.string(), fileName: z.string(), pages: z.int().min(0) }),
  ipcErrorSchema,
]);

/** A safe PDF file name from a suggestion (a sheet's or a 局's name and the 年度). */
export function safePdfFileName(suggested: string): string {
  return safeExchangeFileName(suggested.replace(/\.pdf$/i, '')).replace(/\.yosan\.json$/, '.pdf');
}

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
  'excel:export': {
    request: excelExportRequestSchema,
    result: excelExportResultSchema,
  },
  'excel:cancel': {
    request: z.undefined(),
    result: excelCancelResultSchema,
  },
  /** Opens a dialog, reads a workbook we exported (in a worker) and answers like `exchange:open`. */
  'excel:import': {
    request: z.undefined(),
    result: exchangeOpenResultSchema,
  },
  /** Lays the target out in a hidden window and opens the system print dialog. */
  'print:print': {
    request: z.strictObject({ target: printTargetSchema }),
    result: printResultSchema,
  },
  /** Lays the target out, makes one PDF (A4, one page per sheet) and saves it where the user chooses, safely. */
  'print:pdf': {
    request: z.strictObject({ target: printTargetSchema, suggestedName: z.string().max(1000).transform(safePdfFileName) }),
    result: pdfResultSchema,
  },
  'print:cancel': {
    request: z.undefined(),
    result: excelCancelResultSchema,
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
export type ExcelExportRequest = RequestInput<'excel:export'>;
export type ExcelExportResult = ResultOf<'excel:export'>;
export type ExcelCancelResult = ResultOf<'excel:cancel'>;
export type ExcelImportResult = ResultOf<'excel:import'>;
export type PrintRequest = RequestInput<'print:print'>;
export type PrintResult = ResultOf<'print:print'>;
export type PdfRequest = RequestInput<'print:pdf'>;
export type PdfResult = ResultOf<'print:pdf'>;

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
  /** Listens to an Excel export's progress (`35 / 120 シート`); returns a function that stops listening. */
  readonly onExcelProgress: (listener: (progress: ExcelProgress) => void) => () => void;
  /** Listens to a print job's progress (pages laid out); returns a function that stops listening. */
  readonly onPrintProgress: (listener: (progress: PrintProgress) => void) => () => void;
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

