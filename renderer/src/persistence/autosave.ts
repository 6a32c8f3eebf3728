// The autosave adapter: watches the store, writes only the sheets that changed to IndexedDB, flushes on demand.
import type { Policy } from '../../../shared/domain/schema';
import type { SheetsData, SheetsState, SheetsStore } from '../store/sheets-store';
import type { StoredPolicy, StoredSheet, YosanDb } from './db';

export type SaveState = 'saved' | 'saving' | 'error';

export interface SaveStatus {
  state: SaveState;
  /** When everything was last on disk. */
  savedAt: Date | null;
  /** What went wrong and what to do, in Japanese, while state is 'error'. */
  message: string | null;
}

export interface AutosaveStats {
  transactions: number;
  sheetRecordsWritten: number;
  /** Sheet records written by the most recent transaction. */
  lastTransactionSheets: number;
}

export interface Autosave {
  /** Writes everything pending now; resolves true when all is on disk. */
  flush(): Promise<boolean>;
  /** Stops watching (pending changes are kept until resume or flush). */
  pause(): void;
  resume(): void;
  stop(): void;
  readonly stats: AutosaveStats;
}

export interface AutosaveOptions {
  /** Wait this long after the first unsaved change before writing (coalesces a burst of keystrokes). */
  delayMs?: number;
  /** After a failed write, try again this often. */
  retryMs?: number;
  onStatus?: (status: SaveStatus) => void;
  now?: () => Date;
}

type Persisted = Pick<SheetsData, 'sheets' | 'positions' | 'deleted' | 'policies' | 'fiscalYear' | 'bureau' | 'municipality'>;

/** Japanese message for a failed IndexedDB write. */
export function saveErrorMessage(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const inner =
    typeof error === 'object' && error !== null && 'inner' in error && typeof error.inner === 'object' && error.inner !== null && 'name' in error.inner
      ? String(error.inner.name)
      : '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'ディスクの空き容量が足りないため保存できませんでした。入力内容は画面に残っています。不要なファイルを削除してから「保存」を押すか、交換ファイルに書き出してください。';
  }
  return '保存できませんでした。入力内容は画面に残っています。しばらくしてから「保存」を押してください。繰り返す場合は交換ファイルに書き出してください。';
}

export function startAutosave(store: SheetsStore, db: YosanDb, options: AutosaveOptions = {}): Autosave {
  const delayMs = options.delayMs ?? 250;
  const retryMs = options.retryMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const stats: AutosaveStats = { transactions: 0, sheetRecordsWritten: 0, lastTransactionSheets: 0 };

  let baseline: Persisted = store.getState();
  const dirtySheets = new Set<string>();
  let dirtyPolicies = false;
  let dirtyScope = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<boolean> | null = null;
  let paused = false;
  let status: SaveStatus = { state: 'saved', savedAt: null, message: null };

  const emit = (next: SaveStatus) => {
    status = next;
    options.onStatus?.(status);
  };
  const pending = () => dirtySheets.size > 0 || dirtyPolicies || dirtyScope;

  /**
   * Marks what changed since the last look. `edited` (the ids the store says its last action touched) spares a
   * pass over every sheet on each keystroke; without it, every sheet is compared.
   */
  function collect(state: Persisted, edited: readonly string[] | null = null): void {
    const base = baseline;
    baseline = state;
    if (edited !== null) {
      for (const id of edited) dirtySheets.add(id);
    } else if (state.sheets !== base.sheets || state.deleted !== base.deleted || state.positions !== base.positions) {
      for (const ids of [Object.keys(state.positions), Object.keys(base.positions)]) {
        for (const id of ids) {
          if (
            state.sheets[id] !== base.sheets[id] ||
            state.deleted[id] !== base.deleted[id] ||
            state.positions[id] !== base.positions[id]
          ) {
            dirtySheets.add(id);
          }
        }
      }
    }
    if (state.policies !== base.policies) dirtyPolicies = true;
    if (state.fiscalYear !== base.fiscalYear || state.bureau !== base.bureau || state.municipality !== base.municipality) {
      dirtyScope = true;
    }
  }

  function schedule(ms: number): void {
    if (timer !== null || paused) return;
    timer = setTimeout(() => {
      timer = null;
      void write();
    }, ms);
  }

  function onChange(state: SheetsState): void {
    if (paused || state.phase !== 'ready') return;
    collect(state, state.lastEdited);
    if (!pending()) return;
    if (status.state !== 'saving' && status.state !== 'error') emit({ ...status, state: 'saving', message: null });
    schedule(delayMs);
  }

  async function writeOnce(): Promise<boolean> {
    const state = store.getState();
    const ids = [...dirtySheets];
    const policies = dirtyPolicies;
    const scope = dirtyScope;
    dirtySheets.clear();
    dirtyPolicies = false;
    dirtyScope = false;
    const puts: StoredSheet[] = [];
    const removals: string[] = [];
    for (const id of ids) {
      const live = state.sheets[id];
      const trashed = state.deleted[id];
      const position = state.positions[id];
      if (position === undefined) removals.push(id);
      else if (live) puts.push({ id, sheet: live, position, deletedAt: null });
      else if (trashed) puts.push({ id, sheet: trashed.sheet, position, deletedAt: trashed.deletedAt });
      else removals.push(id);
    }
    try {
      await db.transaction('rw', db.sheets, db.policies, db.settings, async () => {
        if (puts.length > 0) await db.sheets.bulkPut(puts);
        if (removals.length > 0) await db.sheets.bulkDelete(removals);
        if (policies) await writePolicies(db, state.policies);
        if (scope) {
          await db.settings.put({
            key: 'scope',
            value: { fiscalYear: state.fiscalYear, bureau: state.bureau, municipality: state.municipality },
          });
        }
      });
      stats.transactions += 1;
      stats.sheetRecordsWritten += puts.length;
      stats.lastTransactionSheets = puts.length;
      return true;
    } catch (error) {
      // Nothing in memory is dropped: mark it all dirty again and tell the user.
      for (const id of ids) dirtySheets.add(id);
      dirtyPolicies ||= policies;
      dirtyScope ||= scope;
      emit({ state: 'error', savedAt: status.savedAt, message: saveErrorMessage(error) });
      return false;
    }
  }

  async function write(): Promise<boolean> {
    if (writing) {
      await writing;
      if (!pending()) return status.state !== 'error';
    }
    writing = (async () => {
      let ok = true;
      while (ok && pending()) ok = await writeOnce();
      return ok;
    })();
    const ok = await writing;
    writing = null;
    if (ok) emit({ state: 'saved', savedAt: now(), message: null });
    else schedule(retryMs);
    return ok;
  }

  const unsubscribe = store.subscribe(onChange);

  return {
    stats,
    async flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      if (!paused) collect(store.getState());
      if (!pending() && !writing) return status.state !== 'error';
      return write();
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      onChange(store.getState());
    },
    stop() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  };
}

async function writePolicies(db: YosanDb, policies: readonly Policy[]): Promise<void> {
  const records: StoredPolicy[] = policies.map((policy) => ({ id: policy.id, policy }));
  const keep = new Set(records.map((r) => r.id));
  const existing = (await db.policies.toCollection().primaryKeys()) as string[];
  const gone = existing.filter((id) => !keep.has(id));
  if (gone.length > 0) await db.policies.bulkDelete(gone);
  await db.policies.bulkPut(records);
}
