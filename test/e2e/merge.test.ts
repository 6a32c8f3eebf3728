// Opening files is a merge in Chromium: the preview (変更 / 同じ / 競合 with the changed fields), a choice per row, 取り込む
// and what the editor, a reload and 元に戻す then show; several 局 at once and the 全局 totals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample } from '../helpers/sample';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const dir = mkdtempSync(join(tmpdir(), 'yosan-merge-'));
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業
const KOIKI = '5a1e0000-0000-4000-8000-000000000002'; // 広域行政推進事業
const LONG_NOTES = `財政課査定: ${'事業の必要性を精査し、委託内容と執行方法を見直したうえで、次年度以降の計画との整合を図ること。'.repeat(3)}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sample = loadSample();
const edit = (doc: ExchangeFile, id: string, change: (s: Sheet) => Sheet): ExchangeFile => ({
  ...doc,
  sheets: doc.sheets.map((s) => (s.id === id ? change(s) : s)),
});

function writeFile(name: string, doc: ExchangeFile | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : writeExchangeFile(doc));
  return path;
}

/** The sample as a second 局 sends it: its own ids, 局 and amounts. */
function otherBureau(bureau: string, idPrefix: string, factor: number): ExchangeFile {
  const sheets = sample.sheets.map((s, i) => {
    const id = `${idPrefix}-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`;
    return {
      ...s,
      id,
      org: { ...s.org, bureau },
      amount: s.amount === null ? null : s.amount * factor,
      items: s.items.map((item, j) => ({ ...item, id: `${idPrefix}-0000-4000-9000-${(i * 50 + j + 1).toString(16).padStart(12, '0')}` })),
    };
  });
  const policies = sample.policies.map((p) => ({ ...p, id: `${idPrefix}-0000-4000-a000-000000000001`, bureau, goals: [], reviews: [] }));
  return { ...sample, sheets, policies };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const preview = (page: Page) => page.getByRole('dialog', { name: /ファイルの取り込み/ });
const row = (page: Page, key: string) => preview(page).locator(`tr[data-merge-row="${key}"]`);
const saved = (page: Page) => page.locator('[data-save-state="saved"]').waitFor();

async function openFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '開く', exact: true }).click();
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  await picker.setFiles(files);
  await preview(page).waitFor();
}

async function amountOf(page: Page, id: string): Promise<string> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/sheet/${id}`);
  await expect.poll(() => page.url()).toContain(id);
  return field(page, '予算額').inputValue();
}

describe('opening files is a merge, never a silent replace', () => {
  it('shows exactly the two changed sheets as 変更, a local edit as 競合; the choices are what the editor, a reload and 元に戻す show', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    const changed = edit(
      edit(sample, JOHOKA, (s) => ({ ...s, amount: 2_800_000 })),
      KOIKI,
      (s) => ({ ...s, notes: LONG_NOTES, previousAmount: 300 }),
    );
    const file = writeFile('政策局_査定後.yosan.json', changed);

    // 1. The preview before any edit here: the two sheets 変更 with their fields, the rest 同じ; キャンセル changes nothing.
    await openFiles(page, [file]);
    await expect.poll(() => preview(page).locator('[data-merge-state="changed"]').count()).toBe(2);
    expect(await preview(page).locator('[data-merge-state="same"]').count()).toBe(9); // 8 sheets and the 局運営方針
    expect(await preview(page).locator('tbody tr').count()).toBe(11);
    expect(await row(page, `sheet:${JOHOKA}`).locator('.merge-diff').innerText()).toBe('予算額: 2,732,796 → 2,800,000');
    const koikiDiff = await row(page, `sheet:${KOIKI}`).locator('.merge-diff').innerText();
    expect(koikiDiff).toContain('前年度予算額: 341 → 300');
    expect(koikiDiff).toContain('特記事項:');
    expect(await row(page, `sheet:${KOIKI}`).locator('.merge-state').innerText()).toBe('変更');
    expect(await row(page, `sheet:${KOIKI}`).getByRole('radio', { name: 'ファイル' }).isChecked()).toBe(true);
    expect(await preview(page).locator('[data-merge-summary]').innerText()).toBe('変更 2 件、同じ 9 件。取り込むとき、ファイルを採用 2 件、こちらを残す 0 件。');
    await page.screenshot({ path: '/tmp/shots/merge-preview.png' }).catch(() => undefined);
    await preview(page).getByRole('button', { name: 'キャンセル' }).click();
    await preview(page).waitFor({ state: 'hidden' });
    expect(await field(page, '予算額').inputValue()).toBe('2,732,796');

    // 2. Edit 情報化推進事業 here; opening the file again shows it as 競合 (keep mine by default).
    const amount = field(page, '予算額');
    await amount.click();
    await amount.press('Control+A');
    await amount.pressSequentially('2750000');
    await amount.press('Tab');
    await saved(page);
    await openFiles(page, [file]);
    const johoka = row(page, `sheet:${JOHOKA}`);
    await expect.poll(() => johoka.locator('.merge-state').innerText()).toBe('競合');
    expect(await johoka.locator('.merge-diff').innerText()).toBe('予算額: 2,750,000 → 2,800,000');
    expect(await johoka.getByRole('radio', { name: 'こちら' }).isChecked()).toBe(true);
    await page.screenshot({ path: '/tmp/shots/merge-conflict.png' }).catch(() => undefined);

    // Choose ファイル for the conflict (a click) and こちら for the change (the keyboard: ← in the radio group).
    await johoka.getByRole('radio', { name: 'ファイル' }).check();
    await row(page, `sheet:${KOIKI}`).getByRole('radio', { name: 'ファイル' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row(page, `sheet:${KOIKI}`).getByRole('radio', { name: 'こちら' }).isChecked()).toBe(true);
    await preview(page).getByRole('button', { name: '取り込む', exact: true }).click();
    await preview(page).waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('status').filter({ hasText: '取り込みました' }).locator('p').innerText()).toContain('1 件を取り込みました（新規 0、変更 1）。');
    await saved(page);

    // The editor shows the file's 予算額 for 情報化推進事業 and 広域行政推進事業 as it was here; a reload keeps both.
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,800,000');
    const checkKept = async () => {
      expect(await amountOf(page, JOHOKA)).toBe('2,800,000');
      await amountOf(page, KOIKI);
      expect(await field(page, '前年度予算額').inputValue()).toBe('341');
      expect(await field(page, '特記事項').inputValue()).not.toContain('財政課査定');
    };
    await checkKept();
    await page.reload();
    await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
    await checkKept();

    // Opening the same file again: 情報化推進事業 is now 同じ, 広域行政推進事業 still differs.
    await openFiles(page, [file]);
    await expect.poll(() => row(page, `sheet:${JOHOKA}`).locator('.merge-state').innerText()).toBe('同じ');
    await preview(page).getByRole('button', { name: 'キャンセル' }).click();

    // A later file changes it again (変更: not edited here since the last merge); 元に戻す on the merged sheet goes back.
    await amountOf(page, JOHOKA);
    await openFiles(page, [writeFile('政策局_再査定.yosan.json', edit(sample, JOHOKA, (s) => ({ ...s, amount: 2_900_000 })))]);
    await expect.poll(() => row(page, `sheet:${JOHOKA}`).locator('.merge-state').innerText()).toBe('変更');
    expect(await row(page, `sheet:${JOHOKA}`).locator('.merge-diff').innerText()).toBe('予算額: 2,800,000 → 2,900,000');
    await preview(page).getByRole('button', { name: '取り込む', exact: true }).click();
    await preview(page).waitFor({ state: 'hidden' });
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,900,000');
    await page.getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,800,000');
    await saved(page);
    await page.reload();
    await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,800,000');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two 局 files at once (and one that cannot be read): all 新規, the 局 selector lists them, 全局 totals by 局', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url);
    const somu = writeFile('総務局.yosan.json', otherBureau('総務局', '8b1e0000', 2));
    const zaisei = writeFile('財政局.yosan.json', otherBureau('財政局', '9c1e0000', 3));
    const broken = writeFile('壊れた.yosan.json', '{"format":"yosan-desk","version":3,');
    await openFiles(page, [somu, broken, zaisei]);
    await expect.poll(() => preview(page).locator('[data-merge-state="new"]').count()).toBe(22);
    const unreadable = preview(page).getByRole('alert');
    expect(await unreadable.innerText()).toContain('「壊れた.yosan.json」');
    expect(await row(page, 'sheet:8b1e0000-0000-4000-8000-000000000001').locator('.merge-file').innerText()).toBe('総務局.yosan.json');
    await page.screenshot({ path: '/tmp/shots/merge-two-bureaus.png' }).catch(() => undefined);
    await preview(page).getByRole('button', { name: '取り込む', exact: true }).click();
    await preview(page).waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '取り込みました' }).locator('p').innerText())
      .toBe('22 件を取り込みました（新規 22、変更 0）。「壊れた.yosan.json」は読み込めなかったため取り込んでいません。');
    await saved(page);
    const bureaus = await page.getByRole('combobox', { name: /^局/ }).locator('option').allTextContents();
    expect(bureaus).toEqual(expect.arrayContaining(['政策局', '総務局', '財政局']));

    // 全局: each 局 with its 予算額 (政策局 4,272,212; ×2 and ×3 for the others) and the grand total.
    const totals = page.getByRole('region', { name: '局の合計' });
    await totals.getByRole('button', { name: '全局', exact: true }).click();
    const all = page.getByRole('region', { name: '全局の合計' });
    await expect.poll(() => all.getByRole('heading').innerText()).toBe('全局の合計（平成27年度）');
    const rows = await all.locator('.by-bureau [data-bureau]').evaluateAll((groups) =>
      groups.map((g) => [g.getAttribute('data-bureau'), ...[...g.querySelectorAll('td')].map((c) => c.textContent)]),
    );
    expect(rows).toEqual([
      ['政策局', '4,272,212', '4,535,502', '△ 263,290', '4,207,182'],
      ['総務局', '8,544,424', '4,535,502', '4,008,922', '8,479,394'],
      ['財政局', '12,816,636', '4,535,502', '8,281,134', '12,751,606'],
      ['合計', '25,633,272', '13,606,506', '12,026,766', '25,438,182'],
    ]);
    expect(await all.locator('[data-total="amount"]').innerText()).toBe('25,633,272');
    await all.scrollIntoViewIfNeeded();
    await all.screenshot({ path: '/tmp/shots/merge-all-bureaus.png' }).catch(() => undefined);
    await all.getByRole('button', { name: '局', exact: true }).click();
    await page.getByRole('region', { name: '局の合計' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
