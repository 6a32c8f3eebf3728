// The store's 局運営方針 actions: per-policy undo (bounded, typing merged), never touching sheets; refused when read-only.
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT } from '../../renderer/src/store/history';
import { createSheetsStore, dataFromFile } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const POLICY = '5a1e0000-0000-4000-8000-000000000101'; // 政策局 平成27年度
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';

function setup(stepMs = 2000) {
  let t = Date.parse('2026-11-29T00:00:00Z');
  let n = 0;
  const store = createSheetsStore({
    now: () => new Date((t += stepMs)),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  store.getState().hydrate(dataFromFile(loadSample()));
  return () => store.getState();
}

const policy = (s: ReturnType<ReturnType<typeof setup>>, id = POLICY) => s.policies.find((p) => p.id === id)!;

describe('policy store', () => {
  it('edits a policy as a new object and undoes and redoes it, leaving the sheets alone', () => {
    const s = setup();
    const sheets = s().sheets;
    const before = policy(s());
    expect(s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: '新しい基本方針' }), 'basicPolicy')).toBe(true);
    expect(policy(s())).not.toBe(before);
    expect(policy(s()).basicPolicy).toBe('新しい基本方針');
    expect(s().undoPolicy(POLICY)).toBe(true);
    expect(policy(s())).toBe(before);
    expect(s().undoPolicy(POLICY)).toBe(false);
    expect(s().redoPolicy(POLICY)).toBe(true);
    expect(policy(s()).basicPolicy).toBe('新しい基本方針');
    expect(s().sheets).toBe(sheets);
  });

  it('merges typing in one field into one step', () => {
    const s = setup(100);
    const before = policy(s());
    for (const text of ['あ', 'あい', 'あいう']) s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: text }), 'basicPolicy');
    expect(s().policyHistory[POLICY]!.past).toHaveLength(1);
    expect(s().undoPolicy(POLICY)).toBe(true);
    expect(policy(s())).toBe(before);
  });

  it(`keeps ${HISTORY_LIMIT} steps (at least 100): the oldest are dropped first`, () => {
    const s = setup();
    const total = HISTORY_LIMIT + 50;
    for (let i = 1; i <= total; i++) s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: String(i) }), 'basicPolicy');
    for (let i = 1; i <= HISTORY_LIMIT; i++) expect(s().undoPolicy(POLICY)).toBe(true);
    expect(s().undoPolicy(POLICY)).toBe(false);
    expect(policy(s()).basicPolicy).toBe('50');
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
  });

  it("a policy's undo never touches another policy nor a sheet's undo, and a sheet's undo never touches a policy", () => {
    const s = setup();
    const other = s().createPolicy('政策局', 2016)!;
    expect(other).not.toBeNull();
    s().updatePolicy(other, (p) => ({ ...p, basicPolicy: '二つ目' }), 'basicPolicy');
    s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: '一つ目' }), 'basicPolicy');
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount');
    const sheetsBefore = s().sheets;
    expect(s().undoPolicy(POLICY)).toBe(true);
    expect(s().sheets).toBe(sheetsBefore);
    expect(policy(s(), other).basicPolicy).toBe('二つ目');
    const policiesBefore = s().policies;
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().policies).toBe(policiesBefore);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
  });

  it('creates an empty policy only for a 局/年度 that has none', () => {
    const s = setup();
    expect(s().createPolicy('政策局', 2015)).toBeNull();
    const id = s().createPolicy('総務局', 2015);
    expect(id).not.toBeNull();
    const created = policy(s(), id!);
    expect(created).toMatchObject({ bureau: '総務局', fiscalYear: 2015, basicPolicy: '', reviews: [] });
    expect(s().policies).toHaveLength(2);
  });

  it('refuses every policy change in a read-only window', () => {
    const s = setup();
    s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: 'x' }), 'basicPolicy');
    s().setReadOnly('別のウィンドウで編集中です。');
    const policies = s().policies;
    expect(s().updatePolicy(POLICY, (p) => ({ ...p, basicPolicy: 'y' }))).toBe(false);
    expect(s().undoPolicy(POLICY)).toBe(false);
    expect(s().redoPolicy(POLICY)).toBe(false);
    expect(s().createPolicy('総務局', 2015)).toBeNull();
    expect(s().policies).toBe(policies);
  });
});
