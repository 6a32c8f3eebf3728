// The 履歴 panel's words and its restore: reasons and times in Japanese, the one-line summary, the marked part of a
// text, and この版に戻す as one bulk change that keeps what it replaces and can be undone.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sheet } from '../../shared/domain/schema';
import { startAutosave } from '../../renderer/src/persistence/autosave';
import { writeBulkChange } from '../../renderer/src/persistence/bulk-write';
import { openDb, RECORD_FORMAT_VERSION } from '../../renderer/src/persistence/db';
import { loadFromDb, loadOrInitialise } from '../../renderer/src/persistence/load';
import { listVersions } from '../../renderer/src/persistence/versions';
import { formatTakenAt, reasonLabels, restoreChange, splitDifference, versionSummary } from '../../renderer/src/features/history/history-view';
import { createSheetsStore } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

describe('what the 履歴 panel says', () => {
  it('names every reason in Japanese', () => {
    expect(reasonLabels).toEqual({ session: '編集開始', periodic: '編集中', merge: '取り込み前', 'next-year': '次年度の作成前', restore: '復元前' });
  });

  it('gives the time as 11月30日 14:05, with the year when it is not this year', () => {
    const taken = new Date(2026, 10, 30, 14, 5).toISOString();
    expect(formatTakenAt(taken, new Date(2026, 11, 1))).toBe('11月30日 14:05');
    expect(formatTakenAt(new Date(2025, 0, 2, 9, 0).toISOString(), new Date(2026, 11, 1))).toBe('2025年1月2日 9:00');
  });

  it('sums up what differs from today, figures with both values', () => {
    const sample = loadSample().sheets.find((s) => s.id === JOHOKA)!;
    const today: Sheet = { ...sample, amount: 2_800_000, notes: '見直し' };
    expect(versionSummary('sheet', sample, today)).toBe('予算額 2,732,796 → 2,800,000、特記事項');
    expect(versionSummary('sheet', sample, { ...sample, updatedAt: '2027-01-01T00:00:00.000Z' })).toBe('変更なし');
  });

  it('marks the part of a text that differs', () => {
    expect(splitDifference('市民サービスの向上を図る。', '市民サービスの大幅な向上を図る。')).toEqual({ head: '市民サービスの', changed: '', tail: '向上を図る。' });
    expect(splitDifference('市民サービスの大幅な向上を図る。', '市民サービスの向上を図る。')).toEqual({ head: '市民サービスの', changed: '大幅な', tail: '向上を図る。' });
    expect(splitDifference('同じ', '同じ')).toEqual({ head: '同じ', changed: '', tail: '' });
    expect(splitDifference('', 'あ')).toEqual({ head: '', changed: '', tail: '' });
  });
});

describe('この版に戻す', () => {
  it('puts the version back in one step, keeps what it replaced (復元前), and 元に戻す takes the restore back', async () => {
    const factory = new IDBFactory();
    const db = openDb('restore', { indexedDB: factory, IDBKeyRange });
    const store = createSheetsStore();
    store.getState().hydrate(await loadOrInitialise(db, loadSample));
    const autosave = startAutosave(store, db, { delayMs: 3_600_000 });
    cleanup.push(() => autosave.stop(), () => db.close());
    const s = () => store.getState();

    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount');
    expect(await autosave.flush()).toBe(true);
    const [version] = await listVersions(db, 'sheet', JOHOKA);
    expect((version!.content as Sheet).amount).toBe(2_732_796);

    // What the services' applyBulk does with the change: write it, take it into the store, tell the autosave.
    const current = s().sheets.get(JOHOKA)!;
    const restoredAt = new Date('2026-11-30T06:00:00.000Z');
    const change = restoreChange('sheet', version!.content, current, s().positions[JOHOKA]!, restoredAt);
    expect(change.versions).toEqual([{ kind: 'sheet', content: current, reason: 'restore' }]);
    await writeBulkChange(db, change);
    s().absorb(change);
    autosave.rememberWritten({ sheets: change.sheets.map(({ sheet, position }) => ({ id: sheet.id, sheet, position, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION })) });

    expect(s().sheets.get(JOHOKA)).toMatchObject({ id: JOHOKA, amount: 2_732_796, updatedAt: restoredAt.toISOString() });
    expect((await loadFromDb(db))!.sheets.get(JOHOKA)!.amount).toBe(2_732_796);
    expect((await listVersions(db, 'sheet', JOHOKA)).map((v) => [v.reason, (v.content as Sheet).amount])).toEqual([
      ['restore', 2_800_000],
      ['session', 2_732_796],
    ]);

    // One undo step: the typed figure comes back, and is what the database holds after the next write.
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(2_800_000);
    expect(await autosave.flush()).toBe(true);
    expect((await loadFromDb(db))!.sheets.get(JOHOKA)!.amount).toBe(2_800_000);
  });
});
