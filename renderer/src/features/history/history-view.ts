// What the 履歴 panel shows of a version: its reason and time in Japanese, what differs from today, the restore to apply.
import { policyChanges, sheetChanges, summarizeChanges, type FieldChange } from '../../../../shared/domain/diff';
import type { Policy, Sheet } from '../../../../shared/domain/schema';
import type { BulkChange } from '../../persistence/bulk-write';
import type { StoredVersion, VersionReason } from '../../persistence/db';

export type RecordKind = StoredVersion['kind'];

/** Why a version was kept, as the list says it. */
export const reasonLabels: Record<VersionReason, string> = {
  session: '編集開始',
  periodic: '編集中',
  merge: '取り込み前',
  'next-year': '次年度の作成前',
  restore: '復元前',
};

/** 「11月30日 14:05」, with the year in front when it is not this year's (local time). */
export function formatTakenAt(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = `${at.getHours()}:${String(at.getMinutes()).padStart(2, '0')}`;
  const day = `${at.getMonth() + 1}月${at.getDate()}日`;
  return at.getFullYear() === now.getFullYear() ? `${day} ${time}` : `${at.getFullYear()}年${day} ${time}`;
}

/** The fields that differ between a version (before) and today's content (after). */
export function changesSince(
  kind: RecordKind,
  version: Sheet | Policy,
  current: Sheet | Policy,
  sheetName: (id: string) => string | undefined = () => undefined,
): FieldChange[] {
  return kind === 'sheet' ? sheetChanges(version as Sheet, current as Sheet) : policyChanges(version as Policy, current as Policy, sheetName);
}

/** The one line of the list: figures with both values, then other fields by name. */
export function versionSummary(
  kind: RecordKind,
  version: Sheet | Policy,
  current: Sheet | Policy,
  sheetName: (id: string) => string | undefined = () => undefined,
): string {
  return summarizeChanges(changesSince(kind, version, current, sheetName));
}

/**
 * A text split where it stops agreeing with the other: the same start, the differing middle (to mark), the same end.
 * Enough to point at the changed words of a long 事業の目的・内容 without a full diff.
 */
export function splitDifference(text: string, other: string): { head: string; changed: string; tail: string } {
  const a = Array.from(text);
  const b = Array.from(other);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { head: a.slice(0, start).join(''), changed: a.slice(start, a.length - end).join(''), tail: a.slice(a.length - end).join('') };
}

/**
 * The bulk change that puts a version back: the chosen content with updatedAt now and the record's own id, plus a
 * version of what is there now (reason 'restore'), so the restore can be undone and is itself in the list.
 */
export function restoreChange(kind: RecordKind, version: Sheet | Policy, current: Sheet | Policy, position: number, now: Date): BulkChange {
  const at = now.toISOString();
  if (kind === 'sheet') {
    const sheet: Sheet = { ...(version as Sheet), id: current.id, updatedAt: at };
    return { sheets: [{ sheet, position }], policies: [], versions: [{ kind, content: current, reason: 'restore' }] };
  }
  const policy: Policy = { ...(version as Policy), id: current.id };
  return { sheets: [], policies: [policy], versions: [{ kind, content: current, reason: 'restore' }] };
}
