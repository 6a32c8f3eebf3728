// A merge through the app's own services (createServices with fake-indexeddb): 取り込む writes the chosen records,
// the versions they replace and the merge bases; a write that fails half-way leaves the database and the store as
// they were.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentHash } from '../../shared/domain/diff';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import type * as MergeChange from '../../renderer/src/features/merge/merge-change';
import type { YosanDb } from '../../renderer/src/persistence/db';
import type { AppServices } from '../../renderer/src/store/context';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const KOIKI = '5a1e0000-0000-4000-8000-000000000002';
const NEW_ID = '7a1e0000-0000-4000-8000-000000000001';

// createServices runs in a page: give it the few browser globals it touches (no Web Locks: it is the only window).
vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined });
vi.stubGlobal('document', { addEventListener: () => undefined, visibilityState: 'visible' });

let services: AppServices & { start: () => Promise<void> };
let mergeChange: typeof MergeChange;

beforeAll(async () => {
  const { createServices } = await import('../../renderer/src/app/bootstrap');
  mergeChange = await import('../../renderer/src/features/merge/merge-change');
  services = createServices();
  await services.start();
});
afterAll(() => {
  services?.database()?.close();
  vi.unstubAllGlobals();
});

const sample = loadSample();
function changedCopy(amount: number): ExchangeFile {
  const sheets = sample.sheets.map((s): Sheet => {
    if (s.id === JOHOKA) return { ...s, amount };
    if (s.id === KOIKI) return { ...s, notes: '財政課査定により見直し。' };
    return s;
  });
  return { ...sample, sheets: [...sheets, { ...sample.sheets[0]!, id: NEW_ID, name: '新規事業', items: [] }] };
}

/** A checksum of every table, to compare before and after. */
async function checksum(db: YosanDb): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

describe('取り込む through the app services', () => {
  it('a write that fails half-way changes nothing: not the database (every table), not the store', async () => {
    const db = services.database()!;
    const plan = await mergeChange.planMergeWith(services, [{ fileName: 'a.yosan.json', ...changedCopy(2_800_000) }]);
    expect(plan.counts).toMatchObject({ new: 1, changed: 2 });
    const before = await checksum(db);
    const state = services.store.getState();
    // The merge bases are written last, after the sheets and the versions: fail there.
    const put = vi.spyOn(db.mergeBases, 'bulkPut').mockImplementation((() => Promise.reject(new Error('QuotaExceededError'))) as never);
    const applied = await mergeChange.applyMerge(services, plan, new Map());
    put.mockRestore();
    expect(applied).toEqual({ ok: false, message: expect.stringContaining('何も変更していません') });
    expect(await checksum(db)).toBe(before);
    const after = services.store.getState();
    expect(after.sheets).toBe(state.sheets);
    expect(after.positions).toBe(state.positions);
    expect(after.policies).toBe(state.policies);
    expect(after.history).toBe(state.history);
    expect(after.sheets.get(JOHOKA)!.amount).toBe(2_732_796);
  });

  it('then succeeds: the records, the versions they replace (reason merge) and the bases; new sheets after the last', async () => {
    const db = services.database()!;
    const copy = changedCopy(2_800_000);
    const plan = await mergeChange.planMergeWith(services, [{ fileName: 'a.yosan.json', ...copy }]);
    const lastPosition = Math.max(...Object.values(services.store.getState().positions));
    const applied = await mergeChange.applyMerge(services, plan, new Map([[`sheet:${KOIKI}`, 'mine']]));
    expect(applied.ok && mergeChange.mergedNotice(applied.result)).toBe('2 件を取り込みました（新規 1、変更 1）。');
    const stored = await db.sheets.get(JOHOKA);
    expect(stored?.sheet.amount).toBe(2_800_000);
    expect((await db.sheets.get(KOIKI))?.sheet.notes).toBe(sample.sheets.find((s) => s.id === KOIKI)!.notes);
    expect((await db.sheets.get(NEW_ID))?.position).toBe(lastPosition + 1);
    const versions = await db.versions.where('[kind+recordId]').equals(['sheet', JOHOKA]).toArray();
    expect(versions.map((v) => [v.reason, (v.content as Sheet).amount])).toEqual([['merge', 2_732_796]]);
    expect((await db.mergeBases.get(`sheet:${JOHOKA}`))?.hash).toBe(contentHash(copy.sheets.find((s) => s.id === JOHOKA)!));
    const state = services.store.getState();
    expect(state.sheets.get(JOHOKA)!.amount).toBe(2_800_000);
    expect(state.sheets.get(NEW_ID)!.name).toBe('新規事業');
    expect(state.undo(JOHOKA)).toBe(true);
    expect(services.store.getState().sheets.get(JOHOKA)!.amount).toBe(2_732_796);
  });
});
