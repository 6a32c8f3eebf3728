// Timings of the domain core and the exchange file at 1,500 sheets. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { checkDocument } from '../../shared/domain/check';
import { checkSheet, sheetFigures } from '../../shared/domain/sheet';
import { totalsByClassification, totalsBySection, totalsOf } from '../../shared/domain/totals';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample } from '../helpers/sample';
import { generateDocument } from './generate';

function measure(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`${label.padEnd(48)} p50 ${at(0.5).toFixed(3).padStart(9)} ms   p95 ${at(0.95).toFixed(3).padStart(9)} ms   (${runs} runs)`);
}

export default function benchDomain(): void {
  const SHEETS = 1500;
  const doc = generateDocument(loadSample(), SHEETS);
  const text = writeExchangeFile(doc);
  console.log(`Yosan Desk bench — node ${process.version}, ${SHEETS} sheets, exchange file ${(text.length / 1024 / 1024).toFixed(2)} MB`);

  const one = doc.sheets[7]!;
  measure('one sheet: all figures + checks (per keystroke)', 5000, () => {
    sheetFigures(one);
    checkSheet(one, 7);
  });
  measure(`bureau totals by 課 and 款/項/目 (${SHEETS})`, 200, () => {
    totalsOf(doc.sheets);
    totalsBySection(doc.sheets);
    totalsByClassification(doc.sheets);
  });
  measure(`checks of every sheet (${SHEETS})`, 100, () => checkDocument(doc));
  measure(`exchange file write (${SHEETS})`, 20, () => writeExchangeFile(doc));
  measure(`exchange file read + validate (${SHEETS})`, 20, () => readExchangeFile(text));
  const heap = process.memoryUsage();
  console.log(`heap used ${(heap.heapUsed / 1024 / 1024).toFixed(1)} MB, rss ${(heap.rss / 1024 / 1024).toFixed(1)} MB`);
}
