// Stored data survives schema changes and bad records: a database written by the version-1 schema opens in the current
// one with every record intact, and a record that fails validation is kept aside, named, and never deleted.
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, type StoredSheet } from '../../renderer/src/persistence/db';
import { loadFromDbChecked } from '../../renderer/src/persistence/load';
import { CURRENT_DB_VERSION } from '../../renderer/src/persistence/migrations';
import type { KeyProgram, Policy, Sheet } from '../../shared/domain/schema';
import { withItemIds, type ItemWithoutId } from '../helpers/sheet';

/** A version-1 record: 主な事業 without ids, key-program rows with `sheetId` (exchange format 1). */
type V1Sheet = Omit<Sheet, 'items'> & { items: ItemWithoutId[] };
type V1Program = Omit<KeyProgram, 'link'> & { sheetId: string | null };
type V1Policy = Omit<Policy, 'goals'> & { goals: { heading: string; programs: V1Program[] }[] };

interface Fixture {
  version: number;
  sheets: (Omit<StoredSheet, 'sheet'> & { sheet: V1Sheet })[];
  policies: { id: string; policy: V1Policy }[];
  settings: { key: string; value: unknown }[];
}

/** What format 2 makes of a version-1 policy: `sheetId` becomes `link`. */
function asFormat2(policy: V1Policy): Policy {
  return {
    ...policy,
    goals: policy.goals.map((goal) => ({
      ...goal,
      programs: goal.programs.map(({ sheetId, ...rest }) => ({ ...rest, link: sheetId === null ? null : { kind: 'sheet' as const, sheetId } })),
    })),
  };
}

/** Records written by the app while its database was at schema version 1 (the sample, edited: one sheet in the trash). */
const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/indexeddb-v1.json', import.meta.url), 'utf8')) as Fixture;

/** A database as version-1 code left it: the version-1 declaration, the fixture's records. */
async function versionOneDatabase(factory: IDBFactory, name: string): Promise<void> {
  const v1 = new Dexie(name, { indexedDB: factory, IDBKeyRange });
  v1.version(1).stores({ sheets: 'id', policies: 'id', settings: 'key' });
  await v1.table('sheets').bulkPut(FIXTURE.sheets);
  await v1.table('policies').bulkPut(FIXTURE.policies);
  await v1.table('settings').bulkPut(FIXTURE.settings);
  v1.close();
}

describe('IndexedDB migrations', () => {
  it('a version-1 database opens in the current schema with every record intact', async () => {
    expect(FIXTURE.version).toBe(1);
    const factory = new IDBFactory();
    await versionOneDatabase(factory, 'v1');
    const db = openDb('v1', { indexedDB: factory, IDBKeyRange });
    try {
      const loaded = await loadFromDbChecked(db);
      expect(db.verno).toBe(CURRENT_DB_VERSION);
      expect(loaded!.setAside).toEqual([]);
      const { data } = loaded!;
      for (const record of FIXTURE.sheets) {
        const inMemory = record.deletedAt === null ? data.sheets.get(record.id) : data.deleted[record.id]?.sheet;
        // Format 3: every 主な事業 has its derived id, every sheet carriedFrom null; nothing else changes.
        expect(inMemory).toEqual({ ...record.sheet, items: withItemIds(record.sheet.id, record.sheet.items), carriedFrom: null });
        expect(data.positions[record.id]).toBe(record.position);
        if (record.deletedAt !== null) expect(data.deleted[record.id]!.deletedAt).toBe(record.deletedAt);
      }
      expect([...data.sheets.keys()].length + Object.keys(data.deleted).length).toBe(FIXTURE.sheets.length);
      expect(data.policies).toEqual(FIXTURE.policies.map((p) => asFormat2(p.policy)));
      expect({ fiscalYear: data.fiscalYear, bureau: data.bureau, municipality: data.municipality }).toEqual(
        FIXTURE.settings.find((s) => s.key === 'scope')!.value,
      );
      // The upgrades rewrote each record in exchange format 3 and say so; no year is locked, no version kept yet.
      expect((await db.sheets.toArray()).map((r) => r.formatVersion)).toEqual(FIXTURE.sheets.map(() => 3));
      expect((await db.policies.toArray()).map((r) => r.formatVersion)).toEqual(FIXTURE.policies.map(() => 3));
      expect(await db.quarantine.count()).toBe(0);
      expect(data.lockedYears).toEqual([]);
      expect(await db.versions.count()).toBe(0);
      expect(await db.mergeBases.count()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('a record that fails validation is kept aside (never deleted), named, and the rest loads', async () => {
    const factory = new IDBFactory();
    await versionOneDatabase(factory, 'bad');
    const johoka = FIXTURE.sheets.find((r) => r.sheet.name === '情報化推進事業')!;
    const raw = new Dexie('bad', { indexedDB: factory, IDBKeyRange });
    raw.version(1).stores({ sheets: 'id', policies: 'id', settings: 'key' });
    await raw.table('sheets').put({ ...johoka, sheet: { ...johoka.sheet, amount: '2,732,796' } });
    await raw.table('sheets').put({ id: 'not-a-sheet', position: 99 });
    raw.close();

    const db = openDb('bad', { indexedDB: factory, IDBKeyRange });
    try {
      const loaded = (await loadFromDbChecked(db))!;
      expect(loaded.setAside.map((s) => s.label).sort()).toEqual(['事務事業「情報化推進事業」', '事務事業（ID not-a-sheet）']);
      expect(loaded.setAside.find((s) => s.label.includes('情報化推進事業'))!.problems).toEqual(['予算額: 数値でなければなりません。']);
      expect(loaded.data.sheets.get(johoka.id)).toBeUndefined();
      expect([...loaded.data.sheets.keys()].length + Object.keys(loaded.data.deleted).length).toBe(FIXTURE.sheets.length - 1);
      const kept = await db.quarantine.toArray();
      expect(kept.map((k) => k.key).sort()).toEqual([johoka.id, 'not-a-sheet'].sort());
      expect((kept.find((k) => k.key === johoka.id)!.record as StoredSheet).sheet.amount).toBe('2,732,796');

      // Loading again finds nothing new to set aside and loses nothing more.
      const again = (await loadFromDbChecked(db))!;
      expect(again.setAside).toEqual([]);
      expect(again.data.sheets.toRecord()).toEqual(loaded.data.sheets.toRecord());
      expect(await db.quarantine.count()).toBe(2);
    } finally {
      db.close();
    }
  });
});
