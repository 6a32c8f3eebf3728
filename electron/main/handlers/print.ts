// print:print, print:pdf and print:cancel: the print route is laid out in a hidden window of our own app, then printed
// with the system dialog or turned into one A4 PDF and saved atomically. Waiting lives in services/print-job.ts.
import path from 'node:path';
import type { IpcError, PdfResult, PrintResult } from '../../../shared/ipc/contract';
import { printTargetHash, type PrintTarget } from '../../../shared/routes';
import type { Handlers } from '../ipc/register';
import { windowEvents } from '../ipc/events';
import { createJobSlot, type JobSlot, type ProgressReport } from '../job-slot';
import { writeFileAtomic, type WriteResult } from '../../services/files';
import { waitForLayout, type LayoutOutcome, type PrintLayoutStatus, type WaitOptions } from '../../services/print-job';
import { APP_ENTRY_URL } from '../../services/security';
import type { DialogPort, DocumentsFolder } from './ports';

/** A hidden window showing a print route (print-window.ts makes the real one). */
export interface PrintWindow {
  /** The page's layout status (LAYOUT_STATUS_SCRIPT run in the page). */
  readLayoutStatus(): Promise<PrintLayoutStatus>;
  /** The system print dialog; `reason` is Electron's failure reason, `cancelled` when the user closed the dialog. */
  print(): Promise<{ success: boolean; reason: string }>;
  /** The laid-out pages as one PDF. */
  printToPdf(): Promise<Uint8Array>;
  destroy(): void;
}

export interface PrintPorts {
  dialogs: DialogPort;
  documentsFolder: DocumentsFolder;
  /** Opens `url` in a new hidden window and resolves once it has loaded. */
  openPrintWindow: (url: string) => Promise<PrintWindow>;
  /** Writes the PDF; writeFileAtomic (temporary file, fsync, rename) unless a test says otherwise. */
  writeFile?: (filePath: string, data: Uint8Array) => Promise<WriteResult>;
  /** The layout's polling and time limit, for tests. */
  layoutTiming?: Pick<WaitOptions, 'pollMs' | 'timeoutMs' | 'sleep' | 'now'>;
}

export const PRINT_BUSY = '印刷またはPDF作成を実行中です。終わってからもう一度お試しください。';

/** The message when the system print dialog fails for another reason than the user's cancel. */
export function printFailedMessage(reason: string): string {
  return `印刷できませんでした（${reason}）。プリンターの状態を確かめて、もう一度印刷してください。`;
}

/** `.pdf` added when the user typed a name without it. */
export function withPdfExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith('.pdf') ? filePath : `${filePath}.pdf`;
}

export function createPrintHandlers(ports: PrintPorts): Pick<Handlers, 'print:print' | 'print:pdf' | 'print:cancel'> {
  const writeFile = ports.writeFile ?? ((filePath, data) => writeFileAtomic(filePath, data));
  const jobs: JobSlot<IpcError> = createJobSlot({ busy: () => ({ status: 'error', message: PRINT_BUSY }) });

  /** Opens the print route and waits until every page is laid out; the window is closed unless it is ready. */
  async function layOut(
    target: PrintTarget,
    signal: AbortSignal,
    progress: ProgressReport,
  ): Promise<{ window: PrintWindow; outcome: LayoutOutcome }> {
    const window = await ports.openPrintWindow(`${APP_ENTRY_URL}${printTargetHash(target)}`);
    let outcome: LayoutOutcome | undefined;
    try {
      outcome = await waitForLayout({
        ...ports.layoutTiming,
        readStatus: () => window.readLayoutStatus(),
        signal,
        onProgress: progress,
      });
      return { window, outcome };
    } finally {
      if (outcome?.status !== 'ready') window.destroy();
    }
  }

  return {
    'print:print': ({ target }, event) => {
      const events = windowEvents(event.sender);
      return jobs.run<PrintResult>(
        async (signal, progress) => {
          const { window, outcome } = await layOut(target, signal, progress);
          if (outcome.status !== 'ready') return outcome;
          try {
            const printed = await window.print();
            if (printed.success) return { status: 'printed', pages: outcome.pages };
            if (printed.reason === 'cancelled') return { status: 'canceled' };
            return { status: 'error', message: printFailedMessage(printed.reason) };
          } finally {
            window.destroy();
          }
        },
        (done, total) => events.send('print:progress', { done, total }),
      );
    },

    'print:pdf': ({ target, suggestedName }, event) => {
      const events = windowEvents(event.sender);
      // The slot is taken before the dialog: a second request while it is open is told to wait.
      return jobs.run<PdfResult>(
        async (signal, progress) => {
          const chosen = await ports.dialogs.save({
            title: 'PDFに保存',
            buttonLabel: '保存',
            defaultPath: path.join(ports.documentsFolder(), suggestedName),
            filters: [{ name: 'PDF', extensions: ['pdf'] }],
          });
          if (chosen.canceled || !chosen.filePath || signal.aborted) return { status: 'canceled' };
          const filePath = withPdfExtension(chosen.filePath);
          const { window, outcome } = await layOut(target, signal, progress);
          if (outcome.status !== 'ready') return outcome;
          let pdf: Uint8Array;
          try {
            pdf = await window.printToPdf();
          } finally {
            window.destroy();
          }
          if (signal.aborted) return { status: 'canceled' };
          const written = await writeFile(filePath, pdf);
          if (!written.ok) return { status: 'error', message: written.message };
          return { status: 'saved', path: filePath, fileName: path.basename(filePath), pages: outcome.pages };
        },
        (done, total) => events.send('print:progress', { done, total }),
      );
    },

    'print:cancel': () => ({ status: 'ok', canceled: jobs.cancel() }),
  };
}
