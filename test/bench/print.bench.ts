// The bureau PDF of 100 generated sheets in Chromium: time per page and the browser's peak memory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExchangeFile } from '../../shared/exchange/write';
import { printBureauHash } from '../../shared/routes';
import { launchBrowser, openExchangeFileInApp } from '../e2e/browser';
import { buildAndServe } from '../e2e/serve-app';
import { loadSample } from '../helpers/sample';
import { generateDocument } from './generate';

const SHEETS = 100;

/** Resident memory of every Chromium process, in MB (Linux /proc via ps). */
function chromiumRssMb(): number {
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
  return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}

export default async function benchPrint(): Promise<void> {
  const server = await buildAndServe();
  const browser = await launchBrowser();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'yosan-print-bench-'));
    const file = join(dir, 'print.yosan.json');
    writeFileSync(file, writeExchangeFile(generateDocument(loadSample(), SHEETS)));
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    await page.goto(server.url);
    // Fill IndexedDB the way a user would: 開く an exchange file.
    await openExchangeFileInApp(page, file);

    let peak = chromiumRssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 50);
    const t0 = performance.now();
    await page.goto(`${server.url}${printBureauHash('政策局', 2015)}`);
    await page.waitForSelector('html[data-print-ready="true"]', { timeout: 120_000 });
    const t1 = performance.now();
    const pdf = join(dir, 'bureau.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const t2 = performance.now();
    clearInterval(sampler);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    console.log(`Chromium ${browser.version()}, bureau PDF of ${SHEETS} generated sheets: ${pages} pages`);
    console.log(`layout (fit every page)   ${(t1 - t0).toFixed(0)} ms   ${((t1 - t0) / pages).toFixed(1)} ms/page`);
    console.log(`PDF (page.pdf)            ${(t2 - t1).toFixed(0)} ms   ${((t2 - t1) / pages).toFixed(1)} ms/page`);
    console.log(`total                     ${(t2 - t0).toFixed(0)} ms   ${((t2 - t0) / pages).toFixed(1)} ms/page`);
    console.log(`peak RSS of all Chromium processes ${peak.toFixed(0)} MB`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
