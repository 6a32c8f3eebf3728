// Automatic backups from the renderer's side: the whole store as an exchange file, the daily check and the backup on quit.
// Only the window that edits backs up; the desktop API decides where (a browser answers that it cannot).
import type { ExchangeFile } from '../../../../shared/domain/schema';
import { isBackupDue } from '../../../../shared/exchange/backup-names';
import { newExchangeFile } from '../../../../shared/exchange/format';
import type { DesktopApi } from '../../../../shared/ipc/contract';
import type { SheetsState, SheetsStore } from '../../store/sheets-store';

/** How often the daily backup is checked for while the app stays open (a window left open overnight). */
export const BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** The first check waits a moment after start, so it does not compete with showing the list. */
export const FIRST_BACKUP_CHECK_DELAY_MS = 3000;

/**
 * The whole document as an exchange file: every 年度 and 局 the store holds (not only the one on screen), sheets in
 * list order, the 局運営方針 and the 確定済み years. Sheets in 削除済み are not in it (they stay in the app).
 */
export function backupDocumentOf(state: Pick<SheetsState, 'municipality' | 'fiscalYear' | 'sheets' | 'positions' | 'policies' | 'lockedYears'>): ExchangeFile {
  return newExchangeFile({
    municipality: state.municipality,
    fiscalYear: state.fiscalYear,
    sheets: state.sheets.toArray().sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0)),
    policies: state.policies,
    lockedYears: state.lockedYears,
  });
}

/** Only a loaded window that edits writes backups: a read-only window's data may be a moment behind. */
export function mayBackUp(state: Pick<SheetsState, 'phase' | 'readOnly'>): boolean {
  return state.phase === 'ready' && state.readOnly === null;
}

export type BackupOutcome =
  /** Not due, not the editing window, or no automatic backups here (the browser). */
  | { kind: 'skipped' }
  | { kind: 'written'; fileName: string }
  /** The newest backup already held this document. */
  | { kind: 'unchanged'; fileName: string }
  | { kind: 'failed'; message: string };

export interface BackupDeps {
  store: SheetsStore;
  desktop: Pick<DesktopApi, 'getBackupInfo' | 'writeBackup'>;
  /** The autosave flush: the daily backup writes what the database holds a moment later anyway, edits included. */
  flush: () => Promise<boolean>;
  now?: () => Date;
}

async function write(deps: BackupDeps, reason: 'daily' | 'quit'): Promise<BackupOutcome> {
  const state = deps.store.getState();
  if (!mayBackUp(state)) return { kind: 'skipped' };
  let result;
  try {
    result = await deps.desktop.writeBackup({ file: backupDocumentOf(state), reason });
  } catch {
    return { kind: 'failed', message: 'バックアップを保存できませんでした。もう一度お試しください。' };
  }
  if (result.status === 'saved') return { kind: 'written', fileName: result.fileName };
  if (result.status === 'unchanged') return { kind: 'unchanged', fileName: result.fileName };
  return { kind: 'failed', message: result.message };
}

/** 今すぐバックアップ: flush, then write whatever the day. */
export async function backUpNow(deps: BackupDeps): Promise<BackupOutcome> {
  await deps.flush();
  return write(deps, 'daily');
}

/** The daily check: a backup when none was taken today (local time) in the backup folder; nothing in the browser. */
export async function backUpIfDue(deps: BackupDeps): Promise<BackupOutcome> {
  if (!mayBackUp(deps.store.getState())) return { kind: 'skipped' };
  const info = await deps.desktop.getBackupInfo().catch(() => null);
  if (info?.status !== 'ok') return { kind: 'skipped' };
  const now = deps.now?.() ?? new Date();
  if (!isBackupDue(info.lastBackupAt === null ? null : new Date(info.lastBackupAt), now)) return { kind: 'skipped' };
  return backUpNow(deps);
}

/** On quit, after the close flush: one more backup (main skips it when it equals the newest). Never throws. */
export async function backUpOnQuit(deps: Omit<BackupDeps, 'flush'>): Promise<BackupOutcome> {
  return write({ ...deps, flush: async () => true }, 'quit');
}
