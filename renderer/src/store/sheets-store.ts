// The document in memory: sheets of every year and bureau, the trash, undo history; one action per user edit.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExchangeFile, Policy, Sheet, SheetStatus } from '../../../shared/domain/schema';
import { createEmptySheet } from '../../../shared/domain/sheet';
import { emptyHistory, record, redo, undo, type SheetHistory } from './history';

export interface DeletedSheet {
  sheet: Sheet;
  deletedAt: string;
}

export interface SheetsData {
  municipality: string;
  /** The 年度 and 局 the user is working on; the list shows their sheets. */
  fiscalYear: number;
  bureau: string;
  sheets: Readonly<Record<string, Sheet>>;
  /** Stable sort key of each sheet (live or deleted), fixed when it is created so a write touches one record. */
  positions: Readonly<Record<string, number>>;
  deleted: Readonly<Record<string, DeletedSheet>>;
  policies: readonly Policy[];
}

export interface SheetsState extends SheetsData {
  phase: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  history: Readonly<Record<string, SheetHistory>>;
  /**
   * Bumped when sheets are added or removed or a sheet moves to another 年度/局: selectors that group sheets
   * by scope recompute only then, not on every keystroke.
   */
  membershipVersion: number;
  /** The sheets the last action changed (live, deleted or position), or null when it replaced everything. */
  lastEdited: readonly string[] | null;
}

export interface SheetsActions {
  hydrate(data: SheetsData): void;
  failLoading(message: string): void;
  /** Applies an edit. `key` names the field so that typing in it is one undo step. False if read-only or gone. */
  updateSheet(id: string, edit: (sheet: Sheet) => Sheet, key?: string): boolean;
  undo(id: string): boolean;
  redo(id: string): boolean;
  createSheet(): string;
  duplicateSheet(id: string): string | null;
  deleteSheet(id: string): void;
  restoreSheet(id: string): void;
  emptyTrash(): void;
  /** Status changes are allowed on a 確定 sheet: that is how it is reopened. */
  setStatus(id: string, status: SheetStatus): void;
  selectScope(fiscalYear: number, bureau: string): void;
  /** Replaces everything with an imported exchange file (its sheets keep their ids). */
  replaceWith(file: ExchangeFile): void;
}

export type SheetsStore = StoreApi<SheetsState & SheetsActions>;

export interface StoreDeps {
  now: () => Date;
  newId: () => string;
}

const defaultDeps: StoreDeps = { now: () => new Date(), newId: () => crypto.randomUUID() };

export const emptyData: SheetsData = {
  municipality: '',
  fiscalYear: 2015,
  bureau: '',
  sheets: {},
  positions: {},
  deleted: {},
  policies: [],
};

export function nextPosition(positions: Readonly<Record<string, number>>): number {
  let max = 0;
  for (const p of Object.values(positions)) if (p > max) max = p;
  return max + 1;
}

export function dataFromFile(file: ExchangeFile, scope?: { fiscalYear: number; bureau: string }): SheetsData {
  const sheets: Record<string, Sheet> = {};
  const positions: Record<string, number> = {};
  file.sheets.forEach((sheet, i) => {
    sheets[sheet.id] = sheet;
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
  };
}

export function createSheetsStore(deps: StoreDeps = defaultDeps): SheetsStore {
  return createStore<SheetsState & SheetsActions>()((set, get) => {
    const stamp = (sheet: Sheet): Sheet => ({ ...sheet, updatedAt: deps.now().toISOString() });

    const replaceSheet = (id: string, sheet: Sheet, history: SheetHistory) =>
      set((s) => {
        const before = s.sheets[id];
        const moved = !before || before.fiscalYear !== sheet.fiscalYear || before.org.bureau !== sheet.org.bureau;
        return {
          sheets: { ...s.sheets, [id]: sheet },
          history: { ...s.history, [id]: history },
          lastEdited: [id],
          membershipVersion: moved ? s.membershipVersion + 1 : s.membershipVersion,
        };
      });

    return {
      ...emptyData,
      phase: 'loading',
      loadError: null,
      history: {},
      membershipVersion: 0,
      lastEdited: null,

      hydrate: (data) =>
        set((s) => ({ ...data, phase: 'ready', loadError: null, history: {}, lastEdited: null, membershipVersion: s.membershipVersion + 1 })),
      failLoading: (message) => set({ phase: 'failed', loadError: message }),

      updateSheet: (id, edit, key) => {
        const before = get().sheets[id];
        if (!before || before.status === 'final') return false;
        const edited = edit(before);
        if (edited === before) return false;
        const history = record(get().history[id] ?? emptyHistory, before, key ?? null, deps.now().getTime());
        replaceSheet(id, stamp(edited), history);
        return true;
      },

      undo: (id) => {
        const current = get().sheets[id];
        if (!current || current.status === 'final') return false;
        const step = undo(get().history[id] ?? emptyHistory, current);
        if (!step) return false;
        replaceSheet(id, stamp(step.sheet), step.history);
        return true;
      },

      redo: (id) => {
        const current = get().sheets[id];
        if (!current || current.status === 'final') return false;
        const step = redo(get().history[id] ?? emptyHistory, current);
        if (!step) return false;
        replaceSheet(id, stamp(step.sheet), step.history);
        return true;
      },

      createSheet: () => {
        const { fiscalYear, bureau, positions } = get();
        const id = deps.newId();
        const sheet = createEmptySheet({ id, fiscalYear, bureau, now: deps.now() });
        set((s) => ({
          sheets: { ...s.sheets, [id]: sheet },
          positions: { ...s.positions, [id]: nextPosition(positions) },
          lastEdited: [id],
          membershipVersion: s.membershipVersion + 1,
        }));
        return id;
      },

      duplicateSheet: (id) => {
        const original = get().sheets[id];
        if (!original) return null;
        const copyId = deps.newId();
        const copy: Sheet = stamp({ ...original, id: copyId, name: `${original.name}（複製）`, status: 'draft' });
        set((s) => {
          // Just after the original: halfway to the next sheet's position.
          const mine = s.positions[id] ?? nextPosition(s.positions);
          const after = Object.values(s.positions).filter((p) => p > mine);
          const next = after.length > 0 ? Math.min(...after) : mine + 2;
          return {
            sheets: { ...s.sheets, [copyId]: copy },
            positions: { ...s.positions, [copyId]: (mine + next) / 2 },
            lastEdited: [copyId],
            membershipVersion: s.membershipVersion + 1,
          };
        });
        return copyId;
      },

      deleteSheet: (id) => {
        const sheet = get().sheets[id];
        if (!sheet) return;
        set((s) => {
          const { [id]: _gone, ...sheets } = s.sheets;
          return {
            sheets,
            deleted: { ...s.deleted, [id]: { sheet, deletedAt: deps.now().toISOString() } },
            lastEdited: [id],
            membershipVersion: s.membershipVersion + 1,
          };
        });
      },

      restoreSheet: (id) => {
        const entry = get().deleted[id];
        if (!entry) return;
        set((s) => {
          const { [id]: _restored, ...deleted } = s.deleted;
          return { deleted, sheets: { ...s.sheets, [id]: entry.sheet }, lastEdited: [id], membershipVersion: s.membershipVersion + 1 };
        });
      },

      emptyTrash: () =>
        set((s) => {
          const positions = { ...s.positions };
          const history = { ...s.history };
          for (const id of Object.keys(s.deleted)) {
            delete positions[id];
            delete history[id];
          }
          return { deleted: {}, positions, history, lastEdited: Object.keys(s.deleted), membershipVersion: s.membershipVersion + 1 };
        }),

      setStatus: (id, status) => {
        const before = get().sheets[id];
        if (!before || before.status === status) return;
        const history = record(get().history[id] ?? emptyHistory, before, null, deps.now().getTime());
        replaceSheet(id, stamp({ ...before, status }), history);
      },

      selectScope: (fiscalYear, bureau) => set({ fiscalYear, bureau, lastEdited: [] }),

      replaceWith: (file) =>
        set((s) => ({
          ...dataFromFile(file),
          history: {},
          phase: 'ready',
          loadError: null,
          lastEdited: null,
          membershipVersion: s.membershipVersion + 1,
        })),
    };
  });
}
