// Bureau totals: 予算額, 前年度予算額, 増減 and 一般財源 by 課, by 款/項/目, by 局 (全局) and in all, recomputed from sheets.
import { yearOverYear, type YearOverYear } from './ratio';
import type { Classification, Sheet } from './schema';
import { generalFund } from './sheet';

export interface FigureTotals {
  /** Σ 予算額 of the sheets that have one, in 千円. */
  amount: number;
  previousAmount: number;
  /** Σ 予算額 − Σ 前年度予算額. */
  change: number;
  generalFund: number;
  yearOverYear: YearOverYear;
  sheetCount: number;
  /** Sheets whose 予算額 is not entered yet (left out of the sums). */
  missingAmount: number;
}

export function totalsOf(sheets: readonly Sheet[]): FigureTotals {
  let amount = 0;
  let previousAmount = 0;
  let fund = 0;
  let missingAmount = 0;
  for (const sheet of sheets) {
    if (sheet.amount === null) missingAmount += 1;
    else amount += sheet.amount;
    if (sheet.previousAmount !== null) previousAmount += sheet.previousAmount;
    fund += generalFund(sheet) ?? 0;
  }
  return {
    amount,
    previousAmount,
    change: amount - previousAmount,
    generalFund: fund,
    yearOverYear: yearOverYear(amount, previousAmount),
    sheetCount: sheets.length,
    missingAmount,
  };
}

export interface GroupTotals {
  key: string;
  label: string;
  totals: FigureTotals;
}

/** Groups in order of first appearance, each with its totals. */
function groupTotals(sheets: readonly Sheet[], keyOf: (s: Sheet) => { key: string; label: string }): GroupTotals[] {
  const groups = new Map<string, { label: string; sheets: Sheet[] }>();
  for (const sheet of sheets) {
    const { key, label } = keyOf(sheet);
    const group = groups.get(key);
    if (group) group.sheets.push(sheet);
    else groups.set(key, { label, sheets: [sheet] });
  }
  return [...groups].map(([key, g]) => ({ key, label: g.label, totals: totalsOf(g.sheets) }));
}

/** Totals by 課 (org.section), in the order the sheets first name them. */
export function totalsBySection(sheets: readonly Sheet[]): GroupTotals[] {
  return groupTotals(sheets, (s) => ({ key: s.org.section, label: s.org.section || '（課なし）' }));
}

/**
 * The 財政課's city-wide view: totals by 局 (org.bureau), in the order the sheets first name them. Pass the sheets of
 * one 年度; the grand total is totalsOf of the same sheets.
 */
export function totalsByBureau(sheets: readonly Sheet[]): GroupTotals[] {
  return groupTotals(sheets, (s) => ({ key: s.org.bureau, label: s.org.bureau || '（局なし）' }));
}

/** `2款 総務費/2項 企画費/1目 企画総務費`. */
export function classificationLabel(c: Classification): string {
  const part = (n: { no: number | null; name: string }, unit: string) =>
    `${n.no === null ? '' : `${n.no}${unit} `}${n.name}`.trim();
  return [part(c.kan, '款'), part(c.kou, '項'), part(c.moku, '目')].join('/');
}

/** Totals by 款/項/目, sorted by their numbers. */
export function totalsByClassification(sheets: readonly Sheet[]): GroupTotals[] {
  const groups = groupTotals(sheets, (s) => {
    const c = s.classification;
    return {
      key: [c.kan, c.kou, c.moku].map((n) => `${n.no ?? ''}:${n.name}`).join('/'),
      label: classificationLabel(c),
    };
  });
  const rank = (key: string) => key.split('/').map((p) => Number(p.split(':')[0] || Infinity));
  return groups.sort((a, b) => {
    const ra = rank(a.key);
    const rb = rank(b.key);
    for (let i = 0; i < 3; i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}
