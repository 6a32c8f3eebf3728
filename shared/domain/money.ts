// Amounts in 千円: parsing what staff type and formatting as the printed form shows (37,524 / △ 82).
import { MAX_AMOUNT } from './schema';

export type ParseAmountResult =
  | { ok: true; value: number | null }
  | { ok: false; message: string };

export interface ParseAmountOptions {
  /** The field's name as the form prints it, used in messages (e.g. 予算額). */
  label: string;
  /** Whether a leading △ ▲ - − marks a negative amount. Budget amounts are unsigned. */
  signed?: boolean;
}

/** Signs staff use for negatives: △ (the form's), ▲, ASCII/full-width minus, Greek Δ (seen in the seed's own text). */
const NEGATIVE_SIGNS = new Set(['△', '▲', '-', '−', '－', 'Δ', '▵']);

/**
 * Parses a typed amount in 千円. Accepts half- and full-width digits, `,` `，` as thousands separators,
 * spaces, and for signed fields a leading △ ▲ - −. Blank means "not entered" (null), which is not 0.
 */
export function parseAmount(text: string, options: ParseAmountOptions): ParseAmountResult {
  const { label } = options;
  // NFKC turns full-width digits, commas and spaces into ASCII; the minus signs are handled explicitly.
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return { ok: true, value: null };
  let negative = false;
  const first = s[0] ?? '';
  if (NEGATIVE_SIGNS.has(first)) {
    negative = true;
    s = s.slice(1);
  } else if (first === '+') {
    s = s.slice(1);
  }
  if (negative && !options.signed) {
    return { ok: false, message: `${label}に負の数は入力できません。0以上の金額を入力してください。` };
  }
  if (/^[0-9,]*\.[0-9]*$/.test(s) && s !== '.') {
    return { ok: false, message: `${label}は千円単位の整数で入力してください（小数点は使えません）。` };
  }
  if (!/^[0-9][0-9,]*$/.test(s)) {
    return { ok: false, message: `${label}に数字以外の文字が含まれています（例: 1,234）。` };
  }
  // Commas only separate digits; where they stand does not matter (editing "37,524" into "37,5247" means 375,247).
  if (!/^[0-9]+(,[0-9]+)*$/.test(s)) {
    return { ok: false, message: `${label}の桁区切り（,）の位置が正しくありません（例: 1,234,567）。` };
  }
  const digits = s.replace(/,/g, '').replace(/^0+(?=[0-9])/, '');
  if (digits.length > 13) return tooLarge(label);
  const magnitude = Number(digits);
  if (magnitude > MAX_AMOUNT) return tooLarge(label);
  return { ok: true, value: negative && magnitude !== 0 ? -magnitude : magnitude };
}

function tooLarge(label: string): ParseAmountResult {
  return { ok: false, message: `${label}が大きすぎます。${formatAmount(MAX_AMOUNT)}千円以下で入力してください。` };
}

/**
 * A whole number's digits in groups of three: `2732796` → `2,732,796`. By hand, not Intl: the first Intl formatter of
 * a page costs 7–15 ms to set up, paid at start-up by the first amount shown.
 */
export function groupDigits(whole: number): string {
  const digits = String(Math.round(Math.abs(whole)));
  if (!/^\d+$/.test(digits)) return digits;
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** Formats an amount in 千円 as the form prints it: `37,524`, negatives `△ 82`, null (not entered) as ''. */
export function formatAmount(value: number | null): string {
  if (value === null) return '';
  const grouped = groupDigits(value);
  return value < 0 && grouped !== '0' ? `△ ${grouped}` : grouped;
}

/** Sums amounts exactly, ignoring not-entered (null) values. */
export function sumAmounts(values: Iterable<number | null>): number {
  let total = 0;
  for (const v of values) if (v !== null) total += v;
  return total;
}
