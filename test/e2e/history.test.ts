// 履歴 in Chromium: the version kept when editing starts, shown beside today's, この版に戻す, and 元に戻す taking it back.
import type { Browser, Page } from 'playwright-core';
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

const list = (page: Page) => page.getByRole('listbox', { name: '事務事業シート' });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const savedIndicator = (page: Page) => page.locator('[data-save-state="saved"]');
const dialog = (page: Page) => page.getByRole('dialog', { name: /^履歴/ });
const versionButtons = (page: Page) => dialog(page).getByRole('region', { name: '保存された版' }).getByRole('button');
const comparison = (page: Page) => dialog(page).getByRole('region', { name: 'この版と現在の違い' });

describe('履歴 of a sheet', () => {
  it('keeps the sheet as it was when editing started, shows it beside today, puts it back, and 元に戻す undoes that', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url);
    await list(page).getByText('情報化推進事業', { exact: true }).click();
    const amount = field(page, '予算額');
    await expect.poll(() => amount.inputValue()).toBe('2,732,796');
    await amount.fill('2,800,000');
    await amount.press('Tab');
    await expect.poll(() => amount.inputValue()).toBe('2,800,000');
    await savedIndicator(page).waitFor();

    // One version: the sheet before the edit.
    await page.getByRole('button', { name: '履歴', exact: true }).click();
    await dialog(page).waitFor();
    await expect.poll(() => versionButtons(page).count()).toBe(1);
    const first = versionButtons(page).first();
    expect(await first.locator('.history-reason').textContent()).toBe('編集開始');
    expect(await first.locator('.history-summary').textContent()).toBe('予算額 2,732,796 → 2,800,000');
    expect(await first.locator('.history-when').textContent()).toMatch(/^\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);

    // Chosen: side by side, only what differs.
    await first.click();
    const row = comparison(page).getByRole('row', { name: /^予算額/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['2,732,796', '2,800,000']);
    expect(await comparison(page).getByRole('columnheader').allTextContents()).toEqual(['項目', 'この版', '現在']);
    expect(await comparison(page).locator('tbody tr').count()).toBe(1);

    // この版に戻す: the editor shows the old figure, and the list gained what it replaced (復元前).
    await comparison(page).getByRole('button', { name: 'この版に戻す' }).click();
    await expect.poll(() => amount.inputValue()).toBe('2,732,796');
    await expect.poll(() => dialog(page).getByRole('status').textContent()).toMatch(/の版に戻しました/);
    await savedIndicator(page).waitFor();
    await expect.poll(() => versionButtons(page).count()).toBe(2);
    const restoreEntry = versionButtons(page).first();
    expect(await restoreEntry.locator('.history-reason').textContent()).toBe('復元前');
    expect(await restoreEntry.locator('.history-summary').textContent()).toBe('予算額 2,800,000 → 2,732,796');

    // Escape closes; 元に戻す takes the restore back in one step.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    await page.getByRole('toolbar', { name: '操作' }).getByRole('button', { name: '元に戻す', exact: true }).click();
    await expect.poll(() => amount.inputValue()).toBe('2,800,000');
    await savedIndicator(page).waitFor();

    await page.reload();
    await list(page).waitFor();
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,800,000');
    await page.getByRole('button', { name: '履歴', exact: true }).click();
    await expect.poll(async () => (await versionButtons(page).locator('.history-reason').allTextContents()).includes('復元前')).toBe(true);

    // A second window of the same profile is read-only: it shows the 履歴 but cannot put a version back.
    const other = await context.newPage();
    await other.goto(`${url}#/sheet/${JOHOKA}`);
    await other.locator('[data-read-only-banner]').waitFor();
    await other.getByRole('button', { name: '履歴', exact: true }).click();
    await expect.poll(() => versionButtons(other).count()).toBeGreaterThan(1);
    await versionButtons(other).last().click();
    expect(await comparison(other).getByRole('button', { name: 'この版に戻す' }).isDisabled()).toBe(true);
    expect(await comparison(other).textContent()).toContain('この画面は閲覧のみのため戻せません。');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the 局運営方針 has its 履歴 too, usable from the keyboard', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/policy/${encodeURIComponent('政策局')}?year=2015`);
    await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();
    const basic = field(page, '基本方針');
    await basic.fill('新しい基本方針');
    await basic.press('Tab');
    await savedIndicator(page).waitFor();
    await page.getByRole('button', { name: '履歴', exact: true }).click();
    await expect.poll(() => versionButtons(page).count()).toBe(1);
    expect(await versionButtons(page).first().locator('.history-summary').textContent()).toBe('基本方針');
    await versionButtons(page).first().focus();
    await page.keyboard.press('Enter');
    const row = comparison(page).getByRole('row', { name: /^基本方針/ });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('新しい基本方針');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
