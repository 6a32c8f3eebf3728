// React access to the stores: the document store and the save status, provided once at the top of the app.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SaveStatus } from '../persistence/autosave';
import type { BulkChange } from '../persistence/bulk-write';
import type { YosanDb } from '../persistence/db';
import type { SheetsActions, SheetsState, SheetsStore } from './sheets-store';

export interface AppServices {
  store: SheetsStore;
  saveStatus: StoreApi<SaveStatus>;
  /** Writes pending changes now (Ctrl+S, before export or print, on close). */
  flush: () => Promise<boolean>;
  /** In a read-only window: asks the window that edits to save and hand over, then edits here (編集を引き継ぐ). */
  takeOver: () => Promise<void>;
  /** Saves the records kept aside on load (never deleted) as a JSON file, for recovery by hand. */
  exportSetAside: () => Promise<void>;
  /**
   * Writes a change of many records (merge, 次年度の作成, restore) in one transaction, then shows it: pending edits are
   * flushed first, the autosave waits meanwhile. On failure nothing is written or shown and the message says why.
   */
  applyBulk: (change: BulkChange) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** The database, for reading versions (履歴) and merge bases; null before start or when it could not open. */
  database: () => YosanDb | null;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider missing');
  return services;
}

export function useSheets<T>(selector: (state: SheetsState & SheetsActions) => T): T {
  return useStore(useServices().store, selector);
}

export function useSaveStatus(): SaveStatus {
  return useStore(useServices().saveStatus);
}

export function createSaveStatusStore(): StoreApi<SaveStatus> {
  return createStore<SaveStatus>()(() => ({ state: 'saved', savedAt: null, message: null }));
}
