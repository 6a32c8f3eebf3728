// Bringing opened files into what is held (開く, 復元): which records are new, changed in the file, the same, edited here,
// or in conflict, what to keep by default, and the records to write once the user has chosen. Pure.
import { contentHash, policyChanges, sheetChanges, type FieldChange } from './diff';
import type { Policy, Sheet } from './schema';

/**
 * - new: nothing held has the record's id (a 局運営方針: nor its 局 and 年度).
 * - changed: the file differs, and the record held has not been edited since a file last brought it (its hash = base).
 * - same: the content is the same (updatedAt aside).
 * - edited-here: the file is what a file last brought, but the record has been edited here since (or deleted here).
 * - conflict: both differ from the base, or there is no base to tell.
 */
export type MergeState = 'new' | 'changed' | 'same' | 'edited-here' | 'conflict';

export const mergeStateLabels: Readonly<Record<MergeState, string>> = {
  new: '新規',
  changed: '変更',
  same: '同じ',
  'edited-here': 'こちらで編集済み',
  conflict: '競合',
};

/** こちら (what is held) or ファイル (the opened file's). */
export type MergeChoice = 'mine' | 'theirs';

export const mergeChoiceLabels: Readonly<Record<MergeChoice, string>> = { mine: 'こちら', theirs: 'ファイル' };

/** What is held: live sheets, sheets in the trash (削除済み), policies and the 確定済み years. */
export interface MergeLocal {
  sheets: readonly Sheet[];
  trashed: readonly Sheet[];
  policies: readonly Policy[];
  lockedYears: readonly number[];
}

/** One opened file's records, with the file's name for the preview. */
export interface MergeIncoming {
  fileName: string;
  sheets: readonly Sheet[];
  policies: readonly Policy[];
}

/** `sheet:<id>` / `policy:<id>` → contentHash of the record as a file last brought it (or as the sample was stored). */
export type MergeBases = ReadonlyMap<string, string>;

interface RowCommon {
  /** `sheet:<id>` or `policy:<id>` (the id of the record held, when there is one): the merge-base key too. */
  key: string;
  /** The file the row's record comes from: the last of the files that hold it. */
  fileName: string;
  /** Earlier files that held the same record; the later file won. */
  overridden: string[];
  state: MergeState;
  /** The fields that differ, what is held → the file's (empty for new and same). */
  changes: FieldChange[];
  /** Preselected: ファイル for new and changed, こちら for edited-here and conflict, null (nothing to choose) for same. */
  defaultChoice: MergeChoice | null;
  /** The record's 年度 is 確定済み here: only こちら can be kept. */
  locked: boolean;
}

export type MergeRow =
  | (RowCommon & { kind: 'sheet'; incoming: Sheet; local: Sheet | null; localTrashed: boolean })
  | (RowCommon & { kind: 'policy'; incoming: Policy; local: Policy | null; localTrashed: false });

export interface MergePlan {
  /** One row per record the files hold, in the order the files and their records were given. */
  rows: MergeRow[];
  counts: Readonly<Record<MergeState, number>>;
}

export const sheetKey = (id: string): string => `sheet:${id}`;
export const policyKey = (id: string): string => `policy:${id}`;

function stateOf(local: Sheet | Policy | null, incoming: Sheet | Policy, base: string | undefined, trashed: boolean): MergeState {
  if (local === null) return 'new';
  const mine = contentHash(local);
  const theirs = contentHash(incoming);
  // Deleting here is an edit made here: the file's copy comes back only when chosen.
  if (trashed) return mine === theirs || base === theirs ? 'edited-here' : 'conflict';
  if (mine === theirs) return 'same';
  if (base === mine) return 'changed';
  if (base === theirs) return 'edited-here';
  return 'conflict';
}

function defaultChoiceOf(state: MergeState, locked: boolean): MergeChoice | null {
  if (state === 'same') return null;
  if (locked) return 'mine';
  return state === 'new' || state === 'changed' ? 'theirs' : 'mine';
}

/**
 * Compares every sheet and 局運営方針 of the opened files with what is held. Sheets match by id (one in the trash
 * counts as held); a policy by id, else by its 局 and 年度 (there is one per 局 and 年度: the file's then takes the
 * held one's id). The same record in several files: the later file wins and the row names it.
 */
export function planMerge(local: MergeLocal, incoming: readonly MergeIncoming[], bases: MergeBases): MergePlan {
  const live = new Map(local.sheets.map((s) => [s.id, s]));
  const trash = new Map(local.trashed.map((s) => [s.id, s]));
  const policiesById = new Map(local.policies.map((p) => [p.id, p]));
  const scopeKey = (p: Pick<Policy, 'bureau' | 'fiscalYear'>) => `${p.fiscalYear}\u0000${p.bureau}`;
  const policiesByScope = new Map(local.policies.map((p) => [scopeKey(p), p]));
  const locked = new Set(local.lockedYears);

  const order: string[] = [];
  const chosen = new Map<string, { fileName: string; overridden: string[]; sheet?: Sheet; policy?: Policy }>();
  const take = (key: string, fileName: string, record: { sheet: Sheet } | { policy: Policy }) => {
    const earlier = chosen.get(key);
    if (!earlier) order.push(key);
    const overridden = earlier ? [...earlier.overridden, earlier.fileName].filter((name) => name !== fileName) : [];
    chosen.set(key, { fileName, overridden, ...record });
  };
  // A new policy's row is found again by its 局 and 年度 when a later file holds one under another id.
  const newPolicyKeys = new Map<string, string>();
  for (const file of incoming) {
    for (const sheet of file.sheets) take(sheetKey(sheet.id), file.fileName, { sheet });
    for (const policy of file.policies) {
      const held = policiesById.get(policy.id) ?? policiesByScope.get(scopeKey(policy));
      if (held) {
        take(policyKey(held.id), file.fileName, { policy: { ...policy, id: held.id } });
        continue;
      }
      const key = newPolicyKeys.get(scopeKey(policy)) ?? policyKey(policy.id);
      newPolicyKeys.set(scopeKey(policy), key);
      const id = key.slice('policy:'.length);
      take(key, file.fileName, { policy: { ...policy, id } });
    }
  }

  const counts: Record<MergeState, number> = { new: 0, changed: 0, same: 0, 'edited-here': 0, conflict: 0 };
  const rows = order.map((key): MergeRow => {
    const entry = chosen.get(key)!;
    const base = bases.get(key);
    if (entry.sheet) {
      const incomingSheet = entry.sheet;
      const held = live.get(incomingSheet.id) ?? trash.get(incomingSheet.id) ?? null;
      const localTrashed = held !== null && !live.has(incomingSheet.id);
      const state = stateOf(held, incomingSheet, base, localTrashed);
      const isLocked = locked.has(incomingSheet.fiscalYear) || (held !== null && locked.has(held.fiscalYear));
      counts[state] += 1;
      return {
        kind: 'sheet',
        key,
        fileName: entry.fileName,
        overridden: entry.overridden,
        state,
        changes: held && state !== 'same' ? sheetChanges(held, incomingSheet) : [],
        defaultChoice: defaultChoiceOf(state, isLocked),
        locked: isLocked,
        incoming: incomingSheet,
        local: held,
        localTrashed,
      };
    }
    const incomingPolicy = entry.policy!;
    const held = policiesById.get(incomingPolicy.id) ?? null;
    const state = stateOf(held, incomingPolicy, base, false);
    const isLocked = locked.has(incomingPolicy.fiscalYear) || (held !== null && locked.has(held.fiscalYear));
    counts[state] += 1;
    return {
      kind: 'policy',
      key,
      fileName: entry.fileName,
      overridden: entry.overridden,
      state,
      changes: held && state !== 'same' ? policyChanges(held, incomingPolicy) : [],
      defaultChoice: defaultChoiceOf(state, isLocked),
      locked: isLocked,
      incoming: incomingPolicy,
      local: held,
      localTrashed: false,
    };
  });
  return { rows, counts };
}

/** The choice that applies to a row: none for same, こちら for a 確定済み year, else the user's or the default. */
export function effectiveChoice(row: MergeRow, choices: ReadonlyMap<string, MergeChoice>): MergeChoice | null {
  if (row.defaultChoice === null) return null;
  if (row.locked) return 'mine';
  return choices.get(row.key) ?? row.defaultChoice;
}

/** What a merge writes once the user has chosen. */
export interface MergeResult {
  /** Sheets to put live: `isNew` when nothing was held (it goes after the list's last), `wasTrashed` when it comes back. */
  sheets: { sheet: Sheet; isNew: boolean; wasTrashed: boolean }[];
  policies: { policy: Policy; isNew: boolean }[];
  /** What the records held just before they were replaced (kept as versions, 履歴). */
  replaced: ({ kind: 'sheet'; content: Sheet } | { kind: 'policy'; content: Policy })[];
  /** Each record taken or found the same, as the file brought it: the next merge compares with it. */
  bases: { key: string; hash: string }[];
  /** Records written: new ones, and held ones replaced by the file's. */
  counts: { new: number; changed: number };
}

/** The records to write for the choices made (rows left out take their default). */
export function applyMergeChoices(plan: MergePlan, choices: ReadonlyMap<string, MergeChoice>): MergeResult {
  const result: MergeResult = { sheets: [], policies: [], replaced: [], bases: [], counts: { new: 0, changed: 0 } };
  for (const row of plan.rows) {
    const choice = effectiveChoice(row, choices);
    if (row.state === 'same') {
      result.bases.push({ key: row.key, hash: contentHash(row.incoming) });
      continue;
    }
    if (choice !== 'theirs') continue;
    result.bases.push({ key: row.key, hash: contentHash(row.incoming) });
    if (row.local === null) result.counts.new += 1;
    else result.counts.changed += 1;
    if (row.kind === 'sheet') {
      result.sheets.push({ sheet: row.incoming, isNew: row.local === null, wasTrashed: row.localTrashed });
      if (row.local) result.replaced.push({ kind: 'sheet', content: row.local });
    } else {
      result.policies.push({ policy: row.incoming, isNew: row.local === null });
      if (row.local) result.replaced.push({ kind: 'policy', content: row.local });
    }
  }
  return result;
}
