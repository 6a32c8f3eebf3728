// Damaged workbooks through Excel読込: the sample exported by the real export code, then cells made text, NaN, huge or
// negative, rows deleted, worksheets renamed, the hidden _yosan metadata corrupted, XML broken, the zip truncated or
// bit-flipped. Never a crash; a refusal in Japanese naming the worksheet, the cell or the file; whatever is accepted is
// a document the exchange file's reader and checker accept. FUZZ_WORKBOOKS=200 (and FUZZ_SEED) for a larger run.
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../electron/services/excel/export';
import { importWorkbookBytes } from '../../electron/services/excel/import-file';
import { excelMessages } from '../../electron/services/excel/messages';
import { METADATA_SHEET_NAME } from '../../electron/services/excel/sheet-names';
import { checkXlsxZip } from '../../electron/services/excel/zip-guard';
import { ZipWriter } from '../../electron/services/excel/zip-writer';
import { checkDocument } from '../../shared/domain/check';
import { canonicalJson } from '../../shared/domain/diff';
import { exchangeFileSchema } from '../../shared/domain/schema';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { flipBytes, truncate } from '../helpers/mutate';
import { int, pick, seeded, type Random } from '../helpers/random';
import { loadSample } from '../helpers/sample';

const RUNS = Number(process.env['FUZZ_WORKBOOKS'] ?? 100);
/** FUZZ_VERBOSE=1 prints each case and what came back. */
const VERBOSE = process.env['FUZZ_VERBOSE'] === '1';
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
/** A ceiling, not a measure: an import takes 40–150 ms here, more on a loaded machine. */
const TIMEOUT_MS = 60_000 + RUNS * 500;
const FILE_NAME = '政策局_平成27年度.xlsx';
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;

// ── the zip, opened and written again ────────────────────────────────────────

type Entries = Map<string, Buffer>;

function unzip(bytes: Buffer): Entries {
  const checked = checkXlsxZip(bytes);
  if (!checked.ok) throw new Error(`not a zip: ${checked.detail}`);
  const entries: Entries = new Map();
  for (const e of checked.entries) {
    const nameLength = bytes.readUInt16LE(e.localOffset + 26);
    const extraLength = bytes.readUInt16LE(e.localOffset + 28);
    const start = e.localOffset + 30 + nameLength + extraLength;
    const data = bytes.subarray(start, start + e.compressedSize);
    entries.set(e.name, e.method === 0 ? Buffer.from(data) : inflateRawSync(data));
  }
  return entries;
}

function zip(entries: Entries): Buffer {
  const chunks: Buffer[] = [];
  const writer = new ZipWriter(new Date('2026-12-01T00:00:00Z'));
  writer.setSink({ write: (chunk) => chunks.push(Buffer.from(chunk)), end: () => undefined });
  for (const [name, data] of entries) writer.add(name, data);
  writer.finish();
  return Buffer.concat(chunks);
}

// ── mutations ────────────────────────────────────────────────────────────────

const xml = (entries: Entries, name: string) => entries.get(name)!.toString('utf8');
const setXml = (entries: Entries, name: string, text: string) => entries.set(name, Buffer.from(text, 'utf8'));

/** Worksheet part names in workbook order, with their names (xl/workbook.xml → its rels). */
function worksheetParts(entries: Entries): { name: string; part: string }[] {
  const rels = new Map([...xml(entries, 'xl/_rels/workbook.xml.rels').matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="([^"]+)"/g)].map((m) => [m[1] ?? m[4]!, m[2] ?? m[3]!]));
  return [...xml(entries, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]+)"/g)].map((m) => ({
    name: m[1]!,
    part: `xl/${rels.get(m[2]!)!.replace(/^\/?xl\//, '')}`,
  }));
}

const CELL = /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g;

const CELL_VALUES: readonly { label: string; cell: (ref: string) => string }[] = [
  { label: 'text "abc"', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>abc</t></is></c>` },
  { label: 'text "１２３"', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>１２３</t></is></c>` },
  { label: 'text "△ 82"', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>△ 82</t></is></c>` },
  { label: 'text "1,234.5"', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>1,234.5</t></is></c>` },
  { label: 'NaN', cell: (r) => `<c r="${r}"><v>NaN</v></c>` },
  { label: 'Infinity', cell: (r) => `<c r="${r}"><v>Infinity</v></c>` },
  { label: '1E+300', cell: (r) => `<c r="${r}"><v>1E+300</v></c>` },
  { label: '9007199254740993', cell: (r) => `<c r="${r}"><v>9007199254740993</v></c>` },
  { label: '1000000000001', cell: (r) => `<c r="${r}"><v>1000000000001</v></c>` },
  { label: '-5', cell: (r) => `<c r="${r}"><v>-5</v></c>` },
  { label: '12.5', cell: (r) => `<c r="${r}"><v>12.5</v></c>` },
  { label: 'TRUE', cell: (r) => `<c r="${r}" t="b"><v>1</v></c>` },
  { label: '#REF!', cell: (r) => `<c r="${r}" t="e"><v>#REF!</v></c>` },
  { label: 'shared string 99999', cell: (r) => `<c r="${r}" t="s"><v>99999</v></c>` },
  { label: 'a formula without a result', cell: (r) => `<c r="${r}"><f>1/0</f></c>` },
  { label: 'empty', cell: (r) => `<c r="${r}"/>` },
  { label: 'a 40,000-character text', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>${'あ'.repeat(40_000)}</t></is></c>` },
  { label: '0x10', cell: (r) => `<c r="${r}"><v>0x10</v></c>` },
  { label: 'a date cell', cell: (r) => `<c r="${r}" t="d"><v>2015-04-01T00:00:00</v></c>` },
  { label: 'text "2015-04-01"', cell: (r) => `<c r="${r}" t="inlineStr"><is><t>2015-04-01</t></is></c>` },
];

/** One change to a cell that holds something, in a worksheet (the metadata worksheet when `metadata`). */
function changeCell(r: Random, entries: Entries, metadata: boolean): string {
  const parts = worksheetParts(entries).filter((w) => (w.name === METADATA_SHEET_NAME) === metadata);
  const { name, part } = pick(r, parts);
  const text = xml(entries, part);
  const cells = [...text.matchAll(CELL)].filter((m) => m[3] !== undefined);
  const numeric = cells.filter((m) => !/t="/.test(m[2]!));
  const target = pick(r, numeric.length > 0 && r() < 0.6 ? numeric : cells);
  const value = pick(r, CELL_VALUES);
  setXml(entries, part, text.slice(0, target.index) + value.cell(target[1]!) + text.slice(target.index + target[0].length));
  return `${name}!${target[1]} = ${value.label}`;
}

/**
 * A row taken out: either emptied (its cells gone, the rows below stay where they are) or deleted as Excel deletes a
 * row, the rows below moving up one (their row and cell references renumbered).
 */
function deleteRow(r: Random, entries: Entries): string {
  const { name, part } = pick(r, worksheetParts(entries));
  const rows = [...xml(entries, part).matchAll(/<row r="(\d+)"/g)];
  if (rows.length === 0) return 'no rows';
  const deleted = Number(pick(r, rows)[1]);
  const shift = r() < 0.5;
  removeRow(entries, part, deleted, shift);
  return `${shift ? 'deleted' : 'emptied'} row ${deleted} of ${name}`;
}

function removeRow(entries: Entries, part: string, deleted: number, shift: boolean): void {
  const text = xml(entries, part);
  const row = new RegExp(`<row r="${deleted}"[^>]*>.*?</row>`).exec(text);
  if (!row) throw new Error(`no row ${deleted} in ${part}`);
  let after = text.slice(row.index + row[0].length);
  if (shift) {
    after = after
      .replace(/<row r="(\d+)"/g, (_, n: string) => `<row r="${Number(n) - 1}"`)
      .replace(/<c r="([A-Z]+)(\d+)"/g, (_, col: string, n: string) => `<c r="${col}${Number(n) > deleted ? Number(n) - 1 : n}"`);
  }
  setXml(entries, part, text.slice(0, row.index) + after);
}

function renameWorksheet(r: Random, entries: Entries): string {
  const sheets = worksheetParts(entries);
  const { name } = pick(r, sheets);
  const to = pick(r, [`${name}(2)`, pick(r, sheets).name, 'Sheet1', '', METADATA_SHEET_NAME.toUpperCase()]);
  setXml(entries, 'xl/workbook.xml', xml(entries, 'xl/workbook.xml').replace(`name="${name}"`, `name="${to}"`));
  return `renamed worksheet ${name} to "${to}"`;
}

/** Two tab names exchanged: each worksheet keeps its sheetId, so the metadata still tells them apart. */
function swapWorksheetNames(r: Random, entries: Entries): string {
  const sheets = worksheetParts(entries);
  const a = pick(r, sheets).name;
  const b = pick(r, sheets).name;
  const workbook = xml(entries, 'xl/workbook.xml');
  setXml(entries, 'xl/workbook.xml', workbook.replace(`name="${a}"`, 'name="\u0000"').replace(`name="${b}"`, `name="${a}"`).replace('name="\u0000"', `name="${b}"`));
  return `swapped the tab names ${a} and ${b}`;
}

function metadataState(r: Random, entries: Entries): string {
  const state = pick(r, ['visible', 'hidden']);
  setXml(entries, 'xl/workbook.xml', xml(entries, 'xl/workbook.xml').replace('state="veryHidden"', `state="${state}"`));
  return `_yosan made ${state}`;
}

/** A label in the shared strings changed: 予算額 → 予算額（千円）, as a reviewer might retitle a row. */
function changeSharedString(r: Random, entries: Entries): string {
  const text = xml(entries, 'xl/sharedStrings.xml');
  const strings = [...text.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)];
  const s = pick(r, strings);
  const to = pick(r, [`${s[1]}（千円）`, '', '12345', 'yosan-desk-xlsx', s[1]!.slice(0, 1)]);
  setXml(entries, 'xl/sharedStrings.xml', text.slice(0, s.index) + s[0].replace(`>${s[1]}<`, `>${to}<`) + text.slice(s.index + s[0].length));
  return `shared string "${s[1]!.slice(0, 20)}" → "${to}"`;
}

/** A part cut short (the zip itself is sound): XML that is not well formed. */
function breakXml(r: Random, entries: Entries): string {
  const name = pick(r, [...entries.keys()]);
  const data = entries.get(name)!;
  const at = int(r, data.byteLength);
  entries.set(name, data.subarray(0, at));
  return `${name} cut at ${at} of ${data.byteLength}`;
}

function dropEntry(r: Random, entries: Entries): string {
  const name = pick(r, [...entries.keys()]);
  entries.delete(name);
  return `removed ${name} from the zip`;
}

interface WorkbookCase {
  index: number;
  what: string[];
  bytes: Buffer;
}

let exported: Buffer;
beforeAll(async () => {
  const result = await exportWorkbook(loadSample());
  if (result.status !== 'ok') throw new Error(`export failed: ${JSON.stringify(result)}`);
  exported = result.bytes;
});

function workbookCase(index: number): WorkbookCase {
  const r = seeded(SEED * 104729 + index);
  const what: string[] = [];
  const kind = int(r, 10);
  if (kind === 0) {
    const done = pick(r, [truncate, flipBytes])(r, exported);
    return { index, what: [done.what], bytes: Buffer.from(done.bytes) };
  }
  const entries = unzip(exported);
  const changes = 1 + int(r, 2);
  for (let n = 0; n < changes; n++) {
    switch (kind) {
      case 1:
      case 2:
      case 3:
        what.push(changeCell(r, entries, false));
        break;
      case 4:
      case 5:
        what.push(r() < 0.15 ? metadataState(r, entries) : changeCell(r, entries, true));
        break;
      case 6:
        what.push(deleteRow(r, entries));
        break;
      case 7:
        what.push(r() < 0.35 ? renameWorksheet(r, entries) : r() < 0.5 ? swapWorksheetNames(r, entries) : changeSharedString(r, entries));
        break;
      case 8:
        what.push(r() < 0.7 ? breakXml(r, entries) : dropEntry(r, entries));
        break;
      default:
        what.push(r() < 0.5 ? changeCell(r, entries, r() < 0.3) : deleteRow(r, entries));
    }
  }
  let bytes = zip(entries);
  if (r() < 0.1) {
    const done = pick(r, [truncate, flipBytes])(r, bytes);
    what.push(done.what);
    bytes = Buffer.from(done.bytes);
  }
  return { index, what, bytes };
}

describe(`${RUNS} damaged workbooks through Excel読込`, () => {
  it('never crash; each is refused in Japanese naming the worksheet, the cell or the file, or read as a document the exchange reader and checker accept', async () => {
    const tally = { refused: 0, accepted: 0, unchanged: 0 };
    const original = canonicalJson(loadSample().sheets.map((s) => ({ ...s, updatedAt: '' })));
    for (let i = 0; i < RUNS; i++) {
      const c = workbookCase(i);
      const label = `workbook ${i} (seed ${SEED}): ${c.what.join('; ')}`;
      let result: Awaited<ReturnType<typeof importWorkbookBytes>>;
      try {
        result = await importWorkbookBytes(c.bytes, FILE_NAME);
      } catch (error) {
        throw new Error(`${label}: threw ${String(error)}`, { cause: error });
      }
      if (VERBOSE) console.log(`${label} → ${result.ok ? 'read' : result.problems.map((p) => p.message).join(' / ').slice(0, 300)}`);
      if (!result.ok) {
        tally.refused += 1;
        expect(result.problems.length, label).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.message, label).toMatch(japanese);
          expect(p.message, label).not.toMatch(/undefined|\[object|NaN/);
          // The mapping threw and import-file caught it: a crash in our reader, whatever the message says.
          expect(p.message, label).not.toBe(excelMessages.unexpected(FILE_NAME));
        }
        expect(
          result.problems.some((p) => /シート「|セル [A-Z]+\d+/.test(p.message) || p.message.includes(FILE_NAME) || /^(シート\d+|局運営方針)/.test(p.message)),
          `${label}: no problem names a worksheet, a cell or the file: ${JSON.stringify(result.problems.slice(0, 3))}`,
        ).toBe(true);
        continue;
      }
      tally.accepted += 1;
      const file = result.file;
      expect(exchangeFileSchema.safeParse(file).success, label).toBe(true);
      for (const p of checkDocument(file)) expect(p.message, label).toMatch(japanese);
      const again = readExchangeFile(writeExchangeFile(file));
      expect(again.ok, label).toBe(true);
      if (canonicalJson(file.sheets.map((s) => ({ ...s, updatedAt: '' }))) === original) tally.unchanged += 1;
    }
    console.log(`excel fuzz (seed ${SEED}): ${RUNS} damaged workbooks, ${tally.refused} refused, ${tally.accepted} read (${tally.unchanged} of them with the sample's sheets unchanged), 0 crashes`);
  }, TIMEOUT_MS);
});

describe('what the fuzz found, kept as examples', () => {
  const part = (entries: Entries, worksheet: string) => worksheetParts(entries).find((w) => w.name === worksheet)!.part;

  it('a row deleted between two 主な事業 (the rows below move up) is named, not read onto the wrong fields', async () => {
    const entries = unzip(exported);
    // 広域行政推進事業: 主な事業1 on row 11, its description on 12, 主な事業2 on 13.
    removeRow(entries, part(entries, '広域行政推進事業'), 12, true);
    const result = await importWorkbookBytes(zip(entries), FILE_NAME);
    expect(result).toEqual({
      ok: false,
      problems: [{ severity: 'error', path: 'sheets[1]', message: excelMessages.layoutChanged('広域行政推進事業', 'A13', '2') }],
    });
  });

  it('a version of 12.5 in the hidden metadata is damage, not a newer release', async () => {
    const entries = unzip(exported);
    const meta = part(entries, METADATA_SHEET_NAME);
    setXml(entries, meta, xml(entries, meta).replace(/<c r="B2"([^>]*?)(?:\/>|>.*?<\/c>)/, '<c r="B2"><v>12.5</v></c>'));
    expect(await importWorkbookBytes(zip(entries), FILE_NAME)).toEqual({ ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.metadataBroken(FILE_NAME) }] });
  });
});
