// Reads back an .xlsx for the import, without exceljs: first, from the zip's central directory and xl/workbook.xml
// alone, whether it is a workbook of ours within limits; then the shared strings, which styles are dates and, on
// demand, a worksheet's cells. Linear scans with zlib's inflate: time and memory follow the (bounded) part sizes.
import { MAX_CELL_TEXT } from './layout';
import { unescapeCellText } from './ooxml-text';
import { METADATA_SHEET_NAME } from './sheet-names';
import { CLOSE, END, OPEN, XmlError, XmlScanner } from './xml-scan';
import { inflateEntry, readCentralDirectory, verifyEntries, type ZipEntry, type ZipProblem } from './zip-guard';

/** A cell that holds something other than text, a number or TRUE/FALSE; the import names the cell and says what. */
export type CellOddity =
  /** An Excel error value (`#REF!`, `#DIV/0!`). */
  | { kind: 'error'; code: string }
  /** A date: a number shown in a date format, or a date cell (`t="d"`). */
  | { kind: 'date' }
  /** A number cell whose value is not a number (`NaN`, `Infinity`, `0x10`, `abc`). */
  | { kind: 'not-a-number'; text: string }
  /** A text longer than a cell can hold (32,767 characters): not kept, only its length. */
  | { kind: 'too-long'; length: number };

/** A cell as the import sees it: text, a number, a formula's cached result, TRUE/FALSE, or an oddity. */
export type ReadValue = string | number | boolean | null | CellOddity;

export interface ReadWorksheet {
  name: string;
  /** The `sheetId` in xl/workbook.xml: it stays with the worksheet when Excel renames or moves its tab. */
  sheetId: number;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The value at a cell; for a formula its cached result; '' and null both mean empty. May throw WorkbookReadError. */
  value(row: number, col: number): ReadValue;
}

export interface WorkbookLimits {
  /** Worksheets (and chart sheets) listed in xl/workbook.xml. */
  maxWorksheets: number;
  /** xl/workbook.xml, its relationships and xl/styles.xml, each. */
  maxPartBytes: number;
  maxSharedStringsBytes: number;
  /** A worksheet the import reads (one of a sheet, the 局運営方針, the hidden metadata). */
  maxWorksheetBytes: number;
  /** Values kept from one worksheet. */
  maxCellsPerWorksheet: number;
  /** The hidden metadata worksheet may be this large, plus `metadataBytesPerWorksheet` for each worksheet listed. */
  metadataBaseBytes: number;
  metadataBytesPerWorksheet: number;
}

/**
 * Sized from our own 1,500-sheet export: workbook.xml 345 KB, its relationships 219 KB, a sheet's worksheet ~8 KB, the
 * metadata 534 KB (356 bytes a sheet; LibreOffice's re-save about the same). Shared strings: what a 20 MiB exchange file
 * could need, twice over.
 */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxWorksheets: 4_000,
  maxPartBytes: 8 * 1024 * 1024,
  maxSharedStringsBytes: 40 * 1024 * 1024,
  maxWorksheetBytes: 16 * 1024 * 1024,
  maxCellsPerWorksheet: 250_000,
  metadataBaseBytes: 256 * 1024,
  metadataBytesPerWorksheet: 2 * 1024,
};

/** A part that cannot be read (damaged) or is larger than the limits allow, found while reading cells. */
export class WorkbookReadError extends Error {
  constructor(
    readonly problem: 'damaged' | 'limits',
    detail: string,
  ) {
    super(detail);
    this.name = 'WorkbookReadError';
  }
}

export type OpenProblem =
  | ZipProblem
  /** No worksheet `_yosan`: not a workbook of ours. */
  | 'foreign'
  /** `_yosan` is there but shown (a reviewer unhid it). */
  | 'metadata-visible'
  | 'too-many-worksheets'
  /** The metadata worksheet is larger than the worksheets listed could need (100,000 rows for three worksheets). */
  | 'metadata-too-large';

export type OpenResult =
  | {
      ok: true;
      worksheets: ReadWorksheet[];
      /**
       * Inflates and CRC-checks the worksheets no cell was read from (a worksheet is checked when it is read): with it
       * every part of the file has been checked once, none twice.
       */
      verifyUnread(): { ok: true } | { ok: false; problem: ZipProblem; detail: string };
    }
  | { ok: false; problem: OpenProblem; detail: string };

interface SheetListing {
  name: string;
  sheetId: number;
  state: ReadWorksheet['state'];
  relId: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(problem: OpenProblem, detail: string): OpenResult {
  return { ok: false, problem, detail };
}

/** Opens a workbook: checks that it is ours and within limits before reading any worksheet. */
export function openWorkbook(bytes: Uint8Array, entries: readonly ZipEntry[], limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): OpenResult {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const partText = (name: string, max: number): string | OpenResult => {
    const entry = byName.get(name);
    if (!entry) return fail('damaged', `no ${name}`);
    if (entry.uncompressedSize > max) return fail('limits', `${name} is ${entry.uncompressedSize} bytes`);
    const inflated = inflateEntry(bytes, entry);
    if (!inflated.ok) return fail(inflated.problem, inflated.detail);
    try {
      return utf8.decode(inflated.data);
    } catch {
      return fail('damaged', `${name} is not UTF-8`);
    }
  };

  const workbookXml = partText('xl/workbook.xml', limits.maxPartBytes);
  if (typeof workbookXml !== 'string') return workbookXml;
  let listed: SheetListing[];
  try {
    listed = listSheets(workbookXml, limits.maxWorksheets);
  } catch (error) {
    return fail('damaged', String(error));
  }
  if (listed.length > limits.maxWorksheets) return fail('too-many-worksheets', `${listed.length}+`);
  const meta = listed.find((s) => s.name === METADATA_SHEET_NAME);
  if (!meta) return fail('foreign', 'no _yosan worksheet');
  // LibreOffice saves a very hidden worksheet as hidden; shown, it is not as we wrote it.
  if (meta.state === 'visible') return fail('metadata-visible', '_yosan is visible');

  const relsXml = partText('xl/_rels/workbook.xml.rels', limits.maxPartBytes);
  if (typeof relsXml !== 'string') return relsXml;
  let rels: Map<string, Relationship>;
  try {
    rels = relationships(relsXml);
  } catch (error) {
    return fail('damaged', String(error));
  }
  const worksheetParts = new Map<SheetListing, ZipEntry>();
  for (const sheet of listed) {
    const rel = rels.get(sheet.relId);
    if (!rel) return fail('damaged', `no relationship ${sheet.relId}`);
    if (rel.type !== 'worksheet') continue; // a chart sheet: nothing of ours
    const entry = byName.get(rel.target);
    if (!entry) return fail('damaged', `no part ${rel.target}`);
    worksheetParts.set(sheet, entry);
  }
  const metaPart = worksheetParts.get(meta);
  if (!metaPart) return fail('foreign', '_yosan is not a worksheet');
  const metaLimit = limits.metadataBaseBytes + limits.metadataBytesPerWorksheet * listed.length;
  if (metaPart.uncompressedSize > metaLimit) {
    return fail('metadata-too-large', `${metaPart.uncompressedSize} > ${metaLimit}`);
  }
  const relOfType = (type: string) => [...rels.values()].find((r) => r.type === type);
  const stringsRel = relOfType('sharedStrings');
  const stringsPart = stringsRel ? byName.get(stringsRel.target) : undefined;
  if (stringsRel && !stringsPart) return fail('damaged', `no part ${stringsRel.target}`);
  if (stringsPart && stringsPart.uncompressedSize > limits.maxSharedStringsBytes) {
    return fail('limits', `shared strings ${stringsPart.uncompressedSize} bytes`);
  }
  const stylesRel = relOfType('styles');
  const stylesPart = stylesRel ? byName.get(stylesRel.target) : undefined;
  if (stylesPart && stylesPart.uncompressedSize > limits.maxPartBytes) return fail('limits', `styles ${stylesPart.uncompressedSize} bytes`);

  // Every other part inflated once with its CRC checked: a damaged file is refused before any cell is read. The
  // parts read below are checked as they are inflated; worksheets when read, or at the end (verifyUnread).
  const readLater = new Set([...worksheetParts.values()].map((e) => e.name));
  const readNow = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', stringsPart?.name ?? '', stylesPart?.name ?? '']);
  const verified = verifyEntries(bytes, entries, new Set([...readLater, ...readNow]));
  if (!verified.ok) return fail(verified.problem, verified.detail);

  let strings: SharedString[] = [];
  let dateStyles = new Set<number>();
  try {
    if (stringsPart) {
      const text = partText(stringsPart.name.replace(/^\//, ''), limits.maxSharedStringsBytes);
      if (typeof text !== 'string') return text;
      strings = sharedStrings(text);
    }
    if (stylesPart) {
      const text = partText(stylesPart.name.replace(/^\//, ''), limits.maxPartBytes);
      if (typeof text !== 'string') return text;
      dateStyles = dateStyleIndexes(text);
    }
  } catch (error) {
    return fail('damaged', String(error));
  }

  const cache = new ParsedWorksheets(3);
  const context: WorksheetContext = { strings, dateStyles, limits };
  const worksheets: ReadWorksheet[] = [];
  const unread = new Map([...worksheetParts.values()].map((e) => [e.name, e]));
  for (const [sheet, entry] of worksheetParts) {
    const read = (): Map<number, ReadValue> =>
      cache.get(entry.name, () => {
        unread.delete(entry.name);
        if (entry.uncompressedSize > limits.maxWorksheetBytes) throw new WorkbookReadError('limits', `${entry.name} is ${entry.uncompressedSize} bytes`);
        const inflated = inflateEntry(bytes, entry);
        if (!inflated.ok) throw new WorkbookReadError(inflated.problem === 'limits' ? 'limits' : 'damaged', inflated.detail);
        let text: string;
        try {
          text = utf8.decode(inflated.data);
        } catch {
          throw new WorkbookReadError('damaged', `${entry.name} is not UTF-8`);
        }
        try {
          return worksheetCells(text, entry.name, context);
        } catch (error) {
          if (error instanceof XmlError) throw new WorkbookReadError('damaged', error.message);
          throw error;
        }
      });
    worksheets.push({
      name: sheet.name,
      sheetId: sheet.sheetId,
      state: sheet.state,
      value: (row, col) => read().get(cellKey(row, col)) ?? null,
    });
  }
  return { ok: true, worksheets, verifyUnread: () => verifyEntries(bytes, [...unread.values()]) };
}

/** The few worksheets being read, parsed once each; older ones are let go (the import reads them in order). */
class ParsedWorksheets {
  private readonly parsed = new Map<string, Map<number, ReadValue>>();

  constructor(private readonly keep: number) {}

  get(part: string, parse: () => Map<number, ReadValue>): Map<number, ReadValue> {
    const hit = this.parsed.get(part);
    if (hit) {
      this.parsed.delete(part);
      this.parsed.set(part, hit);
      return hit;
    }
    const cells = parse();
    this.parsed.set(part, cells);
    if (this.parsed.size > this.keep) this.parsed.delete(this.parsed.keys().next().value!);
    return cells;
  }
}

// ── xl/workbook.xml and its relationships ────────────────────────────────────

const POSITIVE_INT = /^[1-9][0-9]{0,9}$/;

/** The `<sheet>` elements in tab order; stops counting past `max` + 1 (the caller refuses the file then). */
function listSheets(xml: string, max: number): SheetListing[] {
  const x: XmlScanner = new XmlScanner(xml, 'xl/workbook.xml');
  const sheets: SheetListing[] = [];
  const names = new Set<string>();
  const ids = new Set<number>();
  let token;
  while ((token = x.next()) !== END) {
    if (token !== OPEN || x.local !== 'sheet') continue;
    const name = x.attr('name');
    const id = x.attr('sheetId') ?? '';
    const state = x.attr('state') ?? 'visible';
    const relId = x.attr('*:id');
    if (!name || !POSITIVE_INT.test(id) || relId === undefined) x.fail('a <sheet> without name, sheetId or r:id');
    if (state !== 'visible' && state !== 'hidden' && state !== 'veryHidden') x.fail(`state ${state}`);
    const sheetId = Number(id);
    if (names.has(name) || ids.has(sheetId)) x.fail(`worksheet ${name} or sheetId ${sheetId} twice`);
    names.add(name);
    ids.add(sheetId);
    sheets.push({ name, sheetId, state, relId });
    if (sheets.length > max) break;
    x.skip();
  }
  return sheets;
}

interface Relationship {
  /** The last segment of the type URI: worksheet, sharedStrings, styles, chartsheet… */
  type: string;
  /** The part's name in the zip. */
  target: string;
}

function relationships(xml: string): Map<string, Relationship> {
  const x: XmlScanner = new XmlScanner(xml, 'xl/_rels/workbook.xml.rels');
  const rels = new Map<string, Relationship>();
  let token;
  while ((token = x.next()) !== END) {
    if (token !== OPEN || x.local !== 'Relationship') continue;
    const id = x.attr('Id');
    const type = x.attr('Type');
    const target = x.attr('Target');
    if (id === undefined || type === undefined || target === undefined) x.fail('a relationship without Id, Type or Target');
    if (x.attr('TargetMode') !== 'External') rels.set(id, { type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(target) });
    x.skip();
  }
  return rels;
}

/** `worksheets/sheet1.xml` (relative to xl/) or `/xl/worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`. */
function resolveTarget(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

// ── shared strings and styles ────────────────────────────────────────────────

/** A shared string, or the length of one too long for a cell (kept as a number, not as megabytes of text). */
type SharedString = string | { tooLong: number };

/**
 * The text of an `<si>` or `<is>`: its `<t>`, or the `<t>` of each rich-text run; phonetic guides (`<rPh>`, the
 * furigana Excel adds to Japanese it converted) are not part of the text. `_x000D_` escapes undone per `<t>`.
 */
function richText(x: XmlScanner): SharedString {
  if (x.selfClosing) return '';
  const depth = x.depth;
  let text = '';
  let length = 0;
  for (;;) {
    const token = x.next();
    if (token === CLOSE && x.depth < depth) break;
    if (token !== OPEN) continue;
    const tag = x.local;
    if (tag === 't') {
      const piece = x.content(MAX_CELL_TEXT);
      const unescaped = piece.text === null ? null : unescapeCellText(piece.text);
      length += unescaped?.length ?? piece.length;
      if (unescaped !== null && length <= MAX_CELL_TEXT) text += unescaped;
    } else if (tag !== 'r') x.skip(); // rPr, rPh, phoneticPr; a run's own <t> is read on the next turn
  }
  return length <= MAX_CELL_TEXT ? text : { tooLong: length };
}

function sharedStrings(xml: string): SharedString[] {
  const x: XmlScanner = new XmlScanner(xml, 'xl/sharedStrings.xml');
  const strings: SharedString[] = [];
  let token;
  while ((token = x.next()) !== END) {
    if (token === OPEN && x.local === 'si') strings.push(richText(x));
  }
  return strings;
}

/** Built-in number formats that show dates or times (the Japanese-locale ones included: 27–36, 50–58). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when, outside quoted text, escapes, [colours and locales] and fill/padding, it has y m d h s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, '');
  return /[yYmMdDhHsS]/.test(bare) && !/^general$/i.test(bare.trim());
}

/** Indexes into `<cellXfs>` (a cell's `s`) whose number format is a date or a time. */
function dateStyleIndexes(xml: string): Set<number> {
  const x: XmlScanner = new XmlScanner(xml, 'xl/styles.xml');
  const custom = new Map<number, string>();
  const dates = new Set<number>();
  let xfIndex = 0;
  let token;
  while ((token = x.next()) !== END) {
    if (token !== OPEN) continue;
    const tag = x.local;
    if (tag === 'numFmt') {
      custom.set(Number(x.attr('numFmtId')), x.attr('formatCode') ?? '');
      x.skip();
    } else if (tag === 'cellXfs') {
      const depth = x.depth;
      if (x.selfClosing) continue;
      for (;;) {
        const inner = x.next();
        if (inner === CLOSE && x.depth < depth) break;
        if (inner !== OPEN) continue;
        if (x.local === 'xf') {
          const id = Number(x.attr('numFmtId') ?? '0');
          const code = custom.get(id);
          if (code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(xfIndex);
          xfIndex += 1;
        }
        x.skip();
      }
    } else if (tag === 'cellStyleXfs' || tag === 'dxfs' || tag === 'fonts' || tag === 'fills' || tag === 'borders') {
      x.skip();
    }
  }
  return dates;
}

// ── worksheets ───────────────────────────────────────────────────────────────

interface WorksheetContext {
  strings: readonly SharedString[];
  dateStyles: ReadonlySet<number>;
  limits: WorkbookLimits;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function cellKey(row: number, col: number): number {
  return (row - 1) * MAX_COL + (col - 1);
}

/** `A1` → cellKey; `$` allowed. -1 for anything else or outside Excel's grid. Hand-written: it runs for every cell. */
function parseRef(ref: string): number {
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  let col = 0;
  const colFrom = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 64);
  }
  if (i === colFrom || i - colFrom > 3 || col > MAX_COL) return -1;
  if (ref.charCodeAt(i) === 0x24) i += 1;
  const rowFrom = i;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    row = row * 10 + (c - 0x30);
  }
  if (i === rowFrom || i - rowFrom > 7 || ref.charCodeAt(rowFrom) === 0x30 || row > MAX_ROW) return -1;
  return cellKey(row, col);
}

/** What Excel writes in a number cell's `<v>`: decimal, with an optional exponent. Not `NaN`, `Infinity` or `0x10`. */
const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function numberOrOddity(text: string, style: number, dateStyles: ReadonlySet<number>): ReadValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = NUMBER.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(n)) return { kind: 'not-a-number', text: trimmed.slice(0, 20) };
  return dateStyles.has(style) ? { kind: 'date' } : n;
}

function sharedStringValue(s: SharedString): ReadValue {
  return typeof s === 'string' ? s : { kind: 'too-long', length: s.tooLong };
}

/** The non-empty cells of a worksheet's `<sheetData>`, by cellKey. */
function worksheetCells(xml: string, part: string, context: WorksheetContext): Map<number, ReadValue> {
  const x: XmlScanner = new XmlScanner(xml, part);
  const cells = new Map<number, ReadValue>();
  let token;
  while ((token = x.next()) !== END) {
    if (token === OPEN && x.local === 'sheetData') {
      readSheetData(x, cells, context);
    }
  }
  return cells;
}

function readSheetData(x: XmlScanner, cells: Map<number, ReadValue>, context: WorksheetContext): void {
  if (x.selfClosing) return;
  const depth = x.depth;
  let row = 0;
  let col = 0;
  for (;;) {
    const token = x.next();
    if (token === CLOSE && x.depth < depth) return;
    if (token !== OPEN) continue;
    const tag = x.local;
    if (tag === 'row') {
      // Rows and cells may leave out their reference: then they follow the one before.
      const r = x.attr('r');
      if (r !== undefined && !POSITIVE_INT.test(r)) x.fail(`row ${r}`);
      row = r === undefined ? row + 1 : Number(r);
      if (row > MAX_ROW) x.fail(`row ${row}`);
      col = 0;
      continue; // its cells are read on the next turns
    }
    if (tag !== 'c') {
      x.skip();
      continue;
    }
    x.attrsInto(CELL_ATTRIBUTES);
    const [ref, type, style] = x.found;
    if (ref !== undefined) {
      const key = parseRef(ref);
      if (key < 0) x.fail(`cell ${ref}`);
      row = Math.floor(key / MAX_COL) + 1;
      col = (key % MAX_COL) + 1;
    } else {
      col += 1;
      if (row === 0) row = 1;
      if (col > MAX_COL) x.fail('too many cells in a row');
    }
    if (x.selfClosing) continue; // styled but empty
    const value = readCell(x, type ?? 'n', style === undefined ? 0 : Number(style), context);
    if (value === null) continue;
    cells.set(cellKey(row, col), value);
    if (cells.size > context.limits.maxCellsPerWorksheet) {
      throw new WorkbookReadError('limits', `${x.part}: more than ${context.limits.maxCellsPerWorksheet} cells`);
    }
  }
}

const CELL_ATTRIBUTES = ['r', 't', 's'] as const;

/** One `<c>` (just opened, not empty): its value as exceljs would have given it, but strict about numbers and dates. */
function readCell(x: XmlScanner, type: string, style: number, context: WorksheetContext): ReadValue {
  const depth = x.depth;
  let v: string | null = null;
  /** A `<v>` longer than any cell: only its length is kept. */
  let vLength = 0;
  let inline: SharedString | null = null;
  for (;;) {
    const token = x.next();
    if (token === CLOSE && x.depth < depth) break;
    if (token !== OPEN) continue;
    const tag = x.local;
    if (tag === 'v') {
      const content = x.content(MAX_CELL_TEXT);
      v = content.text;
      vLength = content.length;
    } else if (tag === 'is') inline = richText(x);
    else x.skip(); // <f> (the formula: its cached <v> is the value), <extLst>
  }
  if (v === null && vLength > 0) {
    if (type === 'str') return { kind: 'too-long', length: vLength };
    if (type === 's') x.fail('shared string index');
    return { kind: 'not-a-number', text: `${vLength} characters` };
  }
  switch (type) {
    case 's': {
      if (v === null || v === '') return null;
      const index = POSITIVE_INT.test(v) || v === '0' ? Number(v) : -1;
      const s = context.strings[index];
      if (s === undefined) x.fail(`shared string ${v.slice(0, 20)}`);
      return sharedStringValue(s);
    }
    case 'inlineStr':
      return inline === null ? null : sharedStringValue(inline);
    case 'str':
      if (inline !== null) return sharedStringValue(inline);
      return v === null ? null : unescapeCellText(v);
    case 'b':
      if (v === null || v === '') return null;
      return v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : { kind: 'not-a-number', text: v.slice(0, 20) };
    case 'e':
      return v === null || v === '' ? null : { kind: 'error', code: v.slice(0, 20) };
    case 'd':
      return v === null || v === '' ? null : { kind: 'date' };
    case 'n':
      return v === null ? null : numberOrOddity(v, style, context.dateStyles);
    default:
      return v === null ? null : { kind: 'not-a-number', text: v.slice(0, 20) };
  }
}

/** Every worksheet of a workbook of ours (tests and tools; the import goes through importWorkbookBytes). Throws otherwise. */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadWorksheet[]> {
  const directory = readCentralDirectory(bytes);
  if (!directory.ok) throw new Error(`not readable: ${directory.problem} ${directory.detail}`);
  const opened = openWorkbook(bytes, directory.entries);
  if (!opened.ok) throw new Error(`not readable: ${opened.problem} ${opened.detail}`);
  return opened.worksheets;
}
