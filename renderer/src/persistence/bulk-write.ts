// Changes of many records at once (a merge of opened files, 次年度の作成, a restore from 履歴): written in one
// IndexedDB transaction together with the versions they come before, so they land whole or not at all.
import type { Policy, Sheet } from '../../../shared/domain/schema';
import { RECORD_FORMAT_VERSION, type MergeBase, type YosanDb } from './db';
import { addVersions, type VersionToTake } from './versions';

export interface BulkChange {
  /** Live sheets to put: new ones, or replacing what is held (a sheet in the trash comes back). */
  sheets: readonly { sheet: Sheet; position: number }[];
  /** Policies to put: new ones, or replacing the one with the same id. */
  policies: readonly Policy[];
  /** The whole list of 確定済み years after the change; left out when it does not change. */
  lockedYears?: readonly number[];
  /** What records held just before the change, kept as versions (履歴). */
  versions: readonly VersionToTake[];
  /** What the records now are as a file brought them, for the next merge to compare with. */
  mergeBases?: readonly MergeBase[];
}

/** Test seam: called inside the transaction after the records are written, so a test can fail it half-way. */
export interface BulkWriteOptions {
  now?: Date;
  afterRecords?: () => void | Promise<void>;
}

/** Writes a bulk change in one transaction; throws (and nothing is written) when any part fails. */
export async function writeBulkChange(db: YosanDb, change: BulkChange, options: BulkWriteOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  await db.transaction('rw', [db.sheets, db.policies, db.settings, db.versions, db.mergeBases], async () => {
    await addVersions(db, change.versions, now);
    if (change.sheets.length > 0) {
      await db.sheets.bulkPut(
        change.sheets.map(({ sheet, position }) => ({ id: sheet.id, sheet, position, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION })),
      );
    }
    if (change.policies.length > 0) {
      await db.policies.bulkPut(change.policies.map((policy) => ({ id: policy.id, policy, formatVersion: RECORD_FORMAT_VERSION })));
    }
    if (change.lockedYears) await db.settings.put({ key: 'lockedYears', value: [...change.lockedYears] });
    if (change.mergeBases && change.mergeBases.length > 0) await db.mergeBases.bulkPut([...change.mergeBases]);
    await options.afterRecords?.();
  });
}
