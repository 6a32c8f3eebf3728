// The hidden print window, Electron side of handlers/print.ts's PrintWindow port: sandboxed like every window.
import { BrowserWindow } from 'electron';
import { LAYOUT_STATUS_SCRIPT, type PrintLayoutStatus } from '../services/print-job';
import { REQUIRED_WEB_PREFERENCES } from '../services/security';
import type { PrintWindow } from './handlers/print';

/**
 * Our CSS sets A4 and the margins (@page); no browser header or footer. Electron's own margins are zero (inches) to
 * match it: `marginType` belongs to print(), printToPDF ignored it (Electron 45's types say so).
 */
const PDF_OPTIONS: Electron.PrintToPDFOptions = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  margins: { top: 0, bottom: 0, left: 0, right: 0 },
};

export async function openPrintWindow(url: string): Promise<PrintWindow> {
  const window = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { ...REQUIRED_WEB_PREFERENCES },
  });
  const destroy = () => {
    if (!window.isDestroyed()) window.destroy();
  };
  try {
    await window.loadURL(url);
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    readLayoutStatus: () => window.webContents.executeJavaScript(LAYOUT_STATUS_SCRIPT) as Promise<PrintLayoutStatus>,
    print: () =>
      new Promise((resolve) => {
        window.webContents.print({ silent: false, printBackground: true }, (success, reason) => resolve({ success, reason }));
      }),
    printToPdf: () => window.webContents.printToPDF(PDF_OPTIONS),
    destroy,
  };
}
