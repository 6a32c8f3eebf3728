// The few cell styles of the exported form, as plain data: fonts, borders, fills, number formats. One object per style.

/** The number format of every amount: `37,524`, negatives `△ 82` (DOMAIN.md). */
export const AMOUNT_FORMAT = '#,##0;"△ "#,##0';
/** The bracketed 一般財源 of the 区分別主要事業 tables: `(16,682)`, a number like any amount. */
export const FUND_FORMAT = '"("#,##0")";"(△ "#,##0")"';
/** コスト削減額: a reduction stored as a positive amount, printed `△ 3,591`. */
export const SAVING_FORMAT = '"△ "#,##0;#,##0;0';
/** 前年度比 in 一覧: `228.4%` (a number of percent, not a fraction, so 皆増/皆減 can share the column as text). */
export const RATIO_FORMAT = '0.0"%";"△ "0.0"%"';
/** Text cells keep what a reviewer types as text: `=1+1` typed into a 事業名 stays text in Excel too. */
export const TEXT_FORMAT = '@';

/**
 * A monospaced Japanese font: half-width characters are exactly half a full-width one, so the row heights computed
 * from text widths hold in Excel. LibreOffice substitutes a CJK font of its own (the heights leave room for that).
 */
export const FONT_NAME = 'ＭＳ ゴシック';

export const FONT_SIZE = {
  body: 10,
  small: 9,
  title: 12,
  heading: 14,
} as const;

/** Printed line height in points for a font size: generous enough for Noto Sans CJK (1.45 em) and ＭＳ ゴシック (1.0 em + leading). */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.45 * 4) / 4;
}

export type BorderWeight = 'thin' | 'medium' | 'hair';

export interface StyleSpec {
  font: { size: number; bold?: boolean };
  alignment: {
    horizontal: 'left' | 'center' | 'right';
    vertical: 'top' | 'middle';
    wrapText?: boolean;
    shrinkToFit?: boolean;
    indent?: number;
  };
  border?: { top?: BorderWeight; left?: BorderWeight; bottom?: BorderWeight; right?: BorderWeight };
  /** Solid fill colour, ARGB. */
  fill?: string;
  numFmt?: string;
}

const box = { top: 'thin', left: 'thin', bottom: 'thin', right: 'thin' } as const;
const LABEL_FILL = 'FFF2F2F2';

function numbered(unit: string): string {
  return `0"${unit}"`;
}

/** Every style the layouts use, by name. */
export const STYLES = {
  /** `(一般会計)`: the value is 一般会計, the brackets come from the format. */
  account: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'middle' }, numFmt: '"("@")"' },
  unit: { font: { size: FONT_SIZE.small }, alignment: { horizontal: 'right', vertical: 'middle' }, numFmt: TEXT_FORMAT },
  note: { font: { size: FONT_SIZE.small }, alignment: { horizontal: 'left', vertical: 'middle' }, numFmt: TEXT_FORMAT },
  heading: { font: { size: FONT_SIZE.heading, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' }, numFmt: TEXT_FORMAT },
  label: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: box,
    fill: LABEL_FILL,
    numFmt: TEXT_FORMAT,
  },
  labelLeft: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 },
    border: box,
    fill: LABEL_FILL,
    numFmt: TEXT_FORMAT,
  },
  /** 〈事業の目的・内容〉 and the other block headings inside the form. */
  blockLabel: {
    font: { size: FONT_SIZE.small, bold: true },
    alignment: { horizontal: 'left', vertical: 'middle' },
    border: { top: 'thin', left: 'thin', right: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  title: {
    font: { size: FONT_SIZE.title, bold: true },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: box,
    numFmt: TEXT_FORMAT,
  },
  text: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: box,
    numFmt: TEXT_FORMAT,
  },
  /** A piece of a long text inside a block: side borders only, so the pieces read as one box. */
  blockText: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 1 },
    border: { left: 'thin', right: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  blockTextLast: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 1 },
    border: { left: 'thin', right: 'thin', bottom: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  /** 主な事業の名称: no bottom border, its description follows in the same box. */
  itemName: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: { top: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  itemNo: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
    border: { top: 'thin', left: 'thin' },
    numFmt: '0',
  },
  itemAmount: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: { top: 'thin', right: 'thin' },
    numFmt: AMOUNT_FORMAT,
  },
  itemText: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 1 },
    border: { left: 'thin', right: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  itemTextLast: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 1 },
    border: { left: 'thin', right: 'thin', bottom: 'thin' },
    numFmt: TEXT_FORMAT,
  },
  amount: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: box,
    numFmt: AMOUNT_FORMAT,
  },
  amountBold: {
    font: { size: FONT_SIZE.title, bold: true },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: box,
    numFmt: AMOUNT_FORMAT,
  },
  ratio: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: box,
    numFmt: RATIO_FORMAT,
  },
  kanNo: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true }, border: box, numFmt: numbered('款') },
  kouNo: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true }, border: box, numFmt: numbered('項') },
  mokuNo: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true }, border: box, numFmt: numbered('目') },
  page: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'middle', shrinkToFit: true }, border: box, numFmt: '0' },
  number: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'center', vertical: 'middle' }, border: box, numFmt: '0' },
  /** An empty box that pads the shorter side of the form. */
  blank: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'middle' }, border: { left: 'thin', right: 'thin' } },
  blankLast: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'middle' }, border: { left: 'thin', right: 'thin', bottom: 'thin' } },
  totalLabel: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
    border: { top: 'medium', left: 'thin', bottom: 'thin', right: 'thin' },
    fill: LABEL_FILL,
    numFmt: TEXT_FORMAT,
  },
  totalAmount: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: { top: 'medium', left: 'thin', bottom: 'thin', right: 'thin' },
    numFmt: AMOUNT_FORMAT,
  },
  totalRatio: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: { top: 'medium', left: 'thin', bottom: 'thin', right: 'thin' },
    numFmt: RATIO_FORMAT,
  },
  /** 局運営方針: part headings (`1. 主な現状と課題`), numbered headings and prose. */
  part: { font: { size: FONT_SIZE.title, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' }, numFmt: TEXT_FORMAT },
  headingNo: { font: { size: FONT_SIZE.body, bold: true }, alignment: { horizontal: 'left', vertical: 'top' }, numFmt: TEXT_FORMAT },
  headingText: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    numFmt: TEXT_FORMAT,
  },
  prose: {
    font: { size: FONT_SIZE.body },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 1 },
    numFmt: TEXT_FORMAT,
  },
  /** A cell of the 区分別主要事業 table or the 見直し事業一覧. */
  cellText: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    border: box,
    numFmt: TEXT_FORMAT,
  },
  cellCenter: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: box,
    numFmt: TEXT_FORMAT,
  },
  cellNumber: { font: { size: FONT_SIZE.small }, alignment: { horizontal: 'center', vertical: 'top' }, border: box, numFmt: '0' },
  cellAmount: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'right', vertical: 'top', shrinkToFit: true },
    border: box,
    numFmt: AMOUNT_FORMAT,
  },
  cellFund: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'right', vertical: 'top', shrinkToFit: true },
    border: box,
    numFmt: FUND_FORMAT,
  },
  saving: {
    font: { size: FONT_SIZE.small },
    alignment: { horizontal: 'right', vertical: 'top', shrinkToFit: true },
    border: box,
    numFmt: SAVING_FORMAT,
  },
  totalSaving: {
    font: { size: FONT_SIZE.body, bold: true },
    alignment: { horizontal: 'right', vertical: 'middle', shrinkToFit: true },
    border: { top: 'medium', left: 'thin', bottom: 'thin', right: 'thin' },
    numFmt: SAVING_FORMAT,
  },
  /** The hidden metadata worksheet: plain cells. */
  plain: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'top' }, numFmt: TEXT_FORMAT },
  plainNumber: { font: { size: FONT_SIZE.body }, alignment: { horizontal: 'left', vertical: 'top' }, numFmt: '0' },
} as const satisfies Record<string, StyleSpec>;

export type StyleName = keyof typeof STYLES;
