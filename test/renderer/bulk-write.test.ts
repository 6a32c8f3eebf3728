import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutosave } from '../../renderer/src/persistence/autosave';
import { writeBulkChange, type BulkChange } from '../../renderer/src/persistence/bulk-write';
import { openDb, RECORD_FORMAT_VERSION, type YosanDb } from '../../renderer/src/persistence/db';
import { loadFromDb, loadOrInitialise } from '../../renderer/src/persistence/load';
import { listVersions } from '../../renderer/src/persistence/versions';
import { createSheetsStore } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function setup() {
  const factory = new IDBFactory();
  const db = openDb('bulk', { indexedDB: factory, IDBKeyRange });
  const store = createSheetsStore();
  store.getState().hydrate(await loadOrInitialise(db, loadSample));
  cleanup.push(() => db.close());
  return { db, store, s: () => store.getState() };
}

/** Every record of the database as text, to compare before and after. */
async function dump(db: YosanDb): Promise<string> {
  return JSON.stringify([await db.sheets.toArray(), await db.policies.toArray(), await db.settings.toArray(), await db.versions.toArray(), await db.mergeBases.toArray()]);
}

describe('bulk change (merge, 次年度の作成, restore)', () => {
  it('lands whole: records, versions of what they replace, locks and merge bases in one transaction', async () => {
    const { db, s } = await setup();
    const before = s().sheets.get(JOHOKA)!;
    const changed = { ...before, amount: 1 };
    const change: BulkChange = {
      sheets: [{ sheet: changed, position: 8 }],
      policies: [],
      lockedYears: [2015],
      versions: [{ kind: 'sheet', content: before, reason: 'merge' }],
      mergeBases: [{ key: `sheet:${JOHOKA}`, hash: 'x' }],
    };
    await writeBulkChange(db, change, { now: new Date('2026-11-30T00:00:00Z') });
    const loaded = await loadFromDb(db);
    expect(loaded!.sheets.get(JOHOKA)!.amount).toBe(1);
    expect(loaded!.lockedYears).toEqual([2015]);
    const versions = await listVersions(db, 'sheet', JOHOKA);
    expect(versions.map((v) => [v.reason, v.takenAt, (v.content as typeof before).amount, v.formatVersion])).toEqual([
      ['merge', '2026-11-30T00:00:00.000Z', before.amount, RECORD_FORMAT_VERSION],
    ]);
    expect(await db.mergeBases.get(`sheet:${JOHOKA}`)).toEqual({ key: `sheet:${JOHOKA}`, hash: 'x' });
  });

  it('a change that fails half-way leaves the database exactly as it was', async () => {
    const { db, s } = await setup();
    const before = await dump(db);
    const change: BulkChange = {
      sheets: [{ sheet: { ...s().sheets.get(JOHOKA)!, amount: 1 }, position: 8 }],
      policies: [{ ...s().policies[0]!, basicPolicy: '途中で失敗' }],
      lockedYears: [2015],
      versions: [{ kind: 'sheet', content: s().sheets.get(JOHOKA)!, reason: 'merge' }],
    };
    await expect(
      writeBulkChange(db, change, {
        afterRecords: () => {
          throw new Error('disk gone');
        },
      }),
    ).rejects.toThrow('disk gone');
    expect(await dump(db)).toBe(before);
  });

  it('the store takes the change in as one undo step per record, and the autosave does not write it again', async () => {
    const { db, store, s } = await setup();
    const autosave = startAutosave(store, db, { delayMs: 10, retryMs: 60_000 });
    cleanup.push(() => autosave.stop());
    const before = s().sheets.get(JOHOKA)!;
    const change = { sheets: [{ sheet: { ...before, amount: 1 }, position: s().positions[JOHOKA]! }], policies: [], lockedYears: [2016] };
    await writeBulkChange(db, { ...change, versions: [] });
    expect(s().absorb(change)).toBe(true);
    autosave.rememberWritten({
      sheets: [{ id: JOHOKA, sheet: s().sheets.get(JOHOKA)!, position: s().positions[JOHOKA]!, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION }],
      lockedYears: s().lockedYears,
    });
    const written = autosave.stats.sheetRecordsWritten;
    await autosave.flush();
    expect(autosave.stats.sheetRecordsWritten).toBe(written);
    expect(s().lockedYears).toEqual([2016]);
    expect(s().undo(JOHOKA)).toBe(true);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(before.amount);
  });
});
