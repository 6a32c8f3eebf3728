import { describe, expect, it } from 'vitest';
import { contentHash, policyChanges, sheetChanges, summarizeChanges } from '../../shared/domain/diff';
import { loadSample, sampleSheet } from '../helpers/sample';

describe('sheetChanges', () => {
  it('names the changed fields in the form’s words, figures formatted as printed', () => {
    const before = sampleSheet('情報化推進事業');
    const after = {
      ...before,
      amount: 2_800_000,
      notes: `${before.notes}追記`,
      items: before.items.map((item, i) => (i === 1 ? { ...item, amount: null } : item)),
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    const changes = sheetChanges(before, after);
    expect(changes.map((c) => c.label)).toEqual(['予算額', '特記事項', '主な事業2 の金額']);
    expect(changes[0]).toEqual({ label: '予算額', kind: 'figure', before: '2,732,796', after: '2,800,000' });
    expect(changes[2]!.after).toBe('未入力');
    expect(summarizeChanges(changes)).toBe(`予算額 2,732,796 → 2,800,000、主な事業2 の金額 ${changes[2]!.before} → 未入力、特記事項`);
  });

  it('a negative figure prints with △; the same sheet has no changes and says so', () => {
    const before = sampleSheet('広域行政推進事業');
    expect(sheetChanges(before, before)).toEqual([]);
    expect(summarizeChanges([])).toBe('変更なし');
    const changes = sheetChanges(before, { ...before, previousAmount: 0 });
    expect(changes).toEqual([{ label: '前年度予算額', kind: 'figure', before: '341', after: '0' }]);
  });

  it('a summary of many changes stops at the limit and counts the rest', () => {
    const before = sampleSheet('情報化推進事業');
    const after = { ...before, name: 'x', account: 'y', purpose: 'z', notes: 'w', reference: 'v', amount: 1 };
    expect(summarizeChanges(sheetChanges(before, after))).toBe('予算額 2,732,796 → 1、会計、事務事業名、事業の目的・内容 ほか 2 件');
  });
});

describe('policyChanges', () => {
  it('numbers key-program rows across tables as the printed No', () => {
    const policy = loadSample().policies[0]!;
    const goals = policy.goals.map((g, gi) =>
      gi === 1 ? { ...g, programs: g.programs.map((p, pi) => (pi === 0 ? { ...p, previousGeneralFund: 1 } : p)) } : g,
    );
    const changes = policyChanges(policy, { ...policy, goals, basicPolicy: '新しい方針' });
    const firstOfSecondTable = policy.goals[0]!.programs.length + 1;
    expect(changes.map((c) => c.label)).toEqual(['基本方針', `No.${firstOfSecondTable} 前年度一般財源`]);
    expect(policyChanges(policy, { ...policy, reviews: [] }).map((c) => c.label)).toContain('見直し1 のコスト削減額');
  });
});

describe('contentHash', () => {
  it('ignores updatedAt and key order, and sees any typed change', () => {
    const sheet = sampleSheet('情報化推進事業');
    expect(contentHash({ ...sheet, updatedAt: '2031-01-01T00:00:00.000Z' })).toBe(contentHash(sheet));
    const reordered = Object.fromEntries(Object.entries(sheet).reverse()) as typeof sheet;
    expect(contentHash(reordered)).toBe(contentHash(sheet));
    expect(contentHash({ ...sheet, amount: (sheet.amount ?? 0) + 1 })).not.toBe(contentHash(sheet));
    expect(contentHash({ ...sheet, notes: `${sheet.notes} ` })).not.toBe(contentHash(sheet));
  });
});

describe('policyChanges names linked sheets', () => {
  it('a changed link names the sheet, or says it is not found', () => {
    const policy = loadSample().policies[0]!;
    const first = policy.goals[0]!.programs[0]!;
    const goals = policy.goals.map((g, gi) => (gi === 0 ? { ...g, programs: [{ ...first, link: null }, ...g.programs.slice(1)] } : g));
    const names = new Map(loadSample().sheets.map((s) => [s.id, s.name]));
    const change = policyChanges(policy, { ...policy, goals }, (id) => names.get(id)).find((c) => c.label === 'No.1 連動')!;
    expect(change.after).toBe('手入力');
    expect(change.before).toMatch(/^シート \S+事業$/);
    expect(policyChanges(policy, { ...policy, goals }).find((c) => c.label === 'No.1 連動')!.before).toBe('シート （見つかりません）');
  });
});
