// The document slice: what the user drafts and the app stores (sheets, their order, the trash, policies), and the
// pure edits of it. Nothing here knows about React, IndexedDB or undo.
import type { ExchangeFile, Policy, Sheet } from '../../../shared/domain/schema';
import { SheetMap } from './sheet-map';

export interface DeletedSheet {
  sheet: Sheet;
  deletedAt: string;
}

export interface DocumentState {
  municipality: string;
  /** The live sheets by id (persistent: replacing one copies a bucket, not every sheet). */
  sheets: SheetMap;
  /** Stable sort key of each sheet (live or deleted), fixed when it is created so a write touches one record. */
  positions: Readonly<Record<string, number>>;
  deleted: Readonly<Record<string, DeletedSheet>>;
  policies: readonly Policy[];
  /** 年度 marked 確定済み: their sheets and policies are read-only until the year is reopened on purpose. Ascending. */
  lockedYears: readonly number[];
}

/** What is stored and loaded: the document and the 年度 and 局 the user was working on. */
export interface SheetsData extends DocumentState {
  fiscalYear: number;
  bureau: string;
}

export const emptyData: SheetsData = {
  municipality: '',
  fiscalYear: 2015,
  bureau: '',
  sheets: SheetMap.empty,
  positions: {},
  deleted: {},
  policies: [],
  lockedYears: [],
};

export function nextPosition(positions: Readonly<Record<string, number>>): number {
  let max = 0;
  for (const p of Object.values(positions)) if (p > max) max = p;
  return max + 1;
}

/** A document from an exchange file, sheets in the file's order; the scope is the file's year and first 局. */
export function dataFromFile(file: ExchangeFile, scope?: { fiscalYear: number; bureau: string }): SheetsData {
  const sheets = SheetMap.of(file.sheets);
  const positions: Record<string, number> = {};
  file.sheets.forEach((sheet, i) => {
    positions[sheet.id] = i + 1;
  });
  return {
    municipality: file.municipality,
    fiscalYear: scope?.fiscalYear ?? file.fiscalYear,
    bureau: scope?.bureau ?? file.sheets[0]?.org.bureau ?? file.policies[0]?.bureau ?? '',
    sheets,
    positions,
    deleted: {},
    policies: file.policies,
    lockedYears: file.lockedYears,
  };
}

/** A change to the document: the parts that change, and whether a sheet joined, left or moved to another 年度/局. */
export interface DocumentChange {
  sheets?: SheetMap;
  positions?: Readonly<Record<string, number>>;
  deleted?: Readonly<Record<string, DeletedSheet>>;
  policies?: readonly Policy[];
  municipality?: string;
  lockedYears?: readonly number[];
  membershipChanged: boolean;
  /** The only sheets whose record (content, position, trash) this change alters, when it knows; else every one may. */
  onlySheetIds?: readonly string[];
}

/** Whether a 年度 is 確定済み (nothing of it may be edited). */
export function isYearLocked(doc: Pick<DocumentState, 'lockedYears'>, fiscalYear: number): boolean {
  return doc.lockedYears.includes(fiscalYear);
}

/** Marks a 年度 確定済み (locked) or reopens it; null when it already is. */
export function setYearLocked(doc: DocumentState, fiscalYear: number, locked: boolean): DocumentChange | null {
  if (isYearLocked(doc, fiscalYear) === locked) return null;
  const lockedYears = locked ? [...doc.lockedYears, fiscalYear].sort((a, b) => a - b) : doc.lockedYears.filter((y) => y !== fiscalYear);
  return { lockedYears, membershipChanged: false };
}


/** Replaces one live sheet. */
export function putSheet(doc: DocumentState, sheet: Sheet): DocumentChange {
  const before = doc.sheets.get(sheet.id);
  const moved = !before || before.fiscalYear !== sheet.fiscalYear || before.org.bureau !== sheet.org.bureau;
  return { sheets: doc.sheets.set(sheet.id, sheet), membershipChanged: moved, onlySheetIds: [sheet.id] };
}

/** Adds a sheet at a position (a new sheet at the end, a copy just after its original). */
export function addSheet(doc: DocumentState, sheet: Sheet, position: number): DocumentChange {
  return {
    sheets: doc.sheets.set(sheet.id, sheet),
    positions: { ...doc.positions, [sheet.id]: position },
    membershipChanged: true,
  };
}

/** The position halfway between a sheet and the next one in the list: a copy lands just after its original. */
export function positionAfter(positions: Readonly<Record<string, number>>, id: string): number {
  const mine = positions[id] ?? nextPosition(positions);
  const after = Object.values(positions).filter((p) => p > mine);
  const next = after.length > 0 ? Math.min(...after) : mine + 2;
  return (mine + next) / 2;
}

/** Moves a live sheet to the trash (削除済み), keeping its position for a restore. */
export function trashSheet(doc: DocumentState, id: string, deletedAt: string): DocumentChange | null {
  const sheet = doc.sheets.get(id);
  if (!sheet) return null;
  return { sheets: doc.sheets.delete(id), deleted: { ...doc.deleted, [id]: { sheet, deletedAt } }, membershipChanged: true };
}

/** Brings a sheet back from the trash. */
export function restoreSheet(doc: DocumentState, id: string): DocumentChange | null {
  const entry = doc.deleted[id];
  if (!entry) return null;
  const { [id]: _restored, ...deleted } = doc.deleted;
  return { deleted, sheets: doc.sheets.set(id, entry.sheet), membershipChanged: true };
}

/** Deletes the trash for good, with the positions of its sheets. */
export function emptyTrash(doc: DocumentState): DocumentChange {
  const positions = { ...doc.positions };
  for (const id of Object.keys(doc.deleted)) delete positions[id];
  return { deleted: {}, positions, membershipChanged: true };
}

/** Replaces one policy (same id); null when there is none. Policies never change which sheets a scope holds. */
export function putPolicy(doc: DocumentState, policy: Policy): DocumentChange | null {
  const at = doc.policies.findIndex((p) => p.id === policy.id);
  if (at < 0) return null;
  const policies = doc.policies.slice();
  policies[at] = policy;
  return { policies, membershipChanged: false };
}

/** Adds a policy at the end. */
export function addPolicy(doc: DocumentState, policy: Policy): DocumentChange {
  return { policies: [...doc.policies, policy], membershipChanged: false };
}

/** An empty 局運営方針 of a 局 and 年度: one empty statement to start from, no 見直し. */
export function createEmptyPolicy(id: string, bureau: string, fiscalYear: number): Policy {
  return {
    id,
    fiscalYear,
    bureau,
    issues: { intro: '', sections: [] },
    basicPolicy: '',
    goals: [{ heading: '', programs: [] }],
    reviews: [],
  };
}
