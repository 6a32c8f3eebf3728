// A merge against the store's state: what is held (for planMerge) and the one bulk change its choices write
// (positions after the list's last for new sheets, the replaced records kept as versions, the merge bases).
import {
  applyMergeChoices,
  planMerge,
  type MergeChoice,
  type MergeIncoming,
  type MergeLocal,
  type MergePlan,
  type MergeResult,
} from '../../../../shared/domain/merge';
import type { BulkChange } from '../../persistence/bulk-write';
import type { YosanDb } from '../../persistence/db';
import type { AppServices } from '../../store/context';
import { nextPosition, type SheetsState } from '../../store/sheets-store';

/** Every sheet (live and in the trash) and policy held, of every 年度 and 局, and the 確定済み years. */
export function heldForMerge(state: Pick<SheetsState, 'sheets' | 'positions' | 'deleted' | 'policies' | 'lockedYears'>): MergeLocal {
  return {
    // In the list's order, so the preview lists them as the user knows them.
    sheets: state.sheets.toArray().sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0)),
    trashed: Object.values(state.deleted).map((entry) => entry.sheet),
    policies: state.policies,
    lockedYears: state.lockedYears,
  };
}

/** The records a merge writes, in one transaction: held sheets keep their place, new ones follow the list's last. */
export function mergeChangeOf(state: Pick<SheetsState, 'positions'>, result: MergeResult): BulkChange {
  let next = nextPosition(state.positions);
  return {
    sheets: result.sheets.map(({ sheet }) => {
      const held = state.positions[sheet.id];
      return { sheet, position: held ?? next++ };
    }),
    policies: result.policies.map(({ policy }) => policy),
    versions: result.replaced.map((r) => ({ kind: r.kind, content: r.content, reason: 'merge' as const })),
    mergeBases: result.bases,
  };
}

/** 「3 件を取り込みました（新規 1、変更 2）。」, or that nothing was taken. */
export function mergedNotice(result: MergeResult): string {
  const { new: added, changed } = result.counts;
  if (added + changed === 0) return '取り込んだものはありません（すべて同じか、こちらを残しました）。';
  return `${added + changed} 件を取り込みました（新規 ${added}、変更 ${changed}）。`;
}

/** The merge bases stored (`sheet:<id>` → hash); empty without a database (nothing then tells 変更 from 競合). */
export async function readMergeBases(db: YosanDb | null): Promise<Map<string, string>> {
  if (!db) return new Map();
  const bases = await db.mergeBases.toArray();
  return new Map(bases.map((b) => [b.key, b.hash]));
}

/** Compares the opened files with what the store holds and the stored bases. */
export async function planMergeWith(services: Pick<AppServices, 'store' | 'database'>, files: readonly MergeIncoming[]): Promise<MergePlan> {
  const bases = await readMergeBases(services.database());
  return planMerge(heldForMerge(services.store.getState()), files, bases);
}

/** Writes the chosen records through applyBulk (all or nothing); the result says what was taken. */
export async function applyMerge(
  services: Pick<AppServices, 'store' | 'applyBulk'>,
  plan: MergePlan,
  choices: ReadonlyMap<string, MergeChoice>,
): Promise<{ ok: true; result: MergeResult } | { ok: false; message: string }> {
  const result = applyMergeChoices(plan, choices);
  const written = await services.applyBulk(mergeChangeOf(services.store.getState(), result));
  return written.ok ? { ok: true, result } : written;
}
