// The editor in Debian's Chromium: real UI, real IndexedDB, the production build with its CSP.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importWorkbookFile } from '../../electron/services/excel/import-file';
import { readExchangeFile } from '../../shared/exchange/read';
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
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const savedIndicator = (page: Page) => page.locator('[data-save-state="saved"]');

async function openSheet(page: Page, name: string): Promise<void> {
  await list(page).getByText(name, { exact: true }).click();
  await expect.poll(() => field(page, '事務事業名').inputValue()).toBe(name);
}

describe('the sheet editor', () => {
  it('first run shows the sample; typing ２，８００，０００ in 予算額 updates 増減 and 一般財源 live, and survives a reload', async () => {
    const { context, page, errors } = await openApp(browser, url);
    await expect.poll(() => list(page).getByRole('option').count()).toBe(10);
    await openSheet(page, '情報化推進事業');
    expect(page.url()).toMatch(/#\/sheet\/5a1e0000-0000-4000-8000-000000000008$/);
    const amount = field(page, '予算額');
    await amount.click();
    await amount.press('Control+A');
    await amount.pressSequentially('２，８００，０００');
    await expect.poll(() => field(page, '増減').textContent()).toBe('△ 246,782');
    expect(await field(page, '一般財源').textContent()).toBe('2,749,924');
    expect(await field(page, '前年度比').textContent()).toBe('91.9%');
    await amount.press('Tab');
    expect(await amount.inputValue()).toBe('2,800,000');
    await savedIndicator(page).waitFor();
    await page.reload();
    await list(page).waitFor();
    expect(await field(page, '予算額').inputValue()).toBe('2,800,000');
    expect(await field(page, '増減').textContent()).toBe('△ 246,782');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an invalid amount shows a message beside the field and keeps the last valid value', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000002');
    const amount = field(page, '予算額');
    await amount.fill('25９x');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('予算額に数字以外の文字が含まれています（例: 1,234）。');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, '増減').textContent()).toBe('△ 82');
    await amount.fill('300');
    await expect.poll(() => field(page, '増減').textContent()).toBe('△ 41');
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('Tab into 予算額 and typing replaces the figure, as in a spreadsheet; typing after a formatted figure appends', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000002');
    await field(page, '事務事業名').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('300');
    await expect.poll(() => field(page, '増減').textContent()).toBe('△ 41');
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    expect(await field(page, '予算額').inputValue()).toBe('3,000');
    await context.close();
  });

  it('adds a 特定財源 line and undoes it (button and Ctrl+Z), redo with Ctrl+Y', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000008');
    await page.getByRole('button', { name: '特定財源を追加' }).click();
    await field(page, '特定財源3の財源').fill('県支出金');
    expect(await field(page, '特定財源3の款').inputValue()).toBe('16');
    await field(page, '特定財源3の金額').fill('1,000');
    await expect.poll(() => field(page, '一般財源').textContent()).toBe('2,681,720');
    await page.getByRole('button', { name: '元に戻す' }).click(); // the amount
    await expect.poll(() => field(page, '一般財源').textContent()).toBe('2,682,720');
    await page.keyboard.press('Control+Z'); // the source
    await page.keyboard.press('Control+Z'); // the line itself
    await expect.poll(() => field(page, '特定財源3の財源').count()).toBe(0);
    await page.keyboard.press('Control+Y');
    await expect.poll(() => field(page, '特定財源3の財源').count()).toBe(1);
    await context.close();
  });

  it('an IME composition is not parsed or reformatted mid-way; the committed text is', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000008');
    const amount = field(page, '予算額');
    await amount.click();
    await amount.press('Control+A');
    const cdp = await context.newCDPSession(page);
    // What a Japanese IME sends while the user types ２８００ before confirming: composition updates.
    for (const text of ['２', '２８', '２８０', '２８００']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    expect(await amount.inputValue()).toBe('２８００');
    expect(await field(page, '増減').textContent()).toBe('△ 313,986');
    expect(await page.getByRole('alert').count()).toBe(0);
    await cdp.send('Input.insertText', { text: '２８００' }); // the user confirms
    await expect.poll(() => field(page, '増減').textContent()).toBe('△ 3,043,982');
    expect(await amount.inputValue()).toBe('２８００');
    await amount.press('Tab');
    expect(await amount.inputValue()).toBe('2,800');
    await context.close();
  });

  it('Enter during composition does not move on; after it, Enter moves to the next field', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000008');
    const name = field(page, '事務事業名');
    await name.click();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'じぎょう', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await cdp.send('Input.insertText', { text: '事業' });
    await name.press('Enter');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(false);
    await context.close();
  });

  it('the problems panel lists an error and a click jumps to the field', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000003');
    await field(page, '特定財源1の金額').fill('9,000');
    const problems = page.getByRole('region', { name: 'チェック結果' });
    const entry = problems.getByRole('button', { name: /合併振興基金積立金.*一般財源/ });
    await entry.waitFor();
    await openSheet(page, '東京事務所管理運営事業');
    await entry.click();
    await expect.poll(() => page.url()).toMatch(/#\/sheet\/5a1e0000-0000-4000-8000-000000000003$/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field-path')))
      .toBe('specificFunding[0].revenueKan');
    expect(await list(page).getByRole('option', { name: /合併振興基金積立金/ }).textContent()).toContain('⛔');
    await context.close();
  });

  it('the list is driven by the keyboard, filters by text, and a 確定 sheet is read-only', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000001');
    await list(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('広域行政推進事業');
    await page.keyboard.press('End');
    await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('東京事務所管理運営事業');
    await page.keyboard.press('Control+F');
    await page.keyboard.type('情報システム');
    // 情報システム最適化事業, 情報化推進事業 (情報システム課), 情報システム運用管理事業
    await expect.poll(() => list(page).getByRole('option').count()).toBe(3);
    await page.getByLabel('状態', { exact: true }).selectOption('final');
    expect(await field(page, '予算額').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('note').textContent()).toMatch(/確定済みのため編集できません/);
    await context.close();
  });

  it('Excel出力 in the web mode downloads the bureau workbook, with the edit just typed', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000002');
    await field(page, '予算額').fill('300');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Excel出力' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('政策局_平成27年度_事務事業.xlsx');
    // Read back by the importer: the workbook carries the amount typed a moment before.
    const imported = await importWorkbookFile((await file.path())!);
    expect(imported.ok).toBe(true);
    if (imported.ok) {
      expect(imported.file.sheets).toHaveLength(10);
      expect(imported.file.sheets.find((s) => s.name === '広域行政推進事業')!.amount).toBe(300);
    }
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'を出力しました' }).count()).toBe(1);
    await context.close();
  });

  it('書き出し downloads an exchange file that reads back whole, with the edit just typed', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000002');
    await field(page, '特記事項').fill('書き出しの確認');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '書き出し' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('政策局_平成27年度.yosan.json');
    const read = readExchangeFile(readFileSync((await file.path())!, 'utf8'));
    expect(read.ok && read.file.sheets.find((s) => s.name === '広域行政推進事業')!.notes).toBe('書き出しの確認');
    await context.close();
  });

  it('delete asks once, and the sheet comes back from 削除済み', async () => {
    const { context, page } = await openApp(browser, url, '#/sheet/5a1e0000-0000-4000-8000-000000000002');
    await page.getByRole('button', { name: '削除', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '事務事業シートの削除' });
    expect(await dialog.textContent()).toContain('「広域行政推進事業」を削除しますか？');
    await dialog.getByRole('button', { name: '削除する' }).click();
    await expect.poll(() => list(page).getByRole('option').count()).toBe(9);
    await page.getByRole('button', { name: '削除済み（1）' }).click();
    await page.getByRole('button', { name: '「広域行政推進事業」を元に戻す' }).click();
    await expect.poll(() => list(page).getByRole('option').count()).toBe(10);
    expect(await field(page, '事務事業名').inputValue()).toBe('広域行政推進事業');
    await context.close();
  });
});
