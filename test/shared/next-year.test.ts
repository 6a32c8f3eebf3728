// 次年度の作成 on the sample: what the 平成28年度 draft carries, what it leaves to fill, and when it refuses.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/diff';
import { formatAmount } from '../../shared/domain/money';
import { draftNextYear, newestYear, type NextYearSource } from '../../shared/domain/next-year';
import { numberedPrograms, programFigures, sheetsById } from '../../shared/domain/policy';
import { exchangeFileSchema, type Policy, type Sheet } from '../../shared/domain/schema';
import { generalFund } from '../../shared/domain/sheet';
import { newExchangeFile } from '../../shared/exchange/format';
import { loadSample } from '../helpers/sample';

const NOW = new Date('2016-01-15T09:00:00.000+09:00');
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';

/** Ids 00000000-0000-4000-8000-00000000000n in the order they are asked for. */
function ids() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

function draft(source: NextYearSource = loadSample(), fromYear = 2015, bureau?: string) {
  const result = draftNextYear(source, fromYear, { newId: ids(), now: NOW }, bureau);
  if (!result.ok) throw new Error(result.message);
  return result;
}

const byName = (sheets: readonly Sheet[], name: string) => {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

describe('draftNextYear: the sheets', () => {
  it.each([
    // 事務事業名, 平成27年度の予算額 = 平成28年度の前年度予算額
    ['企画調整事務事業', 37_524],
    ['広域行政推進事業', 259],
    ['合併振興基金積立金', 8_000],
    ['情報化推進事業', 2_732_796],
    ['東京事務所管理運営事業', 10_298],
  ])('%s: 前年度予算額 %i, 予算額 not entered, 作成中, remembers its source', (name, amount) => {
    const source = byName(loadSample().sheets, name);
    const next = byName(draft().sheets, name);
    expect(next.fiscalYear).toBe(2016);
    expect(next.previousAmount).toBe(amount);
    expect(next.amount).toBeNull();
    expect(next.status).toBe('draft');
    expect(next.carriedFrom).toBe(source.id);
    expect(next.id).not.toBe(source.id);
    expect(next.updatedAt).toBe(NOW.toISOString());
  });

  it('情報化推進事業 of 平成28年度: 前年度予算額 2,732,796, 予算額 blank; 財源 lines and 主な事業 kept without amounts', () => {
    const source = byName(loadSample().sheets, '情報化推進事業');
    const next = byName(draft().sheets, '情報化推進事業');
    expect(formatAmount(next.previousAmount)).toBe('2,732,796');
    expect(next.amount).toBeNull();
    expect(next.specificFunding).toEqual([
      { source: '国庫支出金', revenueKan: 15, amount: null },
      { source: '諸収入', revenueKan: 21, amount: null },
    ]);
    expect(next.items.map((i) => [i.id, i.name, i.amount, i.description])).toEqual(
      source.items.map((i) => [i.id, i.name, null, i.description]),
    );
    // Texts, organisation, 款/項/目 and 会計 as they were; the 予算書 page is paginated anew each year.
    for (const key of ['account', 'name', 'org', 'classification', 'purpose', 'notes', 'reference'] as const) {
      expect(next[key], key).toEqual(source[key]);
    }
    expect(source.budgetBookPage).toBe(89);
    expect(next.budgetBookPage).toBeNull();
    // Nothing is shared with the source: editing the draft cannot change 平成27年度.
    expect(next.org).not.toBe(source.org);
    expect(next.items[0]).not.toBe(source.items[0]);
  });

  it('the year is carried whole, in order, with distinct new ids; the result is a valid exchange document', () => {
    const sample = loadSample();
    const result = draft();
    expect(result.sheets.map((s) => s.name)).toEqual(sample.sheets.map((s) => s.name));
    expect(result.carriedSheets).toEqual(sample.sheets);
    expect(new Set([...result.sheets.map((s) => s.id), ...result.policies.map((p) => p.id)]).size).toBe(11);
    const file = newExchangeFile({
      municipality: sample.municipality,
      fiscalYear: 2016,
      sheets: [...sample.sheets, ...result.sheets],
      policies: [...sample.policies, ...result.policies],
      lockedYears: [2015],
    });
    expect(exchangeFileSchema.safeParse(file).success).toBe(true);
  });

  it('leaves the source untouched (canonical JSON before and after)', () => {
    const sample = loadSample();
    const before = canonicalJson(sample);
    draft(sample);
    expect(canonicalJson(sample)).toBe(before);
  });

  it('carries one 局 when asked, and only live sheets given', () => {
    const sample = loadSample();
    const other: Sheet = { ...sample.sheets[0]!, id: '5a1e0000-0000-4000-8000-0000000000ff', org: { bureau: '財政局', department: '', section: '財政課' } };
    const source = { sheets: [...sample.sheets, other], policies: sample.policies };
    expect(draft(source, 2015, '政策局').sheets).toHaveLength(10);
    expect(draft(source, 2015, '財政局').sheets.map((s) => s.org.bureau)).toEqual(['財政局']);
    expect(draft(source, 2015, '財政局').policies).toEqual([]);
    expect(draft(source).sheets).toHaveLength(11);
  });
});

describe('draftNextYear: the 局運営方針', () => {
  const rows = (policy: Policy) => numberedPrograms(policy).map((r) => r.program);

  it('keeps 現状と課題, 基本方針 and the statements; starts the 見直し list empty', () => {
    const source = loadSample().policies[0]!;
    const [next] = draft().policies;
    expect(next!.fiscalYear).toBe(2016);
    expect(next!.bureau).toBe('政策局');
    expect(next!.id).not.toBe(source.id);
    expect(next!.issues).toEqual(source.issues);
    expect(next!.basicPolicy).toBe(source.basicPolicy);
    expect(next!.goals.map((g) => g.heading)).toEqual(source.goals.map((g) => g.heading));
    expect(rows(next!).map((r) => [r.name, r.section, r.marks, r.description])).toEqual(
      rows(source).map((r) => [r.name, r.section, r.marks, r.description]),
    );
    expect(source.reviews).toHaveLength(3);
    expect(next!.reviews).toEqual([]);
  });

  it.each([
    // No, 28年度の 27年度 (一般財源) = what 平成27年度 showed as 27年度 (一般財源), link kind
    [1, '16,682', '16,682', 'sheet'],
    [2, '6,688', '6,688', 'item'],
    [3, '506,954', '500,000', 'sheet'],
    [6, '419,389', '369,553', 'item'],
    [7, '764,859', '764,859', null],
    [9, '18,609', '12,550', null],
    [10, '10,298', '10,298', 'sheet'],
  ])('row %i: last year %s (%s), this year blank, link %s', (no, previous, previousFund, kind) => {
    const row = rows(draft().policies[0]!)[no - 1]!;
    expect([formatAmount(row.previousAmount), formatAmount(row.previousGeneralFund)]).toEqual([previous, previousFund]);
    expect([row.amount, row.generalFund]).toEqual([null, null]);
    expect(row.link?.kind ?? null).toBe(kind);
  });

  it('links are re-pointed at the new sheets; an item link keeps its item', () => {
    const result = draft();
    const newIds = new Map(result.sheets.map((s) => [s.carriedFrom, s.id]));
    const before = rows(loadSample().policies[0]!);
    const after = rows(result.policies[0]!);
    after.forEach((row, i) => {
      const old = before[i]!.link;
      if (old === null) return expect(row.link).toBeNull();
      expect(row.link).toEqual({ ...old, sheetId: newIds.get(old.sheetId) });
    });
    expect(after[5]!.link).toMatchObject({ kind: 'item', itemId: '17d63998-65a5-41e7-8399-0045710874ef' });
  });

  it('with both years held, row 1 follows the new sheet and takes last year\'s 一般財源 from the 平成27年度 sheet', () => {
    const sample = loadSample();
    const result = draft(sample);
    const all = sheetsById([...sample.sheets, ...result.sheets]);
    const figures = (no: number) => programFigures(rows(result.policies[0]!)[no - 1]!, all);
    expect(figures(1)).toEqual({ amount: null, generalFund: null, previousAmount: 16_682, previousGeneralFund: 16_682, source: 'sheet' });

    // The 一般財源 shown is the 平成27年度 sheet's own, not the row's stored figure: change that sheet and it follows.
    const old = sample.sheets.find((s) => s.name === '総合振興計画推進事業')!;
    const changed = { ...old, specificFunding: [{ source: '国庫支出金', revenueKan: 15, amount: 1_000 }] };
    expect(generalFund(changed)).toBe(15_682);
    const withChanged = sheetsById([...sample.sheets.map((s) => (s.id === old.id ? changed : s)), ...result.sheets]);
    expect(programFigures(rows(result.policies[0]!)[0]!, withChanged).previousGeneralFund).toBe(15_682);

    // Once 予算額 of 平成28年度 is typed, the row shows it with its 一般財源.
    const typed = result.sheets.map((s) => (s.carriedFrom === old.id ? { ...s, amount: 17_000 } : s));
    const withTyped = sheetsById([...sample.sheets, ...typed]);
    expect(programFigures(rows(result.policies[0]!)[0]!, withTyped)).toMatchObject({ amount: 17_000, generalFund: 17_000, previousAmount: 16_682 });
  });

  it('a row following a sheet that is not carried becomes typed, keeping the figures it showed', () => {
    const sample = loadSample();
    const sheets = sample.sheets.filter((s) => s.name !== '総合振興計画推進事業');
    const row = rows(draft({ sheets, policies: sample.policies }).policies[0]!)[0]!;
    expect(row.link).toBeNull();
    expect([row.previousAmount, row.previousGeneralFund, row.amount]).toEqual([16_682, 16_682, null]);
  });
});

describe('draftNextYear: refusals', () => {
  it.each<[string, () => NextYearSource, number, string | undefined, RegExp]>([
    ['a year with nothing', () => loadSample(), 2014, undefined, /^平成26年度には事務事業シートも局運営方針もないため、次年度の案を作れません。/],
    ['a 局 with nothing', () => loadSample(), 2015, '財政局', /^平成27年度の財政局には事務事業シートも局運営方針もない/],
    [
      'the next year has sheets of the 局',
      () => {
        const sample = loadSample();
        return { sheets: [...sample.sheets, { ...sample.sheets[0]!, id: '5a1e0000-0000-4000-8000-0000000000f1', fiscalYear: 2016 }], policies: sample.policies };
      },
      2015,
      undefined,
      /^平成28年度には政策局の事務事業シート 1 件がすでにあります。上書きしないよう、次年度の案は作りませんでした。$/,
    ],
    [
      'the next year has a 局運営方針 of the 局',
      () => {
        const sample = loadSample();
        return { sheets: sample.sheets, policies: [...sample.policies, { ...sample.policies[0]!, id: '5a1e0000-0000-4000-8000-0000000001f1', fiscalYear: 2016 }] };
      },
      2015,
      '政策局',
      /^平成28年度には政策局の局運営方針がすでにあります。/,
    ],
    ['the next year is locked', () => ({ ...loadSample(), lockedYears: [2016] }), 2015, undefined, /^平成28年度は確定済みのため/],
  ])('%s: a message, nothing drafted', (_name, source, year, bureau, message) => {
    const result = draftNextYear(source(), year, { newId: ids(), now: NOW }, bureau);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('drafting a second time from the result is refused, drafting the year after is not', () => {
    const sample = loadSample();
    const first = draft(sample);
    const both = { sheets: [...sample.sheets, ...first.sheets], policies: [...sample.policies, ...first.policies] };
    expect(draftNextYear(both, 2015, { newId: ids(), now: NOW }).ok).toBe(false);
    const second = draft(both, 2016);
    const johoka = byName(second.sheets, '情報化推進事業');
    // 平成29年度: the 前年度予算額 is 平成28年度's 予算額, which nobody has typed yet.
    expect([johoka.fiscalYear, johoka.previousAmount, johoka.carriedFrom]).toEqual([2017, null, byName(first.sheets, '情報化推進事業').id]);
  });
});

describe('newestYear', () => {
  it('is the latest year holding a sheet or a policy', () => {
    const sample = loadSample();
    expect(newestYear(sample)).toBe(2015);
    expect(newestYear({ sheets: sample.sheets, policies: [{ ...sample.policies[0]!, fiscalYear: 2017 }] })).toBe(2017);
    expect(newestYear({ sheets: [], policies: [] })).toBeNull();
    expect(byName(sample.sheets, '情報化推進事業').id).toBe(JOHOKA);
  });
});
