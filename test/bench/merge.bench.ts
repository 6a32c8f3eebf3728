// Bringing the bureaus' files together in Chromium: twenty 局 files of 1,500 sheets in all opened at once (choosing to the
// preview shown, 取り込む to 保存済み), the same files opened again (all 同じ), a generated second 年度, and switching 年度
// at that size. Prints figures; never decides pass or fail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExchangeFile, Policy, Sheet } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { launchBrowser } from '../e2e/browser';
import { buildAndServe } from '../e2e/serve-app';
import { loadSample } from '../helpers/sample';
import { quantile } from './keystroke-probe';
import { generateSheets } from './generate';

const SHEETS = Number(process.env['BENCH_SHEETS'] ?? 1500);
const BUREAUS = [
  '総務局', '財政局', '市民局', '保健福祉局', '子ども未来局', '環境局', '経済局', '都市局', '建設局', '消防局',
  '水道局', '教育委員会事務局', '危機管理局', '会計室', '議会局', '選挙管理委員会事務局', '人事委員会事務局', '監査事務局', '農業委員会事務局', '区役所',
];
const SWITCHES = 6;

const hex = (n: number) => n.toString(16).padStart(12, '0');

/** Twenty bureau files of this year (SHEETS sheets in all, one 局運営方針 each), and the next year's draft of all of them. */
function generateFiles(sample: ExchangeFile): { bureaus: { name: string; doc: ExchangeFile }[]; nextYear: ExchangeFile } {
  const all = generateSheets(sample.sheets, SHEETS);
  const perBureau = Math.ceil(SHEETS / BUREAUS.length);
  const model = sample.policies[0]!;
  const bureaus = BUREAUS.map((bureau, b) => {
    const sheets = all.slice(b * perBureau, (b + 1) * perBureau).map((s): Sheet => ({ ...s, org: { ...s.org, bureau } }));
    const policy: Policy = {
      ...model,
      id: `00000000-0000-4000-a000-${hex(b + 1)}`,
      bureau,
      goals: model.goals.map((g) => ({ ...g, programs: g.programs.map((p) => ({ ...p, link: null })) })),
    };
    return { name: `${bureau}_平成27年度.yosan.json`, doc: { ...sample, sheets, policies: [policy] } };
  });
  // The draft of 平成28年度, generated here (not by the app's 次年度の作成): 前年度予算額 ← 予算額, amounts to fill.
  const drafted = bureaus
    .flatMap(({ doc }) => doc.sheets)
    .map((s, k): Sheet => ({
      ...s,
      id: `00000000-0000-4000-b000-${hex(k + 1)}`,
      fiscalYear: s.fiscalYear + 1,
      previousAmount: s.amount,
      amount: null,
      items: s.items.map((item) => ({ ...item, amount: null })),
      status: 'draft',
      carriedFrom: s.id,
    }));
  return { bureaus, nextYear: { ...sample, fiscalYear: sample.fiscalYear + 1, sheets: drafted, policies: [] } };
}

const preview = (page: Page) => page.getByRole('dialog', { name: /ファイルの取り込み/ });
const nextFrame = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

/** 開く with the files: ms from choosing them to the preview painted, and from 取り込む to 保存済み. */
async function openAndTake(page: Page, files: string[]): Promise<{ toPreview: number; rows: number; toClosed: number; toSaved: number }> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '開く', exact: true }).click();
  const picker = await chooser;
  const t0 = performance.now();
  await picker.setFiles(files);
  await preview(page).waitFor();
  await nextFrame(page);
  const toPreview = performance.now() - t0;
  const rows = await preview(page).locator('tbody tr').count();
  const t1 = performance.now();
  await preview(page).getByRole('button', { name: '取り込む', exact: true }).click();
  await preview(page).waitFor({ state: 'hidden' });
  const toClosed = performance.now() - t1;
  await page.locator('[data-save-state="saved"]').waitFor();
  const toSaved = performance.now() - t1;
  return { toPreview, rows, toClosed, toSaved };
}

/** Chooses a 年度 in the toolbar: ms to its first sheet painted in the editor, and to the list showing that 年度's sheets. */
async function switchYear(page: Page, year: number, firstId: string): Promise<{ editor: number; list: number }> {
  const t0 = performance.now();
  await page.getByRole('combobox', { name: /^年度/ }).selectOption(String(year));
  await page.locator(`[data-sheet-editor="${firstId}"]`).waitFor();
  await nextFrame(page);
  const editor = performance.now() - t0;
  await page.locator(`[id="list-${firstId}"]`).waitFor();
  await nextFrame(page);
  return { editor, list: performance.now() - t0 };
}

export default async function benchMerge(): Promise<void> {
  const sample = loadSample();
  const { bureaus, nextYear } = generateFiles(sample);
  const dir = mkdtempSync(join(tmpdir(), 'yosan-bench-merge-'));
  const paths = bureaus.map(({ name, doc }) => {
    const path = join(dir, name);
    writeFileSync(path, writeExchangeFile(doc));
    return path;
  });
  const nextYearPath = join(dir, '全局_平成28年度_案.yosan.json');
  writeFileSync(nextYearPath, writeExchangeFile(nextYear));

  const server = await buildAndServe();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
    await page.locator('[data-save-state="saved"]').waitFor();

    const first = await openAndTake(page, paths);
    const again = await openAndTake(page, paths);
    const draft = await openAndTake(page, [nextYearPath]);

    // Work in one generated 局, then switch 年度 back and forth.
    const bureau = BUREAUS[0]!;
    const firstThisYear = bureaus[0]!.doc.sheets[0]!.id;
    const firstNextYear = nextYear.sheets.find((s) => s.carriedFrom === firstThisYear)!.id;
    await page.getByRole('combobox', { name: /^局/ }).selectOption(bureau);
    await page.locator(`[data-sheet-editor]`).first().waitFor();
    const toNext: { editor: number; list: number }[] = [];
    const toThis: { editor: number; list: number }[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      toNext.push(await switchYear(page, sample.fiscalYear + 1, firstNextYear));
      toThis.push(await switchYear(page, sample.fiscalYear, firstThisYear));
    }
    const held = await page.evaluate(() => document.querySelector('[data-list-count]')?.textContent ?? '');

    const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
    const perBureau = bureaus[0]!.doc.sheets.length;
    console.log(`Chromium ${browser.version()}: ${bureaus.length} 局 files of ${perBureau} sheets and one 局運営方針 each (${SHEETS} sheets), into the sample's 10`);
    console.log(`open ${bureaus.length} files at once, all 新規     choosing → preview painted ${ms(first.toPreview)} (${first.rows} rows)   取り込む → closed ${ms(first.toClosed)}, → 保存済み ${ms(first.toSaved)}`);
    console.log(`open the same ${bureaus.length} files again, all 同じ choosing → preview painted ${ms(again.toPreview)} (${again.rows} rows)   取り込む → closed ${ms(again.toClosed)}, → 保存済み ${ms(again.toSaved)}`);
    console.log(`open a generated 平成28年度 draft (${nextYear.sheets.length} sheets) choosing → preview painted ${ms(draft.toPreview)} (${draft.rows} rows)   取り込む → closed ${ms(draft.toClosed)}, → 保存済み ${ms(draft.toSaved)}`);
    const line = (name: string, xs: { editor: number; list: number }[]) => {
      const editor = xs.map((x) => x.editor);
      const list = xs.map((x) => x.list);
      console.log(
        `${name.padEnd(52)}editor p50 ${ms(quantile(editor, 0.5))} max ${ms(Math.max(...editor))}   list p50 ${ms(quantile(list, 0.5))} max ${ms(Math.max(...list))}   (${xs.length} switches)`,
      );
    };
    line(`switch 年度 平成27 → 平成28 (${bureau}, ${SHEETS * 2 + 10} sheets held)`, toNext);
    line(`switch 年度 平成28 → 平成27`, toThis);
    console.log(`list of ${bureau} 平成27年度: ${held.trim()}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
