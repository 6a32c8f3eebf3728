import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYearLabel, parseFiscalYear, shortFiscalYearLabel } from '../../shared/domain/wareki';

describe('fiscalYearLabel', () => {
  it.each([
    [1989, '平成元年度'],
    [1990, '平成2年度'],
    [2014, '平成26年度'],
    [2015, '平成27年度'],
    [2018, '平成30年度'],
    [2019, '令和元年度'],
    [2020, '令和2年度'],
    [2026, '令和8年度'],
    [2200, '令和182年度'],
  ])('%d → %s', (year, label) => {
    expect(fiscalYearLabel(year)).toBe(label);
  });

  it('short column headings of the key-program tables', () => {
    expect(shortFiscalYearLabel(2015)).toBe('27年度');
    expect(shortFiscalYearLabel(2014)).toBe('26年度');
    expect(shortFiscalYearLabel(2019)).toBe('元年度');
  });

  it('前年度 of 令和2年度 is 令和元年度, of 平成27年度 is 平成26年度', () => {
    expect(fiscalYearLabel(2020 - 1)).toBe('令和元年度');
    expect(fiscalYearLabel(2015 - 1)).toBe('平成26年度');
  });

  it('refuses years outside 1989–2200', () => {
    expect(() => fiscalYearLabel(1988)).toThrow(RangeError);
    expect(() => fiscalYearLabel(2201)).toThrow(RangeError);
  });
});

describe('parseFiscalYear', () => {
  it.each([
    ['平成27年度', 2015],
    ['平成27', 2015],
    ['H27', 2015],
    ['h27', 2015],
    ['Ｈ２７', 2015],
    ['R8', 2026],
    ['Ｒ８', 2026],
    ['令和元年度', 2019],
    ['平成元年度', 1989],
    ['令和２年度', 2020],
    ['2015', 2015],
    ['２０１５年度', 2015],
    [' 平成 27 年度 ', 2015],
    ['平成31年度', 2019],
  ])('%s → %d', (text, year) => {
    expect(parseFiscalYear(text)).toEqual({ ok: true, value: year });
  });

  it.each(['', '昭和60年度', 'X27', '平成', 'R0', '1988', '2201', '27年度'])('rejects %s with a message', (text) => {
    const result = parseFiscalYear(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/年度/);
  });

  it('label ↔ year round trip for 1989–2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1989, max: 2200 }), (year) => {
        expect(parseFiscalYear(fiscalYearLabel(year))).toEqual({ ok: true, value: year });
      }),
      { numRuns: 500 },
    );
    for (let year = 1989; year <= 2200; year++) {
      expect(parseFiscalYear(fiscalYearLabel(year))).toEqual({ ok: true, value: year });
    }
  });
});
