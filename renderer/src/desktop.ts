// The only file that touches window.desktop: the Electron preload's API when present, else a browser implementation.
/// <reference types="vite/client" />
import { writeExchangeFile } from '../../shared/exchange/write';
import { downloadBlob } from './download';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import { ipcMessages } from '../../shared/ipc/messages';
import { describeUndecodable, exchangeOpenFailure, exchangeOpenResultFromText } from '../../shared/ipc/open-result';
import { MAX_FILES_OPENED_AT_ONCE } from '../../shared/ipc/limits';
// Types only at start-up: the contract's schemas are built when the browser version first validates a request.
import type {
  AppInfoResult,
  DesktopApi,
  ExcelCancelResult,
  ExcelExportRequest,
  ExcelExportResult,
  ExcelImportResult,
  ExchangeFileResult,
  ExchangeOpenManyResult,
  ExchangeSaveRequest,
  ExchangeSaveResult,
  PdfResult,
  PrintResult,
} from '../../shared/ipc/contract';
import type { BackupChooseFolderResult, BackupInfoResult, BackupRestoreResult, BackupWriteResult } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (`npm run web`, end-to-end tests). */
    readonly desktop?: DesktopApi;
  }
}

/** The web mode's export endpoint (see electron/services/excel/web-export.ts). */
const WEB_EXCEL_URL = '/__yosan/excel';

/** `attachment; filename*=UTF-8''…` → the file name. */
function fileNameFromDisposition(header: string | null): string | null {
  const encoded = header ? /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1] : undefined;
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** Lets the user pick one file; null when the dialog is dismissed. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Lets the user pick one or several files; [] when the dialog is dismissed. */
function pickFiles(accept: string): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = true;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

/** One picked exchange file read as main reads one: its document or its problems (too large, not UTF-8, invalid). */
async function readPickedExchangeFile(file: File): Promise<ExchangeFileResult> {
  if (file.size > MAX_EXCHANGE_FILE_BYTES) return exchangeOpenFailure(file.name, ipcMessages.fileTooLarge(file.name, MAX_EXCHANGE_FILE_BYTES));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return exchangeOpenFailure(file.name, `ファイル「${file.name}」を読み込めませんでした。もう一度選んでください。`);
  }
  const text = decodeUtf8(bytes);
  if (text === null) return exchangeOpenFailure(file.name, describeUndecodable(file.name, bytes));
  return exchangeOpenResultFromText(file.name, text);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}


function appVersion(): string {
  const version: unknown = import.meta.env.VITE_APP_VERSION;
  return typeof version === 'string' ? version : '開発版';
}

/** 復元 in the browser: a backup the user saved with 書き出し, read like 開く; one file, for the merge preview. */
async function pickBackupFile(): Promise<BackupRestoreResult> {
  const file = await pickFile('.json,application/json');
  if (file === null) return { status: 'canceled' };
  if (file.size > MAX_EXCHANGE_FILE_BYTES) {
    return { status: 'chosen', files: [exchangeOpenFailure(file.name, ipcMessages.fileTooLarge(file.name, MAX_EXCHANGE_FILE_BYTES))] };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { status: 'error', message: `ファイル「${file.name}」を読み込めませんでした。もう一度選んでください。` };
  }
  const text = decodeUtf8(bytes);
  const opened = text === null ? exchangeOpenFailure(file.name, describeUndecodable(file.name, bytes)) : exchangeOpenResultFromText(file.name, text);
  return { status: 'chosen', files: [opened] };
}

/** The same API without Electron: an <input type=file> to open, a download to save. Same messages as main. */
export const browserDesktop = {
  async openExchangeFile(): Promise<ExchangeOpenManyResult> {
    const files = await pickFiles('.json,application/json');
    if (files.length === 0) return { status: 'canceled' };
    if (files.length > MAX_FILES_OPENED_AT_ONCE) return { status: 'error', message: ipcMessages.tooManyFiles(MAX_FILES_OPENED_AT_ONCE) };
    const results: ExchangeFileResult[] = [];
    for (const file of files) results.push(await readPickedExchangeFile(file));
    return { status: 'chosen', files: results };
  },

  async saveExchangeFile(request: ExchangeSaveRequest): Promise<ExchangeSaveResult> {
    // The same validation main applies, so a bad payload fails the same way in both.
    const { contract } = await import('../../shared/ipc/contract');
    const parsed = contract['exchange:save'].request.safeParse(request);
    if (!parsed.success) return { status: 'error', message: ipcMessages.invalidRequest };
    const { file, suggestedName } = parsed.data;
    try {
      downloadBlob(suggestedName, new Blob([writeExchangeFile(file)], { type: 'application/json' }));
    } catch {
      return { status: 'error', message: ipcMessages.unexpected };
    }
    return { status: 'saved', path: suggestedName, fileName: suggestedName };
  },

  async getAppInfo(): Promise<AppInfoResult> {
    return { status: 'ok', version: appVersion(), platform: `web (${navigator.platform || '不明'})` };
  },

  // Excel is written by exceljs in Node. In the web mode (`npm run web`) the dev server runs the same export
  // (POST /__yosan/excel) and the browser downloads the workbook; a plain static host has no such endpoint.
  async exportExcel(request: ExcelExportRequest): Promise<ExcelExportResult> {
    const { contract } = await import('../../shared/ipc/contract');
    const parsed = contract['excel:export'].request.safeParse(request);
    if (!parsed.success) return { status: 'error', message: ipcMessages.invalidRequest };
    let response: Response;
    try {
      response = await fetch(WEB_EXCEL_URL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    } catch {
      return { status: 'error', message: ipcMessages.excelExportUnavailable };
    }
    if (response.status === 404 || response.status === 405) return { status: 'error', message: ipcMessages.excelExportUnavailable };
    if (!response.ok) {
      const answer = (await response.json().catch(() => null)) as { message?: unknown } | null;
      return { status: 'error', message: typeof answer?.message === 'string' ? answer.message : ipcMessages.unexpected };
    }
    const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? 'yosan.xlsx';
    downloadBlob(fileName, await response.blob());
    return { status: 'saved', path: fileName, fileName, sheetCount: Number(response.headers.get('X-Yosan-Sheet-Count') ?? 0) };
  },

  async cancelExcelExport(): Promise<ExcelCancelResult> {
    return { status: 'ok', canceled: false };
  },

  async importExcel(): Promise<ExcelImportResult> {
    return { status: 'error', message: ipcMessages.excelUnavailable };
  },

  // A browser tab has no close handshake; the app flushes on pagehide, visibilitychange and beforeunload instead.
  onBeforeClose: () => undefined,

  // Nothing is exported in the browser, so there is never progress to report.
  onExcelProgress: () => () => undefined,

  // The browser prints the page itself: the in-app preview is on screen and the print CSS keeps only its pages.
  async printSheets(): Promise<PrintResult> {
    window.print();
    return { status: 'printed', pages: document.querySelectorAll('[data-print-preview] [data-print-page]').length };
  },

  async savePdf(): Promise<PdfResult> {
    return { status: 'error', message: ipcMessages.pdfInBrowser };
  },

  async cancelPrint(): Promise<ExcelCancelResult> {
    return { status: 'ok', canceled: false };
  },

  // Printing in the browser is one synchronous dialog: no progress to report.
  onPrintProgress: () => () => undefined,

  // A browser tab cannot write into a folder of its own choosing: no automatic backups, the renderer writes none.
  async writeBackup(): Promise<BackupWriteResult> {
    return { status: 'error', message: ipcMessages.backupUnavailable };
  },

  async getBackupInfo(): Promise<BackupInfoResult> {
    return { status: 'unavailable', message: ipcMessages.backupUnavailable };
  },

  async chooseBackupFolder(): Promise<BackupChooseFolderResult> {
    return { status: 'error', message: ipcMessages.backupUnavailable };
  },

  restoreBackup: pickBackupFile,
} satisfies DesktopApi;

/** Whether we run inside the desktop app (a real file system, dialogs) rather than a browser tab. */
export const isDesktopApp = typeof window !== 'undefined' && window.desktop !== undefined;

/** The desktop API for the rest of the renderer. */
export const desktop: DesktopApi = (typeof window !== 'undefined' ? window.desktop : undefined) ?? browserDesktop;
