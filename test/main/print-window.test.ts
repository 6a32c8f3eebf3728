// The hidden print window (print-window.ts) under a fake BrowserWindow: it has exactly the required web preferences
// (context isolation, sandbox, no Node, no preload) and PDFs use only our CSS margins. Electronegativity cannot see
// preferences spread from REQUIRED_WEB_PREFERENCES; this is the proof its allow-list cites.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, REQUIRED_WEB_PREFERENCES } from '../../electron/services/security';

const created = vi.hoisted(() => [] as Array<{ options: Record<string, unknown>; calls: Array<[string, unknown]> }>);

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly record: { options: Record<string, unknown>; calls: Array<[string, unknown]> };
    readonly webContents: { printToPDF: (options: unknown) => Promise<Uint8Array> };
    constructor(options: Record<string, unknown>) {
      this.record = { options, calls: [] };
      created.push(this.record);
      this.webContents = {
        printToPDF: async (pdfOptions: unknown) => {
          this.record.calls.push(['printToPDF', pdfOptions]);
          return new Uint8Array();
        },
      };
    }
    async loadURL(url: string): Promise<void> {
      this.record.calls.push(['loadURL', url]);
    }
    isDestroyed(): boolean {
      return false;
    }
    destroy(): void {
      this.record.calls.push(['destroy', null]);
    }
  }
  return { BrowserWindow };
});

const { openPrintWindow } = await import('../../electron/main/print-window');

beforeEach(() => {
  created.length = 0;
});

describe('the print window', () => {
  it('is hidden, sandboxed and context-isolated, without Node or a preload', async () => {
    const url = `${APP_ENTRY_URL}#/print/bureau/政策局?year=2015`;
    const window = await openPrintWindow(url);
    expect(created).toHaveLength(1);
    const { options, calls } = created[0]!;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(REQUIRED_WEB_PREFERENCES);
    expect(REQUIRED_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(calls).toEqual([['loadURL', url]]);
    window.destroy();
  });

  it('asks for an A4 PDF with no margins of its own: the print CSS (@page margin 0) decides them', async () => {
    const window = await openPrintWindow(APP_ENTRY_URL);
    await window.printToPdf();
    const [, pdfOptions] = created[0]!.calls.find(([what]) => what === 'printToPDF')!;
    expect(pdfOptions).toMatchObject({
      pageSize: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    });
  });
});
