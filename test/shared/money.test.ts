import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from '../../shared/domain/money';
import { MAX_AMOUNT } from '../../shared/domain/schema';

const parseSigned = (text: string) => parseAmount(text, { label: '増減', signed: true });
const parseBudget = (text: string) => parseAmount(text, { label: '予算額' });

describe('formatAmount', () => {
  it.each([
    [37524, '37,524'],
    [-82, '△ 82'],
    [0, '0'],
    [2732796, '2,732,796'],
    [-143791, '△ 143,791'],
    [MAX_AMOUNT, '1,000,000,000,000'],
    [null, ''],
  ])('%s → %s', (value, text) => {
    expect(formatAmount(value)).toBe(text);
  });

  it('groups digits exactly as the Intl formatter it replaced, up to bureau totals beyond 2^53', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 20_000 }).map((n) => n * MAX_AMOUNT)), (x) => {
        const grouped = intl.format(Math.abs(x));
        expect(formatAmount(x)).toBe(x < 0 ? `△ ${grouped}` : grouped);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseAmount accepts what staff type', () => {
  it.each([
    ['２，８００，０００', 2800000],
    ['2,800,000', 2800000],
    ['2800000', 2800000],
    [' 37 524 ', 37524],
    ['１２３４５', 12345],
    ['０', 0],
    ['007', 7],
    // Editing a formatted figure in place: a digit typed after "37,524" or into its middle
    ['37,5247', 375247],
    ['3,7524', 37524],
  ])('予算額 %s → %d', (text, value) => {
    expect(parseBudget(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['△ 82', -82],
    ['△82', -82],
    ['▲ 1,234', -1234],
    ['-82', -82],
    ['−82', -82],
    ['－８２', -82],
    ['Δ 34,432', -34432],
    ['△ 0', 0],
  ])('signed %s → %d', (text, value) => {
    expect(parseSigned(text)).toEqual({ ok: true, value });
  });

  it('blank is "not entered" (null), not 0', () => {
    expect(parseBudget('')).toEqual({ ok: true, value: null });
    expect(parseBudget('　 ')).toEqual({ ok: true, value: null });
  });
});

describe('parseAmount rejects with a Japanese message naming the field', () => {
  it.each([
    ['12a', '予算額に数字以外の文字が含まれています（例: 1,234）。'],
    ['1,,234', '予算額の桁区切り（,）の位置が正しくありません（例: 1,234,567）。'],
    ['1,234,', '予算額の桁区切り（,）の位置が正しくありません（例: 1,234,567）。'],
    ['1.5', '予算額は千円単位の整数で入力してください（小数点は使えません）。'],
    ['△ 82', '予算額に負の数は入力できません。0以上の金額を入力してください。'],
    ['千円', '予算額に数字以外の文字が含まれています（例: 1,234）。'],
    ['△', '予算額に負の数は入力できません。0以上の金額を入力してください。'],
  ])('%s', (text, message) => {
    expect(parseBudget(text)).toEqual({ ok: false, message });
  });

  it('refuses amounts beyond 1兆千円 instead of losing precision', () => {
    const result = parseBudget('10,000,000,000,000');
    expect(result.ok).toBe(false);
    expect(parseSigned('99999999999999999999').ok).toBe(false);
  });
});

describe('properties', () => {
  it('parse(format(x)) = x over the whole amount range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), (x) => {
        expect(parseSigned(formatAmount(x))).toEqual({ ok: true, value: x === 0 ? 0 : x });
      }),
      { numRuns: 2000 },
    );
  });

  it('full-width input parses like half-width input', () => {
    const toFullWidth = (s: string) =>
      s.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), (x) => {
        expect(parseBudget(toFullWidth(formatAmount(x)))).toEqual({ ok: true, value: x });
      }),
    );
  });
});

