// Earlier versions of sheets and policies (履歴): taking them inside a caller's transaction, pruning, listing.
import type { Policy, Sheet } from '../../../shared/domain/schema';
import { RECORD_FORMAT_VERSION, type StoredVersion, type VersionReason, type YosanDb } from './db';

/**
 * How many versions each sheet or policy keeps: the newest 30. At most one is taken per 10 minutes of editing, so 30
 * cover several days of steady work on one sheet (more than the autumn's usual review cycle), while 1,500 sheets of
 * about 3 KB stay under 150 MB even if every one of them were edited that much.
 */
export const MAX_VERSIONS_PER_RECORD = 30;

/** A version to keep: what a record held just before `reason` changed it. */
export interface VersionToTake {
  kind: 'sheet' | 'policy';
  content: Sheet | Policy;
  reason: VersionReason;
}

/**
 * Adds versions and prunes each record's list to MAX_VERSIONS_PER_RECORD. Call it inside a transaction that
 * includes `db.versions`, so the versions land together with the change they come before (or not at all).
 */
export async function addVersions(db: YosanDb, versions: readonly VersionToTake[], takenAt: Date): Promise<void> {
  if (versions.length === 0) return;
  const at = takenAt.toISOString();
  await db.versions.bulkAdd(
    versions.map((v) => ({ kind: v.kind, recordId: v.content.id, takenAt: at, reason: v.reason, formatVersion: RECORD_FORMAT_VERSION, content: v.content })),
  );
  const touched = new Map(versions.map((v) => [`${v.kind}:${v.content.id}`, v]));
  for (const v of touched.values()) await pruneVersions(db, v.kind, v.content.id);
}

/** Keeps the newest MAX_VERSIONS_PER_RECORD versions of one record. */
export async function pruneVersions(db: YosanDb, kind: 'sheet' | 'policy', recordId: string): Promise<void> {
  const keys = await db.versions.where('[kind+recordId]').equals([kind, recordId]).primaryKeys();
  if (keys.length <= MAX_VERSIONS_PER_RECORD) return;
  const sorted = [...keys].sort((a, b) => (a ?? 0) - (b ?? 0));
  await db.versions.bulkDelete(sorted.slice(0, sorted.length - MAX_VERSIONS_PER_RECORD));
}

/** The versions of one record, newest first. */
export async function listVersions(db: YosanDb, kind: 'sheet' | 'policy', recordId: string): Promise<StoredVersion[]> {
  const list = await db.versions.where('[kind+recordId]').equals([kind, recordId]).toArray();
  return list.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
}
