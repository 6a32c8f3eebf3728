// A quiet console: the production build under its CSP (as the desktop app sends it) loads and runs the main screens
// with no console error, no uncaught error and no CSP violation, the kind zod's eval probe used to log on every load.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/security';
import { policyHash, printBureauHash, printPolicyHash, printSheetHash, sheetHash } from '../../shared/routes';
import { launchBrowser } from './browser';

const url = inject('appUrl');
/** 情報化推進事業, one of the sample's sheets. */
const SHEET_ID = '5a1e0000-0000-4000-8000-000000000008';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
});

interface Noise {
  console: string[];
  pageErrors: string[];
  violations: string[];
}

declare global {
  interface Window {
    /** Exposed by the test: reports a violation to Node, so reloads and navigations lose none. */
    __yosanCspViolation?: (text: string) => void;
  }
}

/**
 * A fresh profile whose page reports everything a user's console would show in red: console errors, uncaught errors
 * and (from an init script that runs before the app's) every `securitypolicyviolation`, even one the code caught.
 */
async function watchedPage(): Promise<{ context: BrowserContext; page: Page; noise: () => Promise<Noise> }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  context.setDefaultTimeout(20_000);
  const violations: string[] = [];
  await context.exposeFunction('__yosanCspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__yosanCspViolation?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? `: ${e.sample}` : ''}`);
    });
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return {
    context,
    page,
    noise: async () => {
      // A round trip through the page, so a report still on its way arrives first.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      return { console: consoleErrors, pageErrors, violations };
    },
  };
}

const QUIET: Noise = { console: [], pageErrors: [], violations: [] };

describe('the console stays quiet', () => {
  it('the test server sends the desktop app’s CSP, so what is quiet here is quiet in the app', async () => {
    const response = await fetch(url);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('the watch itself: an eval the CSP refuses is reported as a violation, as zod\'s caught probe was', async () => {
    const { context, page, noise } = await watchedPage();
    try {
      await page.goto(url);
      await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
      // A string timer compiles in the page, under its CSP (a test's own evaluate is exempt from it).
      await page.evaluate(() => {
        (setTimeout as (code: string, ms: number) => number)('void 0', 0);
      });
      // Chromium reports one refused eval twice (so zod's one probe showed as two violations).
      await expect.poll(async () => (await noise()).violations).toEqual(expect.arrayContaining([expect.stringContaining('script-src blocked eval')]));
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the sheet editor: first load, choosing a sheet, typing 予算額 until 保存済み, reloading', async () => {
    const { context, page, noise } = await watchedPage();
    try {
      await page.goto(url);
      const list = page.getByRole('listbox', { name: '事務事業シート' });
      await list.waitFor();
      await list.getByText('情報化推進事業', { exact: true }).click();
      await expect.poll(() => page.getByLabel('事務事業名', { exact: true }).inputValue()).toBe('情報化推進事業');
      const amount = page.getByLabel('予算額', { exact: true });
      await amount.click();
      await amount.press('Control+A');
      await amount.pressSequentially('2800000');
      await amount.press('Tab');
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.goto(`${url}${sheetHash(SHEET_ID)}`);
      await page.reload();
      await expect.poll(() => page.getByLabel('事務事業名', { exact: true }).inputValue()).toBe('情報化推進事業');
      expect(await noise()).toEqual(QUIET);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the 局運営方針 screen and its print preview (印刷/PDF)', async () => {
    const { context, page, noise } = await watchedPage();
    try {
      await page.goto(`${url}${policyHash('政策局', 2015)}`);
      await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();
      await page.getByRole('button', { name: '印刷/PDF' }).click();
      const preview = page.getByRole('dialog', { name: /印刷プレビュー/ });
      await preview.waitFor();
      await page.waitForSelector('html[data-print-ready="true"] [data-print-preview] [data-print-page]');
      await preview.getByRole('button', { name: '閉じる' }).click();
      await preview.waitFor({ state: 'detached' });
      expect(await noise()).toEqual(QUIET);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the print views: one sheet, the whole 局, the 局運営方針', async () => {
    const { context, page, noise } = await watchedPage();
    try {
      for (const hash of [printSheetHash(SHEET_ID), printBureauHash('政策局', 2015), printPolicyHash('政策局', 2015)]) {
        await page.goto(`${url}${hash}`);
        await page.waitForSelector('html[data-print-ready="true"] [data-print-page]');
      }
      expect(await noise()).toEqual(QUIET);
    } finally {
      await context.close();
    }
  }, 60_000);
});
