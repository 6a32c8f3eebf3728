// The key-program link pick-list of the 局運営方針, keyboard only: type to narrow, Enter links a sheet, Escape leaves a row alone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const POLICY_HASH = `#/policy/${encodeURIComponent('政策局')}?year=2015`;
const SHEET = '情報システム運用管理事業';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const picker = (page: Page, no: number) => page.getByRole('combobox', { name: `主要事業${no}の連動先`, exact: true });
const badge = (page: Page, no: number) => page.locator(`[data-program-no="${no}"] .link-badge`);
const check = (page: Page, no: number) => page.getByRole('note', { name: `No.${no} のチェック` });

describe('the link pick-list of a key program', () => {
  it('narrows by typing, links a sheet with Enter, and Escape leaves another row as it was', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, POLICY_HASH);
    await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();

    // Row 7 is typed and flagged: its figure differs from the sheet of the same name.
    const seven = picker(page, 7);
    expect(await badge(page, 7).textContent()).toBe('手入力');
    expect(await seven.inputValue()).toBe('手入力');
    expect(await seven.getAttribute('aria-expanded')).toBe('false');
    expect(await check(page, 7).textContent()).toContain('⚠');

    await seven.focus();
    await page.keyboard.type('運用管理');
    expect(await seven.getAttribute('aria-expanded')).toBe('true');
    const list = page.locator(`#${await seven.getAttribute('aria-controls')}`);
    expect(await list.getAttribute('role')).toBe('listbox');
    const labels = await list.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels[0]).toBe(SHEET);
    for (const label of labels.slice(1)) expect(label.startsWith(`${SHEET} の 主な事業`)).toBe(true);
    // The first option is active: the combobox points at it.
    const activeId = await seven.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-label')).toBe(SHEET);
    await page.screenshot({ path: '/tmp/shots/link-picker.png' }).catch(() => undefined);

    await page.keyboard.press('Enter');
    await expect.poll(() => badge(page, 7).textContent()).toBe('シート');
    expect(await seven.getAttribute('aria-expanded')).toBe('false');
    expect(await seven.inputValue()).toBe(SHEET);
    expect(await page.getByRole('button', { name: 'No.7 27年度', exact: true }).textContent()).toBe('873,169');
    await expect.poll(() => check(page, 7).count()).toBe(0);
    expect(await page.locator('[data-program-no="7"]').getAttribute('class')).not.toContain('has-problem');

    // Escape on row 1 (a sheet) after moving: closed, nothing changed.
    const one = picker(page, 1);
    const before = await one.inputValue();
    await one.focus();
    await page.keyboard.press('ArrowDown');
    expect(await one.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('手入');
    await page.keyboard.press('Escape');
    expect(await one.getAttribute('aria-expanded')).toBe('false');
    expect(await one.inputValue()).toBe(before);
    expect(await badge(page, 1).textContent()).toBe('シート');
    expect(await page.getByRole('button', { name: 'No.1 27年度', exact: true }).textContent()).toBe('16,682');

    await page.locator('[data-save-state="saved"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
