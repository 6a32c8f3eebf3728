// Excel export and import at 20, 100 and 1,500 sheets: wall time, peak memory, file size, how long the event loop is
// blocked, each against exceljs at its best measured in the same run. Export: exceljs's streaming WorkbookWriter with one
// shared style object per style name, rows and worksheets committed as written, the same layouts (and zlib deflating
// the same XML: the floor). Import of the file our export wrote: exceljs's plain Workbook.xlsx.load and its streaming
// WorkbookReader of the same file. Prints figures and ratios (ours / exceljs); asserts nothing.
//
// Each figure comes from a fresh process running the code bundled as the app ships it (esbuild, exceljs external), so
// memory is that of one export and not of tsx or of the previous measurement.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import type { ChildResult } from './excel-child';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'dist', 'bench');
const run = promisify(execFile);

async function bundle(): Promise<{ child: string; worker: string }> {
  mkdirSync(OUT, { recursive: true });
  const common: BuildOptions = { absWorkingDir: ROOT, bundle: true, platform: 'node', target: 'node20', external: ['exceljs'], logLevel: 'silent' };
  const child = join(OUT, 'excel-child.mjs');
  const worker = join(OUT, 'excel-import-worker.cjs');
  await Promise.all([
    build({
      ...common,
      format: 'esm',
      entryPoints: ['test/bench/excel-child.ts'],
      outfile: child,
      // Bundled CommonJS dependencies call require(); give the ES module one.
      banner: { js: "import { createRequire as __yosanRequire } from 'node:module'; const require = __yosanRequire(import.meta.url);" },
    }),
    build({ ...common, format: 'cjs', entryPoints: ['electron/services/excel/import-worker.ts'], outfile: worker }),
  ]);
  return { child, worker };
}

/** One fresh process: a warm-up on 10 sheets, then one timed run. */
async function once(child: string, worker: string, mode: string, sheets: number): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [child, mode, String(sheets), '1', join(OUT, 'work'), worker], {
    cwd: ROOT,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

interface Measured {
  /** Median wall time of the processes, ms. */
  time: number;
  times: number[];
  /** Largest peak RSS of the processes, MB. */
  peakRss: number;
  peakHeap: number;
  maxBlock: number;
  bytes: number;
}

async function measure(child: string, worker: string, mode: string, sheets: number, processes: number): Promise<Measured> {
  const results: ChildResult[] = [];
  for (let i = 0; i < processes; i++) results.push(await once(child, worker, mode, sheets));
  const times = results.map((r) => r.runs[0] ?? NaN);
  return {
    time: median(times),
    times,
    peakRss: Math.max(...results.map((r) => r.peakRssMb)),
    peakHeap: Math.max(...results.map((r) => r.peakHeapMb)),
    maxBlock: Math.max(...results.map((r) => r.maxBlockMs)),
    bytes: results[0]?.bytes ?? 0,
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
const mb = (x: number) => `${x.toFixed(0)} MB`.padStart(7);

const fmtRow = (sheets: number, label: string, r: Measured) =>
  `${String(sheets).padStart(6)}  ${label.padEnd(14)} ${ms(r.time)}  ${mb(r.peakRss)}    ${mb(r.peakHeap)}       ${ms(r.maxBlock)}  ${(r.bytes / 1024).toFixed(0).padStart(6)} KB   (${r.times.map((t) => t.toFixed(0)).join(', ')})`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const SIZES = [
  [20, 5],
  [100, 5],
  [1500, 3],
] as const;

export default async function benchExcel(): Promise<void> {
  const { child, worker } = await bundle();
  console.log(`Excel bench — node ${process.version}, ${cpus().length} CPU, exceljs 4.4.0`);
  console.log('each figure: fresh processes (code bundled as shipped), each a warm-up on 10 sheets then one timed run;');
  console.log('time = median of the processes, memory and longest block = the worst of them');
  const idle = await once(child, worker, 'deflate', 10);
  console.log(`a process with node, exceljs and the document loaded is ~${idle.startRssMb.toFixed(0)} MB resident before any export`);
  console.log('');
  console.log('EXPORT   baseline = exceljs stream.xlsx.WorkbookWriter, one shared style object per style, rows and worksheets committed');
  console.log('sheets  writer              time   peak RSS  peak heap  longest block  file size   (times of each process)');
  const exports: { sheets: number; ours: Measured; base: Measured; floor: Measured }[] = [];
  for (const [sheets, processes] of SIZES) {
    const ours = await measure(child, worker, 'export', sheets, processes);
    const base = await measure(child, worker, 'baseline', sheets, processes);
    const floor = await measure(child, worker, 'deflate', sheets, processes);
    exports.push({ sheets, ours, base, floor });
    console.log(fmtRow(sheets, 'ours', ours));
    console.log(fmtRow(sheets, 'exceljs stream', base));
    console.log(`${String(sheets).padStart(6)}  deflate        ${ms(floor.time)}   zlib deflateRawSync (level 6) of the same XML parts: the floor`);
  }
  console.log('');
  console.log('IMPORT   the file our export wrote; ours = the real import in its worker thread (guard, read, mapping);');
  console.log('         baselines = exceljs reading the same file on the main thread, every cell value touched, nothing mapped;');
  console.log("         ours' peak heap is the main thread's only (the worker's heap is in its peak RSS)");
  console.log('sheets  reader              time   peak RSS  peak heap  longest block  file size   (times of each process)');
  const imports: { sheets: number; ours: Measured; load: Measured; stream: Measured }[] = [];
  for (const [sheets, processes] of SIZES) {
    await once(child, worker, 'write', sheets);
    const ours = await measure(child, worker, 'import', sheets, processes);
    const load = await measure(child, worker, 'import-load', sheets, processes);
    const stream = await measure(child, worker, 'import-stream', sheets, processes);
    imports.push({ sheets, ours, load, stream });
    console.log(fmtRow(sheets, 'ours', ours));
    console.log(fmtRow(sheets, 'exceljs load', load));
    console.log(fmtRow(sheets, 'exceljs stream', stream));
  }
  console.log('');
  console.log('ours / exceljs at its best (same run; < 1 means ours is faster or smaller)');
  for (const { sheets, ours, base, floor } of exports) {
    console.log(
      `${String(sheets).padStart(6)} sheets  export: ${ratio(ours.time, base.time)} time, ${ratio(ours.peakRss, base.peakRss)} peak RSS vs WorkbookWriter;  ours / deflate floor = ${(ours.time / floor.time).toFixed(1)}×, exceljs / floor = ${(base.time / floor.time).toFixed(1)}×`,
    );
  }
  for (const { sheets, ours, load, stream } of imports) {
    console.log(
      `${String(sheets).padStart(6)} sheets  import: ${ratio(ours.time, load.time)} time, ${ratio(ours.peakRss, load.peakRss)} peak RSS vs xlsx.load;  ${ratio(ours.time, stream.time)} time, ${ratio(ours.peakRss, stream.peakRss)} peak RSS vs WorkbookReader`,
    );
  }
  console.log('');
  console.log('targets: export at or under exceljs\'s streaming writer; import of 1,500 sheets no slower than exceljs reads it, ≤ 250 MB peak; the main thread never blocked for long');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchExcel();
