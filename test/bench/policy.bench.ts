// The 局運営方針 screen in Chromium with 1,500 sheets and 40 policies in IndexedDB: keystroke-to-paint latency typing
// in 基本方針, typing in 予算額 of a sheet that policy rows follow, and (for comparison) of a sheet no row follows.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeExchangeFile } from '../../shared/exchange/write';
import { policyHash, sheetHash } from '../../shared/routes';
import { launchBrowser, openExchangeFileInApp } from '../e2e/browser';
import { buildAndServe } from '../e2e/serve-app';
import { loadSample } from '../helpers/sample';
import { installLatencyProbe, quantile, typeAndMeasure } from './keystroke-probe';
import { generatePolicyDocument } from './generate';

const SHEETS = Number(process.env["BENCH_SHEETS"] ?? 1500);
const POLICIES = 40;
const PROGRAMS_PER_POLICY = 10;


/** A fresh load of the app at `hash` (no state left from the previous scenario). */
async function openAt(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.reload();
}

async function settle(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('[data-save-state="saved"]').waitFor();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
}

/** Keystrokes in 予算額 of sheet `id`, measured to the painted 増減 (as editor.bench.ts). */
async function typeInAmount(page: Page, id: string): Promise<number[]> {
  await openAt(page, sheetHash(id));
  await page.locator(`[data-sheet-editor="${id}"]`).waitFor();
  const amount = page.getByLabel('予算額', { exact: true });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  await amount.click();
  await amount.press('End');
  await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: '増減' });
  const latencies = await typeAndMeasure(page);
  await settle(page);
  return latencies;
}

export default async function benchPolicy(): Promise<void> {
  const server = await buildAndServe();
  const browser = await launchBrowser();
  try {
    const doc = generatePolicyDocument(loadSample(), SHEETS, POLICIES, PROGRAMS_PER_POLICY);
    const file = join(mkdtempSync(join(tmpdir(), 'yosan-bench-')), `bench-policy-${SHEETS}.yosan.json`);
    writeFileSync(file, writeExchangeFile(doc));
    const policy = doc.policies.find((p) => p.fiscalYear === doc.fiscalYear)!;
    const followed = new Set(doc.policies.flatMap((p) => p.goals.flatMap((g) => g.programs.flatMap((r) => (r.link ? [r.link.sheetId] : [])))));
    const linkedId = policy.goals[0]!.programs[0]!.link!.sheetId;
    const rowsFollowing = doc.policies.flatMap((p) => p.goals.flatMap((g) => g.programs)).filter((r) => r.link?.sheetId === linkedId).length;
    // A sheet no row follows, made from the same template at the same scale as the linked one (generateSheets cycles 10 and 7).
    const linkedIndex = doc.sheets.findIndex((s) => s.id === linkedId);
    const unlinked = doc.sheets.find((s, i) => i % 70 === linkedIndex % 70 && !followed.has(s.id))!;

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(server.url);
    // Fill IndexedDB the way a user would: 開く an exchange file.
    await openExchangeFileInApp(page, file);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));

    // (a) Keystrokes in 基本方針 of the 局運営方針: measured to the frame after the field itself was rendered.
    await openAt(page, policyHash(policy.bureau, policy.fiscalYear));
    const basic = page.getByLabel('基本方針', { exact: true });
    await basic.waitFor();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await basic.click();
    await basic.press('Control+End');
    await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: null, outputIsInput: true });
    const policyLatencies = await typeAndMeasure(page);
    await settle(page);

    // (b) Keystrokes in 予算額 of a sheet that policy rows follow; (c) the same on a sheet no row follows.
    const linkedLatencies = await typeInAmount(page, linkedId);
    const unlinkedLatencies = await typeInAmount(page, unlinked.id);

    // The row follows the sheet: one more digit in 予算額, then the policy screen shows it.
    await openAt(page, sheetHash(linkedId));
    await page.locator(`[data-sheet-editor="${linkedId}"]`).waitFor();
    const amount = page.getByLabel('予算額', { exact: true });
    await amount.click();
    await amount.press('End');
    await amount.press('7');
    await settle(page);
    await openAt(page, policyHash(policy.bureau, policy.fiscalYear));
    const shown = await page.locator('[data-program-no="1"] .linked-figure').first().textContent();
    const expected = (doc.sheets[linkedIndex]!.amount ?? 0) * 10 + 7;

    const line = (name: string, xs: number[]) =>
      console.log(`${name.padEnd(44)}p50 ${quantile(xs, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(xs, 0.95).toFixed(1).padStart(6)} ms   max ${Math.max(...xs).toFixed(1).padStart(6)} ms   (${xs.length} keystrokes)`);
    console.log(`Chromium ${browser.version()}, ${SHEETS} sheets and ${doc.policies.length} 局運営方針 (${PROGRAMS_PER_POLICY} rows each, ${followed.size} sheets followed) in IndexedDB`);
    line(`(a) 基本方針 (${policy.bureau} ${policy.fiscalYear}) to its own text painted`, policyLatencies);
    line(`(b) 予算額 to 増減, sheet followed by ${rowsFollowing} row(s)`, linkedLatencies);
    line('(c) 予算額 to 増減, sheet no row follows', unlinkedLatencies);
    console.log(`policy row No.1 after one more digit on its sheet: ${shown?.trim()} (sheet 予算額 ${expected.toLocaleString('ja-JP')})`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
