// The IndexedDB schema (Dexie): one record per sheet, per policy, a few settings, and records kept aside. Versioned.
import { Dexie, type EntityTable } from 'dexie';
import type { Policy, Sheet } from '../../../shared/domain/schema';
import { EXCHANGE_VERSION } from '../../../shared/exchange/format';
import { DB_VERSIONS } from './migrations';

export interface StoredSheet {
  id: string;
  sheet: Sheet;
  position: number;
  /** Set while the sheet is in the 削除済み list. */
  deletedAt: string | null;
  /** The exchange-format version `sheet` is written in (absent in records of database version 1). */
  formatVersion?: number;
}

export interface StoredPolicy {
  id: string;
  policy: Policy;
  formatVersion?: number;
}

export interface StoredSetting {
  /** scope: where the user was; initialised: set once the first document is stored; lockedYears: 確定済み 年度. */
  key: 'scope' | 'initialised' | 'lockedYears';
  value: unknown;
}

/** Why an earlier version was kept (履歴). */
export type VersionReason = 'session' | 'periodic' | 'merge' | 'next-year' | 'restore';

/** An earlier version of one sheet or policy, as it was at `takenAt`. */
export interface StoredVersion {
  seq?: number;
  kind: 'sheet' | 'policy';
  recordId: string;
  /** ISO time the version was taken (the content is what the record held just before). */
  takenAt: string;
  reason: VersionReason;
  /** The exchange-format version `content` is written in. */
  formatVersion: number;
  content: Sheet | Policy;
}

/**
 * What a sheet or policy was when a file last brought it in (or when the sample was stored): a hash of its content
 * without updatedAt. Opening a file compares with it to tell a change in the file from an edit made here since.
 */
export interface MergeBase {
  /** `sheet:<id>` or `policy:<id>`. */
  key: string;
  hash: string;
}

/** A record that failed validation on load: moved here as it was, with why, so it can be recovered by hand. */
export interface QuarantinedRecord {
  seq?: number;
  table: 'sheets' | 'policies' | 'settings';
  key: string;
  record: unknown;
  /** What was wrong, in Japanese, with the path of each problem. */
  problems: string[];
  keptAt: string;
}

export const DB_NAME = 'yosan-desk';

/** Records are written in the current exchange-format version. */
export const RECORD_FORMAT_VERSION = EXCHANGE_VERSION;

export type YosanDb = Dexie & {
  sheets: EntityTable<StoredSheet, 'id'>;
  policies: EntityTable<StoredPolicy, 'id'>;
  settings: EntityTable<StoredSetting, 'key'>;
  quarantine: EntityTable<QuarantinedRecord, 'seq'>;
  versions: EntityTable<StoredVersion, 'seq'>;
  mergeBases: EntityTable<MergeBase, 'key'>;
};

/**
 * Opens the database at the current schema version, upgrading an older one (migrations.ts). Strict durability:
 * a write is reported done only once it is on disk, so 保存済み is true even if the PC loses power right after.
 */
export function openDb(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}): YosanDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...options }) as YosanDb;
  for (const step of DB_VERSIONS) {
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
  return db;
}
