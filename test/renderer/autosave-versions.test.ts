// Versions (履歴) the autosave takes while a sheet or policy is edited: one when its editing starts in a session, then
// at most one per 10 minutes, each in the same transaction as the write, pruned to the newest 30.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Policy, Sheet } from '../../shared/domain/schema';
import { startAutosave, VERSION_INTERVAL_MS, type SaveStatus } from '../../renderer/src/persistence/autosave';
import { openDb, RECORD_FORMAT_VERSION, type YosanDb } from '../../renderer/src/persistence/db';
import { loadFromDb, loadOrInitialise } from '../../renderer/src/persistence/load';
import { listVersions, MAX_VERSIONS_PER_RECORD } from '../../renderer/src/persistence/versions';
import { createSheetsStore, type SheetsStore } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const KOIKI = '5a1e0000-0000-4000-8000-000000000002';
const MINUTE = 60 * 1000;
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

/** A clock the test moves by hand. */
function fakeClock(start = '2026-11-30T05:00:00.000Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms), iso: () => new Date(t).toISOString() };
}

async function setup() {
  const factory = new IDBFactory();
  const db = openDb('versions', { indexedDB: factory, IDBKeyRange });
  cleanup.push(() => db.close());
  const clock = fakeClock();
  /** A new app session on the same database: the store loaded from it, a new autosave. */
  const session = async (database: YosanDb = db) => {
    const store = createSheetsStore({ now: clock.now, newId: () => crypto.randomUUID() });
    store.getState().hydrate(await loadOrInitialise(database, loadSample));
    // The timer never fires on its own: every write is a flush, so the test decides when writes happen.
    const statuses: SaveStatus[] = [];
    const autosave = startAutosave(store, database, { delayMs: 60 * MINUTE, retryMs: 60 * MINUTE, now: clock.now, onStatus: (st) => statuses.push(st) });
    cleanup.push(() => autosave.stop());
    return { store, autosave, statuses, s: () => store.getState() };
  };
  const amounts = async (id = JOHOKA) => (await listVersions(db, 'sheet', id)).map((v) => [v.reason, (v.content as Sheet).amount, v.takenAt]);
  return { db, clock, session, amounts };
}

const typeAmount = (s: () => ReturnType<SheetsStore['getState']>, amount: number, id = JOHOKA) =>
  s().updateSheet(id, (sh) => ({ ...sh, amount }), 'amount');

describe('versions taken while editing (履歴)', () => {
  it('the first edit of a session keeps the pre-edit content; edits within 10 minutes keep none; after 10 minutes one more; a new session one again', async () => {
    const { db, clock, session, amounts } = await setup();
    const first = await session();
    const start = clock.iso();

    typeAmount(first.s, 2_800_000);
    expect(await first.autosave.flush()).toBe(true);
    expect(await amounts()).toEqual([['session', 2_732_796, start]]);
    const kept = (await listVersions(db, 'sheet', JOHOKA))[0]!;
    expect(kept.formatVersion).toBe(RECORD_FORMAT_VERSION);
    expect((kept.content as Sheet).name).toBe('情報化推進事業');

    // More typing, several writes, just under 10 minutes: nothing new.
    for (const [minutes, amount] of [[3, 2_810_000], [6, 2_820_000], [9, 2_830_000]] as const) {
      clock.advance(3 * MINUTE);
      typeAmount(first.s, amount);
      expect(await first.autosave.flush()).toBe(true);
      expect((await amounts()).length, `${minutes} min`).toBe(1);
    }

    // 10 minutes after the first version: the content the database held before this write.
    clock.advance(VERSION_INTERVAL_MS - 9 * MINUTE);
    const periodicAt = clock.iso();
    typeAmount(first.s, 2_840_000);
    expect(await first.autosave.flush()).toBe(true);
    expect(await amounts()).toEqual([
      ['periodic', 2_830_000, periodicAt],
      ['session', 2_732_796, start],
    ]);
    // Another sheet has a session of its own.
    typeAmount(first.s, 300, KOIKI);
    expect(await first.autosave.flush()).toBe(true);
    expect((await amounts(KOIKI)).map(([reason]) => reason)).toEqual(['session']);
    first.autosave.stop();

    // A new app session, a minute later: its first edit keeps what the last session left.
    clock.advance(MINUTE);
    const second = await session();
    expect(second.s().sheets.get(JOHOKA)!.amount).toBe(2_840_000);
    typeAmount(second.s, 2_900_000);
    expect(await second.autosave.flush()).toBe(true);
    expect((await amounts())[0]).toEqual(['session', 2_840_000, clock.iso()]);
    expect(await amounts()).toHaveLength(3);
  });

  it('the 局運営方針 is versioned the same way', async () => {
    const { db, clock, session } = await setup();
    const { s, autosave } = await session();
    const policy = s().policies[0]!;
    s().updatePolicy(policy.id, (p) => ({ ...p, basicPolicy: '新しい基本方針' }), 'basicPolicy');
    expect(await autosave.flush()).toBe(true);
    clock.advance(MINUTE);
    s().updatePolicy(policy.id, (p) => ({ ...p, basicPolicy: 'もう一度' }), 'basicPolicy');
    expect(await autosave.flush()).toBe(true);
    const versions = await listVersions(db, 'policy', policy.id);
    expect(versions.map((v) => [v.reason, (v.content as Policy).basicPolicy])).toEqual([['session', policy.basicPolicy]]);
  });

  it('moving a sheet to the trash, a new sheet and a change undone before it was written keep no version', async () => {
    const { db, session } = await setup();
    const { s, autosave } = await session();
    const fresh = s().createSheet()!;
    s().deleteSheet(KOIKI);
    typeAmount(s, 1);
    s().undo(JOHOKA);
    expect(await autosave.flush()).toBe(true);
    expect(await db.versions.count()).toBe(0);
    // The new sheet's first change after it was stored keeps its empty beginning.
    s().updateSheet(fresh, (sh) => ({ ...sh, name: '新しい事業' }), 'name');
    expect(await autosave.flush()).toBe(true);
    expect((await listVersions(db, 'sheet', fresh)).map((v) => (v.content as Sheet).name)).toEqual(['']);
  });

  it('a version lands with its write or not at all: a failed write keeps none, the retry keeps it', async () => {
    const { db, session, amounts } = await setup();
    const { s, autosave } = await session();
    const bulkPut = db.sheets.bulkPut.bind(db.sheets);
    let fail = true;
    db.sheets.bulkPut = ((...args: Parameters<typeof bulkPut>) =>
      fail ? Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })) : bulkPut(...args)) as typeof bulkPut;
    typeAmount(s, 2_800_000);
    expect(await autosave.flush()).toBe(false);
    expect(await db.versions.count()).toBe(0);
    expect((await loadFromDb(db))!.sheets.get(JOHOKA)!.amount).toBe(2_732_796);
    fail = false;
    expect(await autosave.flush()).toBe(true);
    expect((await amounts()).map(([reason, amount]) => [reason, amount])).toEqual([['session', 2_732_796]]);
  });

  it(`keeps the newest ${MAX_VERSIONS_PER_RECORD} versions of a record`, async () => {
    const { clock, session, amounts } = await setup();
    const { s, autosave } = await session();
    for (let i = 1; i <= MAX_VERSIONS_PER_RECORD + 5; i++) {
      typeAmount(s, i);
      expect(await autosave.flush()).toBe(true);
      clock.advance(VERSION_INTERVAL_MS);
    }
    const kept = await amounts();
    expect(kept).toHaveLength(MAX_VERSIONS_PER_RECORD);
    // Newest first: before the last write the sheet held 34; the oldest kept is what it held before write 6.
    expect(kept[0]![1]).toBe(MAX_VERSIONS_PER_RECORD + 4);
    expect(kept.at(-1)![1]).toBe(5);
    expect(kept.every(([reason]) => reason === 'periodic')).toBe(true);
  });

  it('writing before leaving keeps the version too, in the same transaction', async () => {
    const { clock, session, amounts } = await setup();
    const { s, autosave } = await session();
    typeAmount(s, 2_800_000);
    autosave.writeBeforeLeaving();
    await expect.poll(() => amounts()).toEqual([['session', 2_732_796, clock.iso()]]);
    await expect.poll(() => autosave.stats.versionsTaken).toBe(1);
    // Remembered: the next write within 10 minutes keeps none.
    typeAmount(s, 2_900_000);
    expect(await autosave.flush()).toBe(true);
    expect(await amounts()).toHaveLength(1);
  });

  it('after a change written by someone else (merge, restore), the next edit keeps what that change put in', async () => {
    const { db, clock, session, amounts } = await setup();
    const { s, autosave, statuses } = await session();
    typeAmount(s, 2_800_000);
    expect(await autosave.flush()).toBe(true);
    // As applyBulk does: paused, written in a transaction of its own, taken in by the store, told to the autosave.
    autosave.pause();
    const merged = { ...s().sheets.get(JOHOKA)!, amount: 3_000_000 };
    await db.sheets.put({ id: JOHOKA, sheet: merged, position: 8, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION });
    s().absorb({ sheets: [{ sheet: merged, position: 8 }], policies: [] });
    autosave.rememberWritten({ sheets: [{ id: JOHOKA, sheet: s().sheets.get(JOHOKA)!, position: 8, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION }] });
    autosave.resume();
    // Nothing is left to write, so the indicator does not stay at 保存中.
    expect(statuses.at(-1)?.state).toBe('saved');
    clock.advance(MINUTE);
    typeAmount(s, 3_100_000);
    expect(await autosave.flush()).toBe(true);
    expect((await amounts()).map(([reason, amount]) => [reason, amount])).toEqual([
      ['session', 3_000_000],
      ['session', 2_732_796],
    ]);
  });
});
