// Two tabs on the same profile never overwrite each other's saved edits: the second opens read-only, follows what
// the first saves, and edits only after 編集を引き継ぐ, which makes the first save and step back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';

const url = inject('appUrl');
const KOIKI = '5a1e0000-0000-4000-8000-000000000002'; // 広域行政推進事業, 予算額 259
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const banner = (page: Page) => page.locator('[data-read-only-banner]');

async function openTab(page: Page): Promise<void> {
  await page.goto(`${url}#/sheet/${KOIKI}`);
  await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
  await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('広域行政推進事業');
}

describe('two tabs on one profile', () => {
  it(
    "the second is read-only and follows the first; after 編集を引き継ぐ its edit of 特記事項 keeps the first tab's 予算額",
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
      try {
        const a = await context.newPage();
        await openTab(a);
        expect(await banner(a).count()).toBe(0);

        const b = await context.newPage();
        await openTab(b);
        await banner(b).waitFor();
        expect(await banner(b).textContent()).toMatch(/この画面は閲覧のみです/);
        expect(await field(b, '予算額').getAttribute('readonly')).not.toBeNull();
        expect(await field(b, '予算額').inputValue()).toBe('259');

        // Tab A saves 111,111; tab B, read-only, shows it without a reload.
        await field(a, '予算額').fill('111111');
        await a.locator('[data-save-state="saved"]').waitFor();
        await expect.poll(() => field(b, '予算額').inputValue()).toBe('111,111');

        // B takes over: A steps back to read-only, B edits only 特記事項.
        await b.getByRole('button', { name: '編集を引き継ぐ' }).click();
        await expect.poll(() => banner(b).count()).toBe(0);
        await banner(a).waitFor();
        expect(await field(a, '予算額').getAttribute('readonly')).not.toBeNull();
        await field(b, '特記事項').fill('タブBで追記');
        await b.locator('[data-save-state="saved"]').waitFor();

        // What is stored has both edits: a fresh tab (read-only, B holds the data) reads it from IndexedDB.
        const c = await context.newPage();
        await openTab(c);
        expect(await field(c, '予算額').inputValue()).toBe('111,111');
        expect(await field(c, '特記事項').inputValue()).toBe('タブBで追記');
        await expect.poll(() => field(a, '特記事項').inputValue()).toBe('タブBで追記');
      } finally {
        await context.close();
      }
    },
    90_000,
  );
});
