// Starting the app: open IndexedDB, load (or on first run, store the built-in sample), hydrate the store, start autosave.
import { markStartup } from '../startup-marks';
import sample from '../../../assets/sample/seisakukyoku-h27.yosan.json';
import type { ExchangeFile } from '../../../shared/domain/schema';
import { readExchangeFile } from '../../../shared/exchange/read';
import { desktop } from '../desktop';
import { backUpOnQuit } from '../features/storage/backup-runner';
import { downloadBlob } from '../download';
import { startAutosave, type Autosave } from '../persistence/autosave';
import { writeBulkChange, type BulkChange } from '../persistence/bulk-write';
import { openDb, RECORD_FORMAT_VERSION, type YosanDb } from '../persistence/db';
import { countUnusable, loadFromDb, loadFromDbChecked, loadOrInitialiseChecked } from '../persistence/load';
import { createWriterLock, WRITER_CHANNEL_NAME } from '../persistence/writer-lock';
import { createSaveStatusStore, type AppServices } from '../store/context';
import { createSheetsStore } from '../store/sheets-store';

/** The built-in sample, through the same reader as any file. */
export function builtInSample(): ExchangeFile {
  const read = readExchangeFile(JSON.stringify(sample));
  if (!read.ok) throw new Error('the built-in sample is not a valid exchange file');
  return read.file;
}

export interface Diagnostics {
  autosave: Autosave['stats'] | null;
  loadedAt: number | null;
}

declare global {
  interface Window {
    /** Read-only counters for benchmarks and support: records written, when the list became interactive. */
    yosanDiagnostics?: Diagnostics;
  }
}

/** Shown while another window of the same profile is the one that edits and saves. */
export const READ_ONLY_MESSAGE =
  '予算デスクはほかのタブまたはウィンドウで開かれているため、この画面は閲覧のみです（ほかの画面で保存された内容は自動で表示されます）。ここで編集するには「編集を引き継ぐ」を押してください。ほかの画面の入力は保存してから引き継ぎます。';

/** Runs `task` once the frame showing the current state has been painted (at once in a page without frames). */
function afterNextPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
  else setTimeout(task, 0);
}

/** Shown for the moment a damaged record found after start-up is set aside and everything is loaded again. */
const RECHECK_MESSAGE = '保存データに読み込めない記録が見つかったため、読み込み直しています。しばらくお待ちください。';

/** How often at most a read-only window reads what the writer saved. */
const FOLLOW_INTERVAL_MS = 1000;

export function createServices(): AppServices & { start: () => Promise<void> } {
  const store = createSheetsStore();
  const saveStatus = createSaveStatusStore();
  const diagnostics: Diagnostics = { autosave: null, loadedAt: null };
  window.yosanDiagnostics = diagnostics;
  let autosave: Autosave | null = null;
  let db: YosanDb | null = null;

  const flush = async () => (autosave ? autosave.flush() : true);

  /** Reads the database again (a read-only window following the writer), keeping where the user is. */
  let following: Promise<void> | null = null;
  let followAgain = false;
  const follow = () => {
    if (following) {
      followAgain = true;
      return;
    }
    following = (async () => {
      do {
        followAgain = false;
        const loaded = db ? await loadFromDb(db) : null;
        const { fiscalYear, bureau } = store.getState();
        if (loaded && store.getState().readOnly !== null) store.getState().hydrate({ ...loaded, fiscalYear, bureau });
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_INTERVAL_MS));
      } while (followAgain);
    })().finally(() => {
      following = null;
    });
  };

  /**
   * From now on this window edits: fresh data from the database, then the autosave. At start-up (`verifyLater`) the
   * sheet records this version wrote are shown as stored and fully checked right after the first paint.
   */
  const becomeWriter = async (database: YosanDb, options: { verifyLater?: boolean } = {}) => {
    const { fiscalYear, bureau, readOnly } = store.getState();
    const loaded = await loadOrInitialiseChecked(database, builtInSample, options);
    // A window that was read-only keeps its place; a fresh start goes where the user last was.
    store.getState().hydrate(readOnly === null ? loaded.data : { ...loaded.data, fiscalYear, bureau });
    if (loaded.setAside.length > 0) store.getState().setSetAside(loaded.setAside);
    store.getState().setReadOnly(null);
    autosave = startAutosave(store, database, {
      onStatus: (status) => {
        saveStatus.setState(status, true);
        if (status.state === 'saved') lock.announceSaved();
      },
    });
    diagnostics.autosave = autosave.stats;
    const writing = autosave;
    if (loaded.unverified.length > 0) afterNextPaint(() => void verifyLoaded(database, loaded.unverified, writing));
  };

  /**
   * The full check of the records shown as stored. Should one fail (damaged on disk, say), what was typed since is
   * saved first, then everything is loaded again the careful way, which sets that record aside and says so.
   */
  const verifyLoaded = async (database: YosanDb, records: readonly unknown[], writing: Autosave) => {
    const unusable = await countUnusable(records);
    if (unusable === 0 || autosave !== writing) return;
    // No edit may land between the last write and the careful load that replaces memory.
    store.getState().setReadOnly(RECHECK_MESSAGE);
    await writing.flush();
    writing.stop();
    if (autosave === writing) await becomeWriter(database);
  };

  const loseWriting = () => {
    autosave?.stop();
    autosave = null;
    store.getState().setReadOnly(READ_ONLY_MESSAGE);
    saveStatus.setState({ state: 'saved', savedAt: saveStatus.getState().savedAt, message: null }, true);
  };

  const lock = createWriterLock({
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    channel: new BroadcastChannel(WRITER_CHANNEL_NAME),
    // No edit may slip in between the last write and letting go.
    beforeHandover: async () => {
      store.getState().setReadOnly(READ_ONLY_MESSAGE);
      await flush();
    },
    onLost: loseWriting,
    onOtherSaved: follow,
  });

  const takeOver = async () => {
    if (!db) return;
    await lock.takeOver();
    await becomeWriter(db);
  };

  const exportSetAside = async () => {
    const kept = db ? await db.quarantine.toArray() : [];
    downloadBlob(
      `予算デスク_保管データ_${new Date().toISOString().slice(0, 10)}.json`,
      new Blob([`${JSON.stringify(kept, null, 2)}\n`], { type: 'application/json' }),
    );
  };

  const start = async () => {
    try {
      db = openDb();
      // Opening the database (its version check) goes on while the lock is asked for; it reads nothing yet.
      const opening = db.open().then(() => markStartup('database-open'));
      const writer = await lock.acquire();
      await opening;
      markStartup('lock-acquired');
      if (writer) {
        await becomeWriter(db, { verifyLater: true });
      } else {
        const loaded = await loadFromDbChecked(db);
        if (loaded) {
          store.getState().hydrate(loaded.data);
          store.getState().setReadOnly(READ_ONLY_MESSAGE);
        } else {
          // Nothing stored yet and another window is starting up: wait for it to hand over, then start as usual.
          await takeOver();
        }
      }
      diagnostics.loadedAt = performance.now();
      markStartup('hydrated');
    } catch {
      store
        .getState()
        .failLoading('保存データを開けませんでした。ほかの画面で予算デスクを開いている場合は閉じてから、もう一度起動してください。');
      return;
    }
    // Write whenever the user may be leaving: the window loses focus, the tab hides, the page unloads. A page that
    // is going away gets its write committed before the handler returns (it cannot wait for an answer).
    const writeBeforeLeaving = () => autosave?.writeBeforeLeaving();
    window.addEventListener('blur', () => void flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') writeBeforeLeaving();
    });
    window.addEventListener('beforeunload', writeBeforeLeaving);
    window.addEventListener('pagehide', writeBeforeLeaving);
    // The desktop window asks before it closes and waits for this flush (with a timeout), then for the quit backup
    // of the whole document (written from memory, so it holds even an edit the flush could not save).
    desktop.onBeforeClose(async () => {
      const saved = await flush();
      await backUpOnQuit({ store, desktop });
      return saved;
    });
  };

  /** One bulk change at a time: a second waits for the first. */
  let bulk: Promise<unknown> = Promise.resolve();
  const applyBulk = (change: BulkChange): Promise<{ ok: true } | { ok: false; message: string }> => {
    const run = async (): Promise<{ ok: true } | { ok: false; message: string }> => {
      const writer = autosave;
      if (!db || !writer || store.getState().readOnly !== null) {
        return { ok: false, message: 'この画面は閲覧のみのため変更できません。「編集を引き継ぐ」を押してからやり直してください。' };
      }
      writer.pause();
      try {
        if (!(await writer.flush())) return { ok: false, message: '入力中の内容を保存できなかったため、何も変更していません。右上の表示を確認してください。' };
        try {
          await writeBulkChange(db, change);
        } catch {
          return { ok: false, message: '保存できなかったため、何も変更していません。ディスクの空き容量を確認して、もう一度やり直してください。' };
        }
        store.getState().absorb(change);
        const state = store.getState();
        writer.rememberWritten({
          sheets: change.sheets.map(({ sheet }) => ({
            id: sheet.id,
            sheet: state.sheets.get(sheet.id) ?? sheet,
            position: state.positions[sheet.id] ?? 0,
            deletedAt: null,
            formatVersion: RECORD_FORMAT_VERSION,
          })),
          policies: change.policies,
          ...(change.lockedYears ? { lockedYears: state.lockedYears } : {}),
        });
        return { ok: true };
      } finally {
        writer.resume();
      }
    };
    const result = bulk.then(run, run);
    bulk = result;
    return result;
  };

  return { store, saveStatus, flush, start, takeOver, exportSetAside, applyBulk, database: () => db };
}
