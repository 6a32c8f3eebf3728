// Starting the app: open IndexedDB, load (or on first run, store the built-in sample), hydrate the store, start autosave.
import sample from '../../../assets/sample/seisakukyoku-h27.yosan.json';
import type { ExchangeFile } from '../../../shared/domain/schema';
import { readExchangeFile } from '../../../shared/exchange/read';
import { desktop } from '../desktop';
import { startAutosave, type Autosave } from '../persistence/autosave';
import { openDb } from '../persistence/db';
import { loadOrInitialise } from '../persistence/load';
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

export function createServices(): AppServices & { start: () => Promise<void> } {
  const store = createSheetsStore();
  const saveStatus = createSaveStatusStore();
  const diagnostics: Diagnostics = { autosave: null, loadedAt: null };
  window.yosanDiagnostics = diagnostics;
  let autosave: Autosave | null = null;

  const flush = async () => (autosave ? autosave.flush() : true);

  const start = async () => {
    try {
      const db = openDb();
      const data = await loadOrInitialise(db, builtInSample);
      store.getState().hydrate(data);
      autosave = startAutosave(store, db, { onStatus: (status) => saveStatus.setState(status, true) });
      diagnostics.autosave = autosave.stats;
      diagnostics.loadedAt = performance.now();
    } catch {
      store
        .getState()
        .failLoading('保存データを開けませんでした。ほかの画面で予算デスクを開いている場合は閉じてから、もう一度起動してください。');
      return;
    }
    // Flush whenever the user may be leaving: the window loses focus, the tab hides, the page unloads.
    window.addEventListener('blur', () => void flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush();
    });
    window.addEventListener('beforeunload', () => void flush());
    window.addEventListener('pagehide', () => void flush());
    // The desktop window asks before it closes and waits for this flush (with a timeout).
    desktop.onBeforeClose(flush);
  };

  return { store, saveStatus, flush, start };
}
