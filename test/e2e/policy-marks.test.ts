// The 区分 marks of the 局運営方針's key programs: toggles for the document's marks, and ＋ to add one shared by every row.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const POLICY_HASH = `#/policy/${encodeURIComponent('政策局')}?year=2015`;
const HEADING = '政策局 平成27年度 局運営方針（案）';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mark = (page: Page, no: number, m: string) => page.getByRole('button', { name: `主要事業${no}の区分 ${m}`, exact: true });
const pressed = (page: Page, no: number, m: string) => mark(page, no, m).getAttribute('aria-pressed');

describe('the 区分 marks of a key program', () => {
  it('shows the seed marks pressed, toggles one that survives a reload, and a new mark is offered on every row', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, POLICY_HASH);
    await page.getByRole('heading', { name: HEADING }).waitFor();

    // Row 4 is 「総 行 業」.
    for (const m of ['総', '行', '業']) expect(await pressed(page, 4, m), m).toBe('true');
    expect(await pressed(page, 4, '成')).toBe('false');
    const order = await page.getByRole('group', { name: '主要事業4の区分', exact: true }).locator('.mark-toggle').allTextContents();
    expect(order.slice(0, 4)).toEqual(['総', '行', '業', '成']);

    // Toggling 成 on row 1: pressed, one undo step, stored in list order.
    const before = await page.getByRole('group', { name: '主要事業1の区分', exact: true }).locator('[aria-pressed="true"]').allTextContents();
    expect(before).not.toContain('成');
    await mark(page, 1, '成').click();
    await expect.poll(() => pressed(page, 1, '成')).toBe('true');
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: HEADING }).waitFor();
    await expect.poll(() => pressed(page, 1, '成')).toBe('true');
    const after = await page.getByRole('group', { name: '主要事業1の区分', exact: true }).locator('[aria-pressed="true"]').allTextContents();
    expect(after).toEqual(['総', '行', '業', '成'].filter((m) => m === '成' || before.includes(m)));

    // ＋ on row 2: Escape cancels, Enter adds 「重」 to row 2, and row 3 offers it unpressed.
    await page.getByRole('button', { name: '主要事業2の区分を追加', exact: true }).click();
    const input = page.getByLabel('主要事業2の区分を追加（1〜2文字）', { exact: true });
    await input.fill('仮');
    await input.press('Escape');
    expect(await mark(page, 2, '仮').count()).toBe(0);
    await page.getByRole('button', { name: '主要事業2の区分を追加', exact: true }).click();
    await input.fill('重');
    await input.press('Enter');
    await expect.poll(() => pressed(page, 2, '重')).toBe('true');
    expect(await pressed(page, 3, '重')).toBe('false');


    // Each toggle is its own undo step, even in quick succession.
    await mark(page, 3, '成').click();
    await mark(page, 3, '重').click();
    await expect.poll(() => pressed(page, 3, '重')).toBe('true');
    await page.getByRole('button', { name: '局運営方針を元に戻す' }).click();
    await expect.poll(() => pressed(page, 3, '重')).toBe('false');
    expect(await pressed(page, 3, '成')).toBe('true');

    await page.getByRole('button', { name: '主要事業4の区分を追加', exact: true }).click();
    await page.locator('[data-program-no="1"]').scrollIntoViewIfNeeded();
    await page.locator('[data-program-no="1"] .mark-toggle[aria-pressed="true"]').first().hover();
    await page.screenshot({ path: '/tmp/shots/marks.png' }).catch(() => undefined);
    expect(errors).toEqual([]);
    await context.close();
  });
});
