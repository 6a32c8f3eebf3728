// The editor in Chromium with 1,500 sheets in IndexedDB: load time, keystroke-to-paint latency, records per keystroke, heap.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExchangeFile } from '../../shared/exchange/write';
import { launchBrowser, openExchangeFileInApp } from '../e2e/browser';
import { buildAndServe } from '../e2e/serve-app';
import { loadSample } from '../helpers/sample';
import { installLatencyProbe, KEYSTROKES, quantile, typeAndMeasure } from './keystroke-probe';
import { generateDocument } from './generate';

const SHEETS = Number(process.env["BENCH_SHEETS"] ?? 1500);


export default async function benchEditor(): Promise<void> {
  const server = await buildAndServe();
  const browser = await launchBrowser();
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'yosan-bench-')), `bench-${SHEETS}.yosan.json`);
    writeFileSync(file, writeExchangeFile(generateDocument(loadSample(), SHEETS)));
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(server.url);
    // Fill IndexedDB the way a user would: 開く an exchange file.
    await openExchangeFileInApp(page, file);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));

    // Load: a fresh navigation to an interactive list, five times.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.getByRole('listbox', { name: '事務事業シート' }).getByRole('option').first().waitFor();
      loads.push(await page.evaluate(() => performance.getEntriesByName('yosan:list-ready')[0]?.startTime ?? NaN));
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const listed = await page.locator('[data-list-count]').textContent();

    // Keystrokes in 予算額: each one changes 増減; measure from the key event to the frame after 増減 changed.
    const amount = page.getByLabel('予算額', { exact: true });
    await amount.click();
    await amount.press('End');
    await page.evaluate(installLatencyProbe, { inputSelector: null, outputLabel: '増減' });
    const before = await page.evaluate(() => ({ ...window.yosanDiagnostics!.autosave! }));
    const latencies = await typeAndMeasure(page);
    await page.keyboard.press('Control+S');
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
    const after = await page.evaluate(() => ({ ...window.yosanDiagnostics!.autosave! }));

    // The floor, same browser, same probe: a bare page whose only script copies the input's length to an output.
    const bare = await context.newPage();
    await bare.setContent('<input id="a"><output id="o"></output>');
    await bare.evaluate(() => {
      const input = document.getElementById('a') as HTMLInputElement;
      input.addEventListener('input', () => (document.getElementById('o')!.textContent = String(input.value.length)));
      input.focus();
    });
    await bare.evaluate(installLatencyProbe, { inputSelector: '#a', outputLabel: null });
    const floor = await typeAndMeasure(bare);

    console.log(`Chromium ${browser.version()}, ${SHEETS} sheets in IndexedDB (${listed?.trim()})`);
    console.log(`app load to interactive list       median ${quantile(loads, 0.5).toFixed(0)} ms   (runs: ${loads.map((l) => l.toFixed(0)).join(', ')})`);
    console.log(`keystroke in 予算額 to 増減 painted  p50 ${quantile(latencies, 0.5).toFixed(1)} ms   p95 ${quantile(latencies, 0.95).toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms   (${latencies.length} keystrokes)`);
    console.log(`  floor (bare input → output, same probe)  p50 ${quantile(floor, 0.5).toFixed(1)} ms   p95 ${quantile(floor, 0.95).toFixed(1)} ms`);
    const writes = after.sheetRecordsWritten - before.sheetRecordsWritten;
    const transactions = after.transactions - before.transactions;
    console.log(`IndexedDB: ${writes} sheet records in ${transactions} transactions for ${KEYSTROKES} keystrokes (largest transaction: ${after.lastTransactionSheets} sheet; never the whole set of ${SHEETS})`);
    console.log(`JS heap after loading ${(heap.usedSize / 1024 / 1024).toFixed(1)} MB`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
