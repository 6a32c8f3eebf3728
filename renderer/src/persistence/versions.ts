// Earlier versions of sheets and policies (履歴): taking them inside a caller's transaction, pruning, listing.
import type { Policy, Sheet } from '../../../shared/domain/schema';
import { RECORD_FORMAT_VERSION, type StoredVersion, type VersionReason, type YosanDb } from './db';

/**
 * How many versions each sheet or policy keeps: the newest 30, older ones are deleted as new ones come. The autosave
 * takes one when a record's editing starts in a session and then at most one per 10 minutes of editing, and each
 * merge, 次年度の作成 and restore one more; so 30 reach back over 10 to 15 sittings of 20–30 minutes on one sheet (a
 * drafting season's revisions and reviews), or 5 hours of typing in it without a break. Size: the sample's sheets
 * are 1.2–2.6 KB of JSON and its 局運営方針 16 KB, so a full list is about 80 KB per sheet and 0.5 MB per policy: a
 * bureau of 100 sheets with every list full about 8 MB, even 1,500 sheets about 120 MB, within IndexedDB's quota.
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
