// The preload: exposes window.desktop with exactly one method per contract channel and one listener per event;
// never ipcRenderer, a generic invoke or a generic listener.
import { contextBridge, ipcRenderer } from 'electron';
import { FLUSH_DONE, type Channel, type MainEvent } from '../../shared/ipc/channels';
// Types only: the sandboxed preload bundle must not carry zod or the schemas.
import type { DesktopApi, EventPayload, RequestInput, ResultOf } from '../../shared/ipc/contract';

/** Typed for this file only; not exposed. Main validates the payload and answers with a value. */
function invoke<C extends Channel>(channel: C, ...request: [RequestInput<C>] | []): Promise<ResultOf<C>> {
  return ipcRenderer.invoke(channel, ...request) as Promise<ResultOf<C>>;
}

type ProgressEvent = 'excel:progress' | 'print:progress';
type Progress = EventPayload<ProgressEvent>;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The two counts, copied; null for anything else (main sends only what the contract's schema accepts). */
function progressOf(payload: unknown): Progress | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { done, total } = payload as Record<string, unknown>;
  return isCount(done) && isCount(total) ? { done, total } : null;
}

/**
 * Listens to one progress event. Only the copied counts cross into the page, never the IPC event (it carries
 * the sender). Returns a function that stops listening.
 */
function onProgress(event: ProgressEvent, listener: (progress: Progress) => void): () => void {
  const forward = (_event: unknown, payload: unknown) => {
    const progress = progressOf(payload);
    if (progress !== null) listener(progress);
  };
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

const FLUSH_REQUEST = 'window:flush-request' satisfies MainEvent;

const api = {
  openExchangeFile: () => invoke('exchange:open'),
  saveExchangeFile: (request) => invoke('exchange:save', request),
  getAppInfo: () => invoke('app:info'),
  exportExcel: (request) => invoke('excel:export', request),
  cancelExcelExport: () => invoke('excel:cancel'),
  importExcel: () => invoke('excel:import'),
  printSheets: (request) => invoke('print:print', request),
  savePdf: (request) => invoke('print:pdf', request),
  cancelPrint: () => invoke('print:cancel'),
  writeBackup: (request) => invoke('backup:write', request),
  getBackupInfo: () => invoke('backup:info'),
  chooseBackupFolder: () => invoke('backup:choose'),
  restoreBackup: () => invoke('backup:restore'),
  onBeforeClose: (flush) => {
    // One flush at a time: registering again replaces the previous one.
    ipcRenderer.removeAllListeners(FLUSH_REQUEST);
    ipcRenderer.on(FLUSH_REQUEST, () => {
      void flush()
        .catch(() => undefined)
        .finally(() => ipcRenderer.send(FLUSH_DONE));
    });
  },
  onExcelProgress: (listener) => onProgress('excel:progress', listener),
  onPrintProgress: (listener) => onProgress('print:progress', listener),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', Object.freeze(api));
