import { describe, expect, it } from 'vitest';
import { parseRoute, policyHash, printBureauHash, printPolicyHash, printSheetHash, printTargetHash, sheetHash } from '../../shared/routes';

describe('routes (a public contract)', () => {
  it.each([
    ['#/sheet/5a1e0000-0000-4000-8000-000000000008', { kind: 'sheet', id: '5a1e0000-0000-4000-8000-000000000008' }],
    ['#/print/sheet/abc', { kind: 'print-sheet', id: 'abc' }],
    ['#/print/bureau/%E6%94%BF%E7%AD%96%E5%B1%80?year=2015', { kind: 'print-bureau', bureau: '政策局', fiscalYear: 2015 }],
    ['#/print/bureau/政策局?year=2015', { kind: 'print-bureau', bureau: '政策局', fiscalYear: 2015 }],
    ['#/print/bureau/政策局', { kind: 'print-bureau', bureau: '政策局', fiscalYear: null }],
    ['#/print/bureau/政策局?x=1&year=2026', { kind: 'print-bureau', bureau: '政策局', fiscalYear: 2026 }],
    ['#/policy/政策局?year=2015', { kind: 'policy', bureau: '政策局', fiscalYear: 2015 }],
    ['#/policy/%E6%94%BF%E7%AD%96%E5%B1%80', { kind: 'policy', bureau: '政策局', fiscalYear: null }],
    ['#/print/policy/政策局?year=2015', { kind: 'print-policy', bureau: '政策局', fiscalYear: 2015 }],
    ['#/policy/', { kind: 'home' }],
    ['', { kind: 'home' }],
    ['#/nothing', { kind: 'home' }],
    ['#/sheet/%E0%A4%A', { kind: 'home' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('builders and the parser agree', () => {
    expect(parseRoute(sheetHash('a/b'))).toEqual({ kind: 'sheet', id: 'a/b' });
    expect(parseRoute(printSheetHash('x'))).toEqual({ kind: 'print-sheet', id: 'x' });
    expect(parseRoute(printBureauHash('東京事務所', 2019))).toEqual({ kind: 'print-bureau', bureau: '東京事務所', fiscalYear: 2019 });
    expect(printTargetHash({ kind: 'bureau', bureau: '政策局', fiscalYear: 2015 })).toBe(printBureauHash('政策局', 2015));
    expect(parseRoute(policyHash('東京事務所', 2019))).toEqual({ kind: 'policy', bureau: '東京事務所', fiscalYear: 2019 });
    expect(parseRoute(printPolicyHash('政策局', 2015))).toEqual({ kind: 'print-policy', bureau: '政策局', fiscalYear: 2015 });
    expect(printTargetHash({ kind: 'policy', bureau: '政策局', fiscalYear: 2015 })).toBe(printPolicyHash('政策局', 2015));
    expect(printTargetHash({ kind: 'bureau', bureau: '政策局', fiscalYear: 2015, withPolicy: true })).toBe(`${printBureauHash('政策局', 2015)}&policy=1`);
    expect(parseRoute(`${printBureauHash('政策局', 2015)}&policy=1`)).toEqual({ kind: 'print-bureau', bureau: '政策局', fiscalYear: 2015 });
  });
});
