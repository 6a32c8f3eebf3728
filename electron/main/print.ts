// Printing and PDF (thin Electron glue): the print route is laid out in a hidden window of our own app, then
// printed with the system dialog or turned into one A4 PDF and saved safely. Waiting lives in services/print-job.ts.
import path from 'node:path';
import { app, BrowserWindow, type WebContents } from 'electron';
import { PRINT_PROGRESS } from '../../shared/ipc/channels';
import type { PdfResult, PrintResult } from '../../shared/ipc/contract';
import { printTargetHash, type PrintTarget } from '../../shared/routes';
import type { Dialogs } from './dialogs';
import type { Handlers } from './ipc/register';
import { APP_ENTRY_URL, REQUIRED_WEB_PREFERENCES } from '../services/security';
import { writeFileAtomic } from '../services/files';
import { LAYOUT_STATUS_SCRIPT, waitForLayout, type PrintLayoutStatus } from '../services/print-job';

let running: AbortController | null = null;

const BUSY = '印刷またはPDF作成を実行中です。終わってからもう一度お試しください。';

/** Opens the print route in a hidden window and waits until every page is laid out. */
async function layOut(target: PrintTarget, sender: WebContents, signal: AbortSignal) {
  const window = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { ...REQUIRED_WEB_PREFERENCES },
  });
  await window.loadURL(`${APP_ENTRY_URL}${printTargetHash(target)}`);
  const outcome = await waitForLayout({
    readStatus: () => window.webContents.executeJavaScript(LAYOUT_STATUS_SCRIPT) as Promise<PrintLayoutStatus>,
    signal,
    onProgress: (done, total) => {
      if (!sender.isDestroyed()) sender.send(PRINT_PROGRESS, { done, total });
    },
  });
  if (outcome.status !== 'ready') window.destroy();
  return { window, outcome };
}

export function printHandlers(dialogs: Dialogs): Pick<Handlers, 'print:print' | 'print:pdf' | 'print:cancel'> {
  return {
    'print:print': async ({ target }, event): Promise<PrintResult> => {
      if (running) return { status: 'error', message: BUSY };
      const controller = new AbortController();
      running = controller;
      try {
        const { window, outcome } = await layOut(target, event.sender as WebContents, controller.signal);
        if (outcome.status !== 'ready') return outcome;
        return await new Promise<PrintResult>((resolve) => {
          window.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
            window.destroy();
            if (success) resolve({ status: 'printed', pages: outcome.pages });
            else if (reason === 'cancelled') resolve({ status: 'canceled' });
            else resolve({ status: 'error', message: `印刷できませんでした（${reason}）。プリンターの状態を確かめて、もう一度印刷してください。` });
          });
        });
      } finally {
        running = null;
      }
    },

    'print:pdf': async ({ target, suggestedName }, event): Promise<PdfResult> => {
      if (running) return { status: 'error', message: BUSY };
      const options = {
        title: 'PDFに保存',
        buttonLabel: '保存',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const chosen = await dialogs.save(options);
      if (chosen.canceled || !chosen.filePath) return { status: 'canceled' };
      const filePath = chosen.filePath.toLowerCase().endsWith('.pdf') ? chosen.filePath : `${chosen.filePath}.pdf`;
      const controller = new AbortController();
      running = controller;
      try {
        const { window, outcome } = await layOut(target, event.sender as WebContents, controller.signal);
        if (outcome.status !== 'ready') return outcome;
        let pdf: Buffer;
        try {
          // Our CSS sets A4 and the margins (@page); no browser header or footer.
          pdf = await window.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, margins: { marginType: 'none' } });
        } finally {
          window.destroy();
        }
        if (controller.signal.aborted) return { status: 'canceled' };
        const written = await writeFileAtomic(filePath, pdf);
        if (!written.ok) return { status: 'error', message: written.message };
        return { status: 'saved', path: filePath, fileName: path.basename(filePath), pages: outcome.pages };
      } finally {
        running = null;
      }
    },

    'print:cancel': () => {
      const job = running;
      job?.abort();
      return { status: 'ok', canceled: job !== null };
    },
  };
}
