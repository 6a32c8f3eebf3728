// Undo is per sheet and bounded: 200 steps a sheet, the oldest dropped first, and one sheet's undo never touches another.
import { describe, expect, it } from 'vitest';
import { createSheetsStore, dataFromFile } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業, 予算額 2,732,796
const KOIKI = '5a1e0000-0000-4000-8000-000000000002'; // 広域行政推進事業, 予算額 259

function setup() {
  let t = Date.parse('2026-11-29T00:00:00Z');
  // Each edit 2 s after the last, so none merges with the one before (typing in one field within 1 s is one step).
  const store = createSheetsStore({ now: () => new Date((t += 2000)), newId: () => crypto.randomUUID() });
  store.getState().hydrate(dataFromFile(loadSample()));
  return () => store.getState();
}

describe('undo history', () => {
  it('keeps exactly 200 steps per sheet: after 250 edits, 200 undos reach the 50th edit and the 201st does nothing', () => {
    const s = setup();
    for (let i = 1; i <= 250; i++) s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: i }), 'amount');
    for (let i = 1; i <= 200; i++) expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(50);
    expect(s().undo(JOHOKA)).toBe(false);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(50);
    for (let i = 1; i <= 200; i++) expect(s().redo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(250);
  });

  it("one sheet's undo and redo never touch another sheet", () => {
    const s = setup();
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount');
    s().updateSheet(KOIKI, (sh) => ({ ...sh, amount: 2 }), 'amount');
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, notes: '三つ目' }), 'notes');
    const koiki = s().sheets.get(KOIKI);
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().undo(JOHOKA)).toBe(false);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
    expect(s().sheets.get(KOIKI)).toBe(koiki);
    expect(s().undo(KOIKI)).toBe(true);
    expect(s().sheets.get(KOIKI)!.amount).toBe(259);
    expect(s().redo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(1);
    expect(s().sheets.get(KOIKI)!.amount).toBe(259);
  });

  it('200 steps on each of two sheets are kept independently', () => {
    const s = setup();
    for (let i = 1; i <= 200; i++) {
      s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: i }), 'amount');
      s().updateSheet(KOIKI, (sh) => ({ ...sh, amount: 1000 + i }), 'amount');
    }
    for (let i = 1; i <= 200; i++) s().undo(JOHOKA);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
    expect(s().sheets.get(KOIKI)!.amount).toBe(1200);
    for (let i = 1; i <= 200; i++) s().undo(KOIKI);
    expect(s().sheets.get(KOIKI)!.amount).toBe(259);
  });
  it('status changes are no undo steps: after 確定 and back to 作成中, undo takes back the edit and keeps 作成中', () => {
    const s = setup();
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount');
    s().setStatus(JOHOKA, 'final');
    expect(s().undo(JOHOKA)).toBe(false);
    s().setStatus(JOHOKA, 'draft');
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)).toMatchObject({ amount: 2_732_796, status: 'draft' });
    expect(s().redo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)).toMatchObject({ amount: 2_800_000, status: 'draft' });
  });
});
