// "After any actions and a flush, the database equals memory": fast-check drives the store and the autosave on
// fake-indexeddb with every kind of action, including pauses, replaced files and writes that fail and are retried.
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { ExchangeFile, SheetStatus } from '../../shared/domain/schema';
import { startAutosave, type Autosave } from '../../renderer/src/persistence/autosave';
import { openDb, type YosanDb } from '../../renderer/src/persistence/db';
import { loadFromDb, loadOrInitialise } from '../../renderer/src/persistence/load';
import { createSheetsStore, type SheetsData, type SheetsStore } from '../../renderer/src/store/sheets-store';
import { loadSample } from '../helpers/sample';
import { makeSheet } from '../helpers/sheet';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const KOIKI = '5a1e0000-0000-4000-8000-000000000002';

type Action =
  | { kind: 'type'; pick: number; field: 'amount' | 'name' | 'notes'; value: number }
  | { kind: 'undo' | 'redo' | 'duplicate' | 'delete'; pick: number }
  | { kind: 'status'; pick: number; status: SheetStatus }
  | { kind: 'create' | 'emptyTrash' | 'pause' | 'resume' | 'wait' | 'flush' }
  | { kind: 'restore'; pick: number }
  | { kind: 'scope'; fiscalYear: number; bureau: string }
  | { kind: 'replace'; keep: number[]; extra: number }
  | { kind: 'failWrites'; count: number };

const pick = fc.nat({ max: 40 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), pick, field: fc.constantFrom('amount' as const, 'name' as const, 'notes' as const), value: fc.nat({ max: 9_999_999 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const, 'duplicate' as const, 'delete' as const), pick }) },
  fc.record({ kind: fc.constant('status' as const), pick, status: fc.constantFrom('draft' as const, 'review' as const, 'final' as const) }),
  fc.record({ kind: fc.constantFrom('create' as const, 'emptyTrash' as const, 'pause' as const, 'resume' as const, 'wait' as const, 'flush' as const) }),
  fc.record({ kind: fc.constant('restore' as const), pick }),
  fc.record({ kind: fc.constant('scope' as const), fiscalYear: fc.constantFrom(2015, 2016), bureau: fc.constantFrom('政策局', '総務局') }),
  fc.record({ kind: fc.constant('replace' as const), keep: fc.subarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), extra: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('failWrites' as const), count: fc.integer({ min: 1, max: 3 }) }),
);

interface Harness {
  store: SheetsStore;
  db: YosanDb;
  autosave: Autosave;
  /** Writes fail (QuotaExceededError) while this is above 0; each failed transaction counts one down. */
  failures: { left: number };
  reopen: () => Promise<SheetsData | null>;
  close: () => void;
}

async function harness(): Promise<Harness> {
  const factory = new IDBFactory();
  const db = openDb('property', { indexedDB: factory, IDBKeyRange });
  const store = createSheetsStore();
  store.getState().hydrate(await loadOrInitialise(db, loadSample));
  const failures = { left: 0 };
  const bulkPut = db.sheets.bulkPut.bind(db.sheets);
  db.sheets.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
    if (failures.left > 0) {
      failures.left -= 1;
      return Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    }
    return bulkPut(...args);
  }) as typeof bulkPut;
  const autosave = startAutosave(store, db, { delayMs: 2, retryMs: 3 });
  const opened: YosanDb[] = [db];
  return {
    store,
    db,
    autosave,
    failures,
    reopen: () => {
      const again = openDb('property', { indexedDB: factory, IDBKeyRange });
      opened.push(again);
      return loadFromDb(again);
    },
    close: () => {
      autosave.stop();
      for (const d of opened) d.close();
    },
  };
}

function otherFile(keep: readonly number[], extra: number): ExchangeFile {
  const sample = loadSample();
  const kept = keep.map((i) => sample.sheets[i]).filter((s) => s !== undefined);
  const added = Array.from({ length: extra }, (_, i) => makeSheet({ name: `別ファイルの事業${i + 1}` }));
  return { ...sample, sheets: [...kept, ...added] };
}

async function apply(h: Harness, a: Action): Promise<void> {
  const s = h.store.getState();
  const live = [...s.sheets.keys()].sort();
  const trashed = Object.keys(s.deleted).sort();
  const target = 'pick' in a ? live[a.pick % Math.max(1, live.length)] : undefined;
  switch (a.kind) {
    case 'type':
      if (target) s.updateSheet(target, (sh) => (a.field === 'amount' ? { ...sh, amount: a.value } : { ...sh, [a.field]: `入力${a.value}` }), a.field);
      return;
    case 'undo':
      if (target) s.undo(target);
      return;
    case 'redo':
      if (target) s.redo(target);
      return;
    case 'duplicate':
      if (target) s.duplicateSheet(target);
      return;
    case 'delete':
      if (target) s.deleteSheet(target);
      return;
    case 'status':
      if (target) s.setStatus(target, a.status);
      return;
    case 'restore': {
      const id = trashed[a.pick % Math.max(1, trashed.length)];
      if (id) s.restoreSheet(id);
      return;
    }
    case 'create':
      s.createSheet();
      return;
    case 'emptyTrash':
      s.emptyTrash();
      return;
    case 'scope':
      s.selectScope(a.fiscalYear, a.bureau);
      return;
    case 'replace':
      s.replaceWith(otherFile(a.keep, a.extra));
      return;
    case 'pause':
      h.autosave.pause();
      return;
    case 'resume':
      h.autosave.resume();
      return;
    case 'wait':
      await new Promise((r) => setTimeout(r, 4));
      return;
    case 'flush':
      await h.autosave.flush();
      return;
    case 'failWrites':
      h.failures.left += a.count;
      return;
  }
}

/** The stored document as loaded back, against memory: every sheet, trash entry, position, policy and the scope. */
async function expectDatabaseEqualsMemory(h: Harness): Promise<void> {
  const stored = await h.reopen();
  const memory = h.store.getState();
  expect(stored).not.toBeNull();
  expect(stored!.sheets.toRecord()).toEqual(memory.sheets.toRecord());
  expect(stored!.deleted).toEqual(memory.deleted);
  const ids = [...[...memory.sheets.keys()], ...Object.keys(memory.deleted)];
  expect(Object.fromEntries(ids.map((id) => [id, stored!.positions[id]]))).toEqual(Object.fromEntries(ids.map((id) => [id, memory.positions[id]])));
  expect(stored!.policies).toEqual(memory.policies);
  expect({ fiscalYear: stored!.fiscalYear, bureau: stored!.bureau, municipality: stored!.municipality }).toEqual({
    fiscalYear: memory.fiscalYear,
    bureau: memory.bureau,
    municipality: memory.municipality,
  });
}

async function run(actions: readonly Action[]): Promise<void> {
  const h = await harness();
  try {
    for (const a of actions) await apply(h, a);
    h.failures.left = 0;
    expect(await h.autosave.flush()).toBe(true);
    await expectDatabaseEqualsMemory(h);
  } finally {
    h.close();
  }
}

describe('autosave: the database equals memory after any actions and a flush', () => {
  it('holds for random sequences of every kind of action', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { maxLength: 30 }), (actions) => run(actions)), { numRuns: 60 });
  });

  it('pause, edit 予算額 of 情報化推進事業, edit another sheet, resume, flush: both edits are stored', async () => {
    const h = await harness();
    try {
      h.autosave.pause();
      h.store.getState().updateSheet(JOHOKA, (sh) => ({ ...sh, amount: 2_800_000 }), 'amount');
      h.store.getState().updateSheet(KOIKI, (sh) => ({ ...sh, notes: '二つ目の編集' }), 'notes');
      h.autosave.resume();
      expect(await h.autosave.flush()).toBe(true);
      const stored = await h.reopen();
      expect(stored!.sheets.get(JOHOKA)!.amount).toBe(2_800_000);
      expect(stored!.sheets.get(KOIKI)!.notes).toBe('二つ目の編集');
    } finally {
      h.close();
    }
  });

  it('opening a file with fewer sheets (replace): the sheets it lacks do not come back after a reload', async () => {
    const h = await harness();
    try {
      h.store.getState().replaceWith(otherFile([0, 7], 1));
      expect(await h.autosave.flush()).toBe(true);
      const stored = await h.reopen();
      expect(stored!.sheets.toArray().map((s) => s.name).sort()).toEqual(['企画調整事務事業', '情報化推進事業', '別ファイルの事業1'].sort());
      expect(stored!.deleted).toEqual({});
    } finally {
      h.close();
    }
  });

  it('writes that fail twice and are retried lose nothing', async () => {
    await run([
      { kind: 'failWrites', count: 2 },
      { kind: 'type', pick: 3, field: 'amount', value: 123 },
      { kind: 'wait' },
      { kind: 'delete', pick: 1 },
      { kind: 'flush' },
      { kind: 'create' },
    ]);
  });
});
