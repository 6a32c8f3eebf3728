import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutosave, type SaveStatus } from '../../renderer/src/persistence/autosave';
import { openDb } from '../../renderer/src/persistence/db';
import { loadFromDb, loadOrInitialise } from '../../renderer/src/persistence/load';
import { createSheetsStore } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const KOIKI = '5a1e0000-0000-4000-8000-000000000002';
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function setup(options: { delayMs?: number } = {}) {
  const factory = new IDBFactory();
  const db = openDb('test', { indexedDB: factory, IDBKeyRange });
  const store = createSheetsStore();
  store.getState().hydrate(await loadOrInitialise(db, loadSample));
  const statuses: SaveStatus[] = [];
  const autosave = startAutosave(store, db, { delayMs: options.delayMs ?? 20, retryMs: 60_000, onStatus: (st) => statuses.push(st) });
  cleanup.push(() => autosave.stop(), () => db.close());
  const reopen = async () => {
    const again = openDb('test', { indexedDB: factory, IDBKeyRange });
    cleanup.push(() => again.close());
    return loadFromDb(again);
  };
  return { db, store, autosave, statuses, reopen, s: () => store.getState() };
}

const until = async (check: () => Promise<boolean> | boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('autosave to IndexedDB', () => {
  it('first run stores the sample; an edit writes exactly that one sheet, without a flush', async () => {
    const { db, s, autosave, statuses } = await setup();
    expect(await db.sheets.count()).toBe(10);
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount');
    await until(async () => (await db.sheets.get(JOHOKA))?.sheet.amount === 2_800_000);
    expect(autosave.stats.lastTransactionSheets).toBe(1);
    expect(autosave.stats.sheetRecordsWritten).toBe(1);
    expect(statuses.map((st) => st.state)).toEqual(['saving', 'saved']);
  });

  it('a sheet changed without the store naming it (a hint left stale) is still written, as is the edit named after it', async () => {
    const { db, s, store, autosave } = await setup();
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount');
    await until(async () => (await db.sheets.get(JOHOKA))?.sheet.amount === 1);
    // A change of another sheet that does not go through the store's commit: the hint still names JOHOKA.
    const koiki = s().sheets.get(KOIKI)!;
    store.setState({ sheets: s().sheets.set(KOIKI, { ...koiki, name: '名前だけ変えた' }) });
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2 }), 'amount');
    expect(await autosave.flush()).toBe(true);
    expect((await db.sheets.get(KOIKI))?.sheet.name).toBe('名前だけ変えた');
    expect((await db.sheets.get(JOHOKA))?.sheet.amount).toBe(2);
  });

  it('a burst of keystrokes is written while it goes on (throttled, not postponed to the end)', async () => {
    const { db, s } = await setup({ delayMs: 30 });
    let written = false;
    for (let i = 1; i <= 20; i++) {
      s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: i }), 'amount');
      await new Promise((r) => setTimeout(r, 10));
      if ((await db.sheets.get(JOHOKA))?.sheet.amount !== 2_732_796) written = true;
    }
    expect(written).toBe(true);
  });

  it('flush writes at once; reload gives back every change, including undo, trash and scope', async () => {
    const { s, autosave, reopen } = await setup({ delayMs: 60_000 });
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 1 }), 'amount');
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, specificFunding: [...sh.specificFunding, { source: '県支出金', revenueKan: 16, amount: 5 }] }));
    s().undo(JOHOKA);
    const fresh = s().createSheet()!;
    s().deleteSheet('5a1e0000-0000-4000-8000-000000000001');
    s().selectScope(2015, '政策局');
    expect(await autosave.flush()).toBe(true);
    const data = (await reopen())!;
    expect(data.sheets.get(JOHOKA)!.amount).toBe(1);
    expect(data.sheets.get(JOHOKA)!.specificFunding).toHaveLength(2);
    expect(data.sheets.get(fresh)).toBeDefined();
    expect(data.deleted['5a1e0000-0000-4000-8000-000000000001']!.sheet.name).toBe('企画調整事務事業');
    expect([...data.sheets.keys()]).toHaveLength(10);
  });

  it('a failed write shows a Japanese message, keeps everything in memory, and succeeds later', async () => {
    const { db, s, autosave, statuses } = await setup({ delayMs: 60_000 });
    const realBulkPut = db.sheets.bulkPut.bind(db.sheets);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    db.sheets.bulkPut = (() => Promise.reject(quota)) as unknown as typeof db.sheets.bulkPut;
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 7 }), 'amount');
    expect(await autosave.flush()).toBe(false);
    expect(statuses.at(-1)!.state).toBe('error');
    expect(statuses.at(-1)!.message).toMatch(/ディスクの空き容量が足りない/);
    // The sheet is named: everything else is on disk.
    expect(statuses.at(-1)!.message).toMatch(/事務事業「情報化推進事業」を保存できませんでした（ほかの入力は保存済みです）/);
    expect(s().sheets.get(JOHOKA)!.amount).toBe(7);
    db.sheets.bulkPut = realBulkPut;
    expect(await autosave.flush()).toBe(true);
    expect((await db.sheets.get(JOHOKA))!.sheet.amount).toBe(7);
    expect(statuses.at(-1)!.state).toBe('saved');
  });

  it('paused during an import, then resumed: the changes made meanwhile are still written', async () => {
    const { db, s, autosave } = await setup({ delayMs: 60_000 });
    autosave.pause();
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 42 }), 'amount');
    autosave.resume();
    expect(await autosave.flush()).toBe(true);
    expect((await db.sheets.get(JOHOKA))!.sheet.amount).toBe(42);
  });

  it('emptying the trash deletes the records', async () => {
    const { db, s, autosave } = await setup({ delayMs: 60_000 });
    s().deleteSheet(JOHOKA);
    await autosave.flush();
    expect((await db.sheets.get(JOHOKA))!.deletedAt).not.toBeNull();
    s().emptyTrash();
    await autosave.flush();
    expect(await db.sheets.get(JOHOKA)).toBeUndefined();
  });
  it('one sheet that cannot be written does not hold back the others; the message names it and clears once it saves', async () => {
    const { db, s, autosave, statuses, reopen } = await setup({ delayMs: 60_000 });
    const realBulkPut = db.sheets.bulkPut.bind(db.sheets);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    let johokaTooLarge = true;
    db.sheets.bulkPut = ((records: readonly { id: string }[]) =>
      johokaTooLarge && records.some((r) => r.id === JOHOKA) ? Promise.reject(quota) : realBulkPut(records as never)) as unknown as typeof db.sheets.bulkPut;
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, purpose: 'とても長い文章'.repeat(10) }), 'purpose');
    s().updateSheet(KOIKI, (sh) => ({ ...sh, amount: 300 }), 'amount');
    expect(await autosave.flush()).toBe(false);
    expect(statuses.at(-1)!.state).toBe('error');
    expect(statuses.at(-1)!.message).toMatch(/事務事業「情報化推進事業」を保存できませんでした（ほかの入力は保存済みです）/);
    expect((await reopen())!.sheets.get(KOIKI)!.amount).toBe(300);
    johokaTooLarge = false;
    expect(await autosave.flush()).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'saved', message: null });
    expect((await reopen())!.sheets.get(JOHOKA)!.purpose).toMatch(/^とても長い文章/);
  });
  it('writing before leaving commits at once, without waiting for the timer', async () => {
    const { s, autosave, reopen, statuses } = await setup({ delayMs: 60_000 });
    s().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount');
    s().deleteSheet(KOIKI);
    autosave.writeBeforeLeaving();
    await until(async () => (await reopen())?.sheets.get(JOHOKA)?.amount === 2_800_000);
    const stored = (await reopen())!;
    expect(stored.deleted[KOIKI]).toBeDefined();
    await until(() => statuses.at(-1)?.state === 'saved');
    // What it wrote is remembered: the next flush has nothing left to write.
    const before = autosave.stats.transactions;
    expect(await autosave.flush()).toBe(true);
    expect(autosave.stats.transactions).toBe(before);
  });
});

