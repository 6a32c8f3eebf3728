// Bad exchange files (truncated, bit-flipped, bad UTF-8, keys and elements deleted, duplicated or retyped, huge and
// negative amounts, deep nesting, other versions, and issue 13's attacks at random sizes: nesting past the limit, arrays
// past theirs, thousands of empty sheets, keys twice, duplicate ids, too many keys) through the code 開く runs: never a crash, a refusal in Japanese that
// names the place, and whatever is accepted is a valid document; opening and planning a merge never change the database.
// FUZZ_RUNS=1000 (and FUZZ_SEED) for a larger run than the suite's.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { openExchangeFileAt } from '../../electron/services/files';
import { planMergeWith } from '../../renderer/src/features/merge/merge-change';
import { openDb, type YosanDb } from '../../renderer/src/persistence/db';
import { loadOrInitialise } from '../../renderer/src/persistence/load';
import { createSheetsStore } from '../../renderer/src/store/sheets-store';
import { checkDocument } from '../../shared/domain/check';
import { canonicalJson } from '../../shared/domain/diff';
import { applyMergeChoices } from '../../shared/domain/merge';
import { exchangeFileSchema, type ExchangeFile } from '../../shared/domain/schema';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import { EXCHANGE_ARRAY_LIMITS, MAX_KEYS_PER_OBJECT, MAX_NESTING_DEPTH } from '../../shared/exchange/limits';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import type { ExchangeFileResult } from '../../shared/ipc/contract';
import { ipcMessages } from '../../shared/ipc/messages';
import { describeUndecodable, exchangeOpenFailure, exchangeOpenResultFromText } from '../../shared/ipc/open-result';
import { flipBytes, insertBadUtf8, mutateJsonText, mutateTree, stringifyTree, truncate, withVersion, type Json } from '../helpers/mutate';
import { int, pick, seeded, type Random } from '../helpers/random';
import { loadSample, sampleText } from '../helpers/sample';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
/** FUZZ_VERBOSE=1 prints each case and what came back. */
const VERBOSE = process.env['FUZZ_VERBOSE'] === '1';
/** The database part plans a merge for each file: a third of the cases keeps the suite quick; FUZZ_RUNS runs them all. */
const DB_RUNS = process.env['FUZZ_RUNS'] ? RUNS : 100;
/** A ceiling, not a measure: room for a loaded 2-core machine (the suite's 300 cases take about 8 s there). */
const TIMEOUT_MS = 60_000 + RUNS * 200;

const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
const encoder = new TextEncoder();

/** The sample with a second bureau: every id and the 局 changed, links following, so the two never collide. */
function twoBureauText(): string {
  const sample = loadSample();
  const other = JSON.parse(JSON.stringify({ sheets: sample.sheets, policies: sample.policies }).replaceAll('5a1e0000-', '5b1e0000-').replaceAll('政策局', '総務局')) as Pick<ExchangeFile, 'sheets' | 'policies'>;
  const file: ExchangeFile = { ...sample, sheets: [...sample.sheets, ...other.sheets], policies: [...sample.policies, ...other.policies] };
  const text = writeExchangeFile(file);
  const read = readExchangeFile(text);
  if (!read.ok) throw new Error(`two-bureau seed invalid: ${JSON.stringify(read.problems)}`);
  return text;
}

const SEEDS: readonly { name: string; text: string }[] = [
  { name: 'sample', text: sampleText() },
  { name: 'two bureaus', text: twoBureauText() },
  { name: 'sample v1', text: readFileSync(new URL('../fixtures/sample-v1.yosan.json', import.meta.url), 'utf8') },
];

const VERSIONS = ['0', '1', '2', '4', 'NaN', '-1', '3.5', '"3"', 'null', '1e999', '99999999999999999999'];

interface FuzzCase {
  index: number;
  seed: string;
  what: string[];
  bytes: Uint8Array;
}

function treeMutations(r: Random, text: string, what: string[]): string {
  const tree = JSON.parse(text) as Json;
  for (let n = 1 + int(r, 3); n > 0; n--) what.push(mutateTree(r, tree));
  return stringifyTree(tree, r() < 0.5 ? 2 : undefined);
}

/** The i-th mutated file of the run: the same bytes for the same seed and index. */
function fuzzCase(index: number): FuzzCase {
  const r = seeded(SEED * 7919 + index);
  const seed = pick(r, SEEDS);
  const what: string[] = [];
  let bytes: Uint8Array;
  switch (int(r, 7)) {
    case 6: {
      const text = attack(r, seed.text, what);
      bytes = encoder.encode(text);
      break;
    }
    case 0: {
      const done = pick(r, [truncate, flipBytes, insertBadUtf8])(r, encoder.encode(seed.text));
      what.push(done.what);
      bytes = done.bytes;
      break;
    }
    case 1:
    case 2:
      bytes = encoder.encode(treeMutations(r, seed.text, what));
      break;
    case 3: {
      const done = mutateJsonText(r, seed.text);
      what.push(done.what);
      bytes = encoder.encode(done.text);
      break;
    }
    case 4: {
      const version = pick(r, VERSIONS);
      what.push(`version ${version}`);
      const text = withVersion(seed.text, version);
      bytes = encoder.encode(r() < 0.5 ? text : treeMutationsOrSame(r, text, what));
      break;
    }
    default: {
      // Damage on damage: a structural change, then the bytes.
      const text = treeMutations(r, seed.text, what);
      const done = pick(r, [truncate, flipBytes, insertBadUtf8])(r, encoder.encode(text));
      what.push(done.what);
      bytes = done.bytes;
    }
  }
  return { index, seed: seed.name, what, bytes };
}

type Tree = { [key: string]: unknown } | unknown[];
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null;

/** Every array in the document with the property holding it, and every object. */
function arraysAndObjects(root: unknown): { arrays: { parent: Record<string, unknown>; key: string }[]; objects: Record<string, unknown>[] } {
  const arrays: { parent: Record<string, unknown>; key: string }[] = [];
  const objects: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (!isTree(node)) return;
    if (Array.isArray(node)) return node.forEach(walk);
    objects.push(node);
    for (const [key, value] of Object.entries(node)) {
      if (Array.isArray(value)) arrays.push({ parent: node, key });
      walk(value);
    }
  };
  walk(root);
  return { arrays, objects };
}

/** One of issue 13's attacks on a seed, at a random size and place (sizes kept small enough for the suite). */
function attack(r: Random, text: string, what: string[]): string {
  const doc = JSON.parse(text) as { sheets: unknown[] };
  const { arrays, objects } = arraysAndObjects(doc);
  switch (int(r, 6)) {
    case 0: {
      const depth = MAX_NESTING_DEPTH - 3 + int(r, 3000);
      const target = pick(r, objects);
      const key = pick(r, Object.keys(target));
      target[key] = '@@deep@@';
      what.push(`${key} nested ${depth} deep`);
      return JSON.stringify(doc).replace('"@@deep@@"', r() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`);
    }
    case 1: {
      const { parent, key } = pick(r, arrays);
      const limit = (EXCHANGE_ARRAY_LIMITS as Record<string, number>)[key] ?? 0;
      const length = Math.max(0, limit - 2 + int(r, r() < 0.8 ? 5 : 3 * limit));
      const list = parent[key] as unknown[];
      // Whole sheets or policies by the 20,000 would make a 40 MB text: those lists get small elements.
      const element = pick(r, key === 'sheets' || key === 'policies' ? [0, {}, null] : [0, {}, null, list[0] ?? 0]);
      parent[key] = Array.from({ length }, () => structuredClone(element));
      what.push(`${key} of ${length} × ${JSON.stringify(element).slice(0, 20)}`);
      return JSON.stringify(doc);
    }
    case 2: {
      const count = r() < 0.5 ? 1 + int(r, 3_000) : EXCHANGE_ARRAY_LIMITS.sheets + 1 + int(r, 100_000);
      doc.sheets = Array.from({ length: count }, () => ({}));
      what.push(`${count} empty sheets`);
      return JSON.stringify(doc);
    }
    case 3: {
      const keys = [...text.matchAll(/"(\w+)": /g)];
      const m = pick(r, keys);
      what.push(`key ${m[1]} twice at ${m.index}`);
      return `${text.slice(0, m.index)}"${m[1]}": ${pick(r, ['null', '0', '""', '[]'])}, ${text.slice(m.index)}`;
    }
    case 4: {
      const copies = 2 + int(r, 500);
      const sheet = pick(r, doc.sheets);
      doc.sheets = [...doc.sheets, ...Array.from({ length: copies }, () => sheet)];
      what.push(`${copies} copies of one sheet`);
      return JSON.stringify(doc);
    }
    default: {
      const target = pick(r, objects);
      const count = MAX_KEYS_PER_OBJECT - 20 + int(r, 100);
      for (let k = 0; k < count; k++) target[`k${k}`] = k;
      what.push(`${count} keys added to one object`);
      return JSON.stringify(doc);
    }
  }
}

/** A tree mutation when the text is still JSON (NaN and 1e999 versions are not). */
function treeMutationsOrSame(r: Random, text: string, what: string[]): string {
  try {
    return treeMutations(r, text, what);
  } catch {
    return text;
  }
}

const FILE_NAME = '政策局_平成27年度.yosan.json';

/** The browser's 開く after the file is picked: UTF-8 decoded strictly (renderer/src/desktop.ts), then the shared reader. */
function openInBrowser(bytes: Uint8Array): ExchangeFileResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return exchangeOpenFailure(FILE_NAME, describeUndecodable(FILE_NAME, bytes));
  }
  return exchangeOpenResultFromText(FILE_NAME, text);
}

const folder = mkdtempSync(join(tmpdir(), 'yosan-fuzz-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The desktop's 開く: main reads the file from disk with its size limit and strict UTF-8. */
async function openOnDesktop(bytes: Uint8Array): Promise<{ result: ExchangeFileResult; path: string }> {
  const path = join(folder, FILE_NAME);
  writeFileSync(path, bytes);
  return { result: await openExchangeFileAt(path, MAX_EXCHANGE_FILE_BYTES), path };
}

const describeCase = (c: FuzzCase) => `case ${c.index} (seed ${SEED}, from ${c.seed}): ${c.what.join('; ')}`;

/** A refusal a user can act on: at least one problem, every message Japanese, one naming where (a path, or the file). */
function expectGoodRefusal(result: Extract<ExchangeFileResult, { status: 'problems' }>, label: string): void {
  expect(result.problems.length, label).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(p.message, label).toMatch(japanese);
    // Words quoted from the file in 「」 (「NaN」は数値として読めません) are the file's, not a bug's.
    expect(p.message.replace(/「[^」]*」/g, ''), label).not.toMatch(/undefined|\[object|NaN/);
    // The place in the form's words: no property names (`link.itemId`) once names in 「」 and the form's own ID and 予算書P. are set aside.
    const where = p.message.includes(': ') ? p.message.slice(0, p.message.indexOf(': ')) : '';
    expect(where.replace(/「[^」]*」/g, '').replace(/ID|予算書P\./g, ''), `${label}: ${p.message}`).not.toMatch(/[A-Za-z]/);
  }
  expect(
    result.problems.some((p) => p.path !== '' || p.message.includes(FILE_NAME) || p.message.includes('ファイル')),
    `${label}: no problem names a place: ${JSON.stringify(result.problems.slice(0, 3))}`,
  ).toBe(true);
}

/** An accepted document is valid, checks without a crash in Japanese, and writes and reads back the same. */
function expectGoodDocument(file: ExchangeFile, label: string): void {
  expect(exchangeFileSchema.safeParse(file).success, label).toBe(true);
  // What the app keys records and links by is unique: sheet ids, and 主な事業 ids within a sheet.
  expect(new Set(file.sheets.map((s) => s.id)).size, label).toBe(file.sheets.length);
  for (const sheet of file.sheets) expect(new Set(sheet.items.map((i) => i.id)).size, label).toBe(sheet.items.length);
  const problems = checkDocument(file);
  for (const p of problems) expect(p.message, label).toMatch(japanese);
  const again = readExchangeFile(writeExchangeFile(file));
  expect(again.ok, label).toBe(true);
  if (again.ok) expect(canonicalJson(again.file), label).toBe(canonicalJson(file));
}

const quiet = { out: () => undefined, err: () => undefined };

describe(`${RUNS} mutated exchange files through 開く`, () => {
  it('never crash; each is refused in Japanese naming the place, or opened as a valid document (browser, desktop, cli check agree)', async () => {
    const tally = { refused: 0, accepted: 0, migrated: 0, notUtf8: 0, cutOff: 0 };
    for (let i = 0; i < RUNS; i++) {
      const c = fuzzCase(i);
      const label = describeCase(c);
      let browser: ExchangeFileResult;
      let desktop: { result: ExchangeFileResult; path: string };
      let exit: number;
      try {
        browser = openInBrowser(c.bytes);
        desktop = await openOnDesktop(c.bytes);
        exit = await runCli(['check', desktop.path], quiet);
      } catch (error) {
        throw new Error(`${label}: threw ${String(error)}`, { cause: error });
      }
      if (VERBOSE) console.log(`${label} → ${browser.status === 'problems' ? browser.problems.map((p) => p.message).join(' / ').slice(0, 300) : `opened, cli exit ${exit}`}`);
      // The desktop and the browser say the same about the same bytes.
      expect(desktop.result, label).toEqual(browser);
      if (browser.status === 'problems') {
        tally.refused += 1;
        if (browser.problems.some((p) => p.message === ipcMessages.notUtf8(FILE_NAME))) tally.notUtf8 += 1;
        if (browser.problems.some((p) => p.message.includes('途中で切れています'))) tally.cutOff += 1;
        expectGoodRefusal(browser, label);
        expect(exit, label).toBe(2);
      } else {
        tally.accepted += 1;
        if (browser.migratedFrom !== undefined) tally.migrated += 1;
        expectGoodDocument(browser.file, label);
        expect([0, 1], label).toContain(exit);
      }
    }
    console.log(`exchange fuzz (seed ${SEED}): ${RUNS} mutated files, ${tally.refused} refused (${tally.notUtf8} not UTF-8, ${tally.cutOff} cut off), ${tally.accepted} accepted (${tally.migrated} migrated from an older version), 0 crashes`);
    expect(tally.refused + tally.accepted).toBe(RUNS);
  }, TIMEOUT_MS);
});

/** Every record of every table, as canonical JSON, hashed: equal means the database did not change. */
async function checksum(db: YosanDb): Promise<string> {
  const hash = createHash('sha256');
  for (const table of db.tables) hash.update(`${table.name}:${canonicalJson(await table.toArray())}\n`);
  return hash.digest('hex');
}

describe(`${DB_RUNS} mutated exchange files and the stored data`, () => {
  it('opening them and planning a merge of those that open leaves every table and the document held exactly as they were', async () => {
    const db = openDb('fuzz', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = createSheetsStore();
    store.getState().hydrate(await loadOrInitialise(db, loadSample));
    const services = { store, database: () => db };
    const before = await checksum(db);
    const held = () => canonicalJson((({ sheets, deleted, policies, positions, lockedYears }) => ({ sheets, deleted, policies, positions, lockedYears }))(store.getState()));
    const heldBefore = held();
    let planned = 0;
    for (let i = 0; i < DB_RUNS; i++) {
      const c = fuzzCase(i);
      const label = describeCase(c);
      const opened = openInBrowser(c.bytes);
      if (opened.status === 'opened') {
        try {
          const plan = await planMergeWith(services, [{ fileName: opened.fileName, sheets: opened.file.sheets, policies: opened.file.policies }]);
          applyMergeChoices(plan, new Map());
        } catch (error) {
          throw new Error(`${label}: merge planning threw ${String(error)}`, { cause: error });
        }
        planned += 1;
      }
      expect(await checksum(db), label).toBe(before);
      expect(held(), label).toBe(heldBefore);
    }
    console.log(`exchange fuzz and the database: ${DB_RUNS} files opened, ${planned} merges planned, checksum of every table unchanged`);
    db.close();
  }, TIMEOUT_MS);
});

describe('what the fuzz found, kept as examples', () => {
  const sample = () => JSON.parse(sampleText()) as Record<string, unknown> & { sheets: Record<string, unknown>[]; policies: Record<string, unknown>[] };
  const problemsOf = (doc: unknown) => {
    const read = readExchangeFile(JSON.stringify(doc));
    if (read.ok) throw new Error('expected a refusal');
    return read.problems;
  };

  it('two 主な事業 of one sheet with the same id are refused (a 局運営方針 link to either would be ambiguous)', () => {
    const doc = sample();
    const items = doc.sheets[7]!['items'] as unknown[];
    items.push(structuredClone(items[1]));
    expect(problemsOf(doc)).toEqual([{ severity: 'error', path: 'sheets[7].items[2].id', message: 'シート8「情報化推進事業」の主な事業3の ID が主な事業2と重複しています。' }]);
  });

  it('an amount far too large names the real limit once, not the safe-integer limit first', () => {
    const doc = sample();
    doc.sheets[0]!['amount'] = 1e21;
    expect(problemsOf(doc).map((p) => p.message)).toEqual(['シート1「企画調整事務事業」 の 予算額: 1,000,000,000,000 以下でなければなりません。']);
  });

  it('a fraction where a 款 number goes asks for a whole number, not an amount in 千円', () => {
    const doc = sample();
    (doc.sheets[0]!['classification'] as { kan: { no: number } }).kan.no = 0.5;
    expect(problemsOf(doc).map((p) => p.message)).toEqual(['シート1「企画調整事務事業」 の 款: 整数でなければなりません。']);
  });

  it('a link without its 主な事業 and a bad 作成元 are named in the form’s words', () => {
    const doc = sample();
    const program = ((doc.policies[0]!['goals'] as { programs: Record<string, unknown>[] }[]).flatMap((g) => g.programs)).find((p) => (p['link'] as { kind?: string } | null)?.kind === 'item');
    delete (program!['link'] as Record<string, unknown>)['itemId'];
    doc.sheets[2]!['carriedFrom'] = 'x';
    const messages = problemsOf(doc).map((p) => p.message);
    expect(messages.some((m) => m.includes('の 連動する主な事業: 必要な項目がありません。'))).toBe(true);
    expect(messages).toContain('シート3「合併振興基金積立金」 の 作成元の前年度シート: ID の形式が正しくありません（UUID）。');
  });
});
