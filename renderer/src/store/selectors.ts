// Plain functions over the store's state: the current scope's sheets, their figures and problems (cached per sheet object).
import type { Problem } from '../../../shared/domain/problem';
import type { Sheet } from '../../../shared/domain/schema';
import { checkSheet } from '../../../shared/domain/sheet';
import type { SheetMap } from './sheet-map';
import type { SheetsState } from './sheets-store';

/** Sheets are immutable: a changed sheet is a new object, so a WeakMap caches the checks of the others. */
const problemCache = new WeakMap<Sheet, SheetProblem[]>();

export interface SheetProblem extends Problem {
  sheetId: string;
  /** Path inside the sheet, e.g. `items[1].amount`: the field to jump to. */
  fieldPath: string;
}

export function sheetProblems(sheet: Sheet): SheetProblem[] {
  let cached = problemCache.get(sheet);
  if (!cached) {
    cached = checkSheet(sheet, 0).map((p) => ({ ...p, sheetId: sheet.id, fieldPath: p.path.replace(/^sheets\[0\]\.?/, '') }));
    problemCache.set(sheet, cached);
  }
  return cached;
}

/** One sheet of the store by id (live sheets only); every component reads a sheet through this. */
export function sheetOf(state: Pick<SheetsState, 'sheets'>, id: string): Sheet | undefined {
  return state.sheets.get(id);
}

export function worstSeverity(problems: readonly Problem[]): Problem['severity'] | null {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning')) return 'warning';
  if (problems.some((p) => p.severity === 'info')) return 'info';
  return null;
}

type ScopeInputs = Pick<SheetsState, 'sheets' | 'positions' | 'fiscalYear' | 'bureau' | 'membershipVersion'>;

let idsCache: { key: unknown[]; value: string[] } | null = null;
let scopeCache: { key: unknown[]; value: Sheet[] } | null = null;

/** The sheets of one 局 and 年度 in the list's stable order. Plain: for any scope (the print routes use it too). */
export function sheetsOfScope(
  sheets: SheetMap,
  positions: Readonly<Record<string, number>>,
  fiscalYear: number,
  bureau: string,
): Sheet[] {
  return sheets
    .toArray()
    .filter((s) => s.fiscalYear === fiscalYear && s.org.bureau === bureau)
    .sort((a, b) => (positions[a.id] ?? 0) - (positions[b.id] ?? 0));
}

/** Ids of the chosen 年度 and 局's sheets in order; recomputed only when membership, order or scope changes. */
export function selectScopeIds(state: ScopeInputs): string[] {
  const key = [state.membershipVersion, state.positions, state.fiscalYear, state.bureau];
  if (idsCache && idsCache.key.every((k, i) => k === key[i])) return idsCache.value;
  const value = sheetsOfScope(state.sheets, state.positions, state.fiscalYear, state.bureau).map((s) => s.id);
  idsCache = { key, value };
  return value;
}

/** Sheets of the chosen 年度 and 局, in their stable order. A keystroke costs one pass over the ids, no sort. */
export function selectScopeSheets(state: ScopeInputs): Sheet[] {
  const ids = selectScopeIds(state);
  const key = [state.sheets, ids];
  if (scopeCache && scopeCache.key.every((k, i) => k === key[i])) return scopeCache.value;
  const value = ids.flatMap((id) => {
    const sheet = state.sheets.get(id);
    return sheet ? [sheet] : [];
  });
  scopeCache = { key, value };
  return value;
}

interface Scopes {
  fiscalYears: number[];
  bureaus: string[];
}
let scopesCache: { key: unknown[]; value: Scopes } | null = null;

/** Every 年度 and 局 that has a sheet or a policy, for the toolbar's pick-lists. Memoised (a stable result for React). */
export function selectScopes(state: Pick<SheetsState, 'sheets' | 'policies' | 'fiscalYear' | 'bureau' | 'membershipVersion'>): Scopes {
  const key = [state.membershipVersion, state.policies, state.fiscalYear, state.bureau];
  if (scopesCache && scopesCache.key.every((k, i) => k === key[i])) return scopesCache.value;
  const years = new Set<number>([state.fiscalYear]);
  const bureaus = new Set<string>(state.bureau ? [state.bureau] : []);
  for (const s of state.sheets.values()) {
    years.add(s.fiscalYear);
    if (s.org.bureau) bureaus.add(s.org.bureau);
  }
  for (const p of state.policies) {
    years.add(p.fiscalYear);
    bureaus.add(p.bureau);
  }
  const value = { fiscalYears: [...years].sort((a, b) => a - b), bureaus: [...bureaus].sort() };
  scopesCache = { key, value };
  return value;
}
