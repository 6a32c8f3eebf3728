// 和暦 fiscal-year labels (平成27年度, 令和元年度) and parsing of what staff type (H27, R8, 2015, full-width).

/** Fiscal years we handle: 平成元年度 (1989) to 2200. */
export const MIN_FISCAL_YEAR = 1989;
export const MAX_FISCAL_YEAR = 2200;

interface Era {
  name: string;
  letter: string;
  /** Western year of the era's year 1. */
  start: number;
  /** Last era year accepted on input (平成31年度 = FY2019 was in use; later 平成 years appear in old plans). */
  maxInputYear: number;
}

const HEISEI: Era = { name: '平成', letter: 'H', start: 1989, maxInputYear: 99 };
const REIWA: Era = { name: '令和', letter: 'R', start: 2019, maxInputYear: MAX_FISCAL_YEAR - 2018 };
const ERAS = [HEISEI, REIWA] as const;

/** The era a fiscal year is labelled in: 1989–2018 平成, 2019 onward 令和. */
function eraOf(fiscalYear: number): Era {
  return fiscalYear >= REIWA.start ? REIWA : HEISEI;
}

function assertFiscalYear(fiscalYear: number): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) {
    throw new RangeError(`fiscal year out of range: ${fiscalYear}`);
  }
}

/** Era year number as printed: 1 prints as 元. */
function eraYearText(n: number): string {
  return n === 1 ? '元' : String(n);
}

/** `平成27年度` for 2015, `令和元年度` for 2019. */
export function fiscalYearLabel(fiscalYear: number): string {
  assertFiscalYear(fiscalYear);
  const era = eraOf(fiscalYear);
  return `${era.name}${eraYearText(fiscalYear - era.start + 1)}年度`;
}

/** The short column heading of the 区分別主要事業 tables: `27年度`, `元年度`. */
export function shortFiscalYearLabel(fiscalYear: number): string {
  assertFiscalYear(fiscalYear);
  const era = eraOf(fiscalYear);
  return `${eraYearText(fiscalYear - era.start + 1)}年度`;
}

export type ParseFiscalYearResult = { ok: true; value: number } | { ok: false; message: string };

const INVALID_MESSAGE = '年度が読み取れません。「平成27年度」「R8」「2015」のように入力してください。';

/** Parses `平成27年度`, `平成27`, `H27`, `R8`, `令和元年度`, `2015`, `2015年度`, full-width too. */
export function parseFiscalYear(text: string): ParseFiscalYearResult {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/年度$|年$/, '');
  const western = /^([0-9]{4})$/.exec(s);
  if (western) return inRange(Number(western[1]));
  const match = /^(平成|令和|[HhRr])(元|[0-9]{1,3})$/.exec(s);
  if (!match) return { ok: false, message: INVALID_MESSAGE };
  const eraText = match[1] ?? '';
  const era = ERAS.find((e) => e.name === eraText || e.letter === eraText.toUpperCase());
  if (!era) return { ok: false, message: INVALID_MESSAGE };
  const n = match[2] === '元' ? 1 : Number(match[2]);
  if (n < 1 || n > era.maxInputYear) {
    return { ok: false, message: `${era.name}${n}年度は扱えません。年度を確かめてください。` };
  }
  return inRange(era.start + n - 1);
}

function inRange(fiscalYear: number): ParseFiscalYearResult {
  if (fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) {
    return {
      ok: false,
      message: `年度は${fiscalYearLabel(MIN_FISCAL_YEAR)}（${MIN_FISCAL_YEAR}）から${MAX_FISCAL_YEAR}年度までで入力してください。`,
    };
  }
  return { ok: true, value: fiscalYear };
}
