// One measurement of the Excel bench in a process of its own (so peak memory is its own): prints one JSON line.
// Usage (from excel.bench.ts, bundled): node excel-child.mjs <mode> <sheets> <runs> <workDir> [workerFile]
// Modes: export, baseline (exceljs's streaming writer), deflate (the floor); write (writes bench-10.xlsx and
// bench-<sheets>.xlsx with our export, untimed, so the import modes start from a file and not after an export);
// import (ours, in its worker), import-load (exceljs Workbook.xlsx.load), import-stream (exceljs WorkbookReader).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { exportWorkbook } from '../../electron/services/excel/export';
import { runImport } from '../../electron/services/excel/import-runner';
import { readCentralDirectory } from '../../electron/services/excel/zip-guard';
import { loadSample } from '../helpers/sample';
import { baselineExport, baselineImportLoad, baselineImportStream } from './excel-baseline';
import { generateDocument } from './generate';

export interface ChildResult {
  mode: string;
  sheets: number;
  /** Wall time of each timed run, ms. */
  runs: number[];
  /** Peak resident set size of the whole process (incl. a worker thread), MB. */
  peakRssMb: number;
  /** Resident set size before the first timed run (node, exceljs and the document loaded), MB. */
  startRssMb: number;
  /** Largest JS heap seen while running, MB (sampled every 10 ms). */
  peakHeapMb: number;
  /** Longest the event loop was blocked during a run, ms (what a window waiting on IPC would feel). */
  maxBlockMs: number;
  bytes: number;
}

const [mode = 'export', sheetsArg = '20', runsArg = '3', workDir = '.', workerFile = ''] = process.argv.slice(2);
const sheets = Number(sheetsArg);
const runs = Number(runsArg);
const sample = loadSample();
// The import modes do not need the document: not generated there, so it does not count in their memory.
const doc = mode.startsWith('import') ? sample : generateDocument(sample, sheets);
mkdirSync(workDir, { recursive: true });
const xlsxPath = join(workDir, `bench-${sheets}.xlsx`);
const warmPath = join(workDir, 'bench-10.xlsx');

async function ours(file = doc): Promise<Buffer> {
  const result = await exportWorkbook(file, {}, { now: new Date('2015-02-01T00:00:00Z') });
  if (result.status !== 'ok') throw new Error(`export failed: ${result.status}`);
  return result.bytes;
}

/** The XML parts of our workbook, uncompressed: what the floor deflates. */
function xmlParts(bytes: Buffer): Buffer[] {
  const directory = readCentralDirectory(bytes);
  if (!directory.ok) throw new Error('bad zip');
  return directory.entries.map((e) => {
    const start = e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28);
    const data = bytes.subarray(start, start + e.compressedSize);
    return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
  });
}

async function main(): Promise<void> {
  let parts: Buffer[] = [];
  let job: () => Promise<number>;
  switch (mode) {
    case 'export':
      await ours(generateDocument(sample, 10)); // warm up: JIT and exceljs's lazy requires
      job = async () => (await ours()).byteLength;
      break;
    case 'baseline':
      await baselineExport(generateDocument(sample, 10));
      job = async () => (await baselineExport(doc)).byteLength;
      break;
    case 'deflate':
      parts = xmlParts(await ours());
      job = async () => parts.reduce((n, part) => n + deflateRawSync(part).byteLength, 0);
      break;
    case 'write':
      writeFileSync(warmPath, await ours(generateDocument(sample, 10)));
      writeFileSync(xlsxPath, await ours());
      job = async () => 0;
      break;
    case 'import': {
      const importOurs = async (file: string, count: number) => {
        const result = await runImport(file, { spawn: (options) => new Worker(workerFile, options) });
        if (!result.ok || result.file.sheets.length !== count) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 2000)}`);
      };
      await importOurs(warmPath, 10);
      job = async () => {
        await importOurs(xlsxPath, sheets);
        return statSync(xlsxPath).size;
      };
      break;
    }
    case 'import-load':
      await baselineImportLoad(readFileSync(warmPath));
      job = async () => {
        const bytes = readFileSync(xlsxPath);
        if ((await baselineImportLoad(bytes)) === 0) throw new Error('nothing read');
        return bytes.byteLength;
      };
      break;
    case 'import-stream':
      await baselineImportStream(warmPath);
      job = async () => {
        if ((await baselineImportStream(xlsxPath)) === 0) throw new Error('nothing read');
        return statSync(xlsxPath).size;
      };
      break;
    default:
      throw new Error(`unknown mode ${mode}`);
  }
  const startRss = process.memoryUsage().rss;
  let peakHeap = 0;
  // Sampled, not getrusage's maxRSS: on Linux a child started by fork+exec may report its parent's peak.
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  // The longest gap between two ticks of a 5 ms timer: how long the event loop was held at once.
  let lastTick = performance.now();
  let maxBlock = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxBlock = Math.max(maxBlock, now - lastTick - 5);
    lastTick = now;
  }, 5);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await job();
    times.push(performance.now() - t0);
  }
  clearInterval(ticker);
  maxBlock = Math.max(maxBlock, performance.now() - lastTick - 5);
  clearInterval(sampler);
  const result: ChildResult = {
    mode,
    sheets,
    runs: times,
    peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024,
    startRssMb: startRss / 1024 / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
    maxBlockMs: Math.max(0, maxBlock),
    bytes,
  };
  console.log(JSON.stringify(result));
}

void main();
