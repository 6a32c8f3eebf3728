// The print routes in Debian's Chromium: page.pdf (A4) gives one page per sheet, checked with pdfinfo and pdftotext.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatAmount } from '../../shared/domain/money';
import type { Sheet } from '../../shared/domain/schema';
import { sheetChange } from '../../shared/domain/sheet';
import { writeExchangeFile } from '../../shared/exchange/write';
import { printBureauHash, printSheetHash } from '../../shared/routes';
import { loadSample } from '../helpers/sample';
import { launchBrowser, openExchangeFileInApp } from './browser';

const url = inject('appUrl');
const dir = mkdtempSync(join(tmpdir(), 'yosan-print-'));
const REFERENCE = fileURLToPath(new URL('../fixtures/print-johoka.png', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, locale: 'ja-JP' });
  return context.newPage();
}

async function pdfOf(page: Page, hash: string, name: string): Promise<string> {
  await page.goto(`${url}${hash}`);
  await page.waitForSelector('html[data-print-ready="true"]', { timeout: 30_000 });
  const file = join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
const textOf = (pdf: string, pageNo?: number) =>
  execFileSync('pdftotext', [...(pageNo ? ['-f', String(pageNo), '-l', String(pageNo)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });
/** pdftotext may break a long name across lines or columns: compare without white space. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

function expectSheetOnPage(text: string, sheet: Sheet): void {
  expect(squeeze(text)).toContain(squeeze(sheet.name));
  expect(text).toContain(formatAmount(sheet.amount));
  expect(text).toContain(formatAmount(sheetChange(sheet)));
}

describe('printing (PDF through Chromium, A4)', () => {
  const sample = loadSample();

  it('every sheet of the sample prints on exactly one page, with its name, 予算額 and 増減', async () => {
    const page = await newPage();
    for (const [i, sheet] of sample.sheets.entries()) {
      const pdf = await pdfOf(page, printSheetHash(sheet.id), `sheet-${i}`);
      expect(pageCount(pdf), sheet.name).toBe(1);
      const text = textOf(pdf);
      expectSheetOnPage(text, sheet);
      expect(squeeze(text)).toContain(`${i + 1}/10`);
    }
    const kouiki = textOf(join(dir, 'sheet-1.pdf'));
    expect(kouiki).toContain('△ 82');
    await page.context().close();
  });

  it('the bureau route gives ten pages, one sheet each, in the list order', async () => {
    const page = await newPage();
    const pdf = await pdfOf(page, printBureauHash('政策局', 2015), 'bureau');
    expect(pageCount(pdf)).toBe(10);
    sample.sheets.forEach((sheet, i) => expectSheetOnPage(textOf(pdf, i + 1), sheet));
    await page.context().close();
  });

  it('3,000 characters of 事業の目的・内容 and 12 主な事業 still print on one page, saying what was cut', async () => {
    const base = sample.sheets[7]!;
    const long: Sheet = {
      ...base,
      id: '7a1e0000-0000-4000-8000-000000000001',
      name: '長文試験事業',
      purpose: '情報システムの効率的・安定的な管理運用を行います。'.repeat(120).slice(0, 3000),
      items: Array.from({ length: 12 }, (_, i) => ({
        name: `業務${i + 1}`,
        amount: 1000 + i,
        description: '市民に行政サービスを継続して提供するため、システムの再構築及び機器更新を行います。'.repeat(3),
      })),
    };
    const file = join(dir, 'long.yosan.json');
    writeFileSync(file, writeExchangeFile({ ...sample, sheets: [...sample.sheets, long] }));
    const page = await newPage();
    await page.goto(url);
    // Fill IndexedDB the way a user would: 開く an exchange file.
    await openExchangeFileInApp(page, file);

    // The preview in the app names the field to shorten.
    await page.goto(`${url}#/sheet/${long.id}`);
    await page.getByRole('button', { name: '印刷/PDF' }).click();
    const preview = page.getByRole('dialog', { name: /印刷プレビュー/ });
    await expect.poll(() => preview.getByText(/1ページに収まらない/).textContent()).toContain('事業の目的・内容を短くしてください');

    const pdf = await pdfOf(page, printSheetHash(long.id), 'long');
    expect(pageCount(pdf)).toBe(1);
    const text = squeeze(textOf(pdf));
    expect(text).toContain('（以下省略）');
    expect(text).toContain('一部を省略');
    expect(text).toContain('業務12');
    await page.context().close();
  });

  it('the print view of 情報化推進事業 matches the reviewed reference image', async () => {
    const page = await newPage();
    await page.goto(`${url}${printSheetHash('5a1e0000-0000-4000-8000-000000000008')}`);
    await page.waitForSelector('html[data-print-ready="true"]');
    const shot = PNG.sync.read(await page.locator('.print-page').screenshot());
    writeFileSync(join(dir, 'print-johoka.png'), PNG.sync.write(shot));
    if (!existsSync(REFERENCE) || process.env['UPDATE_REFERENCE'] === '1') {
      writeFileSync(REFERENCE, PNG.sync.write(shot));
      throw new Error(`reference written to ${REFERENCE}: review it, then run again`);
    }
    const reference = PNG.sync.read(readFileSync(REFERENCE));
    expect([shot.width, shot.height]).toEqual([reference.width, reference.height]);
    const diff = new PNG({ width: shot.width, height: shot.height });
    const differing = pixelmatch(shot.data, reference.data, diff.data, shot.width, shot.height, { threshold: 0.2 });
    writeFileSync(join(dir, 'print-johoka-diff.png'), PNG.sync.write(diff));
    // Font hinting differs a little between machines; a layout change moves thousands of pixels.
    expect(differing / (shot.width * shot.height)).toBeLessThan(0.005);
    await page.context().close();
  });
});
