// The データの保管 state: asks once for persistent storage, measures the space used, runs the daily backup check in
// the window that edits, and offers 今すぐバックアップ and フォルダーを変更.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupInfoResult } from '../../../../shared/ipc/contract';
import { desktop } from '../../desktop';
import { useServices, useSheets } from '../../store/context';
import { BACKUP_CHECK_INTERVAL_MS, FIRST_BACKUP_CHECK_DELAY_MS, backUpIfDue, backUpNow, mayBackUp, type BackupOutcome } from './backup-runner';

/** What navigator.storage answered; null where it could not say (an old browser, an error). */
export interface StorageEstimate {
  usage: number | null;
  persisted: boolean | null;
}

let persistRequest: Promise<boolean | null> | null = null;

/** Asks the browser once per page to keep our data (IndexedDB) even when the disk runs short. */
function requestPersistenceOnce(): Promise<boolean | null> {
  persistRequest ??= (async () => {
    try {
      return typeof navigator !== 'undefined' && navigator.storage?.persist ? await navigator.storage.persist() : null;
    } catch {
      return null;
    }
  })();
  return persistRequest;
}

async function measure(): Promise<StorageEstimate> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const usage = await Promise.resolve(storage?.estimate?.()).then((e) => e?.usage ?? null, () => null);
  const persisted = await Promise.resolve(storage?.persisted?.()).then((p) => p ?? null, () => null);
  return { usage, persisted };
}

export type StorageBusy = 'backup' | 'folder' | null;

export interface StorageSafety {
  estimate: StorageEstimate | null;
  /** The backup folder and the newest backup; `unavailable` in the browser. */
  info: BackupInfoResult | null;
  /** The last backup this window wrote or tried (automatic or 今すぐ). */
  outcome: BackupOutcome | null;
  /** A message from フォルダーを変更, or null. */
  folderMessage: { tone: 'info' | 'error'; text: string } | null;
  busy: StorageBusy;
  /** Measures again and reads the backup info (when the panel opens). */
  refresh: () => Promise<void>;
  backUpNow: () => Promise<void>;
  chooseFolder: () => Promise<void>;
}

export function useStorageSafety(): StorageSafety {
  const { store, flush } = useServices();
  const writer = useSheets(mayBackUp);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [info, setInfo] = useState<BackupInfoResult | null>(null);
  const [outcome, setOutcome] = useState<BackupOutcome | null>(null);
  const [folderMessage, setFolderMessage] = useState<StorageSafety['folderMessage']>(null);
  const [busy, setBusy] = useState<StorageBusy>(null);
  // One backup at a time: the hourly check and 今すぐバックアップ must not write over each other.
  const running = useRef<Promise<unknown>>(Promise.resolve());

  const readInfo = useCallback(async () => {
    setInfo(await desktop.getBackupInfo().catch(() => null));
  }, []);

  const refresh = useCallback(async () => {
    const [measured] = await Promise.all([measure(), readInfo()]);
    setEstimate(measured);
  }, [readInfo]);

  const run = useCallback(
    (task: () => Promise<BackupOutcome>) => {
      const next = running.current.then(task, task).then(async (result) => {
        if (result.kind !== 'skipped') {
          setOutcome(result);
          await readInfo();
        }
        return result;
      });
      running.current = next.catch(() => undefined);
      return next;
    },
    [readInfo],
  );

  // Once loaded, in the window that edits: persistence, the space used, then the daily backup now and every hour.
  useEffect(() => {
    if (!writer) return;
    let stopped = false;
    void requestPersistenceOnce().then(() => {
      if (!stopped) void refresh();
    });
    const deps = { store, desktop, flush };
    const check = () => void run(() => backUpIfDue(deps));
    const first = setTimeout(check, FIRST_BACKUP_CHECK_DELAY_MS);
    const hourly = setInterval(check, BACKUP_CHECK_INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(hourly);
    };
  }, [writer, store, flush, run, refresh]);

  const backUpNowAction = useCallback(async () => {
    setBusy('backup');
    try {
      await run(() => backUpNow({ store, desktop, flush }));
    } finally {
      setBusy(null);
    }
  }, [run, store, flush]);

  const chooseFolder = useCallback(async () => {
    setBusy('folder');
    setFolderMessage(null);
    try {
      const result = await desktop.chooseBackupFolder();
      if (result.status === 'chosen') setFolderMessage({ tone: 'info', text: '保存先を変更しました。次のバックアップからこのフォルダーに保存します。' });
      else if (result.status === 'error') setFolderMessage({ tone: 'error', text: result.message });
      await readInfo();
    } finally {
      setBusy(null);
    }
  }, [readInfo]);

  return { estimate, info, outcome, folderMessage, busy, refresh, backUpNow: backUpNowAction, chooseFolder };
}
