// A 局 with hundreds of problems: the checks panel counts them all, lists 200 at a time and shows the rest on request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkSheet } from '../../shared/domain/sheet';
import type { Sheet } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample } from '../helpers/sample';
import { launchBrowser, openApp, openExchangeFileInApp } from './browser';

let browser: Browser;
const url = inject('appUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the checks panel with 250 more problems', () => {
  it('counts every error, lists 200 rows, and さらに表示 lists the rest', { timeout: 120_000 }, async () => {
    const sample = loadSample();
    const base = sample.sheets[0]!;
    // 250 sheets without 予算額: one error each (and whatever else checkSheet finds), in the sample's 局 and 年度.
    const extra: Sheet[] = Array.from({ length: 250 }, (_, i) => ({
      ...base,
      id: `9b1e0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `予算額未入力の事業${i + 1}`,
      amount: null,
    }));
    const all = [...sample.sheets, ...extra];
    const sheetProblems = all.flatMap((s) => checkSheet(s, 0));
    const errors = sheetProblems.filter((p) => p.severity === 'error').length;
    expect(sheetProblems.length).toBeGreaterThan(250);

    const file = join(mkdtempSync(join(tmpdir(), 'yosan-problems-')), 'many.yosan.json');
    writeFileSync(file, writeExchangeFile({ ...sample, sheets: extra }));
    const { context, page, errors: consoleErrors } = await openApp(browser, url);
    try {
      await openExchangeFileInApp(page, file);
      const panel = page.getByRole('region', { name: 'チェック結果' });
      // The header counts the sheets' errors (the 局運営方針 adds warnings only).
      await expect.poll(() => panel.locator('.counts').textContent(), { timeout: 30_000 }).toContain(`エラー ${errors}・`);
      const sheetRows = panel.locator('li.problem');
      const policyRows = await panel.locator('li.problem', { hasText: '局運営方針' }).count();
      expect(await sheetRows.count()).toBe(200 + policyRows);
      const more = panel.getByRole('button', { name: `さらに表示（ほかに ${sheetProblems.length - 200} 件）` });
      await more.click();
      await expect.poll(() => sheetRows.count()).toBe(Math.min(400, sheetProblems.length) + policyRows);
      if (sheetProblems.length <= 400) expect(await more.count()).toBe(0);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
