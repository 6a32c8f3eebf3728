// The autosave adapter: keeps IndexedDB equal to the document in memory by comparing memory with what it last wrote.
import { contentHash } from '../../../shared/domain/diff';
import type { Policy, Sheet } from '../../../shared/domain/schema';
import type { SheetsData, SheetsState, SheetsStore } from '../store/sheets-store';
import { RECORD_FORMAT_VERSION, type StoredPolicy, type StoredSheet, type YosanDb } from './db';
import { addVersions, type VersionToTake } from './versions';

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
  /** Sheet records written by the largest transaction so far (a benchmark may set it to 0 to measure from there). */
  largestTransactionSheets: number;
  /** Earlier versions (履歴) kept by its writes. */
  versionsTaken: number;
}

export interface Autosave {
  /** Writes everything that differs from the database now; resolves true when all of it is on disk. */
  flush(): Promise<boolean>;
  /**
   * For a page that is going away (pagehide, beforeunload, hidden): issues the write and commits it before returning,
   * so the browser finishes it even if the page is gone before an answer could come back. Fire and forget.
   */
  writeBeforeLeaving(): void;
  /** Stops writing on its own (during an import or a restore); nothing is forgotten, flush still writes. */
  pause(): void;
  /** Writes on its own again, starting with whatever changed while paused. */
  resume(): void;
  /**
   * Records that these were written by someone else (a merge, 次年度の作成 in one transaction of their own), in the
   * objects memory now holds, so the autosave does not write them again. Sheets as stored records; policies as held.
   * Their next edit takes a version again (reason 'session'), so what the change put in is kept too.
   */
  rememberWritten(records: { sheets?: readonly StoredSheet[]; policies?: readonly Policy[]; lockedYears?: readonly number[] }): void;
  stop(): void;
  readonly stats: AutosaveStats;
}

export interface AutosaveOptions {
  /** Wait this long after the first unsaved change before writing (coalesces a burst of keystrokes). */
  delayMs?: number;
  /** After a failed write, try again this often. */
  retryMs?: number;
  onStatus?: (status: SaveStatus) => void;
  /** The clock for 保存済み times and for when versions (履歴) are taken. */
  now?: () => Date;
}

/** While a record is edited, at most one version per this long (after the one taken when its editing starts). */
export const VERSION_INTERVAL_MS = 10 * 60 * 1000;

/** The parts of the document that are stored; everything else in the store is session state. */
export type Persisted = Pick<SheetsData, 'sheets' | 'positions' | 'deleted' | 'policies' | 'fiscalYear' | 'bureau' | 'municipality' | 'lockedYears'>;

interface Scope {
  fiscalYear: number;
  bureau: string;
  municipality: string;
}

/** What the database holds, as the objects last written (the document is immutable, so identity means equality). */
interface Written {
  sheets: Map<string, StoredSheet>;
  policies: Map<string, Policy>;
  scope: Scope;
  lockedYears: readonly number[];
}

/** The records to write to make the database equal to memory. */
interface Difference {
  sheetPuts: StoredSheet[];
  sheetRemovals: string[];
  policyPuts: StoredPolicy[];
  policyRemovals: string[];
  scope: Scope | null;
  lockedYears: readonly number[] | null;
}

function isEmpty(d: Difference): boolean {
  return (
    d.sheetPuts.length + d.sheetRemovals.length + d.policyPuts.length + d.policyRemovals.length === 0 &&
    d.scope === null &&
    d.lockedYears === null
  );
}

/** The record memory wants for a sheet id (live or in the trash), or undefined when it is gone for good. */
function recordOf(state: Persisted, id: string): StoredSheet | undefined {
  const position = state.positions[id] ?? 0;
  const live = state.sheets.get(id);
  if (live) return { id, sheet: live, position, deletedAt: null, formatVersion: RECORD_FORMAT_VERSION };
  const trashed = state.deleted[id];
  if (trashed) return { id, sheet: trashed.sheet, position, deletedAt: trashed.deletedAt, formatVersion: RECORD_FORMAT_VERSION };
  return undefined;
}

function sameRecord(a: StoredSheet, b: StoredSheet): boolean {
  return a.sheet === b.sheet && a.position === b.position && a.deletedAt === b.deletedAt;
}

/** Compares memory with what was written. One pass over the ids: writes happen at most every few hundred ms. */
export function difference(state: Persisted, written: Written, onlySheetIds?: ReadonlySet<string>): Difference {
  const sheetPuts: StoredSheet[] = [];
  const sheetRemovals: string[] = [];
  if (onlySheetIds) {
    // Only these sheet records can differ (the store said so for every change since the last full comparison).
    for (const id of onlySheetIds) {
      const wanted = recordOf(state, id);
      const have = written.sheets.get(id);
      if (wanted && (!have || !sameRecord(have, wanted))) sheetPuts.push(wanted);
      else if (!wanted && have) sheetRemovals.push(id);
    }
  } else {
    const seen = new Set<string>();
    for (const ids of [state.sheets.keys(), Object.keys(state.deleted)]) {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        const wanted = recordOf(state, id);
        const have = written.sheets.get(id);
        if (wanted && (!have || !sameRecord(have, wanted))) sheetPuts.push(wanted);
      }
    }
    for (const id of written.sheets.keys()) if (!seen.has(id)) sheetRemovals.push(id);
  }

  const policyPuts: StoredPolicy[] = [];
  const keep = new Set<string>();
  for (const policy of state.policies) {
    keep.add(policy.id);
    if (written.policies.get(policy.id) !== policy) policyPuts.push({ id: policy.id, policy, formatVersion: RECORD_FORMAT_VERSION });
  }
  const policyRemovals = [...written.policies.keys()].filter((id) => !keep.has(id));

  const scope = { fiscalYear: state.fiscalYear, bureau: state.bureau, municipality: state.municipality };
  const scopeChanged =
    scope.fiscalYear !== written.scope.fiscalYear || scope.bureau !== written.scope.bureau || scope.municipality !== written.scope.municipality;
  const lockedYears = state.lockedYears === written.lockedYears ? null : state.lockedYears;
  return { sheetPuts, sheetRemovals, policyPuts, policyRemovals, scope: scopeChanged ? scope : null, lockedYears };
}

/** What the database holds right after loading `state` from it. */
export function writtenFrom(state: Persisted): Written {
  const sheets = new Map<string, StoredSheet>();
  for (const id of [...state.sheets.keys(), ...Object.keys(state.deleted)]) {
    const record = recordOf(state, id);
    if (record) sheets.set(id, record);
  }
  return {
    sheets,
    policies: new Map(state.policies.map((p) => [p.id, p])),
    scope: { fiscalYear: state.fiscalYear, bureau: state.bureau, municipality: state.municipality },
    lockedYears: state.lockedYears,
  };
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name = 'name' in error ? String(error.name) : '';
  const inner = 'inner' in error && typeof error.inner === 'object' && error.inner !== null && 'name' in error.inner ? String(error.inner.name) : '';
  return inner === 'QuotaExceededError' ? inner : name;
}

/** Japanese message for a failed IndexedDB write: what happened, that nothing is lost, what to do. */
export function saveErrorMessage(error: unknown): string {
  if (errorName(error) === 'QuotaExceededError') {
    return 'ディスクの空き容量が足りないため保存できませんでした。入力内容は画面に残っています。不要なファイルを削除してから「保存」を押すか、交換ファイルに書き出してください。';
  }
  return '保存できませんでした。入力内容は画面に残っています。しばらくしてから「保存」を押してください。繰り返す場合は交換ファイルに書き出してください。';
}

/** The message when some sheets saved and these did not: names them, says the rest is safe. */
export function partialSaveErrorMessage(failedNames: readonly string[], error: unknown): string {
  const named = failedNames
    .slice(0, 3)
    .map((n) => `「${n || '名称未入力のシート'}」`)
    .join('、');
  const more = failedNames.length > 3 ? ` ほか ${failedNames.length - 3} 件` : '';
  return `事務事業${named}${more}を保存できませんでした（ほかの入力は保存済みです）。${saveErrorMessage(error)}`;
}

/**
 * Starts the autosave. The store must hold what the database holds at this moment (it was just loaded from it):
 * from then on every write makes the database equal to memory, whatever actions changed it, and remembers what it
 * wrote. A failed write leaves the memory of what was written untouched, so the next write simply tries again.
 */
export function startAutosave(store: SheetsStore, db: YosanDb, options: AutosaveOptions = {}): Autosave {
  const delayMs = options.delayMs ?? 250;
  const retryMs = options.retryMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const stats: AutosaveStats = { transactions: 0, sheetRecordsWritten: 0, lastTransactionSheets: 0, largestTransactionSheets: 0, versionsTaken: 0 };

  const written = writtenFrom(store.getState());
  /** The persisted parts of the state when last looked at: a change of reference means something may differ. */
  let seen: Persisted = store.getState();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<boolean> | null = null;
  let paused = false;
  /**
   * The sheet records that may differ from the database, or 'all' when that is not known. Every change of the sheets
   * either carries a fresh hint from the store naming the sheets it touched, or turns this to 'all': a keystroke's write
   * then compares one record instead of thousands, and nothing can slip past.
   */
  let maybeChanged: Set<string> | 'all' = 'all';
  function noteChangedSheets(state: SheetsState, prev: SheetsState): void {
    if (maybeChanged === 'all' || (state.sheets === prev.sheets && state.deleted === prev.deleted && state.positions === prev.positions)) return;
    const hint = state.sheetEditHint;
    if (hint === null || hint === prev.sheetEditHint) maybeChanged = 'all';
    else for (const id of hint.sheetIds) maybeChanged.add(id);
  }
  let status: SaveStatus = { state: 'saved', savedAt: null, message: null };

  const emit = (next: SaveStatus) => {
    status = next;
    options.onStatus?.(status);
  };

  function schedule(ms: number): void {
    if (timer !== null || paused) return;
    timer = setTimeout(() => {
      timer = null;
      void write();
    }, ms);
  }

  function persistedChanged(state: Persisted): boolean {
    const changed =
      state.sheets !== seen.sheets ||
      state.deleted !== seen.deleted ||
      state.positions !== seen.positions ||
      state.policies !== seen.policies ||
      state.fiscalYear !== seen.fiscalYear ||
      state.bureau !== seen.bureau ||
      state.municipality !== seen.municipality ||
      state.lockedYears !== seen.lockedYears;
    seen = state;
    return changed;
  }

  const unsubscribe = store.subscribe((state, prev) => {
    noteChangedSheets(state, prev);
    if (state.phase !== 'ready' || !persistedChanged(state)) return;
    if (status.state === 'saved') emit({ ...status, state: 'saving' });
    schedule(delayMs);
  });

  /**
   * When this autosave last kept a version of a record (`sheet:<id>` / `policy:<id>`, ms). None yet: the record's
   * editing starts in this session, and its first write keeps what it held before ('session'); after that at most one
   * per VERSION_INTERVAL_MS ('periodic'). Noted only once the version is on disk, so a failed write takes it again.
   */
  const versionTakenAt = new Map<string, number>();
  const versionKey = (kind: 'sheet' | 'policy', id: string) => `${kind}:${id}`;

  /**
   * The versions a write of `d` takes: what the database holds (known from `written`, no read) of each record whose
   * content the write changes. Moves (position, trash) change no content; a record new to the database has no past.
   */
  function versionsFor(d: Difference, at: number): VersionToTake[] {
    const taken: VersionToTake[] = [];
    const consider = (kind: 'sheet' | 'policy', held: Sheet | Policy, next: Sheet | Policy) => {
      const last = versionTakenAt.get(versionKey(kind, held.id));
      const reason = last === undefined ? 'session' : at - last >= VERSION_INTERVAL_MS ? 'periodic' : null;
      // Typing and undoing back to the stored content only changes updatedAt: nothing worth a version.
      if (reason && contentHash(held) !== contentHash(next)) taken.push({ kind, content: held, reason });
    };
    for (const record of d.sheetPuts) {
      const held = written.sheets.get(record.id);
      if (held && held.sheet !== record.sheet) consider('sheet', held.sheet, record.sheet);
    }
    for (const { id, policy } of d.policyPuts) {
      const held = written.policies.get(id);
      if (held && held !== policy) consider('policy', held, policy);
    }
    return taken;
  }

  function noteVersions(versions: readonly VersionToTake[], at: Date): void {
    for (const v of versions) versionTakenAt.set(versionKey(v.kind, v.content.id), at.getTime());
    stats.versionsTaken += versions.length;
  }

  /** Applies a successful write to the memory of what the database holds. */
  function remember(d: Difference): void {
    for (const record of d.sheetPuts) written.sheets.set(record.id, record);
    for (const id of d.sheetRemovals) written.sheets.delete(id);
    for (const { id, policy } of d.policyPuts) written.policies.set(id, policy);
    for (const id of d.policyRemovals) written.policies.delete(id);
    if (d.scope) written.scope = d.scope;
    if (d.lockedYears) written.lockedYears = d.lockedYears;
  }

  async function commit(d: Difference): Promise<void> {
    const at = now();
    const versions = versionsFor(d, at.getTime());
    // The versions in the same transaction: they land together with the write that replaces them, or not at all.
    await db.transaction('rw', [db.sheets, db.policies, db.settings, db.versions], async () => {
      await addVersions(db, versions, at);
      if (d.sheetPuts.length > 0) await db.sheets.bulkPut(d.sheetPuts);
      if (d.sheetRemovals.length > 0) await db.sheets.bulkDelete(d.sheetRemovals);
      if (d.policyPuts.length > 0) await db.policies.bulkPut(d.policyPuts);
      if (d.policyRemovals.length > 0) await db.policies.bulkDelete(d.policyRemovals);
      if (d.scope) await db.settings.put({ key: 'scope', value: d.scope });
      if (d.lockedYears) await db.settings.put({ key: 'lockedYears', value: d.lockedYears });
    });
    remember(d);
    noteVersions(versions, at);
    stats.transactions += 1;
    stats.sheetRecordsWritten += d.sheetPuts.length;
    stats.lastTransactionSheets = d.sheetPuts.length;
    stats.largestTransactionSheets = Math.max(stats.largestTransactionSheets, d.sheetPuts.length);
  }

  /**
   * After a failed write: every sheet in a transaction of its own, the rest in one, so one record that cannot be
   * written (too large for the space left) does not hold back the others. Returns the names that still failed.
   */
  async function commitOneByOne(d: Difference): Promise<{ failed: string[]; parts: number; onlySheetsFailed: boolean; error: unknown }> {
    const none: Difference = { sheetPuts: [], sheetRemovals: [], policyPuts: [], policyRemovals: [], scope: null, lockedYears: null };
    const parts: { part: Difference; name: string; sheet: boolean }[] = d.sheetPuts.map((record) => ({
      part: { ...none, sheetPuts: [record] },
      name: record.sheet.name,
      sheet: true,
    }));
    if (d.sheetRemovals.length > 0) parts.push({ part: { ...none, sheetRemovals: d.sheetRemovals }, name: '削除したシート', sheet: false });
    if (d.policyPuts.length + d.policyRemovals.length > 0 || d.scope || d.lockedYears) {
      parts.push({
        part: { ...none, policyPuts: d.policyPuts, policyRemovals: d.policyRemovals, scope: d.scope, lockedYears: d.lockedYears },
        name: '局運営方針',
        sheet: false,
      });
    }
    const failed: string[] = [];
    let onlySheetsFailed = true;
    let lastError: unknown = null;
    for (const { part, name, sheet } of parts) {
      try {
        await commit(part);
      } catch (error) {
        lastError = error;
        failed.push(name);
        onlySheetsFailed &&= sheet;
      }
    }
    return { failed, parts: parts.length, onlySheetsFailed, error: lastError };
  }

  /** Writes until the database equals memory, or a write fails. */
  async function writeUntilEqual(): Promise<boolean> {
    for (;;) {
      // What may differ until now is compared now; changes from here on are noted afresh.
      const only = maybeChanged === 'all' ? undefined : maybeChanged;
      maybeChanged = new Set();
      const d = difference(store.getState(), written, only);
      if (isEmpty(d)) return true;
      try {
        await commit(d);
      } catch {
        // Not all of it may be on disk: the next comparison looks at every sheet.
        maybeChanged = 'all';
        const { failed, parts, onlySheetsFailed, error } = await commitOneByOne(d);
        if (failed.length === 0) continue;
        // Sheets that cannot be stored are named, whether or not this write held others: everything not in the write is
        // on disk already, so 「ほかの入力は保存済み」 holds (a retry of the one sheet must not drop that news).
        const message = onlySheetsFailed || failed.length < parts ? partialSaveErrorMessage(failed, error) : saveErrorMessage(error);
        emit({ state: 'error', savedAt: status.savedAt, message });
        return false;
      }
    }
  }

  async function write(): Promise<boolean> {
    while (writing) await writing;
    writing = writeUntilEqual();
    const ok = await writing;
    writing = null;
    if (ok) emit({ state: 'saved', savedAt: now(), message: null });
    else schedule(retryMs);
    return ok;
  }

  /**
   * The same difference, written with IndexedDB directly in this task: Dexie's promise chain needs answers from the
   * database before it commits, and a closing page never gets them. A committed transaction completes without the page.
   * Versions are added too, but not pruned (pruning reads first); the record's next ordinary version prunes its list.
   */
  function writeBeforeLeaving(): void {
    const d = difference(store.getState(), written);
    if (isEmpty(d)) return;
    let idb: IDBDatabase;
    try {
      idb = db.backendDB();
    } catch {
      void write();
      return;
    }
    if (!idb) {
      void write();
      return;
    }
    const at = now();
    const versions = versionsFor(d, at.getTime());
    const tx = idb.transaction(['sheets', 'policies', 'settings', 'versions'], 'readwrite', { durability: 'strict' });
    const versionStore = tx.objectStore('versions');
    for (const v of versions) {
      versionStore.add({ kind: v.kind, recordId: v.content.id, takenAt: at.toISOString(), reason: v.reason, formatVersion: RECORD_FORMAT_VERSION, content: v.content });
    }
    const sheets = tx.objectStore('sheets');
    const policies = tx.objectStore('policies');
    for (const record of d.sheetPuts) sheets.put(record);
    for (const id of d.sheetRemovals) sheets.delete(id);
    for (const record of d.policyPuts) policies.put(record);
    for (const id of d.policyRemovals) policies.delete(id);
    if (d.scope) tx.objectStore('settings').put({ key: 'scope', value: d.scope });
    if (d.lockedYears) tx.objectStore('settings').put({ key: 'lockedYears', value: d.lockedYears });
    tx.oncomplete = () => {
      remember(d);
      noteVersions(versions, at);
      stats.transactions += 1;
      stats.sheetRecordsWritten += d.sheetPuts.length;
      stats.lastTransactionSheets = d.sheetPuts.length;
      stats.largestTransactionSheets = Math.max(stats.largestTransactionSheets, d.sheetPuts.length);
      if (isEmpty(difference(store.getState(), written))) emit({ state: 'saved', savedAt: now(), message: null });
    };
    // An error here (the disk is full) is met again by the next ordinary write, which reports it.
    tx.onerror = () => undefined;
    if (typeof tx.commit === 'function') tx.commit();
  }

  return {
    stats,
    writeBeforeLeaving,
    async flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      return write();
    },
    pause() {
      paused = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    },
    resume() {
      paused = false;
      if (!isEmpty(difference(store.getState(), written))) {
        if (status.state === 'saved') emit({ ...status, state: 'saving' });
        schedule(delayMs);
      } else if (status.state === 'saving' && writing === null) {
        // A change written meanwhile by someone else (a restore, a merge) showed 保存中; it is on disk already.
        emit({ state: 'saved', savedAt: now(), message: null });
      }
    },
    rememberWritten(records) {
      for (const record of records.sheets ?? []) {
        written.sheets.set(record.id, record);
        versionTakenAt.delete(versionKey('sheet', record.id));
      }
      for (const policy of records.policies ?? []) {
        written.policies.set(policy.id, policy);
        versionTakenAt.delete(versionKey('policy', policy.id));
      }
      if (records.lockedYears) written.lockedYears = records.lockedYears;
    },
    stop() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
