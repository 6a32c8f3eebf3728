// The toolbar's 「データの保管」 button and its panel: space used and persistence, the backup folder and the newest
// backup, 今すぐバックアップ, フォルダーを変更 and 復元… (through the merge preview).
import { useEffect, useId, useRef, useState } from 'react';
import { BACKUPS_KEPT } from '../../../../shared/exchange/backup-names';
import type { BackupRestoreResult } from '../../../../shared/ipc/contract';
import { desktop, isDesktopApp } from '../../desktop';
import { useSheets } from '../../store/context';
import type { BackupOutcome } from './backup-runner';
import { backupTimeLabel, storageLine } from './storage-text';
import { useStorageSafety } from './useStorageSafety';
import './storage.css';

export interface StorageMenuProps {
  /**
   * Shows the merge preview for the files `pick` answers (FileCommands.mergeFrom): 復元… passes the backup picker, so a
   * backup is compared with what is held and nothing changes until 取り込む.
   */
  mergeFrom: (pick: () => Promise<BackupRestoreResult>) => Promise<void>;
}

function outcomeText(outcome: BackupOutcome): string | null {
  switch (outcome.kind) {
    case 'written':
      return `「${outcome.fileName}」にバックアップしました。`;
    case 'unchanged':
      return `変更がないため、最新のバックアップ「${outcome.fileName}」のままです。`;
    case 'failed':
      return outcome.message;
    case 'skipped':
      return null;
  }
}

export function StorageMenu({ mergeFrom }: StorageMenuProps) {
  const safety = useStorageSafety();
  const [open, setOpen] = useState(false);
  const readOnly = useSheets((s) => s.readOnly !== null);
  const wrapper = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const failed = safety.outcome?.kind === 'failed';
  const { refresh } = safety;

  useEffect(() => {
    if (!open) return;
    void refresh();
    // Closes on Escape and on a click outside, like a menu; the panel changes nothing by itself.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, refresh]);

  const restore = async () => {
    setOpen(false);
    await mergeFrom(() => desktop.restoreBackup());
  };

  const info = safety.info;
  const now = new Date();
  const outcome = safety.outcome ? outcomeText(safety.outcome) : null;
  return (
    <div className="storage-menu" ref={wrapper}>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className={failed ? 'storage-button storage-failed' : 'storage-button'}
        title={failed && safety.outcome?.kind === 'failed' ? safety.outcome.message : '保存領域とバックアップ'}
      >
        {failed ? '⚠ データの保管' : 'データの保管'}
      </button>
      {open && (
        <div className="storage-panel" role="dialog" aria-labelledby={headingId}>
          <h2 id={headingId}>データの保管</h2>
          <p className="storage-usage" data-storage-usage>
            {safety.estimate ? storageLine(safety.estimate.usage, safety.estimate.persisted, isDesktopApp) : '保存領域を確認しています…'}
          </p>
          <h3>バックアップ</h3>
          {info?.status === 'ok' && (
            <dl className="storage-facts">
              <dt>保存先</dt>
              <dd className="storage-folder" title={info.folder}>
                {info.folder}
              </dd>
              <dt>最新</dt>
              <dd>{info.lastBackupAt === null ? 'まだありません' : backupTimeLabel(new Date(info.lastBackupAt), now)}</dd>
              <dt>保管数</dt>
              <dd>
                {info.count} 件（新しい {BACKUPS_KEPT} 件まで残します）
              </dd>
            </dl>
          )}
          {info?.status === 'ok' && <p className="storage-note">1日1回（起動中）と終了時に、すべての年度・局を自動で保存します。</p>}
          {info?.status === 'unavailable' && <p className="storage-note">{info.message}</p>}
          {info?.status === 'error' && <p className="storage-message error">{info.message}</p>}
          {outcome && (
            <p className={safety.outcome?.kind === 'failed' ? 'storage-message error' : 'storage-message'} role="status">
              {outcome}
            </p>
          )}
          {safety.folderMessage && (
            <p className={safety.folderMessage.tone === 'error' ? 'storage-message error' : 'storage-message'} role="status">
              {safety.folderMessage.text}
            </p>
          )}
          <div className="storage-actions">
            {info?.status === 'ok' && (
              <>
                <button type="button" onClick={() => void safety.backUpNow()} disabled={safety.busy !== null || readOnly}>
                  {safety.busy === 'backup' ? 'バックアップ中…' : '今すぐバックアップ'}
                </button>
                <button type="button" onClick={() => void safety.chooseFolder()} disabled={safety.busy !== null}>
                  フォルダーを変更
                </button>
              </>
            )}
            <button type="button" onClick={() => void restore()} disabled={readOnly} title="バックアップを選び、いまのデータと比べてから取り込みます">
              復元…
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
