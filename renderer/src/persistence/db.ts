// The IndexedDB schema (Dexie): one record per sheet, per policy, and a few settings. Versioned with upgrades.
import { Dexie, type EntityTable } from 'dexie';
import type { Policy, Sheet } from '../../../shared/domain/schema';

export interface StoredSheet {
  id: string;
  sheet: Sheet;
  position: number;
  /** Set while the sheet is in the 削除済み list. */
  deletedAt: string | null;
}

export interface StoredPolicy {
  id: string;
  policy: Policy;
}

export interface StoredSetting {
  key: 'scope' | 'initialised';
  value: unknown;
}

export const DB_NAME = 'yosan-desk';

export type YosanDb = Dexie & {
  sheets: EntityTable<StoredSheet, 'id'>;
  policies: EntityTable<StoredPolicy, 'id'>;
  settings: EntityTable<StoredSetting, 'key'>;
};

/**
 * Opens the database. Strict durability: a write is reported done only once it is on disk, so 保存済み
 * is true even if the PC loses power right after.
 */
export function openDb(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}): YosanDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...options }) as YosanDb;
  db.version(1).stores({
    sheets: 'id',
    policies: 'id',
    settings: 'key',
  });
  return db;
}
