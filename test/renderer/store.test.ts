import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT } from '../../renderer/src/store/history';
import { selectScopeSheets, sheetProblems } from '../../renderer/src/store/selectors';
import { createSheetsStore, dataFromFile } from '../../renderer/src/store/sheets-store';
import { generalFund, sheetChange } from '../../shared/domain/sheet';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業

function setup() {
  let t = Date.parse('2026-11-29T00:00:00Z');
  let n = 0;
  const clock = { advance: (ms: number) => (t += ms) };
  const store = createSheetsStore({
    now: () => new Date(t),
    newId: () => `10000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  });
  store.getState().hydrate(dataFromFile(loadSample()));
  return { store, clock, s: () => store.getState() };
}

describe('sheets store', () => {
  it('an edit recomputes 増減 and 一般財源 from the shared domain', () => {
    const { s } = setup();
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount')).toBe(true);
    const sheet = s().sheets.get(JOHOKA)!;
    expect(sheetChange(sheet)).toBe(-246_782);
    expect(generalFund(sheet)).toBe(2_749_924);
    expect(sheet.updatedAt).toBe('2026-11-29T00:00:00.000Z');
  });

  it('typing in one field is one undo step; another field or a pause starts a new one', () => {
    const { s, clock } = setup();
    for (const amount of [2, 28, 280, 2800]) {
      s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount }), 'amount');
      clock.advance(200);
    }
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, notes: 'メモ' }), 'notes');
    clock.advance(5000);
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, notes: 'メモ2' }), 'notes');
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.notes).toBe('メモ');
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.notes).toBe('');
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
    expect(s().undo(JOHOKA)).toBe(false);
    expect(s().redo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2800);
  });

  it(`keeps at least 100 undo steps per sheet (${HISTORY_LIMIT})`, () => {
    const { s } = setup();
    for (let i = 1; i <= 150; i++) s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: i }));
    for (let i = 149; i >= 1; i--) {
      s().undo(JOHOKA);
      expect(s().sheets.get(JOHOKA)!.amount).toBe(i);
    }
    s().undo(JOHOKA);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
  });

  it('a 確定 sheet is read-only until reopened', () => {
    const { s } = setup();
    s().setStatus(JOHOKA, 'final');
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }))).toBe(false);
    expect(s().undo(JOHOKA)).toBe(false);
    s().setStatus(JOHOKA, 'draft');
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }))).toBe(true);
  });

  it('new, duplicate (placed after the original), delete, restore, empty trash', () => {
    const { s } = setup();
    const fresh = s().createSheet()!;
    expect(s().sheets.get(fresh)!.org.bureau).toBe('政策局');
    expect(sheetProblems(s().sheets.get(fresh)!).map((p) => p.fieldPath)).toContain('amount');
    const copy = s().duplicateSheet(JOHOKA)!;
    const names = selectScopeSheets(s()).map((sh) => sh.name);
    expect(names.indexOf('情報化推進事業（複製）')).toBe(names.indexOf('情報化推進事業') + 1);
    expect(names.at(-1)).toBe('');
    s().deleteSheet(copy);
    expect(s().sheets.get(copy)).toBeUndefined();
    expect(s().deleted[copy]!.sheet.name).toBe('情報化推進事業（複製）');
    s().restoreSheet(copy);
    expect(s().sheets.get(copy)!.name).toBe('情報化推進事業（複製）');
    s().deleteSheet(copy);
    s().emptyTrash();
    expect(s().deleted).toEqual({});
    expect(s().positions[copy]).toBeUndefined();
  });

  it('the scope list follows edits, a sheet moved to another 局, and new sheets, without losing order', () => {
    const { s } = setup();
    const names = () => selectScopeSheets(s()).map((sh) => sh.name);
    expect(names()).toHaveLength(10);
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, name: '情報化推進事業（改）' }), 'name');
    expect(names()[7]).toBe('情報化推進事業（改）');
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, org: { ...sh.org, bureau: '総務局' } }), 'org.bureau');
    expect(names()).toHaveLength(9);
    expect(names()).not.toContain('情報化推進事業（改）');
    s().selectScope(2015, '総務局');
    expect(names()).toEqual(['情報化推進事業（改）']);
    s().createSheet();
    expect(names()).toEqual(['情報化推進事業（改）', '']);
  });

  it('problems are cached per sheet object and carry the field to jump to', () => {
    const { s } = setup();
    const sheet = s().sheets.get('5a1e0000-0000-4000-8000-000000000006')!; // 情報システム最適化事業
    const problems = sheetProblems(sheet);
    expect(problems.map((p) => [p.severity, p.fieldPath])).toEqual([['info', 'items']]);
    expect(sheetProblems(sheet)).toBe(problems);
  });
});

describe('locked years (確定済み)', () => {
  it('refuses every edit of a locked year until it is reopened; other years stay editable', () => {
    const { s } = setup();
    const policyId = s().policies[0]!.id;
    expect(s().setYearLocked(2015, true)).toBe(true);
    expect(s().lockedYears).toEqual([2015]);
    expect(s().setYearLocked(2015, true)).toBe(false);
    const before = s().sheets.get(JOHOKA);
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount')).toBe(false);
    expect(s().updatePolicy(policyId, (p) => ({ ...p, basicPolicy: 'x' }))).toBe(false);
    s().setStatus(JOHOKA, 'review');
    s().deleteSheet(JOHOKA);
    expect(s().createSheet()).toBeNull();
    expect(s().duplicateSheet(JOHOKA)).toBeNull();
    expect(s().sheets.get(JOHOKA)).toBe(before);
    expect(s().setYearLocked(2015, false)).toBe(true);
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount')).toBe(true);
  });

  it('a sheet cannot be moved into a locked year', () => {
    const { s } = setup();
    s().setYearLocked(2016, true);
    expect(s().updateSheet(JOHOKA, (sh) => ({ ...sh, fiscalYear: 2016 }))).toBe(false);
    expect(s().sheets.get(JOHOKA)!.fiscalYear).toBe(2015);
  });
});
