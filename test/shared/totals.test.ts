import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../shared/domain/money';
import { formatYearOverYear } from '../../shared/domain/ratio';
import { classificationLabel, totalsByBureau, totalsByClassification, totalsBySection, totalsOf } from '../../shared/domain/totals';
import { loadSample } from '../helpers/sample';
import { makeSheet } from '../helpers/sheet';

const show = (t: ReturnType<typeof totalsOf>) => ({
  予算額: formatAmount(t.amount),
  前年度予算額: formatAmount(t.previousAmount),
  増減: formatAmount(t.change),
  一般財源: formatAmount(t.generalFund),
  前年度比: formatYearOverYear(t.yearOverYear),
  件数: t.sheetCount,
});

describe('bureau totals of the sample (政策局 平成27年度)', () => {
  it('grand total', () => {
    // 予算額 37,524 + 259 + 8,000 + 506,954 + 16,682 + 74,081 + 12,449 + 2,732,796 + 873,169 + 10,298;
    // 前年度 16,432 + 341 + 8,000 + 505,949 + 16,081 + 108,513 + 23,525 + 3,046,782 + 799,860 + 10,019
    expect(show(totalsOf(loadSample().sheets))).toEqual({
      予算額: '4,272,212',
      前年度予算額: '4,535,502',
      増減: '△ 263,290',
      一般財源: '4,207,182',
      前年度比: '94.2%',
      件数: 10,
    });
  });

  it('by 課, in the order the sheets first name them', () => {
    const rows = totalsBySection(loadSample().sheets).map((g) => [g.label, formatAmount(g.totals.amount), g.totals.sheetCount]);
    expect(rows).toEqual([
      ['企画調整課', '569,419', 5],
      ['ICT政策課', '74,081', 1],
      ['ICT政策課番号制度整備室', '12,449', 1],
      ['情報システム課', '2,732,796', 1],
      ['情報システム課情報システム運用管理室', '873,169', 1],
      ['東京事務所', '10,298', 1],
    ]);
  });

  it('by 款/項/目', () => {
    const groups = totalsByClassification(loadSample().sheets);
    expect(groups.map((g) => [g.label, formatAmount(g.totals.amount)])).toEqual([
      ['2款 総務費/2項 企画費/1目 企画総務費', '4,272,212'],
    ]);
  });
});

describe('totals', () => {
  it('leave sheets without 予算額 out of the sum and count them', () => {
    const t = totalsOf([makeSheet({ amount: 100, previousAmount: 50 }), makeSheet({ amount: null, previousAmount: 70 })]);
    expect([t.amount, t.previousAmount, t.change, t.missingAmount]).toEqual([100, 120, -20, 1]);
  });

  it('sort 款/項/目 by number', () => {
    const c = (kan: number, kou: number, moku: number) => ({
      kan: { no: kan, name: `款${kan}` },
      kou: { no: kou, name: `項${kou}` },
      moku: { no: moku, name: `目${moku}` },
    });
    const groups = totalsByClassification([
      makeSheet({ classification: c(10, 1, 1) }),
      makeSheet({ classification: c(2, 2, 1) }),
      makeSheet({ classification: c(2, 1, 3) }),
    ]);
    expect(groups.map((g) => g.label)).toEqual([
      '2款 款2/1項 項1/3目 目3',
      '2款 款2/2項 項2/1目 目1',
      '10款 款10/1項 項1/1目 目1',
    ]);
    expect(classificationLabel(c(2, 2, 1))).toBe('2款 款2/2項 項2/1目 目1');
  });

  it('stay exact far beyond 2^53 / 1000 (1,500 sheets of 1兆千円)', () => {
    const sheets = Array.from({ length: 1500 }, () => makeSheet({ amount: 1e12, previousAmount: 1e12 - 1 }));
    const t = totalsOf(sheets);
    expect(t.amount).toBe(1.5e15);
    expect(t.change).toBe(1500);
    expect(formatYearOverYear(t.yearOverYear)).toBe('100.0%');
  });
});

describe('全局: totals by 局 for the 財政課', () => {
  it('each 局 of the year has its 予算額, 前年度予算額, 増減 and 一般財源; the grand total is their sum', () => {
    const seisaku = loadSample().sheets; // 政策局: 4,272,212 / 4,535,502 / △ 263,290 / 一般財源 4,207,182
    const somu = (amount: number, previousAmount: number, special: number) =>
      makeSheet({
        org: { bureau: '総務局', department: '総務部', section: '総務課' },
        amount,
        previousAmount,
        specificFunding: [{ source: '諸収入', revenueKan: 21, amount: special }],
      });
    const kodomo = makeSheet({ org: { bureau: '子ども未来局', department: '', section: '子育て支援課' }, amount: 5_000, previousAmount: 0 });
    const sheets = [somu(120_000, 100_000, 20_000), ...seisaku, kodomo, somu(30_000, 50_000, 0)];
    const byBureau = totalsByBureau(sheets);
    expect(byBureau.map((g) => ({ 局: g.label, ...show(g.totals) }))).toEqual([
      { 局: '総務局', 予算額: '150,000', 前年度予算額: '150,000', 増減: '0', 一般財源: '130,000', 前年度比: '100.0%', 件数: 2 },
      { 局: '政策局', 予算額: '4,272,212', 前年度予算額: '4,535,502', 増減: '△ 263,290', 一般財源: '4,207,182', 前年度比: '94.2%', 件数: 10 },
      { 局: '子ども未来局', 予算額: '5,000', 前年度予算額: '0', 増減: '5,000', 一般財源: '5,000', 前年度比: '皆増', 件数: 1 },
    ]);
    const grand = totalsOf(sheets);
    expect(show(grand)).toMatchObject({ 予算額: '4,427,212', 前年度予算額: '4,685,502', 増減: '△ 258,290', 一般財源: '4,342,182', 件数: 13 });
    for (const key of ['amount', 'previousAmount', 'change', 'generalFund'] as const) {
      expect(byBureau.reduce((sum, g) => sum + g.totals[key], 0)).toBe(grand[key]);
    }
  });
});
