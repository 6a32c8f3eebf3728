// The one IPC contract: for each channel its request schema and result schema, and the DesktopApi type derived from them.
// The shapes live in schemas.ts, the messages in messages.ts, the safe file names in file-names.ts.
import { z } from 'zod';
import { exchangeFileSchema } from '../domain/schema';
import type { Channel, ListenerName, MainEvent, MethodName } from './channels';
import type { exchangeFileResultSchema, ipcErrorSchema } from './schemas';
import {
  appInfoResultSchema,
  excelCancelResultSchema,
  excelExportRequestSchema,
  excelExportResultSchema,
  exchangeOpenResultSchema,
  exchangeSaveResultSchema,
  pdfResultSchema,
  printResultSchema,
  printTargetSchema,
  progressSchema,
  suggestedNameSchema,
  suggestedPdfNameSchema,
} from './schemas';
import {
  backupChooseFolderResultSchema,
  backupInfoResultSchema,
  backupWriteRequestSchema,
  backupWriteResultSchema,
  exchangeOpenManyResultSchema,
} from './schemas';

interface ChannelSpec {
  /** `z.undefined()` for a channel without a payload: its method takes no argument. */
  readonly request: z.ZodType;
  readonly result: z.ZodType;
}

export const contract = {
  /** Opens one or several exchange files at once (開く): each file's document or its problems, for the merge preview. */
  'exchange:open': {
    request: z.undefined(),
    result: exchangeOpenManyResultSchema,
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
    request: z.strictObject({ target: printTargetSchema, suggestedName: suggestedPdfNameSchema }),
    result: pdfResultSchema,
  },
  'print:cancel': {
    request: z.undefined(),
    result: excelCancelResultSchema,
  },
  /** Writes the whole document into the backup folder (the safe write; the newest 14 kept). Desktop app only. */
  'backup:write': {
    request: backupWriteRequestSchema,
    result: backupWriteResultSchema,
  },
  /** The backup folder, when the newest backup was taken and how many there are. */
  'backup:info': {
    request: z.undefined(),
    result: backupInfoResultSchema,
  },
  /** A folder dialog; the choice is remembered for every later backup. */
  'backup:choose': {
    request: z.undefined(),
    result: backupChooseFolderResultSchema,
  },
  /** An open dialog starting in the backup folder; the file comes back for the merge preview, nothing is changed yet. */
  'backup:restore': {
    request: z.undefined(),
    result: exchangeOpenManyResultSchema,
  },
} as const satisfies { readonly [C in Channel]: ChannelSpec };

/** What the renderer passes. */
export type RequestInput<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** What the handler receives, after validation and transforms (e.g. a safe file name). */
export type RequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResultOf<C extends Channel> = z.output<(typeof contract)[C]['result']>;
export type IpcError = z.output<typeof ipcErrorSchema>;

/** One file opened (the answer of `excel:import`, and the file reader's): its document, its problems, canceled or an error. */
export type ExchangeOpenResult = z.output<typeof exchangeOpenResultSchema>;
/** One of several files opened at once: its document or why it cannot be opened. */
export type ExchangeFileResult = z.output<typeof exchangeFileResultSchema>;
/** Several files opened at once (開く, and 復元 from a backup): each file's own result, in the order chosen. */
export type ExchangeOpenManyResult = ResultOf<'exchange:open'>;
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
export type BackupWriteRequest = RequestInput<'backup:write'>;
export type BackupWriteResult = ResultOf<'backup:write'>;
export type BackupInfoResult = ResultOf<'backup:info'>;
export type BackupChooseFolderResult = ResultOf<'backup:choose'>;
/** Same shape as opening several exchange files (exchangeOpenManyResultSchema). */
export type BackupRestoreResult = ResultOf<'backup:restore'>;

interface EventSpec {
  /** `z.undefined()` for an event without a payload. */
  readonly payload: z.ZodType;
}

/** The messages main sends the window (names in channels.ts), each with its payload; main sends only what these accept. */
export const events = {
  /** 事務事業 sheets written so far, of all (the 一覧 is not counted). */
  'excel:progress': { payload: progressSchema },
  /** Pages laid out so far, of all (each 事務事業 sheet is one page). */
  'print:progress': { payload: progressSchema },
  /** The window is closing: flush autosave, then answer with FLUSH_DONE. */
  'window:flush-request': { payload: z.undefined() },
} as const satisfies { readonly [E in MainEvent]: EventSpec };

export type EventPayload<E extends MainEvent> = z.output<(typeof events)[E]['payload']>;
/** The arguments after the event name: none for an event without a payload. */
export type EventArgs<E extends MainEvent> = [EventPayload<E>] extends [undefined] ? [] : [EventPayload<E>];

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

/** Listens to a progress event; returns a function that stops listening. */
type ProgressListener<E extends MainEvent> = (listener: (progress: EventPayload<E>) => void) => () => void;

/** One listener per event of `events`, named in channels.ts (EVENT_LISTENERS). */
export interface DesktopEventApi {
  /** Registers what to run (the autosave flush) when the window is about to close; main waits for it, with a timeout. */
  readonly onBeforeClose: (flush: () => Promise<unknown>) => void;
  /** Listens to an Excel export's progress (`35 / 120 シート`). */
  readonly onExcelProgress: ProgressListener<'excel:progress'>;
  /** Listens to a print job's progress (pages laid out). */
  readonly onPrintProgress: ProgressListener<'print:progress'>;
}

/** Compile-time check: the listener methods are exactly the names channels.ts gives the events. */
export type EveryEventHasItsListener = Assert<
  [keyof DesktopEventApi] extends [ListenerName] ? ([ListenerName] extends [keyof DesktopEventApi] ? true : false) : false
>;

/** `window.desktop`: the invoke methods and the event listeners. */
export type DesktopApi = DesktopInvokeApi & DesktopEventApi;
