// The exported workbook as plain data: where every field of a 事務事業 sheet goes, its style, merges, row heights and
// print setup; the 一覧 and the hidden metadata worksheet. Pure: the exceljs adapter only renders what this decides.
import { formatYearOverYear } from '../../../shared/domain/ratio';
import type { ExchangeFile, Policy, Sheet } from '../../../shared/domain/schema';
import { generalFund, sheetChange, sheetYearOverYear } from '../../../shared/domain/sheet';
import { totalsOf } from '../../../shared/domain/totals';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import type { PolicyShape, ProgramMetadata } from './policy-layout';
import { quoteSheetName, SUMMARY_SHEET_NAME, METADATA_SHEET_NAME } from './sheet-names';
import { FONT_SIZE, lineHeight, STYLES, type StyleName } from './styles';
import { pieceLineCount, splitByLines } from './text-width';

// ── the model ────────────────────────────────────────────────────────────────

export type CellValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** A formula (without `=`) and the result we computed, cached in the file so every viewer shows it at once. */
  | { kind: 'formula'; formula: string; result: number | string };

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One cell, or the top-left (master) cell of a merged range. Rows and columns count from 1. */
export interface LayoutCell {
  row: number;
  col: number;
  style: StyleName;
  value: CellValue | null;
  /** Last column of the merged range (== col when not merged). */
  lastCol: number;
  /** Last row of the merged range (== row when not merged). */
  lastRow: number;
}

export interface PrintSetup {
  /** `A1:L40`. */
  area: string;
  /** 1: the whole area on one page. 0: as many pages tall as needed (one page wide). */
  fitToHeight: 0 | 1;
  /** Excel header/footer codes (`&L…&R…`), ampersands in our texts already doubled. */
  footer: string;
  /** Rows repeated on every printed page, `3:3`. */
  titleRows?: string;
}

export interface WorksheetLayout {
  name: string;
  state: 'visible' | 'veryHidden';
  /** Widths in Excel character units, column A first. */
  columnWidths: readonly number[];
  /** Heights in points, row 1 first; every row of the sheet has one. */
  rowHeights: number[];
  /** Sorted by row, then column. */
  cells: LayoutCell[];
  print: PrintSetup | null;
}

// ── sizes ────────────────────────────────────────────────────────────────────

/** A (No) B C D E F (amount) | G (No) H I J K L (amount): two halves for the 主な事業, the top zone split A–H | I–L. */
export const SHEET_COLUMNS: readonly number[] = [4.5, 9, 9, 9, 9, 11, 4.5, 9, 9, 9, 9, 11];
export const SUMMARY_COLUMNS: readonly number[] = [5, 18, 30, 13, 13, 13, 9, 13];
const METADATA_COLUMNS: readonly number[] = [30, 38, 10, 10, 26, 60, 60, 38, 10];

/** Excel's row height limit, in points. */
export const MAX_ROW_HEIGHT = 409;
/** Excel's cell text limit, in UTF-16 code units. */
export const MAX_CELL_TEXT = 32_767;
const MIN_ROW_HEIGHT = 18;
const ROW_PADDING = 4;
/** Pixels per Excel width unit (the workbook's default font is Calibri 11, maximum digit width 7 px). */
const PX_PER_WIDTH_UNIT = 7;
const CELL_PADDING_PX = 6;
const INDENT_PX = 10;
/** We fill lines to 95 % of the computed room: print drivers and substituted fonts differ by a few per cent. */
const FILL_RATIO = 0.95;

/** Room for text in a span of columns, in half-width units of a font size (see text-width.ts). */
export function spanCapacity(widths: readonly number[], from: number, to: number, fontSize: number, indent = 0): number {
  let px = 0;
  for (let c = from; c <= to; c++) px += Math.round((widths[c - 1] ?? 0) * PX_PER_WIDTH_UNIT);
  const usable = px - CELL_PADDING_PX - indent * INDENT_PX;
  const halfWidthPx = (fontSize / 2) * (96 / 72);
  return Math.max(2, Math.floor((usable / halfWidthPx) * FILL_RATIO));
}

/** Height in points a row needs for `lines` lines of a font size. */
export function rowHeightFor(lines: number, fontSize: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.max(MIN_ROW_HEIGHT, lines * lineHeight(fontSize) + ROW_PADDING));
}

/** Lines of a font size that fit in the tallest row Excel allows. */
export function maxLinesPerRow(fontSize: number): number {
  return Math.floor((MAX_ROW_HEIGHT - ROW_PADDING) / lineHeight(fontSize));
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

// ── a grid being filled ──────────────────────────────────────────────────────

export class Grid {
  readonly cells: LayoutCell[] = [];
  private lastRowUsed = 0;

  constructor(private readonly widths: readonly number[]) {}

  put(row: number, col: number, style: StyleName, value: CellValue | null, lastCol = col, lastRow = row): void {
    this.cells.push({ row, col, style, value, lastCol, lastRow });
    this.lastRowUsed = Math.max(this.lastRowUsed, lastRow);
  }

  text(row: number, col: number, style: StyleName, text: string, lastCol = col, lastRow = row): void {
    this.put(row, col, style, text === '' ? null : { kind: 'text', text }, lastCol, lastRow);
  }

  amount(row: number, col: number, style: StyleName, value: number | null, lastCol = col): void {
    this.put(row, col, style, value === null ? null : { kind: 'number', value }, lastCol);
  }

  get rowCount(): number {
    return this.lastRowUsed;
  }

  /** Each row as tall as its tallest one-row cell needs; at least the minimum; never above Excel's limit. */
  rowHeights(): number[] {
    const heights = Array.from({ length: this.rowCount }, () => MIN_ROW_HEIGHT);
    for (const cell of this.cells) {
      if (cell.lastRow !== cell.row) continue;
      const spec = STYLES[cell.style];
      const size = spec.font.size;
      let lines = 1;
      if (cell.value?.kind === 'text' && 'wrapText' in spec.alignment && spec.alignment.wrapText) {
        const indent = 'indent' in spec.alignment ? spec.alignment.indent : 0;
        lines = pieceLineCount(cell.value.text, spanCapacity(this.widths, cell.col, cell.lastCol, size, indent));
      }
      const needed = rowHeightFor(lines, size);
      if (needed > (heights[cell.row - 1] ?? 0)) heights[cell.row - 1] = needed;
    }
    return heights;
  }

  sorted(): LayoutCell[] {
    return [...this.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

// ── where a 事務事業 sheet's fields go ─────────────────────────────────────────

/** How many rows each variable part of a sheet takes: all the layout needs to know where every field is. */
export interface SheetShape {
  /** 特定財源 lines. */
  funding: number;
  /** Pieces (rows) of 事業の目的・内容, 特記事項 and 参考; 参考 0 means the sheet has none and prints no 参考 block. */
  purpose: number;
  notes: number;
  reference: number;
  /** Pieces of each 主な事業's description, in order. */
  items: number[];
}

export interface Address {
  row: number;
  col: number;
}

export interface FundingPlace {
  kan: Address;
  source: Address;
  amount: Address;
}

export interface ItemPlace {
  no: Address;
  name: Address;
  amount: Address;
  /** One address per piece of the description. */
  description: Address[];
}

/** Every field's cell, and the labels that must be where the plan says (import checks them). */
export interface SheetPlan {
  account: Address;
  name: Address;
  amount: Address;
  bureau: Address;
  department: Address;
  section: Address;
  kanNo: Address;
  kanName: Address;
  kouNo: Address;
  kouName: Address;
  mokuNo: Address;
  mokuName: Address;
  page: Address;
  funding: FundingPlace[];
  generalFund: Address;
  previousAmount: Address;
  change: Address;
  purpose: Address[];
  notes: Address[];
  reference: Address[];
  items: ItemPlace[];
  labels: { at: Address; text: string }[];
  lastRow: number;
}

/** Column numbers of the sheet grid. */
const C = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, I: 9, J: 10, K: 11, L: 12 } as const;
const LAST_COL = C.L;

export const SHEET_LABELS = {
  unit: '(単位：千円)',
  name: '事務事業名',
  amount: '予算額',
  org: '局/部/課',
  classification: '款/項/目',
  page: '予算書P.',
  funding: '〔財源内訳〕',
  generalFund: '- 一般財源',
  previousAmount: '前年度予算額',
  change: '増減',
  purpose: '〈事業の目的・内容〉',
  notes: '〈特記事項〉',
  items: '〈主な事業〉',
  reference: '〈参考〉',
} as const;

const at = (row: number, col: number): Address => ({ row, col });
const range = (first: number, n: number): number[] => Array.from({ length: n }, (_, i) => first + i);

/** Where each field of a sheet of this shape goes. Export and import both use it, so they always agree. */
export function planSheet(shape: SheetShape): SheetPlan {
  const L = SHEET_LABELS;
  const labels: SheetPlan['labels'] = [
    { at: at(2, C.A), text: L.name },
    { at: at(2, C.I), text: L.amount },
    { at: at(3, C.A), text: L.org },
    { at: at(3, C.I), text: L.funding },
    { at: at(4, C.A), text: L.classification },
    { at: at(5, C.F), text: L.page },
    { at: at(6, C.A), text: L.purpose },
  ];
  // Left zone (A–H): 局/部/課 3, 款/項/目 4–5, 〈事業の目的・内容〉 6, its pieces, 〈特記事項〉, its pieces.
  const purpose = range(7, shape.purpose).map((r) => at(r, C.A));
  const notesLabelRow = 7 + shape.purpose;
  labels.push({ at: at(notesLabelRow, C.A), text: L.notes });
  const notes = range(notesLabelRow + 1, shape.notes).map((r) => at(r, C.A));
  const leftEnd = notesLabelRow + shape.notes;
  // Right zone (I–L): 〔財源内訳〕 3, one row per 特定財源, then 一般財源, 前年度予算額, 増減.
  const funding = range(4, shape.funding).map((r) => ({ kan: at(r, C.I), source: at(r, C.J), amount: at(r, C.L) }));
  const gfRow = 4 + shape.funding;
  labels.push(
    { at: at(gfRow, C.I), text: L.generalFund },
    { at: at(gfRow + 1, C.I), text: L.previousAmount },
    { at: at(gfRow + 2, C.I), text: L.change },
  );
  const rightEnd = gfRow + 2;
  const topEnd = Math.max(leftEnd, rightEnd);

  // 主な事業 in two halves, as the form prints them: 1…⌈n/2⌉ on the left, the rest on the right, row by row.
  const itemsLabelRow = topEnd + 1;
  labels.push({ at: at(itemsLabelRow, C.A), text: L.items });
  const n = shape.items.length;
  const half = Math.ceil(n / 2);
  const items: ItemPlace[] = new Array<ItemPlace>(n);
  let row = itemsLabelRow + 1;
  for (let k = 0; k < half; k++) {
    const left = k;
    const right = k + half;
    const descRows = Math.max(shape.items[left] ?? 1, right < n ? (shape.items[right] ?? 1) : 0);
    items[left] = {
      no: at(row, C.A),
      name: at(row, C.B),
      amount: at(row, C.F),
      description: range(row + 1, shape.items[left] ?? 1).map((r) => at(r, C.A)),
    };
    if (right < n) {
      items[right] = {
        no: at(row, C.G),
        name: at(row, C.H),
        amount: at(row, C.L),
        description: range(row + 1, shape.items[right] ?? 1).map((r) => at(r, C.G)),
      };
    }
    row += 1 + descRows;
  }
  if (n === 0) row += 1; // an empty box
  let lastRow = row - 1;
  let reference: Address[] = [];
  if (shape.reference > 0) {
    labels.push({ at: at(row, C.A), text: L.reference });
    reference = range(row + 1, shape.reference).map((r) => at(r, C.A));
    lastRow = row + shape.reference;
  }
  return {
    account: at(1, C.A),
    name: at(2, C.C),
    amount: at(2, C.L),
    bureau: at(3, C.C),
    department: at(3, C.E),
    section: at(3, C.G),
    kanNo: at(4, C.C),
    kanName: at(4, C.D),
    kouNo: at(4, C.F),
    kouName: at(4, C.G),
    mokuNo: at(5, C.C),
    mokuName: at(5, C.D),
    page: at(5, C.H),
    funding,
    generalFund: at(gfRow, C.L),
    previousAmount: at(gfRow + 1, C.L),
    change: at(gfRow + 2, C.L),
    purpose,
    notes,
    reference,
    items,
    labels,
    lastRow,
  };
}

// ── texts cut into printable pieces ──────────────────────────────────────────

/** Long texts are cut into rows that each fit Excel's tallest row; short ones stay one cell. */
export interface SheetPieces {
  purpose: string[];
  notes: string[];
  reference: string[];
  items: string[][];
}

const BLOCK_CAPACITY = spanCapacity(SHEET_COLUMNS, C.A, C.H, FONT_SIZE.body, 1);
const REFERENCE_CAPACITY = spanCapacity(SHEET_COLUMNS, C.A, LAST_COL, FONT_SIZE.body, 1);
const LEFT_ITEM_CAPACITY = spanCapacity(SHEET_COLUMNS, C.A, C.F, FONT_SIZE.body, 1);
const RIGHT_ITEM_CAPACITY = spanCapacity(SHEET_COLUMNS, C.G, C.L, FONT_SIZE.body, 1);
const MAX_LINES = maxLinesPerRow(FONT_SIZE.body);

export function sheetPieces(sheet: Sheet): SheetPieces {
  const half = Math.ceil(sheet.items.length / 2);
  return {
    purpose: splitByLines(sheet.purpose, BLOCK_CAPACITY, MAX_LINES),
    notes: splitByLines(sheet.notes, BLOCK_CAPACITY, MAX_LINES),
    reference: sheet.reference === '' ? [] : splitByLines(sheet.reference, REFERENCE_CAPACITY, MAX_LINES),
    items: sheet.items.map((item, i) =>
      splitByLines(item.description, i < half ? LEFT_ITEM_CAPACITY : RIGHT_ITEM_CAPACITY, MAX_LINES),
    ),
  };
}

export function shapeOf(pieces: SheetPieces, fundingLines: number): SheetShape {
  return {
    funding: fundingLines,
    purpose: pieces.purpose.length,
    notes: pieces.notes.length,
    reference: pieces.reference.length,
    items: pieces.items.map((p) => p.length),
  };
}

// ── a 事務事業 worksheet ───────────────────────────────────────────────────────

/** A worksheet of a sheet, with the plan it follows (the metadata worksheet records the shape). */
export interface SheetWorksheet {
  layout: WorksheetLayout;
  shape: SheetShape;
  plan: SheetPlan;
}

/** Doubles `&` so a text shows as itself in an Excel header or footer; cut to keep the footer under 255 characters. */
export function footerText(text: string, max = 60): string {
  const chars = Array.from(text.replace(/[\r\n\t]/g, ' '));
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
  return cut.replace(/&/g, '&&');
}

function footer(left: string, right: string): string {
  // Size only: a font style name (標準 / Regular) is localised, and Excel of another language may not know it.
  const font = '&9';
  return `&L${font}${footerText(left)}&R${font}${footerText(right)}`;
}

const ref = (a: Address) => cellAddress(a.row, a.col);

/** Lays out one 事務事業 sheet as the seed prints it, on one A4 portrait page. */
export function layoutSheet(sheet: Sheet, worksheetName: string, pieces: SheetPieces = sheetPieces(sheet)): SheetWorksheet {
  const shape = shapeOf(pieces, sheet.specificFunding.length);
  const plan = planSheet(shape);
  const g = new Grid(SHEET_COLUMNS);
  const L = SHEET_LABELS;

  // Header and the first line of the form.
  g.text(1, C.A, 'account', sheet.account, C.F);
  g.text(1, C.G, 'unit', L.unit, LAST_COL);
  g.text(2, C.A, 'label', L.name, C.B);
  g.text(plan.name.row, plan.name.col, 'title', sheet.name, C.H);
  g.text(2, C.I, 'label', L.amount, C.K);
  g.amount(plan.amount.row, plan.amount.col, 'amountBold', sheet.amount);

  // Left zone.
  g.text(3, C.A, 'label', L.org, C.B);
  g.text(plan.bureau.row, plan.bureau.col, 'text', sheet.org.bureau, C.D);
  g.text(plan.department.row, plan.department.col, 'text', sheet.org.department, C.F);
  g.text(plan.section.row, plan.section.col, 'text', sheet.org.section, C.H);
  const cl = sheet.classification;
  g.text(4, C.A, 'label', L.classification, C.B, 5);
  g.amount(plan.kanNo.row, plan.kanNo.col, 'kanNo', cl.kan.no);
  g.text(plan.kanName.row, plan.kanName.col, 'text', cl.kan.name, C.E);
  g.amount(plan.kouNo.row, plan.kouNo.col, 'kouNo', cl.kou.no);
  g.text(plan.kouName.row, plan.kouName.col, 'text', cl.kou.name, C.H);
  g.amount(plan.mokuNo.row, plan.mokuNo.col, 'mokuNo', cl.moku.no);
  g.text(plan.mokuName.row, plan.mokuName.col, 'text', cl.moku.name, C.E);
  g.text(5, C.F, 'label', L.page, C.G);
  g.amount(plan.page.row, plan.page.col, 'page', sheet.budgetBookPage);
  g.text(6, C.A, 'blockLabel', L.purpose, C.H);
  const leftBlock = (addresses: Address[], texts: string[], last: boolean) =>
    addresses.forEach((a, i) =>
      g.text(a.row, a.col, last && i === addresses.length - 1 ? 'blockTextLast' : 'blockText', texts[i] ?? '', C.H),
    );
  const notesLabel = plan.labels.find((l) => l.text === L.notes)?.at ?? at(7 + shape.purpose, C.A);
  leftBlock(plan.purpose, pieces.purpose, false);
  g.text(notesLabel.row, C.A, 'blockLabel', L.notes, C.H);
  const leftEnd = notesLabel.row + shape.notes;
  const topEnd = plan.change.row > leftEnd ? plan.change.row : leftEnd;
  leftBlock(plan.notes, pieces.notes, leftEnd === topEnd);
  for (let r = leftEnd + 1; r <= topEnd; r++) g.put(r, C.A, r === topEnd ? 'blankLast' : 'blank', null, C.H);

  // Right zone: 財源内訳, 一般財源, 前年度予算額, 増減.
  g.text(3, C.I, 'label', L.funding, LAST_COL);
  sheet.specificFunding.forEach((line, i) => {
    const place = plan.funding[i];
    if (!place) return;
    g.amount(place.kan.row, place.kan.col, 'kanNo', line.revenueKan);
    g.text(place.source.row, place.source.col, 'text', line.source, C.K);
    g.amount(place.amount.row, place.amount.col, 'amount', line.amount);
  });
  const amountRef = ref(plan.amount);
  const fundingRange =
    shape.funding > 0 ? `${ref(plan.funding[0]!.amount)}:${ref(plan.funding[shape.funding - 1]!.amount)}` : null;
  const gf = generalFund(sheet);
  g.text(plan.generalFund.row, C.I, 'labelLeft', L.generalFund, C.K);
  g.put(plan.generalFund.row, plan.generalFund.col, 'amount', {
    kind: 'formula',
    formula: fundingRange
      ? `IF(${amountRef}="","",${amountRef}-SUM(${fundingRange}))`
      : `IF(${amountRef}="","",${amountRef})`,
    result: gf ?? '',
  });
  g.text(plan.previousAmount.row, C.I, 'labelLeft', L.previousAmount, C.K);
  g.amount(plan.previousAmount.row, plan.previousAmount.col, 'amount', sheet.previousAmount);
  const prevRef = ref(plan.previousAmount);
  g.text(plan.change.row, C.I, 'labelLeft', L.change, C.K);
  g.put(plan.change.row, plan.change.col, 'amount', {
    kind: 'formula',
    formula: `IF(OR(${amountRef}="",${prevRef}=""),"",${amountRef}-${prevRef})`,
    result: sheetChange(sheet) ?? '',
  });
  for (let r = plan.change.row + 1; r <= topEnd; r++) g.put(r, C.I, r === topEnd ? 'blankLast' : 'blank', null, LAST_COL);

  // 主な事業.
  const itemsLabelRow = topEnd + 1;
  g.text(itemsLabelRow, C.A, 'blockLabel', L.items, LAST_COL);
  const n = sheet.items.length;
  const half = Math.ceil(n / 2);
  for (let k = 0; k < half; k++) {
    const sides = [k, k + half].filter((i) => i < n);
    const depth = Math.max(...sides.map((i) => plan.items[i]!.description.length));
    for (const [side, i] of [k, k + half].entries()) {
      const first = side === 0 ? C.A : C.G;
      const last = side === 0 ? C.F : LAST_COL;
      const place = plan.items[i];
      const nameRow = plan.items[k]!.no.row;
      if (!place || i >= n) {
        // The right half of the last row of an odd count: an empty box.
        for (let r = nameRow; r <= nameRow + depth; r++) g.put(r, first, r === nameRow + depth ? 'blankLast' : 'blank', null, last);
        continue;
      }
      const item = sheet.items[i]!;
      g.amount(place.no.row, place.no.col, 'itemNo', i + 1);
      g.text(place.name.row, place.name.col, 'itemName', item.name, side === 0 ? C.E : C.K);
      g.amount(place.amount.row, place.amount.col, 'itemAmount', item.amount);
      const texts = pieces.items[i] ?? [''];
      for (let d = 0; d < depth; d++) {
        const r = nameRow + 1 + d;
        g.text(r, first, d === depth - 1 ? 'itemTextLast' : 'itemText', d < texts.length ? (texts[d] ?? '') : '', last);
      }
    }
  }
  if (n === 0) g.put(itemsLabelRow + 1, C.A, 'blankLast', null, LAST_COL);

  // 参考.
  if (plan.reference.length > 0) {
    const labelRow = plan.reference[0]!.row - 1;
    g.text(labelRow, C.A, 'blockLabel', L.reference, LAST_COL);
    plan.reference.forEach((a, i) =>
      g.text(a.row, a.col, i === plan.reference.length - 1 ? 'blockTextLast' : 'blockText', pieces.reference[i] ?? '', LAST_COL),
    );
  }

  const rowCount = plan.lastRow;
  return {
    shape,
    plan,
    layout: {
      name: worksheetName,
      state: 'visible',
      columnWidths: SHEET_COLUMNS,
      rowHeights: g.rowHeights().slice(0, rowCount),
      cells: g.sorted(),
      print: {
        area: `A1:${cellAddress(rowCount, LAST_COL)}`,
        fitToHeight: 1,
        footer: footer(sheet.org.bureau, fiscalYearLabel(sheet.fiscalYear)),
      },
    },
  };
}

// ── 一覧 ──────────────────────────────────────────────────────────────────────

export const SUMMARY_HEADERS = ['No', '課', '事務事業名', '予算額', '前年度予算額', '増減', '前年度比', '一般財源'] as const;
const SUMMARY_FIRST_ROW = 4;

/** 前年度比 as the 一覧 caches it: a number of percent (228.4), or 皆増 / 皆減 / — as text. */
export function ratioCellValue(amount: number | null, previousAmount: number | null): number | string {
  const yoy = sheetYearOverYear({ amount, previousAmount });
  return yoy.kind === 'ratio' ? yoy.tenthsOfPercent / 10 : formatYearOverYear(yoy);
}

function ratioFormula(d: string, e: string): string {
  return `IF(OR(${d}="",${e}=""),"—",IF(${e}=0,IF(${d}=0,"—","皆増"),IF(${d}=0,"皆減",ROUND(${d}*1000/${e},0)/10)))`;
}

export interface SummaryEntry {
  sheet: Sheet;
  worksheet: string;
  /** The cells of the sheet's worksheet the 一覧 refers to. */
  plan: Pick<SheetPlan, 'amount' | 'previousAmount' | 'generalFund'>;
}

/** The 一覧: one row per sheet with live references to its worksheet, then the totals. */
export function layoutSummary(entries: readonly SummaryEntry[], title: string, subtitle: string): WorksheetLayout {
  const g = new Grid(SUMMARY_COLUMNS);
  const last = SUMMARY_HEADERS.length;
  g.text(1, 1, 'heading', title, last);
  g.text(2, 1, 'note', subtitle, 5);
  g.text(2, 6, 'unit', SHEET_LABELS.unit, last);
  SUMMARY_HEADERS.forEach((h, i) => g.text(3, i + 1, 'label', h));
  entries.forEach((entry, i) => {
    const r = SUMMARY_FIRST_ROW + i;
    const { sheet, plan } = entry;
    const ws = quoteSheetName(entry.worksheet);
    const live = (a: Address) => `IF(${ws}!${ref(a)}="","",${ws}!${ref(a)})`;
    const d = `D${r}`;
    const e = `E${r}`;
    g.amount(r, 1, 'number', i + 1);
    g.text(r, 2, 'text', sheet.org.section);
    g.text(r, 3, 'text', sheet.name);
    g.put(r, 4, 'amount', { kind: 'formula', formula: live(plan.amount), result: sheet.amount ?? '' });
    g.put(r, 5, 'amount', { kind: 'formula', formula: live(plan.previousAmount), result: sheet.previousAmount ?? '' });
    g.put(r, 6, 'amount', { kind: 'formula', formula: `IF(OR(${d}="",${e}=""),"",${d}-${e})`, result: sheetChange(sheet) ?? '' });
    g.put(r, 7, 'ratio', { kind: 'formula', formula: ratioFormula(d, e), result: ratioCellValue(sheet.amount, sheet.previousAmount) });
    g.put(r, 8, 'amount', { kind: 'formula', formula: live(plan.generalFund), result: generalFund(sheet) ?? '' });
  });
  const t = SUMMARY_FIRST_ROW + entries.length;
  const lastData = t - 1;
  const sum = (col: string) => (entries.length > 0 ? `SUM(${col}${SUMMARY_FIRST_ROW}:${col}${lastData})` : '0');
  const totals = totalsOf(entries.map((e) => e.sheet));
  g.text(t, 1, 'totalLabel', '合計', 3);
  g.put(t, 4, 'totalAmount', { kind: 'formula', formula: sum('D'), result: totals.amount });
  g.put(t, 5, 'totalAmount', { kind: 'formula', formula: sum('E'), result: totals.previousAmount });
  g.put(t, 6, 'totalAmount', { kind: 'formula', formula: `D${t}-E${t}`, result: totals.change });
  g.put(t, 7, 'totalRatio', {
    kind: 'formula',
    formula: ratioFormula(`D${t}`, `E${t}`),
    result: ratioCellValue(totals.amount, totals.previousAmount),
  });
  g.put(t, 8, 'totalAmount', { kind: 'formula', formula: sum('H'), result: totals.generalFund });
  return {
    name: SUMMARY_SHEET_NAME,
    state: 'visible',
    columnWidths: SUMMARY_COLUMNS,
    rowHeights: g.rowHeights(),
    cells: g.sorted(),
    print: {
      area: `A1:${cellAddress(t, last)}`,
      fitToHeight: 0,
      footer: `&L&9${footerText(title)}&R&9&P / &N`,
      titleRows: '3:3',
    },
  };
}

// ── the hidden metadata worksheet ────────────────────────────────────────────

/** Marks a workbook as ours; the import refuses anything without it. */
export const WORKBOOK_FORMAT = 'yosan-desk-xlsx';
/** Raised when the layout changes so that an older reader would misread it. */
export const WORKBOOK_VERSION = 1;

/**
 * `itemIds` (the 主な事業 ids, which 局運営方針 rows link to), `carriedFrom` (the sheet of the year before it was
 * drafted from) and `sheetId` (the worksheet's sheetId in xl/workbook.xml, which stays with the worksheet when its tab
 * is renamed, so two swapped tab names cannot swap two sheets) were added later: blank in older workbooks.
 */
export const METADATA_HEADERS = ['worksheet', 'id', 'fiscalYear', 'status', 'updatedAt', 'shape', 'itemIds', 'carriedFrom', 'sheetId'] as const;
/** Row of the first sheet's metadata. */
export const METADATA_FIRST_ROW = 8;

/**
 * The 局運営方針 of a bureau workbook, one row after the last sheet's row (a workbook without one, or exported before
 * policies were, has nothing there): `policy | id | fiscalYear | bureau | | shape`, then `program | JSON` per key program.
 */
export interface PolicyMetadataEntry {
  policy: Policy;
  shape: PolicyShape;
  programs: ProgramMetadata[];
}

export const POLICY_METADATA_KEY = 'policy';
export const PROGRAM_METADATA_KEY = 'program';

export function policyMetadataRow(sheetCount: number): number {
  return METADATA_FIRST_ROW + sheetCount + 1;
}

/** A program's metadata as one cell; without the texts when they would not fit (the cells then give them). */
function programMetadataText(entry: ProgramMetadata): string {
  const full = JSON.stringify(entry);
  if (full.length <= MAX_CELL_TEXT) return full;
  return JSON.stringify({ link: entry.link, figures: entry.figures });
}

export interface MetadataEntry {
  worksheet: string;
  /** The worksheet's sheetId: its position in the workbook from 1, as exceljs numbers the worksheets it writes. */
  sheetId: number;
  sheet: Sheet;
  shape: SheetShape;
}

/**
 * The veryHidden worksheet `_yosan`: the format and its version, the exchange file's own fields, and per sheet what
 * the printed form does not show (id, status, updatedAt) and the shape its worksheet was laid out with.
 */
export function layoutMetadata(
  file: Pick<ExchangeFile, 'municipality' | 'fiscalYear' | 'version'>,
  entries: readonly MetadataEntry[],
  policy: PolicyMetadataEntry | null = null,
): WorksheetLayout {
  const g = new Grid(METADATA_COLUMNS);
  const pair = (row: number, key: string, value: CellValue) => {
    g.text(row, 1, 'plain', key);
    g.put(row, 2, value.kind === 'text' ? 'plain' : 'plainNumber', value);
  };
  pair(1, 'format', { kind: 'text', text: WORKBOOK_FORMAT });
  pair(2, 'version', { kind: 'number', value: WORKBOOK_VERSION });
  pair(3, 'exchangeVersion', { kind: 'number', value: file.version });
  g.text(4, 1, 'plain', 'municipality');
  g.text(4, 2, 'plain', file.municipality);
  pair(5, 'fiscalYear', { kind: 'number', value: file.fiscalYear });
  pair(6, 'sheets', { kind: 'number', value: entries.length });
  METADATA_HEADERS.forEach((h, i) => g.text(7, i + 1, 'plain', h));
  entries.forEach((entry, i) => {
    const r = METADATA_FIRST_ROW + i;
    g.text(r, 1, 'plain', entry.worksheet);
    g.text(r, 2, 'plain', entry.sheet.id);
    g.put(r, 3, 'plainNumber', { kind: 'number', value: entry.sheet.fiscalYear });
    g.text(r, 4, 'plain', entry.sheet.status);
    g.text(r, 5, 'plain', entry.sheet.updatedAt);
    g.text(r, 6, 'plain', JSON.stringify(entry.shape));
    g.text(r, 7, 'plain', JSON.stringify(entry.sheet.items.map((item) => item.id)));
    if (entry.sheet.carriedFrom !== null) g.text(r, 8, 'plain', entry.sheet.carriedFrom);
    g.put(r, 9, 'plainNumber', { kind: 'number', value: entry.sheetId });
  });
  if (policy) {
    const p = policyMetadataRow(entries.length);
    g.text(p, 1, 'plain', POLICY_METADATA_KEY);
    g.text(p, 2, 'plain', policy.policy.id);
    g.put(p, 3, 'plainNumber', { kind: 'number', value: policy.policy.fiscalYear });
    g.text(p, 4, 'plain', policy.policy.bureau);
    g.text(p, 6, 'plain', JSON.stringify(policy.shape));
    policy.programs.forEach((program, i) => {
      g.text(p + 1 + i, 1, 'plain', PROGRAM_METADATA_KEY);
      g.text(p + 1 + i, 2, 'plain', programMetadataText(program));
    });
  }
  return {
    name: METADATA_SHEET_NAME,
    state: 'veryHidden',
    columnWidths: METADATA_COLUMNS,
    rowHeights: Array.from({ length: g.rowCount }, () => 15),
    cells: g.sorted(),
    print: null,
  };
}
