// Figures for issue 13's Excel import bombs (a script, not a test; it decides nothing): each bomb is generated, then
// imported in a process of its own by the current code (runImport and its worker, bundled as the app bundles them) and,
// with --before, by the code at HEAD (git archive into a temp folder). Prints wall time, peak RSS and the message; and
// our own 1,500-sheet workbook against exceljs's plain Workbook.xlsx.load of the same file, in the same run.
//   npx tsx test/bench/import-bombs.ts [--before] [--only <name>] [--runs N]
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { build } from 'esbuild';
import { loadSample } from '../helpers/sample';
import {
  bigSharedStrings,
  exportBytes,
  hugeTextCell,
  manyMetadataRows,
  manyWorksheets,
  partOf,
  rezip,
  text,
  unzipParts,
} from '../helpers/xlsx-bombs';
import { generateDocument } from './generate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const { values } = parseArgs({ options: { before: { type: 'boolean' }, only: { type: 'string' }, runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? 3);

/** What one child reports. */
interface Measured {
  ms: number;
  peakRssMb: number;
  result: string;
}

/** The child: warms up on a small workbook, then imports one file with runImport and its bundled worker. */
const CHILD_SOURCE = (root: string) => `
import { Worker } from 'node:worker_threads';
import { runImport } from ${JSON.stringify(path.join(root, 'electron/services/excel/import-runner'))};
async function main() {
  const [file, worker, warm] = process.argv.slice(2);
  const spawn = (options) => new Worker(worker, options);
  await runImport(warm, { spawn });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const result = await runImport(file, { spawn });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const said = result.ok ? 'read: ' + result.file.sheets.length + ' sheets' : result.problems.slice(0, 2).map((p) => p.message).join(' / ') + (result.problems.length > 2 ? ' (+' + (result.problems.length - 2) + ')' : '');
  console.log(JSON.stringify({ ms, peakRssMb: peak / 1048576, result: said }));
}
void main();
`;

/** exceljs's plain read of the same file, every cell value touched, in a process of its own. */
const EXCELJS_SOURCE = `
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
async function main() {
  const [file, , warm] = process.argv.slice(2);
  const load = async (p) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(p));
    let n = 0;
    workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => (n += 1))));
    return n;
  };
  await load(warm);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const cells = await load(file);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  console.log(JSON.stringify({ ms, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1048576, result: cells + ' cells' }));
}
void main();
`;

async function bundle(out: string, label: string, root: string): Promise<{ child: string; worker: string }> {
  const childSource = path.join(out, `${label}-child.ts`);
  writeFileSync(childSource, label === 'exceljs' ? EXCELJS_SOURCE : CHILD_SOURCE(root));
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'error' as const, nodePaths: [path.join(ROOT, 'node_modules')] };
  const child = path.join(out, `${label}-child.cjs`);
  const worker = path.join(out, `${label}-worker.cjs`);
  await build({ ...common, entryPoints: [childSource], outfile: child });
  if (label !== 'exceljs') await build({ ...common, entryPoints: [path.join(root, 'electron/services/excel/import-worker.ts')], outfile: worker });
  return { child, worker };
}

async function measure(bundled: { child: string; worker: string }, file: string, warm: string): Promise<Measured> {
  try {
    const { stdout } = await run(process.execPath, [bundled.child, file, bundled.worker, warm], { timeout: 180_000, maxBuffer: 1 << 24 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
  } catch (error) {
    return { ms: NaN, peakRssMb: NaN, result: `child failed: ${String(error).slice(0, 200)}` };
  }
}

/** Median of `runs` measurements (each its own process): time and peak memory of the median-time run. */
async function median(bundled: { child: string; worker: string }, file: string, warm: string, runs: number): Promise<Measured> {
  const all: Measured[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(bundled, file, warm));
  all.sort((a, b) => a.ms - b.ms);
  return all[Math.floor(all.length / 2)]!;
}

async function main(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'yosan-import-bombs-'));
  try {
    const sample = loadSample();
    const exported = await exportBytes(sample);
    const file = (name: string, bytes: Uint8Array) => {
      const p = path.join(out, `${name}.xlsx`);
      writeFileSync(p, bytes);
      return p;
    };
    const sheetPart = (edit: (xml: string) => string) => {
      const parts = unzipParts(exported);
      const part = partOf(parts, '広域行政推進事業');
      parts.set(part, Buffer.from(edit(text(parts, part))));
      return rezip(parts);
    };
    const metaPart = (edit: (xml: string) => string) => {
      const parts = unzipParts(exported);
      const part = partOf(parts, '_yosan');
      parts.set(part, Buffer.from(edit(text(parts, part))));
      return rezip(parts);
    };
    const cell = (ref: string, xml: string) => (s: string) => s.replace(new RegExp(`<c r="${ref}"(?:[^>]*?/>|[^>]*?>.*?</c>)`), xml);
    const warm = file('warm', exported);

    const bombs: { name: string; issue: string; path: () => string }[] = [
      { name: '480 × 1 MB worksheets', issue: '56 s, 1.84 GB', path: () => file('worksheets', manyWorksheets(480, 1024 * 1024)) },
      { name: '416 MB sharedStrings', issue: '20 s, 1.45 GB', path: () => file('strings', bigSharedStrings(exported)) },
      { name: '100,000 metadata rows', issue: '24 s, 1.56 GB', path: () => file('metadata', manyMetadataRows(exported, 100_000)) },
      { name: '21 MB text cell', issue: '(accepted)', path: () => file('text', hugeTextCell(exported, '広域行政推進事業')) },
      {
        name: 'swapped tab names',
        issue: '(contents swapped)',
        path: () => {
          const parts = unzipParts(exported);
          const xml = text(parts, 'xl/workbook.xml');
          parts.set('xl/workbook.xml', Buffer.from(xml.replace('name="合併振興基金積立金"', 'name="@"').replace('name="庁舎整備基金積立金"', 'name="合併振興基金積立金"').replace('name="@"', 'name="庁舎整備基金積立金"')));
          return file('swapped', rezip(parts));
        },
      },
      { name: 'metadata count 9 of 10', issue: '(10th dropped)', path: () => file('count9', metaPart(cell('B6', '<c r="B6"><v>9</v></c>'))) },
      { name: 'version 0', issue: '(accepted)', path: () => file('v0', metaPart(cell('B3', '<c r="B3"><v>0</v></c>'))) },
      { name: 'version −1', issue: '(accepted)', path: () => file('vm1', metaPart(cell('B3', '<c r="B3"><v>-1</v></c>'))) },
      { name: 'version NaN', issue: '(accepted)', path: () => file('vnan', metaPart(cell('B3', '<c r="B3"><v>NaN</v></c>'))) },
      { name: 'amount 0x10', issue: '(read as 0)', path: () => file('hex', sheetPart(cell('L2', '<c r="L2"><v>0x10</v></c>'))) },
      { name: 'amount a date', issue: '(read as 2015)', path: () => file('date', sheetPart(cell('L2', '<c r="L2" t="d"><v>2015-04-01T00:00:00</v></c>'))) },
      { name: 'year a date', issue: '(read as 2015)', path: () => file('yeardate', metaPart(cell('C8', '<c r="C8" t="d"><v>2015-04-01T00:00:00</v></c>'))) },
      { name: 'amount NaN', issue: '小数が入っています', path: () => file('nan', sheetPart(cell('L2', '<c r="L2"><v>NaN</v></c>'))) },
      { name: 'amount Infinity', issue: '小数が入っています', path: () => file('inf', sheetPart(cell('L2', '<c r="L2"><v>Infinity</v></c>'))) },
      { name: 'amount "abc"', issue: '小数が入っています', path: () => file('abc', sheetPart(cell('L2', '<c r="L2"><v>abc</v></c>'))) },
      { name: 'amount 1.5', issue: '小数が入っています', path: () => file('decimal', sheetPart(cell('L2', '<c r="L2"><v>1.5</v></c>'))) },
    ];
    const chosen = bombs.filter((b) => !values.only || b.name.includes(values.only));

    const after = await bundle(out, 'after', ROOT);
    let before: { child: string; worker: string } | null = null;
    if (values.before) {
      const head = path.join(out, 'head');
      mkdirSync(head);
      execFileSync('sh', ['-c', `git -C "${ROOT}" archive HEAD electron shared package.json | tar -x -C "${head}"`]);
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(head, 'node_modules'));
      before = await bundle(out, 'before', head);
    }

    console.log('| attack | issue (before) | before here: time, peak RSS | after: time, peak RSS | after: message |');
    console.log('|---|---|---|---|---|');
    const fmt = (m: Measured) => `${(m.ms / 1000).toFixed(2)} s, ${Math.round(m.peakRssMb)} MB`;
    for (const bomb of chosen) {
      const p = bomb.path();
      const a = await median(after, p, warm, RUNS);
      const b = before ? await measure(before, p, warm) : null;
      console.log(`| ${bomb.name} | ${bomb.issue} | ${b ? `${fmt(b)} (${b.result.slice(0, 60)})` : '—'} | ${fmt(a)} | ${a.result} |`);
    }

    if (!values.only || '1,500 sheets'.includes(values.only)) {
      const big = file('bench-1500', await exportBytes(generateDocument(sample, 1_500)));
      const exceljs = await bundle(out, 'exceljs', ROOT);
      console.log('');
      console.log('our own 1,500-sheet workbook, each figure the median of', RUNS, 'runs in fresh processes:');
      const ours = await median(after, big, warm, RUNS);
      const load = await median(exceljs, big, warm, RUNS);
      console.log(`  ours (runImport, worker):           ${fmt(ours)}  ${ours.result}`);
      console.log(`  exceljs Workbook.xlsx.load:         ${fmt(load)}  ${load.result}`);
      if (before) {
        const old = await median(before, big, warm, RUNS);
        console.log(`  before (HEAD's runImport, worker):  ${fmt(old)}  ${old.result}`);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
