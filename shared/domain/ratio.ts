// 前年度比: 予算額 ÷ 前年度予算額 × 100, rounded half up to 0.1 %, in exact integer arithmetic.
import { groupDigits } from './money';

export type YearOverYear =
  | { kind: 'ratio'; /** Tenths of a percent: 2284 means 228.4 %. */ tenthsOfPercent: number }
  | { kind: 'new' } // 皆増: nothing last year
  | { kind: 'abolished' } // 皆減: nothing this year
  | { kind: 'none' }; // both zero, or a figure not entered

/**
 * 前年度比 of two amounts in 千円. BigInt keeps it exact for bureau totals beyond 2^53 / 1000.
 * 前年度 0 and 予算額 > 0 → 皆増; 予算額 0 and 前年度 > 0 → 皆減; both 0 or either null → none.
 */
export function yearOverYear(amount: number | null, previousAmount: number | null): YearOverYear {
  if (amount === null || previousAmount === null) return { kind: 'none' };
  if (previousAmount === 0) return amount === 0 ? { kind: 'none' } : { kind: 'new' };
  if (amount === 0) return { kind: 'abolished' };
  const a = BigInt(amount);
  const p = BigInt(previousAmount);
  // round half away from zero of a*1000/p: floor((2*a*1000 + p) / (2p)) for positive operands.
  const negative = (a < 0n) !== (p < 0n);
  const absA = a < 0n ? -a : a;
  const absP = p < 0n ? -p : p;
  const rounded = (2n * absA * 1000n + absP) / (2n * absP);
  return { kind: 'ratio', tenthsOfPercent: Number(negative ? -rounded : rounded) };
}

/** `228.4%`, `皆増`, `皆減`, `—`. */
export function formatYearOverYear(ratio: YearOverYear): string {
  switch (ratio.kind) {
    case 'new':
      return '皆増';
    case 'abolished':
      return '皆減';
    case 'none':
      return '—';
    case 'ratio': {
      const t = Math.abs(ratio.tenthsOfPercent);
      const sign = ratio.tenthsOfPercent < 0 ? '△ ' : '';
      return `${sign}${groupDigits(Math.floor(t / 10))}.${t % 10}%`;
    }
  }
}
