// The preload: exposes window.desktop with exactly one method per contract channel; never ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CLOSE_FLUSH, EXCEL_PROGRESS, PRINT_PROGRESS, type Channel } from '../../shared/ipc/channels';
// Types only: the sandboxed preload bundle must not carry zod or the schemas.
import type { DesktopApi, RequestInput, ResultOf } from '../../shared/ipc/contract';
import type { ExcelProgress, PrintProgress } from '../../shared/ipc/schemas';

/** Typed for this file only; not exposed. Main validates the payload and answers with a value. */
function invoke<C extends Channel>(channel: C, ...request: [RequestInput<C>] | []): Promise<ResultOf<C>> {
  return ipcRenderer.invoke(channel, ...request) as Promise<ResultOf<C>>;
}

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
  onBeforeClose: (flush) => {
    ipcRenderer.removeAllListeners(CLOSE_FLUSH.request);
    ipcRenderer.on(CLOSE_FLUSH.request, () => {
      void flush()
        .catch(() => undefined)
        .finally(() => ipcRenderer.send(CLOSE_FLUSH.done));
    });
  },
  onExcelProgress: (listener) => {
    // Only the two numbers cross into the page, never the event (it carries the sender).
    const forward = (_event: IpcRendererEvent, progress: ExcelProgress) =>
      listener({ done: Number(progress.done), total: Number(progress.total) });
    ipcRenderer.on(EXCEL_PROGRESS, forward);
    return () => {
      ipcRenderer.removeListener(EXCEL_PROGRESS, forward);
    };
  },
  onPrintProgress: (listener) => {
    const forward = (_event: IpcRendererEvent, progress: PrintProgress) =>
      listener({ done: Number(progress.done), total: Number(progress.total) });
    ipcRenderer.on(PRINT_PROGRESS, forward);
    return () => {
      ipcRenderer.removeListener(PRINT_PROGRESS, forward);
    };
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', Object.freeze(api));
