// At 1366×768 an amount never breaks across lines (「△」 above 「34,432」 in the totals was the complaint), and a sheet
// name the list cuts short can be read in full by hovering it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the main window at 1366×768', () => {
  it('shows every amount on one line, and the full name of every cut sheet name on hover', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    try {
      await page.getByText('政策局の合計').waitFor();
      // Every figure in the list and the totals: the text occupies one line box (a wrapped text has more than one).
      const figures = await page.locator('.list-viewport .num, .side-pane .num').evaluateAll((elements) =>
        elements
          .filter((e) => (e.textContent ?? '').trim() !== '')
          .map((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return { text: (e.textContent ?? '').trim(), lines: lines.size };
          }),
      );
      expect(figures.length).toBeGreaterThan(20);
      expect(figures.some((f) => f.text.startsWith('△'))).toBe(true);
      expect(figures.filter((f) => f.lines !== 1)).toEqual([]);

      // Names the column cuts (「総合振興計画推進…」): each carries its full name as a tooltip.
      const names = await page.locator('.list-name').evaluateAll((elements) =>
        elements.map((e) => ({ cut: e.scrollWidth > e.clientWidth, title: e.getAttribute('title'), text: e.firstChild?.textContent ?? '' })),
      );
      const cut = names.filter((n) => n.cut);
      expect(cut.length).toBeGreaterThan(0);
      for (const name of cut) expect(name.title).toBe(name.text);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the editor at 1366×768', () => {
  it('shows the whole of every 局/部/課 and 款/項/目 name in its field', { timeout: 60_000 }, async () => {
    // 情報化推進事業 (企画総務費) and the sheet of ICT政策課番号制度整備室, the longest 課 of the seed.
    for (const id of [JOHOKA, '5a1e0000-0000-4000-8000-000000000007']) {
      const { context, page } = await openApp(browser, url, `#/sheet/${id}`);
      try {
        await page.getByLabel('事務事業名', { exact: true }).waitFor();
        const cut = await page.locator('.org-row input, .class-name input').evaluateAll((inputs) =>
          (inputs as HTMLInputElement[]).filter((i) => i.scrollWidth > i.clientWidth).map((i) => i.value),
        );
        expect(cut).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
