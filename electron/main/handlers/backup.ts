// backup:write, backup:info, backup:choose and backup:restore: the folder from the settings file, the dialogs,
// and the file work in services/backup.ts.
import { stat } from 'node:fs/promises';
import { MAX_EXCHANGE_FILE_BYTES } from '../../../shared/exchange/format';
import type { Handlers } from '../ipc/register';
import { checkBackupFolder, listBackups, readBackupSettings, writeBackup, writeBackupSettings } from '../../services/backup';
import { openExchangeFileAt } from '../../services/files';
import type { DialogPort, DocumentsFolder } from './ports';

export interface BackupPorts {
  dialogs: DialogPort;
  /** The default folder is `<Documents>/予算デスク/バックアップ`. */
  documentsFolder: DocumentsFolder;
  /** Where the settings file lives (app.getPath('userData')). */
  userDataFolder: () => string;
  /** Names the backup file (local time); a test passes a fixed moment. */
  now: () => Date;
  /** The largest file `backup:restore` reads; the format's limit unless a test says otherwise. */
  maxFileBytes?: number;
}

type BackupChannel = 'backup:write' | 'backup:info' | 'backup:choose' | 'backup:restore';

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

export function createBackupHandlers(ports: BackupPorts): Pick<Handlers, BackupChannel> {
  const maxFileBytes = ports.maxFileBytes ?? MAX_EXCHANGE_FILE_BYTES;
  const settings = () => readBackupSettings(ports.userDataFolder(), ports.documentsFolder());
  return {
    'backup:write': async ({ file, reason }) => {
      const { folder } = await settings();
      // A quit backup identical to the newest one would only push an older day out of the 14 kept.
      const outcome = await writeBackup(folder, file, ports.now(), { skipIfUnchanged: reason === 'quit' });
      if (!outcome.ok) return { status: 'error', message: outcome.message };
      return { status: outcome.written ? 'saved' : 'unchanged', path: outcome.path, fileName: outcome.fileName };
    },
    'backup:info': async () => {
      const { folder } = await settings();
      const backups = await listBackups(folder);
      return { status: 'ok', folder, lastBackupAt: backups[0]?.takenAt.toISOString() ?? null, count: backups.length };
    },
    'backup:choose': async () => {
      const { folder: current } = await settings();
      const chosen = await ports.dialogs.open({
        title: 'バックアップの保存先を選ぶ',
        buttonLabel: 'このフォルダーに保存',
        properties: ['openDirectory', 'createDirectory'],
        filters: [],
        defaultPath: (await isFolder(current)) ? current : ports.documentsFolder(),
      });
      const folder = chosen.filePaths[0];
      if (chosen.canceled || folder === undefined) return { status: 'canceled' };
      const problem = await checkBackupFolder(folder);
      if (problem !== null) return { status: 'error', message: problem };
      const written = await writeBackupSettings(ports.userDataFolder(), { folder });
      if (!written.ok) return { status: 'error', message: '保存先の設定を保存できませんでした。もう一度お試しください。' };
      return { status: 'chosen', folder };
    },
    'backup:restore': async () => {
      const { folder } = await settings();
      const chosen = await ports.dialogs.open({
        title: 'バックアップから復元',
        buttonLabel: '開く',
        properties: ['openFile'],
        filters: [
          { name: '予算デスクのファイル', extensions: ['yosan.json'] },
          { name: 'JSON ファイル', extensions: ['json'] },
        ],
        defaultPath: (await isFolder(folder)) ? folder : ports.documentsFolder(),
      });
      const filePath = chosen.filePaths[0];
      if (chosen.canceled || filePath === undefined) return { status: 'canceled' };
      // One backup, its document or its problems: the merge preview shows it before anything changes.
      return { status: 'chosen', files: [await openExchangeFileAt(filePath, maxFileBytes)] };
    },
  };
}
