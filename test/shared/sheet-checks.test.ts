import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../shared/domain/schema';
import { checkSheet, generalFund, sheetFigures, specificFundingTotal } from '../../shared/domain/sheet';
import { makeSheet } from '../helpers/sheet';

const summary = (problems: ReturnType<typeof checkSheet>) => problems.map((p) => [p.severity, p.path, p.field]);

describe('checkSheet', () => {
  it('a complete sheet has no problems', () => {
    expect(checkSheet(makeSheet({ items: [{ name: 'a', amount: 1000, description: '' }] }), 0)).toEqual([]);
  });

  it('特定財源 above 予算額 is an error on 一般財源, with both figures in the message', () => {
    const sheet = makeSheet({ amount: 8000, specificFunding: [{ source: '財産収入', revenueKan: 17, amount: 9000 }] });
    const problems = checkSheet(sheet, 3);
    expect(summary(problems)).toEqual([['error', 'sheets[3].specificFunding', '一般財源']]);
    expect(problems[0]!.message).toBe(
      '特定財源の合計（9,000）が予算額（8,000）を超えているため、一般財源が △ 1,000 になります。特定財源か予算額を直してください。',
    );
    expect(problems[0]!.sheetId).toBe(sheet.id);
  });

  it('一般財源 exactly 0 is fine (合併振興基金積立金)', () => {
    const sheet = makeSheet({ amount: 8000, specificFunding: [{ source: '財産収入', revenueKan: 17, amount: 8000 }] });
    expect(checkSheet(sheet, 0)).toEqual([]);
  });

  it('required fields: 事務事業名, 予算額, 局, 課, 款', () => {
    const sheet = makeSheet({
      name: ' ',
      amount: null,
      org: { bureau: '', department: '', section: '' },
      classification: { kan: { no: null, name: '' }, kou: { no: null, name: '' }, moku: { no: null, name: '' } },
    });
    expect(summary(checkSheet(sheet, 0))).toEqual([
      ['error', 'sheets[0].name', '事務事業名'],
      ['error', 'sheets[0].amount', '予算額'],
      ['error', 'sheets[0].org.bureau', '局'],
      ['error', 'sheets[0].org.section', '課'],
      ['error', 'sheets[0].classification.kan', '款'],
    ]);
  });

  it('部 may be empty (東京事務所 hangs directly under the 局)', () => {
    expect(checkSheet(makeSheet({ org: { bureau: '政策局', department: '', section: '東京事務所' } }), 0)).toEqual([]);
  });

  it('warns when every item states an amount and their sum differs, showing the difference', () => {
    const sheet = makeSheet({
      amount: 1000,
      items: [
        { name: 'a', amount: 600, description: '' },
        { name: 'b', amount: 300, description: '' },
      ],
    });
    const problems = checkSheet(sheet, 0);
    expect(summary(problems)).toEqual([['warning', 'sheets[0].items', '主な事業の計']]);
    expect(problems[0]!.message).toBe('主な事業の計（900）が予算額（1,000）と一致しません（差 △ 100）。');
  });

  it('前年度予算額 blank is a warning; 0 (a new program) is not', () => {
    expect(summary(checkSheet(makeSheet({ previousAmount: null }), 0))).toEqual([
      ['warning', 'sheets[0].previousAmount', '前年度予算額'],
    ]);
    expect(checkSheet(makeSheet({ previousAmount: 0 }), 0)).toEqual([]);
  });

  it('blank item amounts give 未配分 as info; stated items beyond 予算額 warn', () => {
    const items = [
      { name: 'a', amount: 700, description: '' },
      { name: 'b', amount: null, description: '' },
    ];
    expect(checkSheet(makeSheet({ amount: 1000, items }), 0).map((p) => [p.severity, p.message])).toEqual([
      ['info', '主な事業1件（2）の金額が未記入です。未配分 300'],
    ]);
    expect(checkSheet(makeSheet({ amount: 500, items }), 0).map((p) => p.severity)).toEqual(['warning']);
  });

  it('未配分 of exactly 0 (the stated items use up 予算額, one is blank) is information, not a warning', () => {
    const items = [
      { name: 'a', amount: 1000, description: '' },
      { name: 'b', amount: null, description: '' },
    ];
    expect(checkSheet(makeSheet({ amount: 1000, items }), 0).map((p) => [p.severity, p.message])).toEqual([
      ['info', '主な事業1件（2）の金額が未記入です。未配分 0'],
    ]);
  });

  it('an unnamed funding line with an amount is an error; a named one without amount warns', () => {
    const sheet = makeSheet({
      specificFunding: [
        { source: '', revenueKan: null, amount: 10 },
        { source: '県支出金', revenueKan: 16, amount: null },
      ],
    });
    expect(summary(checkSheet(sheet, 1))).toEqual([
      ['error', 'sheets[1].specificFunding[0].source', '特定財源'],
      ['warning', 'sheets[1].specificFunding[1].amount', '特定財源'],
    ]);
  });
});

describe('properties', () => {
  const amount = fc.integer({ min: 0, max: MAX_AMOUNT });
  it('一般財源 + Σ特定財源 = 予算額, exactly, for any funding', () => {
    fc.assert(
      fc.property(amount, fc.array(fc.option(amount, { nil: null }), { maxLength: 30 }), (total, lines) => {
        const sheet = makeSheet({
          amount: total,
          specificFunding: lines.map((a) => ({ source: '国庫支出金', revenueKan: 15, amount: a })),
        });
        const fund = generalFund(sheet);
        expect(fund).not.toBeNull();
        expect(fund! + specificFundingTotal(sheet)).toBe(total);
        expect(Number.isSafeInteger(fund)).toBe(true);
      }),
    );
  });

  it('未配分 + 主な事業の計 = 予算額 whenever an item amount is blank', () => {
    fc.assert(
      fc.property(amount, fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }), { minLength: 1 }), (total, amounts) => {
        fc.pre(amounts.includes(null));
        const sheet = makeSheet({ amount: total, items: amounts.map((a) => ({ name: 'x', amount: a, description: '' })) });
        const f = sheetFigures(sheet);
        expect(f.unallocated! + f.itemsTotal).toBe(total);
        expect(f.itemsDifference).toBeNull();
      }),
    );
  });
});
