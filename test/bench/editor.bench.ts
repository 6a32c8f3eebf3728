// The editor in Chromium at several sizes (10, 1,500 and 6,000 sheets in IndexedDB by default; BENCH_SHEETS="a,b,c"):
// load to an interactive list next to reading the same records from IndexedDB alone and to the stack alone (React,
// Dexie and the schemas showing a list: stack-floor/, what the framework costs before any of the app), keystroke-to-paint latency
// typed at a typist's pace, back to back and under a 3× slower CPU, each next to a bare input (the floor) measured in
// the same run, how long the list, checks and totals take to catch up once typing stops, records written, heap.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { formatAmount, parseAmount } from '../../shared/domain/money';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import { checkSheet } from '../../shared/domain/sheet';
import { writeExchangeFile } from '../../shared/exchange/write';
import { DB_NAME } from '../../renderer/src/persistence/db';
import { launchBrowser, openExchangeFileInApp } from '../e2e/browser';
import { buildAndServe } from '../e2e/serve-app';
import { loadSample } from '../helpers/sample';
import { installLatencyProbe, KEYSTROKES, quantile, typeAndMeasure, typeBackToBack } from './keystroke-probe';
import { generateSheets } from './generate';
import { formatBreakdown, traceBreakdown, type Breakdown } from './trace-breakdown';

const SIZES = (process.env['BENCH_SHEETS'] ?? '10,1500,6000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
/** The size whose keystrokes are also traced (where the main thread's time goes): 1,500, or the largest asked for. */
const TRACED_SIZE = SIZES.includes(1500) ? 1500 : Math.max(...SIZES);

const LOADS = 5;
const RAW_READS = 5;
const PACED_KEYS = KEYSTROKES;
/** The bare input varies little: fewer keys keep the run short (it is measured at every size). */
const FLOOR_KEYS = 100;
const TRACED_KEYS = 60;
const THROTTLED_KEYS = 100;
const THROTTLE_RATE = 3;
/** Back to back: rounds of 5 runs of 12 digits, each run replacing the field (Control+A): 60 distinct values a round. */
const BACK_TO_BACK_ROUNDS = 3;
const RUNS_PER_ROUND = 5;
const DIGITS_PER_RUN = 12;
/** Catch-up bursts: each typed into an empty 予算額, then erased again (both are measured). */
const CATCH_UP_VALUES = ['31415926', '27182818', '16180339'];

const AMOUNT = '予算額';
const CHANGE = '増減';

interface SizeResult {
  size: number;
  listed: string;
  loads: number[];
  /** The same start with the stack alone (stack-floor/): React, Dexie and the schemas, the records read, 30 names listed. */
  stackLoads: number[];
  /** Per load, when each start-up step ended (ms from navigation start): script loaded, modules evaluated, … */
  steps: Record<string, number>[];
  rawReads: number[];
  paced: number[];
  floor: number[];
  backToBack: number[];
  backToBackTotals: number[];
  catchUps: CatchUp[];
  throttled: number[];
  throttledFloor: number[];
  /** Keystrokes into the stack-alone page's one controlled amount: React's own input handling, without our page. */
  stackKeys: number[];
  writes: { records: number; transactions: number; largest: number };
  heapMb: number;
  trace: { app: Breakdown; floor: Breakdown } | null;
  seconds: number;
}

interface CatchUp {
  all: number;
  list: number;
  checks: number;
  totals: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
const ms = (x: number, digits = 0) => (Number.isFinite(x) ? `${x.toFixed(digits)}` : 'n/a');
const pair = (xs: number[]) => `${ms(quantile(xs, 0.5), 1)}/${ms(quantile(xs, 0.95), 1)}`;

export default async function benchEditor(): Promise<void> {
  const server = await buildAndServe([{ root: fileURLToPath(new URL('./stack-floor', import.meta.url)), under: 'stack-floor' }]);
  const browser = await launchBrowser();
  const sample = loadSample();
  const results: SizeResult[] = [];
  try {
    console.log(`Chromium ${browser.version()}; sizes ${SIZES.join(', ')} sheets (the built-in sample's ${sample.sheets.length} and generated ones)`);
    for (const size of SIZES) results.push(await measureSize(browser, server.url, sample, size));
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(results);
}

async function measureSize(browser: Browser, url: string, sample: ExchangeFile, size: number): Promise<SizeResult> {
  const started = performance.now();
  // The first start stores the built-in sample; the generated sheets come on top, so the database holds `size`.
  const generated = generateSheets(sample.sheets, Math.max(0, size - sample.sheets.length));
  const allSheets = [...sample.sheets, ...generated];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('listbox', { name: '事務事業シート' }).getByRole('option').first().waitFor();
    if (generated.length > 0) {
      // Fill IndexedDB the way a user would: 開く an exchange file.
      const file = join(mkdtempSync(join(tmpdir(), 'yosan-bench-')), `bench-${size}.yosan.json`);
      writeFileSync(file, writeExchangeFile({ ...sample, sheets: generated }));
      await openExchangeFileInApp(page, file);
    }
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.goto('about:blank');

    // IndexedDB alone: the same records read in a page of the same origin that runs no app.
    const rawReads = await readRaw(context, url);

    // Load: the app started in a fresh tab, as a user starts it (no earlier page to unload first), LOADS times; each
    // must be the window that edits (a read-only one would load another way). Each next to the stack alone.
    const loads: number[] = [];
    const stackLoads: number[] = [];
    const steps: Record<string, number>[] = [];
    for (let i = 0; i < LOADS; i++) {
      const started = await startInFreshTab(context, url, 'window.yosanDiagnostics?.autosave != null');
      loads.push(started.marks['list-ready'] ?? NaN);
      steps.push(started.steps);
      stackLoads.push((await startInFreshTab(context, `${url}stack-floor/index.html`, 'true')).marks['list-ready'] ?? NaN);
    }
    await page.goto(url);
    await page.getByRole('listbox', { name: '事務事業シート' }).getByRole('option').first().waitFor();
    await page.waitForFunction(() => (window.yosanDiagnostics?.autosave ?? null) !== null, undefined, { timeout: 10_000 });
    await settle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const listed = ((await page.locator('[data-list-count]').textContent()) ?? '').trim();

    // The open sheet, as the generator made it: what its list row, checks and totals show for a given 予算額.
    const sheetId = await page.locator('[data-sheet-editor]').getAttribute('data-sheet-editor');
    const sheet = allSheets.find((s) => s.id === sheetId);
    if (!sheet || sheet.amount === null || sheet.previousAmount === null) throw new Error(`the open sheet ${sheetId} needs 予算額 and 前年度予算額`);
    const othersTotal = await othersInTotal(page, allSheets, sheet);

    // Keystrokes in 予算額 at a typist's pace: each changes 増減; from the key event to the frame after 増減 changed.
    const amount = page.getByLabel(AMOUNT, { exact: true });
    await amount.click();
    await amount.press('End');
    await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: CHANGE });
    const before = await page.evaluate(() => {
      const stats = window.yosanDiagnostics!.autosave!;
      stats.largestTransactionSheets = 0;
      return { ...stats };
    });
    const paced = await typeAndMeasure(page, { keystrokes: PACED_KEYS });
    await page.keyboard.press('Control+S');
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.waitForTimeout(400);
    const after = await page.evaluate(() => ({ ...window.yosanDiagnostics!.autosave! }));

    // The same typing under a performance trace: where the main thread's time goes.
    let appTrace: Breakdown | null = null;
    if (size === TRACED_SIZE) {
      await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: CHANGE });
      appTrace = await traceBreakdown(browser, page, async () => void (await typeAndMeasure(page, { keystrokes: TRACED_KEYS })));
      await settle(page);
    }

    // Back to back: keys as fast as Playwright sends them, so they queue behind whatever a keystroke costs.
    const backToBack: number[] = [];
    const backToBackTotals: number[] = [];
    for (let round = 0; round < BACK_TO_BACK_ROUNDS; round++) {
      const { keys, expected } = backToBackKeys(sheet.previousAmount);
      const result = await typeBackToBack(page, keys, expected, CHANGE);
      backToBack.push(...result.latencies);
      backToBackTotals.push(result.total);
      await settle(page);
    }

    // Catch-up: after a burst, until the list row, the checks and the totals all show the final value.
    const target = (value: number | null, keys: number): CatchUpTarget => ({
      keys,
      listAmount: formatAmount(value),
      total: formatAmount(othersTotal + (value ?? 0)),
      sheetName: sheet.name || '（名称未入力）',
      messages: checkSheet({ ...sheet, amount: value }, 0).map((p) => `${p.field ? `${p.field}: ` : ''}${p.message}`),
    });
    await catchUp(page, ['Control+A', 'Backspace'], target(null, 1));
    const catchUps: CatchUp[] = [];
    for (const value of CATCH_UP_VALUES) {
      catchUps.push(await catchUp(page, [...value], target(Number(value), value.length)));
      catchUps.push(await catchUp(page, Array.from(value, () => 'Backspace'), target(null, value.length)));
    }
    await catchUp(page, ['Control+A', ...String(sheet.amount)], target(sheet.amount, String(sheet.amount).length));

    // The typist again on a CPU 3× slower (CDP throttling), as on a modest 庁内 PC.
    await amount.press('End');
    await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: CHANGE });
    const throttled = await throttledTyping(cdp, () => typeAndMeasure(page, { keystrokes: THROTTLED_KEYS }));
    await settle(page);

    // The floor, same browser, same probe: a bare page whose only script copies the input's length to an output.
    const bare = await context.newPage();
    await bare.setContent('<input id="a"><output id="o"></output>');
    await bare.evaluate(() => {
      const input = document.getElementById('a') as HTMLInputElement;
      input.addEventListener('input', () => (document.getElementById('o')!.textContent = String(input.value.length)));
      input.focus();
    });
    await bare.evaluate(installLatencyProbe, { inputSelector: '#a', outputLabel: null });
    const floor = await typeAndMeasure(bare, { keystrokes: FLOOR_KEYS });
    let floorTrace: Breakdown | null = null;
    if (size === TRACED_SIZE) {
      await bare.evaluate(installLatencyProbe, { inputSelector: '#a', outputLabel: null });
      floorTrace = await traceBreakdown(browser, bare, async () => void (await typeAndMeasure(bare, { keystrokes: TRACED_KEYS })));
    }
    const bareCdp = await context.newCDPSession(bare);
    await bare.evaluate(installLatencyProbe, { inputSelector: '#a', outputLabel: null });
    const throttledFloor = await throttledTyping(bareCdp, () => typeAndMeasure(bare, { keystrokes: THROTTLED_KEYS }));

    // The stack alone: a controlled input whose 増減 React renders, on a page with nothing else of the app.
    const stackPage = await context.newPage();
    await stackPage.goto(`${url}stack-floor/index.html`);
    await stackPage.getByLabel(AMOUNT).click();
    await stackPage.keyboard.press('End');
    await stackPage.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: CHANGE });
    const stackKeys = await typeAndMeasure(stackPage, { keystrokes: FLOOR_KEYS });

    const result: SizeResult = {
      size,
      listed,
      loads,
      stackLoads,
      steps,
      rawReads,
      paced,
      floor,
      backToBack,
      backToBackTotals,
      catchUps,
      throttled,
      throttledFloor,
      stackKeys,
      writes: {
        records: after.sheetRecordsWritten - before.sheetRecordsWritten,
        transactions: after.transactions - before.transactions,
        largest: after.largestTransactionSheets,
      },
      heapMb: heap.usedSize / 1024 / 1024,
      trace: appTrace && floorTrace ? { app: appTrace, floor: floorTrace } : null,
      seconds: (performance.now() - started) / 1000,
    };
    printSize(result);
    return result;
  } finally {
    await context.close();
  }
}

/** Lets deferred work and the autosave finish, so one measurement does not run into the last one's tail. */
async function settle(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
  await page.waitForTimeout(300);
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 5000 })));
}

/** Σ 予算額 of the other sheets in the totals: from the data, checked against what the side pane shows. */
async function othersInTotal(page: Page, allSheets: readonly Sheet[], sheet: Sheet): Promise<number> {
  const scope = allSheets.filter((s) => s.fiscalYear === sheet.fiscalYear && s.org.bureau === sheet.org.bureau);
  const others = scope.reduce((sum, s) => sum + (s.id === sheet.id ? 0 : (s.amount ?? 0)), 0);
  const total = page.locator('[data-total="amount"]').first();
  const shown = ((await total.textContent()) ?? '').trim();
  if (shown === formatAmount(others + sheet.amount!)) return others;
  // The pane counts something else (another scope): take its figure as it stands.
  const parsed = parseAmount(shown, { label: '合計', signed: true });
  if (!parsed.ok || parsed.value === null) throw new Error(`totals show ${JSON.stringify(shown)}`);
  console.log(`  (totals show ${shown}, not Σ of the generated scope ${formatAmount(others + sheet.amount!)}: using what they show)`);
  return parsed.value - sheet.amount!;
}

/**
 * Opens `url` in a fresh tab and waits, from outside the page, until the list is ready and `ready` (an expression)
 * holds; returns the page's marks and start-up steps. Asked through CDP's Runtime.evaluate every 50 ms rather than with
 * Playwright's locators: those run Playwright's own script in the page while it starts (7 ms of the main thread in a
 * trace), which a user's start does not have.
 */
async function startInFreshTab(context: BrowserContext, url: string, ready: string): Promise<{ marks: Record<string, number>; steps: Record<string, number> }> {
  const fresh = await context.newPage();
  const cdp = await context.newCDPSession(fresh);
  const evaluate = async <T>(expression: string): Promise<T> =>
    ((await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } }).result.value;
  try {
    await fresh.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 30_000;
    while (!(await evaluate<boolean>(`performance.getEntriesByName('yosan:list-ready').length > 0 && (${ready})`))) {
      if (Date.now() > deadline) throw new Error(`${url}: no list within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const marks = await evaluate<Record<string, number>>(
      `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('yosan:')).map((m) => [m.name.slice(6), m.startTime]))`,
    );
    const steps = await evaluate<Record<string, number>>(`(${startupSteps.toString()})()`);
    return { marks, steps };
  } finally {
    await cdp.detach();
    await fresh.close();
  }
}

/** When each start-up step ended, from navigation start: the page's script loaded, then the app's own marks. Runs in the page. */
function startupSteps(): Record<string, number> {
  const steps: Record<string, number> = {};
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav) steps['html'] = nav.responseEnd;
  const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  if (scripts.length > 0) steps['scripts-loaded'] = Math.max(...scripts.filter((r) => r.startTime < (performance.getEntriesByName('yosan:modules-ready')[0]?.startTime ?? Infinity)).map((r) => r.responseEnd));
  for (const name of ['modules-ready', 'lock-acquired', 'records-read', 'records-checked', 'list-ready', 'hydrated']) {
    const mark = performance.getEntriesByName(`yosan:${name}`)[0];
    if (mark) steps[name] = mark.startTime;
  }
  return steps;
}

/** IndexedDB alone: opens the app's database with the raw API and reads every sheet record, in a page without the app. */
async function readRaw(context: BrowserContext, url: string): Promise<number[]> {
  const raw = await context.newPage();
  const blank = `${url}bench-raw-read.html`;
  // Same origin (so the same database), but a page of our own: nothing of the app is loaded.
  await raw.route(blank, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>raw read</title>' }));
  const reads: number[] = [];
  try {
    for (let i = 0; i < RAW_READS; i++) {
      await raw.goto(blank);
      const { elapsed, count } = await raw.evaluate(async (name) => {
        const t0 = performance.now();
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('sheets', 'readonly').objectStore('sheets').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const elapsed = performance.now() - t0;
        db.close();
        return { elapsed, count: records.length };
      }, DB_NAME);
      if (count === 0) throw new Error('raw read found no sheet records');
      reads.push(elapsed);
    }
  } finally {
    await raw.close();
  }
  return reads;
}

/** Keys for one back-to-back round: runs of digits, each replacing the field, and 増減 after every digit (distinct). */
function backToBackKeys(previousAmount: number): { keys: string[]; expected: string[] } {
  const keys: string[] = [];
  const expected: string[] = [];
  const digits = '14159265358979323846264338327950';
  for (let run = 1; run <= RUNS_PER_ROUND; run++) {
    // A different first digit per run: every value of the round differs from every other.
    const value = `${run}${digits.slice(run, run + DIGITS_PER_RUN - 1)}`;
    keys.push('Control+A');
    for (let i = 1; i <= value.length; i++) {
      keys.push(value[i - 1]!);
      expected.push(formatAmount(Number(value.slice(0, i)) - previousAmount));
    }
  }
  return { keys, expected };
}

interface CatchUpTarget {
  /** Value-changing keys in the burst; the watch starts at the last of them. */
  keys: number;
  listAmount: string;
  total: string;
  sheetName: string;
  /** The checks panel's lines for the sheet (`field: message`). */
  messages: string[];
}

interface CatchUpWindow {
  catchUp: { count: number; lastKey: number; done: boolean } & CatchUp;
  disposeCatchUp?: () => void;
}

/**
 * Runs in the page: from the last key of a burst, the first frame in which the selected list row, the checks panel
 * and the side pane's total each show the final value, and the first in which all three do. Self-contained.
 */
function watchCatchUp(target: CatchUpTarget): void {
  const w = window as unknown as CatchUpWindow;
  w.disposeCatchUp?.();
  const state = { count: 0, lastKey: 0, done: false, all: NaN, list: NaN, checks: NaN, totals: NaN };
  w.catchUp = state;
  const input = document.activeElement as HTMLElement;
  const expected = [...target.messages].sort().join('\n');
  const started = performance.now();
  // Methods, not named arrow functions: tsx's keepNames would wrap those in a helper the page lacks.
  const watch = {
    handleEvent(e: Event) {
      const key = e as KeyboardEvent;
      if (key.ctrlKey || key.altKey || key.metaKey || key.key === 'Control') return;
      state.count += 1;
      state.lastKey = key.timeStamp;
    },
    text(el: Element | null | undefined) {
      return (el?.textContent ?? '').trim();
    },
    list() {
      return watch.text(document.querySelector('.list-row.selected .list-amount')) === target.listAmount;
    },
    totals() {
      return watch.text(document.querySelector('[data-total="amount"]')) === target.total;
    },
    checks() {
      const panel = document.querySelector('section[aria-label="チェック結果"]');
      if (!panel) return false;
      const lines = Array.from(panel.querySelectorAll('li'))
        .filter((li) => watch.text(li.querySelector('.problem-sheet')) === target.sheetName)
        .map((li) => watch.text(li.querySelector('.problem-message')));
      return lines.sort().join('\n') === expected;
    },
    finish() {
      input.removeEventListener('keydown', watch, true);
      state.done = true;
    },
    frame() {
      if (state.done) return;
      if (performance.now() - started > 60_000) return watch.finish();
      if (state.count >= target.keys) {
        const names = ['list', 'checks', 'totals'] as const;
        const parts = names.filter((p) => Number.isNaN(state[p]) && watch[p]());
        const all = names.every((p) => parts.includes(p) || !Number.isNaN(state[p]));
        // After the frame is painted: the time this frame showed it.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const at = performance.now() - state.lastKey;
          for (const p of parts) state[p] = at;
          if (all) {
            state.all = at;
            watch.finish();
          }
        };
        channel.port2.postMessage(null);
      }
      requestAnimationFrame(() => watch.frame());
    },
  };
  input.addEventListener('keydown', watch, true);
  w.disposeCatchUp = () => watch.finish();
  requestAnimationFrame(() => watch.frame());
}

/** Types `keys` back to back in the focused 予算額 and returns how long the list, checks and totals took to catch up. */
async function catchUp(page: Page, keys: readonly string[], target: CatchUpTarget): Promise<CatchUp> {
  await page.evaluate(watchCatchUp, target);
  for (const key of keys) await page.keyboard.press(key);
  await page.waitForFunction(() => (window as unknown as CatchUpWindow).catchUp.done, null, { polling: 100, timeout: 90_000 });
  const result = await page.evaluate(() => {
    const { all, list, checks, totals } = (window as unknown as CatchUpWindow).catchUp;
    return { all, list, checks, totals };
  });
  await settle(page);
  return result;
}

async function throttledTyping(cdp: CDPSession, type: () => Promise<number[]>): Promise<number[]> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
  try {
    return await type();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

function latencyLine(name: string, xs: number[]): string {
  const ok = finite(xs);
  const missing = xs.length - ok.length;
  return `${name.padEnd(40)}p50 ${ms(quantile(ok, 0.5), 1).padStart(6)} ms   p95 ${ms(quantile(ok, 0.95), 1).padStart(6)} ms   max ${ms(Math.max(...ok), 1).padStart(6)} ms   (${ok.length} keys${missing ? `, ${missing} never painted` : ''})`;
}

function printSize(r: SizeResult): void {
  console.log(`\n### ${r.size} sheets (${r.listed}), measured in ${r.seconds.toFixed(0)} s`);
  console.log(`app load to interactive list            median ${ms(median(r.loads))} ms   (runs: ${r.loads.map((l) => ms(l)).join(', ')})`);
  const stepNames = Object.keys(r.steps[0] ?? {});
  console.log(`  start-up steps, median end (ms): ${stepNames.map((k) => `${k} ${ms(median(r.steps.map((s) => s[k] ?? NaN)))}`).join(' → ')}`);
  console.log(`the stack alone: React, Dexie, schemas  median ${ms(median(r.stackLoads))} ms   (runs: ${r.stackLoads.map((l) => ms(l)).join(', ')}; the same records read, 30 names listed)`);
  console.log(`IndexedDB alone: open + getAll sheets   median ${ms(median(r.rawReads))} ms   (runs: ${r.rawReads.map((l) => ms(l)).join(', ')})`);
  console.log(latencyLine(`typist (${PACED_KEYS}, 100 ms apart) 予算額→増減`, r.paced));
  console.log(latencyLine('  floor: bare input → output', r.floor));
  console.log(latencyLine('  the stack alone: React input → 増減', r.stackKeys));
  console.log(latencyLine(`back to back (${BACK_TO_BACK_ROUNDS}×${RUNS_PER_ROUND * DIGITS_PER_RUN}) 予算額→増減`, r.backToBack));
  console.log(`  first key to final 増減 painted        ${r.backToBackTotals.map((t) => `${ms(t)} ms`).join(', ')}`);
  const parts = (k: keyof CatchUp) => median(finite(r.catchUps.map((c) => c[k])));
  console.log(
    `catch-up after a burst (${r.catchUps.length} bursts)     median ${ms(parts('all'))} ms: list ${ms(parts('list'))}, checks ${ms(parts('checks'))}, totals ${ms(parts('totals'))}   (all: ${r.catchUps.map((c) => ms(c.all)).join(', ')})`,
  );
  console.log(latencyLine(`CPU ×${THROTTLE_RATE}: typist (${THROTTLED_KEYS}) 予算額→増減`, r.throttled));
  console.log(latencyLine(`  CPU ×${THROTTLE_RATE}: floor`, r.throttledFloor));
  if (r.trace) {
    console.log(`trace, app main thread:   ${formatBreakdown(r.trace.app, TRACED_KEYS)}`);
    console.log(`trace, bare input:        ${formatBreakdown(r.trace.floor, TRACED_KEYS)}`);
  }
  console.log(
    `IndexedDB writes for ${PACED_KEYS} keys: ${r.writes.records} sheet records in ${r.writes.transactions} transactions, largest transaction ${r.writes.largest} sheet record(s) (of ${r.size})`,
  );
  console.log(`JS heap after loading ${r.heapMb.toFixed(1)} MB`);
}

function printTable(results: SizeResult[]): void {
  const p95 = (xs: number[]) => quantile(finite(xs), 0.95);
  const rows = results.map((r) => {
    const load = median(r.loads);
    const raw = median(r.rawReads);
    return [
      String(r.size),
      ms(load),
      ms(median(r.stackLoads)),
      ms(raw, 1),
      `${(load / raw).toFixed(1)}×`,
      pair(finite(r.paced)),
      pair(r.floor),
      `${(p95(r.paced) / p95(r.floor)).toFixed(2)}×`,
      pair(finite(r.backToBack)),
      ms(median(finite(r.catchUps.map((c) => c.all)))),
      `${ms(p95(r.throttled), 1)}/${ms(p95(r.throttledFloor), 1)}`,
    ];
  });
  const header = ['sheets', 'load', 'stack alone', 'IDB read', 'load/read', 'key p50/p95', 'floor p50/p95', 'p95/floor', 'b2b p50/p95', 'catch-up', `CPU×${THROTTLE_RATE} p95 app/floor`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log('\n### Summary (ms; keystroke figures: key event to the frame that painted 増減)');
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));

  const at = (n: number) => results.find((r) => r.size === n);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const goals: string[] = [];
  const mid = at(1500);
  if (mid) {
    const ratio = p95(mid.paced) / p95(mid.floor);
    const stack = p95(mid.stackKeys) / p95(mid.floor);
    goals.push(`1,500: keystroke p95 within 1.5× the floor: ${ratio.toFixed(2)}× (${verdict(ratio <= 1.5)}; the stack alone ${stack.toFixed(2)}×)`);
  }
  const small = at(10);
  const large = at(6000);
  if (small && large) {
    const ratio = p95(large.paced) / p95(small.paced);
    goals.push(`6,000: keystroke p95 within 1.1× of 10 sheets': ${ratio.toFixed(2)}× (${verdict(ratio <= 1.1)})`);
  }
  for (const r of results.filter((x) => x.size >= 1500)) {
    const ratio = median(r.loads) / median(r.rawReads);
    const stack = median(r.stackLoads) / median(r.rawReads);
    goals.push(`${r.size.toLocaleString('en-US')}: load within 3× the IndexedDB read: ${ratio.toFixed(1)}× (${verdict(ratio <= 3)}; the stack alone ${stack.toFixed(1)}×)`);
  }
  console.log(`Goals (issue 14): ${goals.length > 0 ? goals.join('; ') : 'need sizes 10, 1500 and 6000'}`);
}
