// Reading back a workbook we exported: the hidden worksheet says which worksheet is which sheet and how it was laid
// out; the visible cells give every value (so a reviewer's corrections come back). Whole or nothing, like the JSON.
import { z } from 'zod';
import { parseAmount } from '../../../shared/domain/money';
import type { Problem } from '../../../shared/domain/problem';
import { MAX_AMOUNT, type ExchangeFile, type Sheet } from '../../../shared/domain/schema';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../../../shared/domain/wareki';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, MAX_EXCHANGE_FILE_BYTES } from '../../../shared/exchange/format';
import { derivedItemId } from '../../../shared/exchange/migrations';
import { readExchangeFile } from '../../../shared/exchange/read';
import {
  cellAddress,
  METADATA_FIRST_ROW,
  planSheet,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  type Address,
  type SheetShape,
} from './layout';
import { excelMessages } from './messages';
import { readPolicy } from './policy-import';
import { METADATA_SHEET_NAME, POLICY_SHEET_NAME, REVIEW_SHEET_NAME, SUMMARY_SHEET_NAME } from './sheet-names';
import type { CellOddity, ReadValue, ReadWorksheet } from './xlsx-read';

export type ImportResult = { ok: true; file: ExchangeFile } | { ok: false; problems: Problem[] };

function failure(message: string, path = ''): ImportResult {
  return { ok: false, problems: [{ severity: 'error', path, message }] };
}

/** Limits on a shape read from a file, so a tampered one cannot make us build millions of addresses. */
const MAX_PIECES = 10_000;
const shapeSchema = z.strictObject({
  funding: z.int().min(0).max(MAX_PIECES),
  purpose: z.int().min(1).max(MAX_PIECES),
  notes: z.int().min(1).max(MAX_PIECES),
  reference: z.int().min(0).max(MAX_PIECES),
  items: z.array(z.int().min(1).max(MAX_PIECES)).max(MAX_PIECES),
}) satisfies z.ZodType<SheetShape>;

/** More sheet rows than any workbook may list (the reader allows a few thousand worksheets): damage. */
const MAX_SHEETS = 100_000;

/** The worksheets of ours that are not a sheet's. */
const NOT_SHEETS = new Set([SUMMARY_SHEET_NAME, METADATA_SHEET_NAME, POLICY_SHEET_NAME, REVIEW_SHEET_NAME]);

export function isEmpty(value: ReadValue): value is null | '' {
  return value === null || value === '';
}

/** A text field: text as it is; a number or TRUE/FALSE a reviewer typed, as Excel shows it; anything else as it is. */
export function textOf(value: ReadValue): string | CellOddity {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

/** What is wrong with a cell of a text field, after `シート「…」のセル A1（…）: `. */
function textOddity(odd: CellOddity): string {
  switch (odd.kind) {
    case 'error':
      return `エラー値（${odd.code}）が入っています。文字を入力してください。`;
    case 'date':
      return '日付になっています。セルの表示形式を「文字列」にして、文字を入力し直してください。';
    case 'not-a-number':
      return '読み取れない値が入っています。文字を入力し直してください。';
    case 'too-long':
      return `文字が多すぎます（${odd.length.toLocaleString('en-US')} 文字。1つのセルは 32,767 文字まで）。短くしてから読み込んでください。`;
  }
}

/** A typed amount that is no number at all (`abc`, `0x10`, `1e3`, `NaN`): anything but digits, separators and signs. */
const NOT_NUMERIC = /[^0-9,.+\-△▲−－Δ▵]/;

/** Reads the fields of one worksheet; problems carry `prefix.path` (`sheets[3].amount`, `policies[0].basicPolicy`). */
export class SheetReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly ws: ReadWorksheet,
    private readonly prefix: string,
  ) {}

  private problem(path: string, message: string): void {
    this.problems.push({ severity: 'error', path: `${this.prefix}.${path}`, message });
  }

  text(a: Address, path: string, field: string): string {
    const t = textOf(this.ws.value(a.row, a.col));
    if (typeof t === 'string') return t;
    this.problem(path, excelMessages.cellInvalid(this.ws.name, cellAddress(a.row, a.col), field, textOddity(t)));
    return '';
  }

  /**
   * 千円 amounts: a number cell, or text staff typed (`1,234`, full-width digits); blank is "not entered". Not a number
   * (text, `NaN`, an error value), a decimal and a date each get their own message.
   */
  amount(a: Address, path: string, field: string): number | null {
    const value = this.ws.value(a.row, a.col);
    const cell = cellAddress(a.row, a.col);
    if (isEmpty(value)) return null;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) {
        this.problem(path, excelMessages.cellNotInteger(this.ws.name, cell, field));
        return null;
      }
      if (value < 0 || value > MAX_AMOUNT) {
        this.problem(path, excelMessages.cellInvalid(this.ws.name, cell, field, `0 以上 ${MAX_AMOUNT.toLocaleString('en-US')} 以下の金額を入力してください。`));
        return null;
      }
      return value;
    }
    if (typeof value === 'string') {
      if (NOT_NUMERIC.test(value.normalize('NFKC').replace(/\s+/g, ''))) {
        this.problem(path, excelMessages.cellNotNumber(this.ws.name, cell, field));
        return null;
      }
      const parsed = parseAmount(value, { label: field });
      if (parsed.ok) return parsed.value;
      this.problem(path, excelMessages.cellInvalid(this.ws.name, cell, field, parsed.message));
      return null;
    }
    if (typeof value === 'object' && value.kind === 'date') {
      this.problem(path, excelMessages.cellIsDate(this.ws.name, cell, field));
      return null;
    }
    this.problem(path, excelMessages.cellNotNumber(this.ws.name, cell, field));
    return null;
  }

  /** 款/項/目 numbers, 歳入の款 and 予算書P.: whole numbers in a range (digits only when typed as text), or blank. */
  whole(a: Address, path: string, field: string, max: number): number | null {
    const value = this.ws.value(a.row, a.col);
    if (isEmpty(value)) return null;
    const cell = cellAddress(a.row, a.col);
    if (typeof value === 'object' && value.kind === 'date') {
      this.problem(path, excelMessages.cellIsDate(this.ws.name, cell, field));
      return null;
    }
    const digits = typeof value === 'string' ? value.normalize('NFKC').trim() : '';
    const n = typeof value === 'number' ? value : /^[0-9]{1,6}$/.test(digits) ? Number(digits) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= max) return n;
    this.problem(path, excelMessages.cellInvalid(this.ws.name, cell, field, `1 から ${max} までの整数を入力してください。`));
    return null;
  }

  joined(addresses: readonly Address[], path: string, field: string): string {
    return addresses.map((a) => this.text(a, path, field)).join('');
  }
}

interface MetadataRow {
  worksheet: string;
  id: string;
  fiscalYear: number;
  status: string;
  updatedAt: string;
  shape: SheetShape;
  /** The 主な事業 ids; null in a workbook exported before they were recorded (derived from the position then). */
  itemIds: string[] | null;
  /** The sheet of the year before; null when blank (not carried, or a workbook exported before it was recorded). */
  carriedFrom: string | null;
  /** The worksheet's sheetId in xl/workbook.xml; null in a workbook exported before it was recorded. */
  sheetId: number | null;
}

const itemIdsSchema = z.array(z.string().max(100)).max(MAX_PIECES);

function metadataRows(meta: ReadWorksheet, count: number): MetadataRow[] | null {
  const rows: MetadataRow[] = [];
  for (let i = 0; i < count; i++) {
    const r = METADATA_FIRST_ROW + i;
    const worksheet = meta.value(r, 1);
    const id = meta.value(r, 2);
    const fiscalYear = meta.value(r, 3);
    const status = meta.value(r, 4);
    const updatedAt = meta.value(r, 5);
    const shapeText = meta.value(r, 6);
    if (typeof worksheet !== 'string' || typeof id !== 'string' || !isFiscalYear(fiscalYear)) return null;
    if (typeof status !== 'string' || typeof updatedAt !== 'string' || typeof shapeText !== 'string') return null;
    let shape: unknown;
    try {
      shape = JSON.parse(shapeText);
    } catch {
      return null;
    }
    const parsed = shapeSchema.safeParse(shape);
    if (!parsed.success) return null;
    const idsText = meta.value(r, 7);
    let itemIds: string[] | null = null;
    if (typeof idsText === 'string' && idsText !== '') {
      let ids: unknown;
      try {
        ids = JSON.parse(idsText);
      } catch {
        return null;
      }
      const parsedIds = itemIdsSchema.safeParse(ids);
      if (!parsedIds.success || parsedIds.data.length !== parsed.data.items.length) return null;
      itemIds = parsedIds.data;
    } else if (!isEmpty(idsText)) return null;
    const carriedFromText = meta.value(r, 8);
    if (!isEmpty(carriedFromText) && typeof carriedFromText !== 'string') return null;
    const carriedFrom = typeof carriedFromText === 'string' && carriedFromText !== '' ? carriedFromText : null;
    const sheetIdValue = meta.value(r, 9);
    if (!isEmpty(sheetIdValue) && !(typeof sheetIdValue === 'number' && isVersion(sheetIdValue))) return null;
    const sheetId = typeof sheetIdValue === 'number' ? sheetIdValue : null;
    rows.push({ worksheet, id, fiscalYear, status, updatedAt, shape: parsed.data, itemIds, carriedFrom, sheetId });
  }
  return rows;
}

/** Whole numbers from 1 (versions, sheetIds): 12.5, 0, −1 or 1e300 there is damage, not a newer release. */
const isVersion = (n: number) => Number.isSafeInteger(n) && n >= 1;
/** The years the metadata may hold: the workbook's and each sheet's, written by the export, never typed by a user. */
const isFiscalYear = (value: ReadValue): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= MIN_FISCAL_YEAR && value <= MAX_FISCAL_YEAR;

const hasDuplicates = (values: readonly string[]) => new Set(values).size !== values.length;

/**
 * Whether the worksheets are the ones the metadata lists, no more and no fewer, each the very worksheet it was (by its
 * sheetId, which a rename or a swap of two tab names does not move). Problems name the worksheet; none when they are.
 */
function worksheetProblems(rows: readonly MetadataRow[], worksheets: readonly ReadWorksheet[], fileName: string): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(worksheets.map((w) => [w.name, w]));
  rows.forEach((row, index) => {
    const ws = byName.get(row.worksheet);
    if (!ws) problems.push({ severity: 'error', path: `sheets[${index}]`, message: excelMessages.worksheetMissing(row.worksheet) });
    else if (row.sheetId !== null && ws.sheetId !== row.sheetId) {
      problems.push({ severity: 'error', path: `sheets[${index}]`, message: excelMessages.worksheetSwapped(ws.name) });
    }
  });
  const recorded = new Set(rows.map((r) => r.worksheet));
  const sheetWorksheets = worksheets.filter((w) => !NOT_SHEETS.has(w.name));
  const extra = sheetWorksheets.filter((w) => !recorded.has(w.name));
  if (extra.length > 0) {
    if (rows.length < sheetWorksheets.length) {
      problems.push({ severity: 'error', path: '', message: excelMessages.sheetCountMismatch(fileName, rows.length, sheetWorksheets.length) });
    }
    for (const w of extra.slice(0, 10)) problems.push({ severity: 'error', path: '', message: excelMessages.worksheetNotRecorded(w.name) });
  }
  return problems;
}

/**
 * Turns the worksheets of a workbook into an exchange file, or problems naming the worksheet and cell. It accepts only
 * what our export could have written: the metadata's rows match the worksheets one to one, ids are unique, versions
 * are ones we wrote. The document then goes through the exchange file's own reader, so it is exactly as valid as a
 * `.yosan.json` would be, and it must fit in one (20 MiB, as written).
 */
export function workbookToExchange(worksheets: readonly ReadWorksheet[], fileName: string): ImportResult {
  const meta = worksheets.find((w) => w.name === METADATA_SHEET_NAME);
  if (!meta || meta.value(1, 1) !== 'format' || meta.value(1, 2) !== WORKBOOK_FORMAT) {
    return failure(excelMessages.foreign(fileName));
  }
  const version = meta.value(2, 2);
  const exchangeVersion = meta.value(3, 2);
  if (typeof version !== 'number' || typeof exchangeVersion !== 'number') return failure(excelMessages.metadataBroken(fileName));
  if (!isVersion(version) || !isVersion(exchangeVersion)) return failure(excelMessages.metadataBroken(fileName));
  if (version > WORKBOOK_VERSION) return failure(excelMessages.newerWorkbook(fileName, version, WORKBOOK_VERSION));
  if (exchangeVersion > EXCHANGE_VERSION) return failure(excelMessages.newerWorkbook(fileName, exchangeVersion, EXCHANGE_VERSION));
  const municipality = textOf(meta.value(4, 2));
  const fiscalYear = meta.value(5, 2);
  const count = meta.value(6, 2);
  if (typeof municipality !== 'string' || !isFiscalYear(fiscalYear) || typeof count !== 'number') return failure(excelMessages.metadataBroken(fileName));
  if (!Number.isInteger(count) || count < 0 || count > MAX_SHEETS) return failure(excelMessages.metadataBroken(fileName));
  const rows = metadataRows(meta, count);
  if (!rows) return failure(excelMessages.metadataBroken(fileName));
  // Two rows for one worksheet or one id would import one worksheet twice; export never writes that.
  const duplicated =
    hasDuplicates(rows.map((r) => r.worksheet)) ||
    hasDuplicates(rows.map((r) => r.id)) ||
    rows.some((r) => r.itemIds !== null && hasDuplicates(r.itemIds));
  if (duplicated) return failure(excelMessages.duplicateIds(fileName));
  const structure = worksheetProblems(rows, worksheets, fileName);
  if (structure.length > 0) return { ok: false, problems: structure };

  const byName = new Map(worksheets.map((w) => [w.name, w]));
  const problems: Problem[] = [];
  const sheets: Sheet[] = [];
  rows.forEach((row, index) => {
    const ws = byName.get(row.worksheet)!;
    const plan = planSheet(row.shape);
    // The 主な事業 numbers (1, 2, …) are checked like labels: the rows between them carry none, and a row deleted
    // there would otherwise move every later item's cells onto the wrong fields without a word.
    const numbers = plan.items.map((place, i) => ({ at: place.no, text: String(i + 1) }));
    const moved = [...plan.labels, ...numbers].find((l) => {
      const value = ws.value(l.at.row, l.at.col);
      return value !== l.text && !(typeof value === 'number' && String(value) === l.text);
    });
    if (moved) {
      problems.push({
        severity: 'error',
        path: `sheets[${index}]`,
        message: excelMessages.layoutChanged(ws.name, cellAddress(moved.at.row, moved.at.col), moved.text),
      });
      return;
    }
    const r = new SheetReader(ws, `sheets[${index}]`);
    const sheet: Sheet = {
      id: row.id,
      fiscalYear: row.fiscalYear,
      account: r.text(plan.account, 'account', '会計'),
      name: r.text(plan.name, 'name', '事務事業名'),
      org: {
        bureau: r.text(plan.bureau, 'org.bureau', '局'),
        department: r.text(plan.department, 'org.department', '部'),
        section: r.text(plan.section, 'org.section', '課'),
      },
      classification: {
        kan: { no: r.whole(plan.kanNo, 'classification.kan.no', '款', 999), name: r.text(plan.kanName, 'classification.kan.name', '款') },
        kou: { no: r.whole(plan.kouNo, 'classification.kou.no', '項', 999), name: r.text(plan.kouName, 'classification.kou.name', '項') },
        moku: { no: r.whole(plan.mokuNo, 'classification.moku.no', '目', 999), name: r.text(plan.mokuName, 'classification.moku.name', '目') },
      },
      budgetBookPage: r.whole(plan.page, 'budgetBookPage', '予算書P.', 99_999),
      amount: r.amount(plan.amount, 'amount', '予算額'),
      previousAmount: r.amount(plan.previousAmount, 'previousAmount', '前年度予算額'),
      specificFunding: plan.funding.map((f, i) => ({
        source: r.text(f.source, `specificFunding[${i}].source`, '特定財源の名称'),
        revenueKan: r.whole(f.kan, `specificFunding[${i}].revenueKan`, '歳入の款', 999),
        amount: r.amount(f.amount, `specificFunding[${i}].amount`, '特定財源の金額'),
      })),
      purpose: r.joined(plan.purpose, 'purpose', '事業の目的・内容'),
      notes: r.joined(plan.notes, 'notes', '特記事項'),
      // Ids from the metadata; a workbook exported before they were recorded: derived from the position.
      items: plan.items.map((place, i) => ({
        id: row.itemIds?.[i] ?? derivedItemId(row.id, i),
        name: r.text(place.name, `items[${i}].name`, `主な事業${i + 1}の名称`),
        amount: r.amount(place.amount, `items[${i}].amount`, `主な事業${i + 1}の金額`),
        description: r.joined(place.description, `items[${i}].description`, `主な事業${i + 1}の説明`),
      })),
      reference: r.joined(plan.reference, 'reference', '参考'),
      status: row.status as Sheet['status'],
      updatedAt: row.updatedAt,
      carriedFrom: row.carriedFrom,
    };
    problems.push(...r.problems);
    sheets.push(sheet);
  });
  const policy = readPolicy(meta, count, byName);
  if (policy.kind === 'broken') return failure(excelMessages.metadataBroken(fileName));
  if (policy.kind === 'problems') problems.push(...policy.problems);
  if (problems.length > 0) return { ok: false, problems };

  const document = {
    format: EXCHANGE_FORMAT,
    version: exchangeVersion,
    municipality,
    fiscalYear,
    sheets,
    policies: policy.kind === 'ok' ? [policy.policy] : [],
    // A workbook is one 局's submission: which years are locked is the database's business, not the file's.
    lockedYears: [],
  };
  // The exchange file's own reader: the same schema, migrations and Japanese messages as opening a .yosan.json.
  const read = readExchangeFile(JSON.stringify(document));
  if (!read.ok) return { ok: false, problems: read.problems };
  // What the command line writes (writeExchangeFile: two-space JSON and a newline) must open again with `check`.
  if (Buffer.byteLength(JSON.stringify(read.file, null, 2), 'utf8') + 1 > MAX_EXCHANGE_FILE_BYTES) {
    return failure(excelMessages.importedTooLarge(fileName, MAX_EXCHANGE_FILE_BYTES));
  }
  return { ok: true, file: read.file };
}
