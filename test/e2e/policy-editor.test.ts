// The 局運営方針 screen in Debian's Chromium: the seed's layout, rows following sheets live, 見直し total, a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const POLICY_HASH = `#/policy/${encodeURIComponent('政策局')}?year=2015`;
const SOGO = '5a1e0000-0000-4000-8000-000000000005'; // 総合振興計画推進事業, 予算額 16,682

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const linked = (page: Page, label: string) => page.getByRole('button', { name: label, exact: true });
const total = (page: Page) => page.getByRole('status', { name: 'コスト削減額の合計' });

describe('the 局運営方針 screen', () => {
  it('mirrors the seed; a row follows its sheet live; a 見直し row updates the total; all survives a reload', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, POLICY_HASH);
    await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();
    for (const heading of ['1. 主な現状と課題', '2. 基本方針・区分別主要事業', '3. 見直し事業一覧']) {
      expect(await page.getByRole('heading', { name: heading, exact: true }).count()).toBe(1);
    }
    expect(await field(page, 'No.1 事業名').inputValue()).toBe('総合振興計画推進事業');
    expect(await linked(page, 'No.1 27年度').textContent()).toBe('16,682');
    expect(await linked(page, 'No.1 27年度（一般財源）').textContent()).toBe('(16,682)');
    expect(await page.locator('[data-program-no="1"] .link-badge').textContent()).toBe('シート');
    expect(await page.getByRole('note', { name: 'No.7 のチェック' }).textContent()).toContain('同じ名前の事務事業シートでは 873,169 です。');
    expect(await total(page).textContent()).toBe('△ 143,791');

    // A linked figure opens its sheet; the toolbar's 局運営方針 comes back without a reload.
    await linked(page, 'No.1 27年度').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/sheet/${SOGO}$`));
    const amount = field(page, '予算額');
    await amount.fill('20000');
    await amount.press('Tab');
    await page.getByRole('button', { name: '局運営方針', exact: true }).click();
    await expect.poll(() => linked(page, 'No.1 27年度').textContent()).toBe('20,000');
    expect(await linked(page, 'No.1 27年度（一般財源）').textContent()).toBe('(20,000)');

    await page.getByRole('button', { name: '＋ 見直し事業を追加' }).click();
    await field(page, '見直し4 課名').fill('企画調整課');
    const saving = field(page, '見直し4 コスト削減額');
    await saving.fill('1000');
    await saving.press('Tab');
    await expect.poll(() => total(page).textContent()).toBe('△ 144,791');
    expect(await page.getByLabel('見直し4 コスト削減額（表示）').textContent()).toBe('△ 1,000');

    await page.locator('[data-save-state="saved"]').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '政策局 平成27年度 局運営方針（案）' }).waitFor();
    await expect.poll(() => linked(page, 'No.1 27年度').textContent()).toBe('20,000');
    expect(await field(page, '見直し4 課名').inputValue()).toBe('企画調整課');
    expect(await field(page, '見直し4 コスト削減額').inputValue()).toBe('1,000');
    expect(await total(page).textContent()).toBe('△ 144,791');
    await page.screenshot({ path: '/tmp/shots/policy-e2e.png' }).catch(() => undefined);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits are undone per policy, and a policy problem in the checks pane opens the row', { timeout: 60_000 }, async () => {
    const { context, page } = await openApp(browser, url, `#/sheet/${SOGO}`);
    // The editor's own chunk comes slowly (a busy PC): the jump still lands on the row once it shows.
    await page.route(/\/assets\/PolicyEditor-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    const entry = page.getByRole('region', { name: 'チェック結果' }).getByRole('button', { name: /局運営方針 予算額: 主要事業 No\.7/ });
    await entry.click();
    await expect.poll(() => decodeURIComponent(page.url())).toMatch(/#\/policy\/政策局\?year=2015$/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field-path')))
      .toBe('goals[5].programs[0].amount');
    const basic = field(page, '基本方針');
    const before = await basic.inputValue();
    await basic.fill('新しい基本方針');
    await page.getByRole('button', { name: '局運営方針を元に戻す' }).click();
    await expect.poll(() => basic.inputValue()).toBe(before);
    await page.getByRole('button', { name: '局運営方針をやり直し' }).click();
    await expect.poll(() => basic.inputValue()).toBe('新しい基本方針');
    // The toolbar's 元に戻す and やり直し act on the policy on this screen too.
    const toolbar = page.getByRole('toolbar', { name: '操作' });
    await toolbar.getByRole('button', { name: '元に戻す', exact: true }).click();
    await expect.poll(() => basic.inputValue()).toBe(before);
    await toolbar.getByRole('button', { name: 'やり直し', exact: true }).click();
    await expect.poll(() => basic.inputValue()).toBe('新しい基本方針');
    await context.close();
  });
});
