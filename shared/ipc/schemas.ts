// The shapes that cross the IPC boundary, as zod schemas: requests, results and the progress events.
import { z } from 'zod';
import type { Problem } from '../domain/problem';
import { exchangeFileSchema } from '../domain/schema';
import { MAX_FILES_OPENED_AT_ONCE } from './limits';
import { safeExchangeFileName, safePdfFileName, safeWorkbookFileName } from './file-names';

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

export const canceledSchema = z.strictObject({ status: z.literal('canceled') });

/** The save dialog's proposal for an exchange file, made safe (see file-names.ts). */
export const suggestedNameSchema = z.string().max(1000).transform(safeExchangeFileName);
/** The save dialog's proposal for a PDF, made safe. */
export const suggestedPdfNameSchema = z.string().max(1000).transform(safePdfFileName);

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

/** One file of several opened at once: its document, or why it cannot be opened. */
export const exchangeFileResultSchema = z.discriminatedUnion('status', [
  exchangeOpenResultSchema.options[1],
  exchangeOpenResultSchema.options[2],
]);

export { MAX_FILES_OPENED_AT_ONCE };

/** The answer to "open one or several files" (開く, 復元): each file's own result, in the order chosen. */
export const exchangeOpenManyResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({ status: z.literal('chosen'), files: z.array(exchangeFileResultSchema).min(1).max(MAX_FILES_OPENED_AT_ONCE) }),
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

/** How far a long job has got: `35 / 120`. */
export const progressSchema = z.strictObject({ done: z.int().min(0), total: z.int().min(0) });
/** How far an Excel export has got, in 事務事業 sheets (the 一覧 is not counted). */
export type ExcelProgress = z.output<typeof progressSchema>;

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
export type PrintProgress = z.output<typeof progressSchema>;

/** One sheet, or every sheet of a 局 and 年度 (see shared/routes.ts). */
export const printTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sheet'), id: z.uuid() }),
  z.strictObject({
    kind: z.literal('bureau'),
    bureau: z.string().min(1).max(200),
    fiscalYear: z.int().min(1989).max(2200),
    withPolicy: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('policy'), bureau: z.string().min(1).max(200), fiscalYear: z.int().min(1989).max(2200) }),
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


// ── automatic backups (backup:*) ─────────────────────────────────────────────

/** Why a backup is written: the first start of a day, or the window closing. */
export const backupReasonSchema = z.enum(['daily', 'quit']);

export const backupWriteRequestSchema = z.strictObject({
  /** The whole document: every 年度 and 局, the 局運営方針 and lockedYears. */
  file: exchangeFileSchema,
  reason: backupReasonSchema,
});

export const backupWriteResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('saved'), path: z.string(), fileName: z.string() }),
  /** The newest backup already holds this document (a quit backup right after another): nothing was written. */
  z.strictObject({ status: z.literal('unchanged'), path: z.string(), fileName: z.string() }),
  ipcErrorSchema,
]);

export const backupInfoResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ok'),
    /** Where backups are written (full path). */
    folder: z.string(),
    /** When the newest backup in that folder was taken (ISO 8601), null when there is none. */
    lastBackupAt: z.iso.datetime().nullable(),
    /** Our backups in the folder (at most 14 are kept). */
    count: z.int().min(0),
  }),
  /** No automatic backups here (the browser): the message says so and what to do instead. */
  z.strictObject({ status: z.literal('unavailable'), message: z.string() }),
  ipcErrorSchema,
]);

export const backupChooseFolderResultSchema = z.discriminatedUnion('status', [
  canceledSchema,
  z.strictObject({ status: z.literal('chosen'), folder: z.string() }),
  ipcErrorSchema,
]);
