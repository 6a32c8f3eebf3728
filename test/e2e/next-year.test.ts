// 次年度の作成 in Debian's Chromium: 平成28年度 drafted from the sample, 平成27年度 locked and read-only, all after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const list = (page: Page) => page.getByRole('listbox', { name: '事務事業シート' });
// Fields by their accessible labels, within the editor shown (the list's filters have labels too).
const field = (page: Page, label: string) => page.locator('article[data-sheet-editor], article[data-policy-editor]').getByLabel(label, { exact: true });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: '操作' });
const toolbarButton = (page: Page, name: string) => toolbar(page).getByRole('button', { name, exact: true });
const yearSelect = (page: Page) => toolbar(page).locator('label', { hasText: /^年度/ }).locator('select');
const yearOptions = (page: Page) => yearSelect(page).locator('option').allTextContents();
const lockBanner = (page: Page) => page.locator('[data-year-locked-banner]');
const linked = (page: Page, label: string) => page.getByRole('button', { name: label, exact: true });
/** The list follows a change of 年度 a moment later (it is fed once typing pauses): wait for 平成27年度's row. */
const JOHOKA_H27 = '5a1e0000-0000-4000-8000-000000000008';
const listShowsH27 = (page: Page) => list(page).locator(`[id="list-${JOHOKA_H27}"]`).count();
const saved = (page: Page) => page.locator('[data-save-state="saved"]').waitFor();

async function openSheet(page: Page, name: string): Promise<void> {
  // By its text: a sheet of 平成28年度 carries an error mark (予算額 not entered yet) beside its name.
  await list(page).getByRole('option').filter({ hasText: name }).click();
  await expect.poll(() => field(page, '事務事業名').inputValue()).toBe(name);
}

async function openPolicy(page: Page, heading: string): Promise<void> {
  await toolbarButton(page, '局運営方針').click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

/** 平成28年度 as drafted: the 前年度 figures carried, this year's blank, and the 局運営方針's row 1. */
async function expectDraftedYear(page: Page): Promise<void> {
  await expect.poll(() => yearSelect(page).inputValue()).toBe('2016');
  await expect.poll(() => listShowsH27(page)).toBe(0);
  await expect.poll(() => list(page).getByRole('option').count()).toBe(10);
  await openSheet(page, '情報化推進事業');
  expect(await page.locator('.sheet-year').textContent()).toBe('平成28年度');
  expect(await field(page, '前年度予算額').inputValue()).toBe('2,732,796');
  expect(await field(page, '予算額').inputValue()).toBe('');
  expect(await field(page, '予算額').getAttribute('readonly')).toBeNull();
  expect(await field(page, '特定財源1の財源').inputValue()).toBe('国庫支出金');
  expect(await field(page, '特定財源1の金額').inputValue()).toBe('');
  expect(await field(page, '主な事業1の金額').inputValue()).toBe('');
  expect(await yearOptions(page)).toEqual(['平成27年度 🔒 確定済み', '平成28年度']);
  expect(await lockBanner(page).count()).toBe(0);
  await openPolicy(page, '政策局 平成28年度 局運営方針（案）');
  expect(await field(page, 'No.1 事業名').inputValue()).toBe('総合振興計画推進事業');
  expect(await linked(page, 'No.1 27年度').textContent()).toBe('16,682');
  expect(await linked(page, 'No.1 27年度（一般財源）').textContent()).toBe('(16,682)');
  expect(await linked(page, 'No.1 28年度').textContent()).toBe('—');
  // A typed row carries its figures as typed last year: row 7 (764,859).
  expect(await field(page, 'No.7 27年度').inputValue()).toBe('764,859');
  expect(await field(page, 'No.7 28年度').inputValue()).toBe('');
  await page.locator('[data-program-no="1"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/next-year-policy-h28.png' }).catch(() => undefined);
}

/** 平成27年度 locked: the banner, every field read-only, no add/delete, figures as they were. */
async function expectLockedYear(page: Page): Promise<void> {
  await expect.poll(() => yearSelect(page).inputValue()).toBe('2015');
  await expect.poll(() => listShowsH27(page)).toBe(1);
  await expect.poll(() => lockBanner(page).textContent()).toContain('平成27年度は確定済みのため閲覧のみです。');
  await openSheet(page, '情報化推進事業');
  const amount = field(page, '予算額');
  expect(await amount.inputValue()).toBe('2,732,796');
  expect(await field(page, '前年度予算額').inputValue()).toBe('3,046,782');
  for (const label of ['事務事業名', '予算額', '前年度予算額', '課', '予算書P.', '特定財源1の金額', '主な事業1の金額', '事業の目的・内容', '参考']) {
    expect(await field(page, label).getAttribute('readonly'), label).not.toBeNull();
  }
  expect(await page.locator('article[data-sheet-editor] [data-field-path="status"]').isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: '特定財源を追加' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '主な事業1を削除' }).count()).toBe(0);
  for (const name of ['新規', '複製', '削除']) expect(await toolbarButton(page, name).isDisabled(), name).toBe(true);
  expect(await toolbarButton(page, '年度を確定').count()).toBe(0);
  // Typing changes nothing.
  await amount.click();
  await page.keyboard.type('9');
  expect(await amount.inputValue()).toBe('2,732,796');

  await openPolicy(page, '政策局 平成27年度 局運営方針（案）');
  expect(await field(page, '基本方針').getAttribute('readonly')).not.toBeNull();
  expect(await field(page, 'No.7 27年度').getAttribute('readonly')).not.toBeNull();
  expect(await page.getByRole('button', { name: '＋ 見直し事業を追加' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'No.7 を削除' }).count()).toBe(0);
  expect(await linked(page, 'No.1 27年度').textContent()).toBe('16,682');
  await page.locator('[data-program-no="7"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/next-year-policy-h27-locked.png' }).catch(() => undefined);
  await openSheet(page, '情報化推進事業');
}

describe('次年度の作成', () => {
  it('drafts 平成28年度 from the sample, locks 平成27年度 read-only, survives a reload, and 確定を解除 reopens it', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url);
    await expect.poll(() => list(page).getByRole('option').count()).toBe(10);

    // Asks once, in the UX words; キャンセル changes nothing.
    await toolbarButton(page, '次年度の作成').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('p').textContent()).toBe(
      '平成27年度の 10 シートと局運営方針から平成28年度の案を作ります。平成27年度は変更されず、確定済みになります。',
    );
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect(await yearOptions(page)).toEqual(['平成27年度']);
    await toolbarButton(page, '次年度の作成').click();
    await dialog.getByRole('button', { name: '作成する' }).click();

    await expectDraftedYear(page);
    await openSheet(page, '情報化推進事業');
    await saved(page);
    await page.screenshot({ path: '/tmp/shots/next-year-h28.png' }).catch(() => undefined);

    // Back to 平成27年度: read-only, unchanged; drafting again is refused without a question.
    await yearSelect(page).selectOption('2015');
    await expectLockedYear(page);
    await page.screenshot({ path: '/tmp/shots/next-year-h27-locked.png' }).catch(() => undefined);
    await toolbarButton(page, '次年度の作成').click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '上書きしない' }).locator('p').textContent())
      .toBe('平成28年度には政策局の事務事業シート 10 件と局運営方針がすでにあります。上書きしないよう、次年度の案は作りませんでした。');
    expect(await dialog.isVisible()).toBe(false);

    // Persisted: after a reload both years are as they were.
    await saved(page);
    await page.reload();
    await list(page).waitFor();
    await expectLockedYear(page);
    await yearSelect(page).selectOption('2016');
    await expectDraftedYear(page);
    await yearSelect(page).selectOption('2015');
    await expect.poll(() => listShowsH27(page)).toBe(1);

    // 確定を解除 asks once, then 平成27年度 can be edited again.
    await lockBanner(page).getByRole('button', { name: '確定を解除' }).click();
    await dialog.getByRole('button', { name: '確定を解除' }).click();
    await expect.poll(() => lockBanner(page).count()).toBe(0);
    await openSheet(page, '情報化推進事業');
    expect(await field(page, '予算額').getAttribute('readonly')).toBeNull();
    expect(await toolbarButton(page, '新規').isDisabled()).toBe(false);
    expect(await yearOptions(page)).toEqual(['平成27年度', '平成28年度']);
    const amount = field(page, '予算額');
    await amount.fill('2800000');
    await amount.press('Tab');
    await expect.poll(() => field(page, '増減').textContent()).toBe('△ 246,782');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('年度を確定 locks a year on purpose after one question; the lock survives a reload', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000008');
    await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('情報化推進事業');
    await toolbarButton(page, '年度を確定').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('p').textContent()).toMatch(/^平成27年度を確定しますか？/);
    await dialog.getByRole('button', { name: '確定する' }).click();
    await expect.poll(() => lockBanner(page).textContent()).toContain('平成27年度は確定済みのため閲覧のみです。');
    expect(await field(page, '予算額').getAttribute('readonly')).not.toBeNull();
    expect(await yearOptions(page)).toEqual(['平成27年度 🔒 確定済み']);
    await saved(page);
    await page.reload();
    await list(page).waitFor();
    await expect.poll(() => lockBanner(page).count()).toBe(1);
    expect(await field(page, '予算額').getAttribute('readonly')).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
