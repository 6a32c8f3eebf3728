// Printing a 局 with its 局運営方針 in Debian's Chromium: `#/print/bureau/<局>?year=<FY>&policy=1` gives the policy's
// pages then one page per sheet (page.pdf, A4, checked with pdfinfo and pdftotext); without the flag the route still
// gives the sheets alone; on the policy screen the toolbar's 印刷/PDF previews the policy, and 局全体を印刷 offers
// 局運営方針を含める. Each test makes at most one PDF and has its own measured time limit.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { policyHash, printBureauHash, printPolicyHash } from '../../shared/routes';
import { pdfPageCount, pdfText, squeeze, usePrintHarness } from './print-harness';

/*
 * Time limits, from measurements on the 2-core development machine (Debian's Chromium, poppler): this file alone, and
 * with `test/e2e/print.test.ts test/e2e/print-policy.test.ts test/e2e/editor.test.ts` in parallel:
 *   the policy route, then the combined PDF and its text     4.0 s alone      2.6 s with them
 *   the plain bureau PDF                                      2.4 s alone      2.0 s with them
 *   the previews on the policy screen (three dialogs)         3.1 s alone      2.3 s with them
 *   the preview of a 年度 without a policy                     2.2 s alone      1.2 s with them
 * (Launching Chromium in beforeAll: 0.2–1.1 s, as in print.test.ts.) Each limit is about 15× or more the slowest figure
 * measured (one run each, so the margin is generous on purpose); one playwright wait gives up after WAIT_MS first, so a
 * stuck page reports what it was waiting for rather than a bare time-out.
 */
const LAUNCH_TIMEOUT_MS = 30_000;
const PDF_TIMEOUT_MS = 60_000;
const PREVIEW_TIMEOUT_MS = 60_000;
const WAIT_MS = 20_000;

const url = inject('appUrl');
const { tempDir, newPage } = usePrintHarness('yosan-print-bureau-policy-', { launchMs: LAUNCH_TIMEOUT_MS, waitMs: WAIT_MS });


/** What main waits for (LAYOUT_STATUS_SCRIPT): the ready flag with every `.print-page` fitted. */
async function waitReady(page: Page): Promise<{ total: number; fitted: number }> {
  await page.waitForSelector('html[data-print-ready="true"] .print-page[data-fitted="true"]');
  return page.evaluate(() => ({
    total: document.querySelectorAll('.print-page').length,
    fitted: document.querySelectorAll('.print-page[data-fitted="true"]').length,
  }));
}

/** The policy's own page count, from its print route. */
async function policyPages(page: Page): Promise<number> {
  await page.goto(`${url}${printPolicyHash('政策局', 2015)}`);
  const { total } = await waitReady(page);
  return total;
}

async function pdfOf(page: Page, hash: string, name: string): Promise<{ pdf: string; domPages: number }> {
  await page.goto(`${url}${hash}`);
  // A fresh hash on the same document: wait for the previous view's flag to go before waiting for the new one.
  await page.reload();
  const { total, fitted } = await waitReady(page);
  expect(fitted).toBe(total);
  const pdf = join(tempDir(), `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  return { pdf, domPages: total };
}

describe('printing a 局 with its 局運営方針 (PDF through Chromium, A4)', () => {
  it(
    '&policy=1 gives the policy first, then the ten sheets',
    async () => {
      const page = await newPage();
      const policy = await policyPages(page);
      expect(policy).toBeGreaterThan(1);
      const { pdf, domPages } = await pdfOf(page, `${printBureauHash('政策局', 2015)}&policy=1`, 'combined');
      const pages = pdfPageCount(pdf);
      expect(pages).toBe(policy + 10);
      expect(pages).toBe(domPages);
      expect(squeeze(pdfText(pdf, 1))).toContain('政策局平成27年度局運営方針（案）');
      // The policy's last page ends with the 見直し total; the next is the first sheet (its footer reads 1 / 10).
      expect(squeeze(pdfText(pdf, policy))).toContain(squeeze('△ 143,791'));
      expect(squeeze(pdfText(pdf, policy + 1))).toContain('1/10');
      expect(squeeze(pdfText(pdf, pages))).toContain('10/10');
    },
    PDF_TIMEOUT_MS,
  );

  it(
    'the bureau route without the flag still gives the ten sheets alone',
    async () => {
      const page = await newPage();
      const { pdf, domPages } = await pdfOf(page, printBureauHash('政策局', 2015), 'plain');
      expect(pdfPageCount(pdf)).toBe(10);
      expect(domPages).toBe(10);
      expect(squeeze(pdfText(pdf, 1))).not.toContain('局運営方針（案）');
    },
    PDF_TIMEOUT_MS,
  );

  it(
    'on the policy screen, 印刷/PDF previews the policy; 局全体を印刷 offers 局運営方針を含める',
    async () => {
      const page = await newPage();
      await page.goto(`${url}${policyHash('政策局', 2015)}`);
      await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();

      await page.getByRole('button', { name: '印刷/PDF' }).click();
      const preview = page.getByRole('dialog', { name: /印刷プレビュー.*局運営方針/ });
      await preview.waitFor();
      await page.waitForSelector('html[data-print-ready="true"] [data-print-preview] [data-print-page]');
      const policy = await preview.locator('[data-print-page]').count();
      expect(policy).toBeGreaterThan(1);
      expect(await preview.getByRole('button', { name: 'PDFに保存' }).isEnabled()).toBe(true);
      await preview.getByRole('button', { name: '閉じる' }).click();
      await preview.waitFor({ state: 'detached' });

      // Ctrl+P on the policy screen opens the same preview.
      await page.keyboard.press('Control+p');
      await preview.waitFor();
      await preview.getByRole('button', { name: '閉じる' }).click();
      await preview.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: '局全体を印刷' }).click();
      const bureau = page.getByRole('dialog', { name: /印刷プレビュー/ });
      const include = bureau.getByRole('checkbox', { name: '局運営方針を含める' });
      expect(await include.isChecked()).toBe(true);
      // The browser prints the preview and counts its pages: the policy's, then the ten sheets.
      await expect.poll(() => bureau.locator('[data-print-page]').count(), { timeout: WAIT_MS }).toBe(policy + 10);
      await page.waitForSelector('html[data-print-ready="true"]');
      expect(await bureau.locator('[data-print-page]').first().textContent()).toContain('局運営方針（案）');
      await include.uncheck();
      await expect.poll(() => bureau.locator('[data-print-page]').count(), { timeout: WAIT_MS }).toBe(10);
    },
    PREVIEW_TIMEOUT_MS,
  );

  it(
    'a 局 and 年度 without a policy offers no checkbox',
    async () => {
      const page = await newPage();
      // 2016 has no policy in the sample: the policy screen of that year puts the toolbar's scope on it.
      await page.goto(`${url}${policyHash('政策局', 2016)}`);
      await page.getByRole('button', { name: '局全体を印刷' }).click();
      const bureau = page.getByRole('dialog', { name: /印刷プレビュー/ });
      await bureau.waitFor();
      expect(await bureau.getByRole('checkbox', { name: '局運営方針を含める' }).count()).toBe(0);
    },
    PREVIEW_TIMEOUT_MS,
  );
});
