// Figures computed from a 事務事業 sheet (増減, 一般財源, 主な事業の計, 未配分) and its checks. Never stored.
import { formatAmount, sumAmounts } from './money';
import type { Problem } from './problem';
import { formatYearOverYear, yearOverYear, type YearOverYear } from './ratio';
import type { Sheet } from './schema';

/** 増減 = 予算額 − 前年度予算額, in 千円; null when either is not entered. */
export function sheetChange(sheet: Pick<Sheet, 'amount' | 'previousAmount'>): number | null {
  if (sheet.amount === null || sheet.previousAmount === null) return null;
  return sheet.amount - sheet.previousAmount;
}

/** 前年度比 of the sheet (皆増 / 皆減 / — at the edges). */
export function sheetYearOverYear(sheet: Pick<Sheet, 'amount' | 'previousAmount'>): YearOverYear {
  return yearOverYear(sheet.amount, sheet.previousAmount);
}

/** Σ 特定財源 in 千円 (lines without an amount count as 0). */
export function specificFundingTotal(sheet: Pick<Sheet, 'specificFunding'>): number {
  return sumAmounts(sheet.specificFunding.map((line) => line.amount));
}

/** 一般財源 = 予算額 − Σ 特定財源, in 千円; null while 予算額 is not entered. Negative means over-funded. */
export function generalFund(sheet: Pick<Sheet, 'amount' | 'specificFunding'>): number | null {
  if (sheet.amount === null) return null;
  return sheet.amount - specificFundingTotal(sheet);
}

/** 主な事業の計: Σ of the stated item amounts (blank amounts are not stated, not zero). */
export function itemsTotal(sheet: Pick<Sheet, 'items'>): number {
  return sumAmounts(sheet.items.map((item) => item.amount));
}

/** Positions (0-based) of the 主な事業 whose amount is not stated. */
export function itemsWithoutAmount(sheet: Pick<Sheet, 'items'>): number[] {
  const out: number[] = [];
  sheet.items.forEach((item, i) => {
    if (item.amount === null) out.push(i);
  });
  return out;
}

/**
 * 未配分 = 予算額 − 主な事業の計, only when some item amounts are blank (the rest of the budget is theirs).
 * null when every item states its amount, when there are no items, or while 予算額 is not entered.
 */
export function unallocated(sheet: Pick<Sheet, 'amount' | 'items'>): number | null {
  if (sheet.amount === null || itemsWithoutAmount(sheet).length === 0) return null;
  return sheet.amount - itemsTotal(sheet);
}

/** Every computed figure of a sheet, as the editor and the export show them. */
export interface SheetFigures {
  change: number | null;
  yearOverYear: YearOverYear;
  specificFundingTotal: number;
  generalFund: number | null;
  itemsTotal: number;
  unallocated: number | null;
  /** 主な事業の計 − 予算額 when every item states an amount, else null. */
  itemsDifference: number | null;
}

export function sheetFigures(sheet: Sheet): SheetFigures {
  const blank = itemsWithoutAmount(sheet).length;
  const total = itemsTotal(sheet);
  return {
    change: sheetChange(sheet),
    yearOverYear: sheetYearOverYear(sheet),
    specificFundingTotal: specificFundingTotal(sheet),
    generalFund: generalFund(sheet),
    itemsTotal: total,
    unallocated: unallocated(sheet),
    itemsDifference: sheet.amount !== null && sheet.items.length > 0 && blank === 0 ? total - sheet.amount : null,
  };
}

/** `228.4%` etc. for a sheet. */
export function formatSheetYearOverYear(sheet: Sheet): string {
  return formatYearOverYear(sheetYearOverYear(sheet));
}

/**
 * Checks of DOMAIN.md for one sheet. `index` is its position in the file, for paths like `sheets[3].amount`.
 * error: 一般財源 below 0; 事務事業名, 予算額, 局/課, 款 empty. warning: items' sum differs from 予算額;
 * 前年度予算額 blank (a new program enters 0). info: some item amounts blank (未配分).
 */
export function checkSheet(sheet: Sheet, index: number): Problem[] {
  const problems: Problem[] = [];
  const base = `sheets[${index}]`;
  const add = (severity: Problem['severity'], path: string, field: string, message: string) =>
    problems.push({ severity, path: `${base}.${path}`, field, message, sheetId: sheet.id });

  if (sheet.name.trim() === '') add('error', 'name', '事務事業名', '事務事業名が入力されていません。');
  if (sheet.amount === null) add('error', 'amount', '予算額', '予算額が入力されていません。');
  if (sheet.org.bureau.trim() === '') add('error', 'org.bureau', '局', '局が入力されていません。');
  if (sheet.org.section.trim() === '') add('error', 'org.section', '課', '課が入力されていません。');
  if (sheet.classification.kan.no === null || sheet.classification.kan.name.trim() === '') {
    add('error', 'classification.kan', '款', '款が入力されていません。一覧から選ぶか、番号と名称を入力してください。');
  }

  sheet.specificFunding.forEach((line, i) => {
    if (line.source.trim() === '' && line.amount !== null) {
      add('error', `specificFunding[${i}].source`, '特定財源', `特定財源${i + 1}行目の財源の名称が入力されていません。`);
    }
    if (line.amount === null && line.source.trim() !== '') {
      add('warning', `specificFunding[${i}].amount`, '特定財源', `特定財源「${line.source}」の金額が入力されていません。`);
    }
  });

  const fund = generalFund(sheet);
  if (fund !== null && fund < 0) {
    add(
      'error',
      'specificFunding',
      '一般財源',
      `特定財源の合計（${formatAmount(specificFundingTotal(sheet))}）が予算額（${formatAmount(sheet.amount)}）を超えているため、一般財源が ${formatAmount(fund)} になります。特定財源か予算額を直してください。`,
    );
  }

  if (sheet.previousAmount === null) {
    add('warning', 'previousAmount', '前年度予算額', '前年度予算額が入力されていません。新規事業の場合は 0 を入力してください。');
  }

  sheet.items.forEach((item, i) => {
    if (item.name.trim() === '' && (item.amount !== null || item.description.trim() !== '')) {
      add('warning', `items[${i}].name`, '主な事業', `主な事業${i + 1}の名称が入力されていません。`);
    }
  });

  const figures = sheetFigures(sheet);
  if (figures.itemsDifference !== null && figures.itemsDifference !== 0) {
    const d = figures.itemsDifference;
    add(
      'warning',
      'items',
      '主な事業の計',
      `主な事業の計（${formatAmount(figures.itemsTotal)}）が予算額（${formatAmount(sheet.amount)}）と一致しません（差 ${formatAmount(d)}）。`,
    );
  }
  if (figures.unallocated !== null) {
    const blank = itemsWithoutAmount(sheet).map((i) => i + 1);
    add(
      figures.unallocated < 0 ? 'warning' : 'info',
      'items',
      '未配分',
      figures.unallocated < 0
        ? `金額のある主な事業の計（${formatAmount(figures.itemsTotal)}）が予算額（${formatAmount(sheet.amount)}）を超えています（未配分 ${formatAmount(figures.unallocated)}）。`
        : `主な事業${blank.length}件（${blank.join('、')}）の金額が未記入です。未配分 ${formatAmount(figures.unallocated)}`,
    );
  }
  return problems;
}

/** A blank sheet as 新規 creates it: amounts not entered, 一般会計, the bureau's 款/項/目 left to pick. */
export function createEmptySheet(init: { id: string; fiscalYear: number; bureau: string; now: Date }): Sheet {
  return {
    id: init.id,
    fiscalYear: init.fiscalYear,
    account: '一般会計',
    name: '',
    org: { bureau: init.bureau, department: '', section: '' },
    classification: {
      kan: { no: null, name: '' },
      kou: { no: null, name: '' },
      moku: { no: null, name: '' },
    },
    budgetBookPage: null,
    amount: null,
    previousAmount: null,
    specificFunding: [],
    purpose: '',
    notes: '',
    items: [],
    reference: '',
    status: 'draft',
    updatedAt: init.now.toISOString(),
    carriedFrom: null,
  };
}
