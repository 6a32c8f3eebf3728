// Issue 13's hostile exchange files, each read in a fresh process: the time of readExchangeFile, the process's peak
// RSS and the message. BEFORE_READER=/path/to/an/older/shared/exchange/read.ts measures that reader side by side (for
// example one taken from `git archive HEAD shared`). Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample, sampleText } from '../helpers/sample';
import type { AttackResult } from './exchange-attack-child';
import { generateDocument } from './generate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'dist', 'bench');
const run = promisify(execFile);
const MiB = 1024 * 1024;

type Doc = Record<string, unknown> & { sheets: unknown[] };
const withSample = (edit: (doc: Doc) => void): string => {
  const doc = JSON.parse(sampleText()) as Doc;
  edit(doc);
  return JSON.stringify(doc);
};

/** Each attack's text, made when measured (some are tens of MB). */
const ATTACKS: { name: string; text: () => string; slowBefore?: boolean }[] = [
  { name: 'baseline: 1,500 real sheets (3.5 MB)', text: () => writeExchangeFile(generateDocument(loadSample(), 1500)) },
  { name: 'baseline: 9,000 real sheets (20 MiB)', text: () => writeExchangeFile(generateDocument(loadSample(), 9000)) },
  { name: 'nested [[[ 8 MiB', text: () => '['.repeat(8 * MiB) },
  { name: 'nested [[[ 16 MiB', text: () => '['.repeat(16 * MiB) },
  { name: 'nested [[[ 20 MiB', text: () => '['.repeat(20 * MiB), slowBefore: true },
  { name: 'items: 125,000 zeros (266 KB)', text: () => withSample((d) => ((d.sheets[0] as Doc)['items'] = Array.from({ length: 125_000 }, () => 0))) },
  { name: '100,000 empty sheets (300 KB)', text: () => withSample((d) => (d.sheets = Array.from({ length: 100_000 }, () => ({})))) },
  { name: '400,000 empty sheets (1.2 MB)', text: () => withSample((d) => (d.sheets = Array.from({ length: 400_000 }, () => ({})))), slowBefore: true },
  { name: '800,000 empty sheets (2.4 MB)', text: () => withSample((d) => (d.sheets = Array.from({ length: 800_000 }, () => ({})))), slowBefore: true },
  { name: '20,000 empty sheets (at the limit)', text: () => withSample((d) => (d.sheets = Array.from({ length: 20_000 }, () => ({})))) },
  {
    name: '4,900 sheets × 100 empty 主な事業 (within limits)',
    text: () => withSample((d) => (d.sheets = Array.from({ length: 4_900 }, () => ({ items: Array.from({ length: 100 }, () => ({})) })))),
  },
  {
    name: '1 局運営方針 of 100 × 500 empty rows with 20 marks each',
    text: () =>
      withSample((d) => (d['policies'] = [{ goals: Array.from({ length: 100 }, () => ({ programs: Array.from({ length: 500 }, () => ({ marks: Array.from({ length: 20 }, () => 0) })) })) }])),
  },
  {
    name: '1.9 M different key names (64 an object)',
    text: () => {
      let k = 0;
      const objects = () => Array.from({ length: 14_800 }, () => Object.fromEntries(Array.from({ length: 64 }, () => [`k${(k++).toString(36)}`, 0])));
      return withSample((d) => (d['x'] = [objects(), objects()]));
    },
  },
  {
    name: '1.9 M distinct short strings (within limits)',
    text: () => withSample((d) => (d['x'] = Array.from({ length: 95 }, (_, a) => Array.from({ length: 20_000 }, (_, b) => `${a}-${b}`)))),
  },
  { name: 'duplicate ids: 7,500 copies of one sheet', text: () => withSample((d) => (d.sheets = Array.from({ length: 7_500 }, () => d.sheets[0]))) },
  { name: 'a key twice (municipality)', text: () => sampleText().replace('"municipality"', '"municipality": "重複", "municipality"') },
];

async function bundleReader(entry: string, name: string): Promise<string> {
  const outfile = join(OUT, name);
  await build({ absWorkingDir: ROOT, entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
  return outfile;
}

async function once(child: string, reader: string, file: string): Promise<AttackResult | string> {
  try {
    const { stdout } = await run(process.execPath, [child, reader, file], { cwd: ROOT, maxBuffer: 1 << 22, timeout: 180_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as AttackResult;
  } catch (error) {
    const e = error as { killed?: boolean; stderr?: string; code?: number | string };
    if (e.killed) return 'killed after 180 s';
    const crash = /heap out of memory|Allocation failed/i.test(e.stderr ?? '') ? 'crashed: JavaScript heap out of memory' : `crashed (exit ${String(e.code)})`;
    return crash;
  }
}

function describe(r: AttackResult | string): string {
  if (typeof r === 'string') return r;
  const what = r.threw ? `threw ${r.threw.slice(0, 60)}` : r.ok ? 'opened' : `${r.problems} problem(s): ${r.first.slice(0, 70)}${r.problems > 1 ? ` … ${r.last.slice(0, 40)}` : ''}`;
  return `${r.ms.toFixed(0).padStart(6)} ms  peak ${r.peakRss.toFixed(0).padStart(5)} MB (text in memory ${r.startRss.toFixed(0)} MB)  ${what}`;
}

export default async function benchExchangeAttacks(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const child = join(OUT, 'exchange-attack-child.mjs');
  await build({ absWorkingDir: ROOT, entryPoints: ['test/bench/exchange-attack-child.ts'], outfile: child, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
  const after = await bundleReader('shared/exchange/read.ts', 'exchange-reader-now.mjs');
  const beforeEntry = process.env['BEFORE_READER'];
  const before = beforeEntry ? await bundleReader(beforeEntry, 'exchange-reader-before.mjs') : null;
  const skipSlow = process.env['BEFORE_SLOW'] !== '1';
  const dir = mkdtempSync(join(tmpdir(), 'yosan-attacks-'));
  try {
    for (const attack of ATTACKS) {
      const file = join(dir, 'attack.yosan.json');
      const text = attack.text();
      writeFileSync(file, text);
      console.log(`${attack.name} — ${(Buffer.byteLength(text) / MiB).toFixed(2)} MiB`);
      if (before) {
        const b = attack.slowBefore && skipSlow ? 'skipped (BEFORE_SLOW=1 runs it; minutes and GBs)' : describe(await once(child, before, file));
        console.log(`  before  ${b}`);
      }
      console.log(`  now     ${describe(await once(child, after, file))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
