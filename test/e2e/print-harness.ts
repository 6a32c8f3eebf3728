// What the print tests share: one Chromium and one temporary folder per test file, pages in fresh contexts (each its
// own IndexedDB, filled with the sample on first run) with a wait limit, and poppler's reading of the PDFs made.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { launchBrowser } from './browser';

export interface PrintHarness {
  /** The file's temporary folder, removed after its last test. */
  tempDir(): string;
  /** A page in a fresh context at 900×1200; the caller closes the context. */
  openPage(): Promise<Page>;
  /** The same, closed when the test ends however it ends. */
  newPage(): Promise<Page>;
}

/** Registers beforeAll/afterAll for the calling test file. `waitMs`: one playwright wait gives up after this. */
export function usePrintHarness(tempPrefix: string, limits: { launchMs: number; waitMs: number }): PrintHarness {
  let dir: string | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), tempPrefix));
    browser = await launchBrowser();
  }, limits.launchMs);
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, limits.launchMs);

  const openPage = async (): Promise<Page> => {
    if (!browser) throw new Error('no browser: beforeAll failed');
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, locale: 'ja-JP' });
    context.setDefaultTimeout(limits.waitMs);
    context.setDefaultNavigationTimeout(limits.waitMs);
    return context.newPage();
  };
  return {
    tempDir: () => {
      if (!dir) throw new Error('no temporary folder: beforeAll failed');
      return dir;
    },
    openPage,
    newPage: async () => {
      const page = await openPage();
      onTestFinished(() => page.context().close());
      return page;
    },
  };
}

/** Pages of a PDF, as pdfinfo counts them. */
export const pdfPageCount = (pdf: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

/**
 * The text of a PDF or of one page. Reading order by default (a table cell's lines stay together); `layout` keeps a
 * row's label and figure on one line.
 */
export const pdfText = (pdf: string, pageNo?: number, options: { layout?: boolean } = {}): string =>
  execFileSync(
    'pdftotext',
    [...(pageNo ? ['-f', String(pageNo), '-l', String(pageNo)] : []), ...(options.layout ? ['-layout'] : []), pdf, '-'],
    { encoding: 'utf8' },
  );

/** pdftotext breaks a long name across lines or columns: compare without white space. */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
