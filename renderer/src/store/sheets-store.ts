// The store: the document, session and history slices in one zustand store. Every change of the document goes
// through `commit`, which refuses it in a read-only window, applies it, and keeps history and membership in step.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExchangeFile, Policy, Sheet, SheetStatus } from '../../../shared/domain/schema';
import { createEmptySheet } from '../../../shared/domain/sheet';
import {
  addPolicy,
  addSheet,
  createEmptyPolicy,
  dataFromFile,
  emptyData,
  emptyTrash,
  isYearLocked,
  nextPosition,
  positionAfter,
  putPolicy,
  putSheet,
  restoreSheet,
  setYearLocked,
  trashSheet,
  type DocumentChange,
  type DocumentState,
  type SheetsData,
} from './document';
import { emptyHistory, record, redo, undo, type HistoryState, type PolicyHistory, type SheetHistory } from './history';
import type { SessionState, SetAsideRecord } from './session';

export { dataFromFile, emptyData, nextPosition, type DeletedSheet, type SheetsData } from './document';

export type SheetsState = DocumentState & SessionState & HistoryState;

export interface SheetsActions {
  /** Shows what was loaded from the database (or, in a read-only window, what another window saved). */
  hydrate(data: SheetsData): void;
  failLoading(message: string): void;
  /** Applies an edit. `key` names the field so that typing in it is one undo step. False if read-only or gone. */
  updateSheet(id: string, edit: (sheet: Sheet) => Sheet, key?: string): boolean;
  undo(id: string): boolean;
  redo(id: string): boolean;
  /** Edits one 局運営方針, with its own undo stack (`key` merges typing in one field). False if read-only or gone. */
  updatePolicy(id: string, edit: (policy: Policy) => Policy, key?: string): boolean;
  undoPolicy(id: string): boolean;
  redoPolicy(id: string): boolean;
  /** An empty 局運営方針 for a 局 and 年度 that has none; its id, or null (read-only, or one exists already). */
  createPolicy(bureau: string, fiscalYear: number): string | null;
  /** A new empty sheet in the current 年度 and 局; null in a read-only window. */
  createSheet(): string | null;
  duplicateSheet(id: string): string | null;
  deleteSheet(id: string): void;
  restoreSheet(id: string): void;
  emptyTrash(): void;
  /**
   * Status changes are allowed on a 確定 sheet: that is how it is reopened. They are no undo steps, and undo keeps
   * the status: undo after 確定 → 作成中 takes back the last edit, never re-finalises the sheet.
   */
  setStatus(id: string, status: SheetStatus): void;
  selectScope(fiscalYear: number, bureau: string): void;
  /** Replaces everything with an imported exchange file (its sheets keep their ids). */
  replaceWith(file: ExchangeFile): void;
  /** Makes this window read-only with the reason shown to the user, or editable again (null). */
  setReadOnly(reason: string | null): void;
  /** Records the load kept aside, for the notice; [] once the user has read it. */
  setSetAside(records: readonly SetAsideRecord[]): void;
  /**
   * Marks a 年度 確定済み (its sheets and policies become read-only: every edit of them is refused) or reopens it on
   * purpose. Not an undo step. False in a read-only window or when nothing changes.
   */
  setYearLocked(fiscalYear: number, locked: boolean): boolean;
  /**
   * Takes in records already written to the database in one transaction (a merge, 次年度の作成, a restore): sheets put
   * live at their positions (one from the trash comes back), policies put, the locked years replaced. The objects are
   * kept as given, so the autosave can be told they are written. Each replaced sheet or policy gets one undo step.
   * Year locks do not apply: the caller decided. False in a read-only window.
   */
  absorb(change: AbsorbedChange): boolean;
}

export interface AbsorbedChange {
  sheets: readonly { sheet: Sheet; position: number }[];
  policies: readonly Policy[];
  lockedYears?: readonly number[];
}

export type SheetsStore = StoreApi<SheetsState & SheetsActions>;

export interface StoreDeps {
  now: () => Date;
  newId: () => string;
}

const defaultDeps: StoreDeps = { now: () => new Date(), newId: () => crypto.randomUUID() };

export function createSheetsStore(deps: StoreDeps = defaultDeps): SheetsStore {
  return createStore<SheetsState & SheetsActions>()((set, get) => {
    const stamp = (sheet: Sheet): Sheet => ({ ...sheet, updatedAt: deps.now().toISOString() });

    /** The one place the document changes. False (nothing changed) in a read-only window or without a change. */
    const commit = (
      change: DocumentChange | null,
      history?: Readonly<Record<string, SheetHistory>>,
      policyHistory?: Readonly<Record<string, PolicyHistory>>,
    ): boolean => {
      if (change === null || get().readOnly !== null) return false;
      const { membershipChanged, onlySheetIds, ...parts } = change;
      set((s) => ({
        ...parts,
        sheetEditHint: onlySheetIds ? { sheetIds: onlySheetIds } : null,
        ...(history ? { history } : {}),
        ...(policyHistory ? { policyHistory } : {}),
        membershipVersion: membershipChanged ? s.membershipVersion + 1 : s.membershipVersion,
      }));
      return true;
    };

    /** A new version of one sheet with its undo stack. */
    const commitSheet = (sheet: Sheet, sheetHistory: SheetHistory): boolean =>
      commit(putSheet(get(), stamp(sheet)), { ...get().history, [sheet.id]: sheetHistory });

    const historyOf = (id: string): SheetHistory => get().history[id] ?? emptyHistory;
    /** Nothing of a 確定済み year may change. */
    const locked = (fiscalYear: number): boolean => isYearLocked(get(), fiscalYear);
    const sheetLocked = (id: string): boolean => {
      const sheet = get().sheets.get(id) ?? get().deleted[id]?.sheet;
      return sheet !== undefined && locked(sheet.fiscalYear);
    };

    const policyOf = (id: string): Policy | undefined => get().policies.find((p) => p.id === id);
    const policyHistoryOf = (id: string): PolicyHistory => get().policyHistory[id] ?? emptyHistory;
    /** A new version of one policy with its undo stack. */
    const commitPolicy = (policy: Policy, policyHistory: PolicyHistory): boolean =>
      commit(putPolicy(get(), policy), undefined, { ...get().policyHistory, [policy.id]: policyHistory });

    return {
      ...emptyData,
      phase: 'loading',
      loadError: null,
      readOnly: null,
      setAside: [],
      history: {},
      policyHistory: {},
      membershipVersion: 0,
      sheetEditHint: null,

      hydrate: (data) =>
        set((s) => ({ ...data, phase: 'ready', loadError: null, history: {}, policyHistory: {}, membershipVersion: s.membershipVersion + 1 })),
      failLoading: (message) => set({ phase: 'failed', loadError: message }),
      setReadOnly: (reason) => set({ readOnly: reason }),
      setSetAside: (records) => set({ setAside: records }),

      updateSheet: (id, edit, key) => {
        const before = get().sheets.get(id);
        if (!before || before.status === 'final' || locked(before.fiscalYear)) return false;
        const edited = edit(before);
        if (edited !== before && locked(edited.fiscalYear)) return false;
        if (edited === before) return false;
        return commitSheet(edited, record(historyOf(id), before, key ?? null, deps.now().getTime()));
      },

      undo: (id) => {
        const current = get().sheets.get(id);
        if (!current || current.status === 'final' || locked(current.fiscalYear)) return false;
        const step = undo(historyOf(id), current);
        return step !== null && commitSheet({ ...step.sheet, status: current.status }, step.history);
      },

      redo: (id) => {
        const current = get().sheets.get(id);
        if (!current || current.status === 'final' || locked(current.fiscalYear)) return false;
        const step = redo(historyOf(id), current);
        return step !== null && commitSheet({ ...step.sheet, status: current.status }, step.history);
      },

      updatePolicy: (id, edit, key) => {
        const before = policyOf(id);
        if (!before || locked(before.fiscalYear)) return false;
        const edited = edit(before);
        if (edited === before) return false;
        return commitPolicy(edited, record(policyHistoryOf(id), before, key ?? null, deps.now().getTime()));
      },

      undoPolicy: (id) => {
        const current = policyOf(id);
        if (current && locked(current.fiscalYear)) return false;
        const step = current ? undo(policyHistoryOf(id), current) : null;
        return step !== null && commitPolicy(step.sheet, step.history);
      },

      redoPolicy: (id) => {
        const current = policyOf(id);
        if (current && locked(current.fiscalYear)) return false;
        const step = current ? redo(policyHistoryOf(id), current) : null;
        return step !== null && commitPolicy(step.sheet, step.history);
      },

      createPolicy: (bureau, fiscalYear) => {
        if (locked(fiscalYear) || get().policies.some((p) => p.bureau === bureau && p.fiscalYear === fiscalYear)) return null;
        const id = deps.newId();
        return commit(addPolicy(get(), createEmptyPolicy(id, bureau, fiscalYear))) ? id : null;
      },

      createSheet: () => {
        const { fiscalYear, bureau, positions } = get();
        if (locked(fiscalYear)) return null;
        const id = deps.newId();
        const sheet = createEmptySheet({ id, fiscalYear, bureau, now: deps.now() });
        return commit(addSheet(get(), sheet, nextPosition(positions))) ? id : null;
      },

      duplicateSheet: (id) => {
        const original = get().sheets.get(id);
        if (!original || locked(original.fiscalYear)) return null;
        const copyId = deps.newId();
        const copy = stamp({ ...original, id: copyId, name: `${original.name}（複製）`, status: 'draft' });
        return commit(addSheet(get(), copy, positionAfter(get().positions, id))) ? copyId : null;
      },

      deleteSheet: (id) => void (!sheetLocked(id) && commit(trashSheet(get(), id, deps.now().toISOString()))),

      restoreSheet: (id) => void (!sheetLocked(id) && commit(restoreSheet(get(), id))),

      emptyTrash: () => {
        // The trash of a 確定済み year stays: emptying it would change that year.
        if (Object.values(get().deleted).some((entry) => locked(entry.sheet.fiscalYear))) return;
        const history = { ...get().history };
        for (const id of Object.keys(get().deleted)) delete history[id];
        commit(emptyTrash(get()), history);
      },

      setStatus: (id, status) => {
        const before = get().sheets.get(id);
        if (!before || before.status === status || locked(before.fiscalYear)) return;
        commitSheet({ ...before, status }, historyOf(id));
      },

      setYearLocked: (fiscalYear, isLocked) => commit(setYearLocked(get(), fiscalYear, isLocked)),

      absorb: (change) => {
        const state = get();
        let sheets = state.sheets;
        const deleted = { ...state.deleted };
        const positions = { ...state.positions };
        const history = { ...state.history };
        const at = deps.now().getTime();
        for (const { sheet, position } of change.sheets) {
          const before = state.sheets.get(sheet.id) ?? state.deleted[sheet.id]?.sheet;
          if (before) history[sheet.id] = record(historyOf(sheet.id), before, null, at);
          sheets = sheets.set(sheet.id, sheet);
          delete deleted[sheet.id];
          positions[sheet.id] = position;
        }
        const policies = state.policies.slice();
        const policyHistory = { ...state.policyHistory };
        for (const policy of change.policies) {
          const i = policies.findIndex((p) => p.id === policy.id);
          if (i >= 0) {
            policyHistory[policy.id] = record(policyHistoryOf(policy.id), policies[i]!, null, at);
            policies[i] = policy;
          } else policies.push(policy);
        }
        return commit(
          { sheets, deleted, positions, policies, ...(change.lockedYears ? { lockedYears: change.lockedYears } : {}), membershipChanged: true },
          history,
          policyHistory,
        );
      },

      // Where the user is, not what they drafted: allowed in a read-only window too.
      selectScope: (fiscalYear, bureau) => set({ fiscalYear, bureau }),

      replaceWith: (file) => {
        const { fiscalYear, bureau, ...document } = dataFromFile(file);
        if (commit({ ...document, membershipChanged: true }, {}, {})) set({ fiscalYear, bureau });
      },
    };
  });
}
