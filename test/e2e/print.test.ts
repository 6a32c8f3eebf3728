// The print routes in Debian's Chromium: page.pdf (A4) gives one page per sheet, checked with pdfinfo and pdftotext.
// Each test makes at most one PDF (or one screenshot) and has its own time limit, measured below: no test depends on
// the suite-wide testTimeout, which a loaded CI machine running every file in parallel can exceed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Sheet } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { printBureauHash, printSheetHash } from '../../shared/routes';
import { loadSample } from '../helpers/sample';
import { withItemIds } from '../helpers/sheet';
import { openExchangeFileInApp } from './browser';
import { pdfPageCount, pdfText, squeeze, usePrintHarness } from './print-harness';

/*
 * Time limits, from measurements on the 2-core development machine (Debian's Chromium, poppler's pdftotext), as the
 * range over several runs: alone = `npx vitest run --config test/vitest.config.ts test/e2e/print.test.ts` (7 runs);
 * full suite = every file in parallel on 2 workers (3 runs); under load = the full suite while 2 or 4 extra busy
 * loops (`while :; do :; done`) compete for both cores (5 runs).
 *                                              alone        full suite   under load
 *   launching Chromium (beforeAll)             0.2–1.1 s    0.2 s        0.4–0.9 s
 *   the shared page for the ten sheets         0.3–0.4 s    0.2–0.4 s    0.3–0.6 s
 *   sheet 1/10 (loads the app, one PDF)        0.6–1.0 s    0.8–1.0 s    0.8–1.7 s
 *   sheets 2–10 (one PDF each)                 0.2–0.4 s    0.2–0.4 s    0.2–0.8 s
 *   the bureau's 10-page PDF                   1.0–1.4 s    1.2–1.4 s    1.5–2.5 s
 *   the long sheet (開く, preview, one PDF)     1.6–2.4 s    1.7–2.3 s    2.6–4.1 s
 *   the reference screenshot                   0.8–1.2 s    0.9–1.4 s    1.4–2.3 s
 * (The single test that made all ten sheet PDFs took 2.4 s here and 14 s on the loaded 2-core CI machine, ≈ 6× slower.)
 * Each limit is 14× or more the slowest figure measured here. One playwright wait gives up after WAIT_MS, before the
 * test's own limit, so a stuck page reports what it was waiting for rather than a bare time-out.
 */
const LAUNCH_TIMEOUT_MS = 30_000;
const ONE_SHEET_TIMEOUT_MS = 30_000;
const SEVERAL_STEPS_TIMEOUT_MS = 60_000;
const WAIT_MS = 20_000;

const url = inject('appUrl');
const REFERENCE = fileURLToPath(new URL('../fixtures/print-johoka.png', import.meta.url));
const { tempDir, openPage, newPage } = usePrintHarness('yosan-print-', { launchMs: LAUNCH_TIMEOUT_MS, waitMs: WAIT_MS });

/**
 * Opens a print route and saves it as A4 PDF once `data-print-ready` is set (what main's printToPDF waits for).
 * `sheetId`: the page may already show another print route, so also wait until that sheet itself is laid out,
 * not a ready flag left over from the previous one.
 */
async function pdfOf(page: Page, hash: string, name: string, sheetId?: string): Promise<string> {
  await page.goto(`${url}${hash}`);
  const sheetReady = sheetId ? ` [data-print-page][data-sheet-id="${sheetId}"][data-fitted="true"]` : '';
  await page.waitForSelector(`html[data-print-ready="true"]${sheetReady}`);
  const file = join(tempDir(), `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

/** With -layout: pdftotext keeps a row's label and figure on one line. */
const textOf = (pdf: string, pageNo?: number) => pdfText(pdf, pageNo, { layout: true });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A printed figure right after its label (pdftotext keeps a row's label and figure on one line), not a prefix of a longer one. */
const labelled = (label: string, figure: string) => new RegExp(`${label}\\s+${escapeRegExp(figure).replace(/ /g, '\\s*')}(?![\\d,])`);

/** The sample's ten sheets in the list order, figures (千円) as the seed prints them: test/fixtures/seed-seisakukyoku-h27.txt. */
interface ExpectedSheet {
  no: number;
  id: string;
  name: string;
  amount: string;
  previous: string;
  change: string;
}
const SHEETS: readonly ExpectedSheet[] = [
  { no: 1, id: '5a1e0000-0000-4000-8000-000000000001', name: '企画調整事務事業', amount: '37,524', previous: '16,432', change: '21,092' },
  { no: 2, id: '5a1e0000-0000-4000-8000-000000000002', name: '広域行政推進事業', amount: '259', previous: '341', change: '△ 82' },
  { no: 3, id: '5a1e0000-0000-4000-8000-000000000003', name: '合併振興基金積立金', amount: '8,000', previous: '8,000', change: '0' },
  { no: 4, id: '5a1e0000-0000-4000-8000-000000000004', name: '庁舎整備基金積立金', amount: '506,954', previous: '505,949', change: '1,005' },
  { no: 5, id: '5a1e0000-0000-4000-8000-000000000005', name: '総合振興計画推進事業', amount: '16,682', previous: '16,081', change: '601' },
  { no: 6, id: '5a1e0000-0000-4000-8000-000000000006', name: '情報システム最適化事業', amount: '74,081', previous: '108,513', change: '△ 34,432' },
  { no: 7, id: '5a1e0000-0000-4000-8000-000000000007', name: '社会保障・税番号制度整備事業', amount: '12,449', previous: '23,525', change: '△ 11,076' },
  { no: 8, id: '5a1e0000-0000-4000-8000-000000000008', name: '情報化推進事業', amount: '2,732,796', previous: '3,046,782', change: '△ 313,986' },
  { no: 9, id: '5a1e0000-0000-4000-8000-000000000009', name: '情報システム運用管理事業', amount: '873,169', previous: '799,860', change: '73,309' },
  { no: 10, id: '5a1e0000-0000-4000-8000-00000000000a', name: '東京事務所管理運営事業', amount: '10,298', previous: '10,019', change: '279' },
];

function expectSheetOnPage(text: string, sheet: ExpectedSheet): void {
  expect(squeeze(text)).toContain(squeeze(sheet.name));
  expect(text).toContain(sheet.amount);
  expect(text).toContain(sheet.change);
  expect(text).toMatch(labelled('(?<!前年度)予算額', sheet.amount));
  expect(text).toMatch(labelled('前年度予算額', sheet.previous));
  expect(text).toMatch(labelled('増減', sheet.change));
}

describe('printing (PDF through Chromium, A4)', { timeout: SEVERAL_STEPS_TIMEOUT_MS }, () => {
  describe('every sheet of the sample', { timeout: ONE_SHEET_TIMEOUT_MS }, () => {
    // One page for the ten: the app loads once, then each test only changes the hash (≈ 0.25 s instead of ≈ 0.7 s).
    let page: Page | undefined;
    beforeAll(async () => {
      page = await openPage();
    }, LAUNCH_TIMEOUT_MS);
    afterAll(async () => {
      await page?.context().close();
    }, LAUNCH_TIMEOUT_MS);

    it.for(SHEETS)('sheet $no/10 $name prints on exactly one page, with its name, 予算額 $amount and 増減 $change', async (sheet) => {
      if (!page) throw new Error('no page: beforeAll failed');
      const pdf = await pdfOf(page, printSheetHash(sheet.id), `sheet-${sheet.no}`, sheet.id);
      expect(pdfPageCount(pdf), sheet.name).toBe(1);
      const text = textOf(pdf);
      expectSheetOnPage(text, sheet);
      expect(squeeze(text)).toContain(`${sheet.no}/10`);
    });
  });

  it('the bureau route gives ten pages, one sheet each, in the list order', async () => {
    const page = await newPage();
    const pdf = await pdfOf(page, printBureauHash('政策局', 2015), 'bureau');
    expect(pdfPageCount(pdf)).toBe(10);
    SHEETS.forEach((sheet, i) => expectSheetOnPage(textOf(pdf, i + 1), sheet));
  });

  it('3,000 characters of 事業の目的・内容 and 12 主な事業 still print on one page, saying what was cut', async () => {
    const sample = loadSample();
    const base = sample.sheets.find((s) => s.id === '5a1e0000-0000-4000-8000-000000000008');
    if (!base) throw new Error('the sample has no 情報化推進事業');
    const long: Sheet = {
      ...base,
      id: '7a1e0000-0000-4000-8000-000000000001',
      name: '長文試験事業',
      purpose: '情報システムの効率的・安定的な管理運用を行います。'.repeat(120).slice(0, 3000),
      items: withItemIds(
        '7a1e0000-0000-4000-8000-000000000001',
        Array.from({ length: 12 }, (_, i) => ({
          name: `業務${i + 1}`,
          amount: 1000 + i,
          description: '市民に行政サービスを継続して提供するため、システムの再構築及び機器更新を行います。'.repeat(3),
        })),
      ),
    };
    const file = join(tempDir(), 'long.yosan.json');
    writeFileSync(file, writeExchangeFile({ ...sample, sheets: [...sample.sheets, long] }));
    const page = await newPage();
    await page.goto(url);
    // Fill IndexedDB the way a user would: 開く an exchange file.
    await openExchangeFileInApp(page, file);

    // The preview in the app names the field to shorten.
    await page.goto(`${url}#/sheet/${long.id}`);
    await page.getByRole('button', { name: '印刷/PDF' }).click();
    const preview = page.getByRole('dialog', { name: /印刷プレビュー/ });
    await expect
      .poll(() => preview.getByText(/1ページに収まらない/).textContent(), { timeout: WAIT_MS })
      .toContain('事業の目的・内容を短くしてください');

    const pdf = await pdfOf(page, printSheetHash(long.id), 'long');
    expect(pdfPageCount(pdf)).toBe(1);
    const text = squeeze(textOf(pdf));
    expect(text).toContain('（以下省略）');
    expect(text).toContain('一部を省略');
    expect(text).toContain('業務12');
  });

  it('the print view of 情報化推進事業 matches the reviewed reference image', async () => {
    const page = await newPage();
    await page.goto(`${url}${printSheetHash('5a1e0000-0000-4000-8000-000000000008')}`);
    await page.waitForSelector('html[data-print-ready="true"]');
    const shot = PNG.sync.read(await page.locator('[data-print-page]').screenshot());
    writeFileSync(join(tempDir(), 'print-johoka.png'), PNG.sync.write(shot));
    if (!existsSync(REFERENCE) || process.env['UPDATE_REFERENCE'] === '1') {
      writeFileSync(REFERENCE, PNG.sync.write(shot));
      throw new Error(`reference written to ${REFERENCE}: review it, then run again`);
    }
    const reference = PNG.sync.read(readFileSync(REFERENCE));
    expect([shot.width, shot.height]).toEqual([reference.width, reference.height]);
    const diff = new PNG({ width: shot.width, height: shot.height });
    const differing = pixelmatch(shot.data, reference.data, diff.data, shot.width, shot.height, { threshold: 0.2 });
    writeFileSync(join(tempDir(), 'print-johoka-diff.png'), PNG.sync.write(diff));
    // Font hinting differs a little between machines; a layout change moves thousands of pixels.
    expect(differing / (shot.width * shot.height)).toBeLessThan(0.005);
  });
});
