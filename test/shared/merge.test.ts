// planMerge / applyMergeChoices: what opening a changed copy of the sample, conflicting edits, several files and
// 確定済み years show, and what a merge then writes.
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../shared/domain/diff';
import { applyMergeChoices, effectiveChoice, planMerge, type MergeBases, type MergeChoice, type MergeIncoming, type MergeLocal } from '../../shared/domain/merge';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import { loadSample } from '../helpers/sample';

const ID = (n: number) => `5a1e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const KIKAKU = ID(1);
const KOIKI = ID(2);
const JOHOKA = ID(8);
const TOKYO = ID(10);
const POLICY = '5a1e0000-0000-4000-8000-000000000101';
const NEW_ID = '7a1e0000-0000-4000-8000-000000000001';

const sample = loadSample();
const localOf = (file: ExchangeFile, extra: Partial<MergeLocal> = {}): MergeLocal => ({
  sheets: file.sheets,
  trashed: [],
  policies: file.policies,
  lockedYears: [],
  ...extra,
});
/** The bases the first run stores: every sample record as it was. */
const sampleBases = (): MergeBases =>
  new Map([...sample.sheets.map((s) => [`sheet:${s.id}`, contentHash(s)] as const), ...sample.policies.map((p) => [`policy:${p.id}`, contentHash(p)] as const)]);
const edit = (sheets: readonly Sheet[], id: string, change: (s: Sheet) => Sheet) => sheets.map((s) => (s.id === id ? change(s) : s));
const fileOf = (fileName: string, doc: ExchangeFile): MergeIncoming => ({ fileName, sheets: doc.sheets, policies: doc.policies });

/** A copy of the sample as the 財政課 sends it back: two sheets changed, one new sheet, the rest untouched. */
function changedCopy(): ExchangeFile {
  let sheets = edit(sample.sheets, JOHOKA, (s) => ({ ...s, amount: 2_800_000, updatedAt: '2030-01-01T00:00:00.000Z' }));
  sheets = edit(sheets, KOIKI, (s) => ({ ...s, notes: '財政課査定により見直し。', previousAmount: 300 }));
  const added: Sheet = { ...sample.sheets[0]!, id: NEW_ID, name: '新規事業', items: [] };
  return { ...sample, sheets: [...sheets, added] };
}
const stateOf = (plan: ReturnType<typeof planMerge>, key: string) => plan.rows.find((r) => r.key === key)?.state;

describe('planMerge', () => {
  it('a changed copy of the sample: exactly the two changed sheets are 変更 with their fields, one 新規, the rest 同じ', () => {
    const plan = planMerge(localOf(sample), [fileOf('政策局.yosan.json', changedCopy())], sampleBases());
    expect(plan.counts).toEqual({ new: 1, changed: 2, same: 9, 'edited-here': 0, conflict: 0 });
    const changed = plan.rows.filter((r) => r.state === 'changed');
    expect(changed.map((r) => r.incoming.id)).toEqual([KOIKI, JOHOKA]);
    expect(changed.map((r) => r.changes)).toEqual([
      [
        { label: '前年度予算額', kind: 'figure', before: '341', after: '300' },
        { label: '特記事項', kind: 'text', before: sample.sheets[1]!.notes, after: '財政課査定により見直し。' },
      ],
      [{ label: '予算額', kind: 'figure', before: '2,732,796', after: '2,800,000' }],
    ]);
    expect(changed.every((r) => r.defaultChoice === 'theirs' && r.fileName === '政策局.yosan.json' && !r.locked)).toBe(true);
    const added = plan.rows.find((r) => r.state === 'new')!;
    expect(added).toMatchObject({ key: `sheet:${NEW_ID}`, local: null, changes: [], defaultChoice: 'theirs' });
    const same = plan.rows.filter((r) => r.state === 'same');
    expect(same.map((r) => r.key)).toContain(`policy:${POLICY}`);
    expect(same.every((r) => r.defaultChoice === null && r.changes.length === 0)).toBe(true);
  });

  it('an edit here and a change in the file of the same sheet is 競合 (keep mine); an edit here the file does not touch is こちらで編集済み', () => {
    const local = localOf({
      ...sample,
      sheets: edit(edit(sample.sheets, JOHOKA, (s) => ({ ...s, amount: 2_750_000 })), TOKYO, (s) => ({ ...s, reference: '見直し中' })),
    });
    const plan = planMerge(local, [fileOf('a.yosan.json', changedCopy())], sampleBases());
    const johoka = plan.rows.find((r) => r.key === `sheet:${JOHOKA}`)!;
    expect(johoka).toMatchObject({ state: 'conflict', defaultChoice: 'mine' });
    expect(johoka.changes).toEqual([{ label: '予算額', kind: 'figure', before: '2,750,000', after: '2,800,000' }]);
    const tokyo = plan.rows.find((r) => r.key === `sheet:${TOKYO}`)!;
    expect(tokyo).toMatchObject({ state: 'edited-here', defaultChoice: 'mine' });
    expect(tokyo.changes.map((c) => [c.label, c.before, c.after])).toEqual([['参考', '見直し中', sample.sheets[9]!.reference]]);
    expect(stateOf(plan, `sheet:${KOIKI}`)).toBe('changed');
  });

  it('without a base, a record that differs is 競合: nothing tells which side changed', () => {
    const plan = planMerge(localOf(sample), [fileOf('a.yosan.json', changedCopy())], new Map());
    expect(plan.counts).toEqual({ new: 1, changed: 0, same: 9, 'edited-here': 0, conflict: 2 });
  });

  it('updatedAt alone is no change', () => {
    const touched = { ...sample, sheets: sample.sheets.map((s) => ({ ...s, updatedAt: '2031-04-01T00:00:00.000Z' })) };
    expect(planMerge(localOf(sample), [fileOf('a', touched)], new Map()).counts.same).toBe(11);
  });

  it('several files: another 局 is all 新規; the same record in two files takes the later file, and the row says which', () => {
    const other: ExchangeFile = {
      ...sample,
      sheets: sample.sheets.slice(0, 3).map((s, i) => ({ ...s, id: `8b1e0000-0000-4000-8000-00000000000${i + 1}`, org: { ...s.org, bureau: '総務局' } })),
      policies: [{ ...sample.policies[0]!, id: '8b1e0000-0000-4000-8000-000000000101', bureau: '総務局' }],
    };
    const first = changedCopy();
    const second = { ...sample, sheets: edit(sample.sheets, JOHOKA, (s) => ({ ...s, amount: 2_900_000 })), policies: [] };
    const plan = planMerge(localOf(sample), [fileOf('政策局.yosan.json', first), fileOf('総務局.yosan.json', other), fileOf('政策局（再）.yosan.json', second)], sampleBases());
    expect(plan.rows.filter((r) => r.fileName === '総務局.yosan.json').map((r) => r.state)).toEqual(['new', 'new', 'new', 'new']);
    const johoka = plan.rows.find((r) => r.key === `sheet:${JOHOKA}`)!;
    expect(johoka).toMatchObject({ fileName: '政策局（再）.yosan.json', overridden: ['政策局.yosan.json'], state: 'changed' });
    expect(johoka.changes).toEqual([{ label: '予算額', kind: 'figure', before: '2,732,796', after: '2,900,000' }]);
    // The later file holds 広域行政推進事業 as the sample has it: its row is 同じ.
    expect(stateOf(plan, `sheet:${KOIKI}`)).toBe('same');
    expect(plan.rows.filter((r) => r.key === `sheet:${JOHOKA}`)).toHaveLength(1);
    expect(plan.rows).toHaveLength(12 + 4);
  });

  it('a record of a 確定済み year can only keep mine, whatever is chosen', () => {
    const plan = planMerge(localOf(sample, { lockedYears: [2015] }), [fileOf('a', changedCopy())], sampleBases());
    const johoka = plan.rows.find((r) => r.key === `sheet:${JOHOKA}`)!;
    expect(johoka).toMatchObject({ state: 'changed', locked: true, defaultChoice: 'mine' });
    const choices = new Map<string, MergeChoice>(plan.rows.map((r) => [r.key, 'theirs']));
    expect(effectiveChoice(johoka, choices)).toBe('mine');
    const result = applyMergeChoices(plan, choices);
    expect(result.sheets).toEqual([]);
    expect(result.counts).toEqual({ new: 0, changed: 0 });
  });

  it('a sheet in the trash here counts as held: the file’s copy comes back only when chosen', () => {
    const johoka = sample.sheets.find((s) => s.id === JOHOKA)!;
    const local = localOf({ ...sample, sheets: sample.sheets.filter((s) => s.id !== JOHOKA) }, { trashed: [johoka] });
    const plan = planMerge(local, [fileOf('a', sample), fileOf('b', changedCopy())], sampleBases());
    const row = plan.rows.find((r) => r.key === `sheet:${JOHOKA}`)!;
    expect(row).toMatchObject({ state: 'conflict', localTrashed: true, defaultChoice: 'mine' });
    expect(applyMergeChoices(plan, new Map()).sheets.map((s) => s.sheet.id)).not.toContain(JOHOKA);
    const taken = applyMergeChoices(plan, new Map([[row.key, 'theirs']]));
    expect(taken.sheets.find((s) => s.sheet.id === JOHOKA)).toMatchObject({ isNew: false, wasTrashed: true });
    expect(taken.replaced).toContainEqual({ kind: 'sheet', content: johoka });
    // Deleted here, the same in the file: こちらで編集済み.
    expect(planMerge(local, [fileOf('a', sample)], sampleBases()).rows.find((r) => r.key === row.key)!.state).toBe('edited-here');
  });

  it('a 局運営方針 for a 局 and 年度 already held under another id is matched to it and keeps the held id', () => {
    const policy = { ...sample.policies[0]!, id: '9c1e0000-0000-4000-8000-000000000101', basicPolicy: '別のパソコンで作った方針' };
    const plan = planMerge(localOf(sample), [fileOf('a', { ...sample, sheets: [], policies: [policy] })], sampleBases());
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]).toMatchObject({ kind: 'policy', key: `policy:${POLICY}`, state: 'changed' });
    expect(plan.rows[0]!.incoming.id).toBe(POLICY);
    expect(plan.rows[0]!.changes.map((c) => c.label)).toEqual(['基本方針']);
  });
});

describe('applyMergeChoices', () => {
  it('writes what was taken, keeps what was replaced as versions, and remembers the file’s records as bases', () => {
    const local = localOf({ ...sample, sheets: edit(sample.sheets, JOHOKA, (s) => ({ ...s, amount: 2_750_000 })) });
    const copy = changedCopy();
    const plan = planMerge(local, [fileOf('a', copy)], sampleBases());
    // 競合 情報化推進事業: take the file's; 広域行政推進事業 (変更): keep mine.
    const result = applyMergeChoices(plan, new Map([[`sheet:${JOHOKA}`, 'theirs'], [`sheet:${KOIKI}`, 'mine']]));
    const copyOf = (id: string) => copy.sheets.find((s) => s.id === id)!;
    expect(result.sheets).toEqual([
      { sheet: copyOf(JOHOKA), isNew: false, wasTrashed: false },
      { sheet: copyOf(NEW_ID), isNew: true, wasTrashed: false },
    ]);
    expect(result.replaced).toEqual([{ kind: 'sheet', content: local.sheets.find((s) => s.id === JOHOKA) }]);
    expect(result.counts).toEqual({ new: 1, changed: 1 });
    const baseKeys = result.bases.map((b) => b.key);
    expect(baseKeys).toContain(`sheet:${JOHOKA}`);
    expect(baseKeys).toContain(`sheet:${NEW_ID}`);
    expect(baseKeys).toContain(`sheet:${KIKAKU}`); // 同じ
    expect(baseKeys).not.toContain(`sheet:${KOIKI}`); // kept mine
    expect(result.bases.find((b) => b.key === `sheet:${JOHOKA}`)!.hash).toBe(contentHash(copyOf(JOHOKA)));
  });

  it('after taking a file, opening it again shows everything 同じ; a later edit here is こちらで編集済み', () => {
    const copy = changedCopy();
    const plan = planMerge(localOf(sample), [fileOf('a', copy)], sampleBases());
    const result = applyMergeChoices(plan, new Map());
    const bases = new Map([...sampleBases(), ...result.bases.map((b) => [b.key, b.hash] as const)]);
    expect(planMerge(localOf(copy), [fileOf('a', copy)], bases).counts.same).toBe(12);
    const editedHere = localOf({ ...copy, sheets: edit(copy.sheets, JOHOKA, (s) => ({ ...s, purpose: '追記' })) });
    expect(stateOf(planMerge(editedHere, [fileOf('a', copy)], bases), `sheet:${JOHOKA}`)).toBe('edited-here');
  });
});
