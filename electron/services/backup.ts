// Automatic backups on disk, without electron: the safe write of the whole document, keeping the newest 14, the listing,
// and the settings file that remembers the folder the user chose.
import { access, constants, mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ExchangeFile } from '../../shared/domain/schema';
import { BACKUPS_KEPT, backupFileName, backupTakenAt, isBackupDue } from '../../shared/exchange/backup-names';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import { writeExchangeFile } from '../../shared/exchange/write';
import { readTextFileLimited, writeFileAtomic, type AtomicWriteOptions, type WriteResult } from './files';

export { isBackupDue };

/** The settings file in the app's userData folder. */
export const BACKUP_SETTINGS_FILE = 'backup-settings.json';

/** `<Documents>/予算デスク/バックアップ`: where backups go until the user chooses another folder. */
export function defaultBackupFolder(documentsFolder: string): string {
  return path.join(documentsFolder, '予算デスク', 'バックアップ');
}

const backupSettingsSchema = z.strictObject({
  folder: z.string().min(1).max(1000).refine((folder) => path.isAbsolute(folder)),
});
export type BackupSettings = z.output<typeof backupSettingsSchema>;

/** The chosen folder; the default when the file is missing, unreadable or not what we wrote. Never throws. */
export async function readBackupSettings(userDataFolder: string, documentsFolder: string): Promise<BackupSettings> {
  const fallback = { folder: defaultBackupFolder(documentsFolder) };
  const read = await readTextFileLimited(path.join(userDataFolder, BACKUP_SETTINGS_FILE), 64 * 1024);
  if (!read.ok) return fallback;
  try {
    const parsed = backupSettingsSchema.safeParse(JSON.parse(read.text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Stores the chosen folder, safely (a crash leaves the old settings or the new, never half). */
export async function writeBackupSettings(userDataFolder: string, settings: BackupSettings): Promise<WriteResult> {
  await mkdir(userDataFolder, { recursive: true }).catch(() => undefined);
  return writeFileAtomic(path.join(userDataFolder, BACKUP_SETTINGS_FILE), `${JSON.stringify(backupSettingsSchema.parse(settings), null, 2)}\n`);
}

export interface BackupEntry {
  fileName: string;
  path: string;
  /** From the file name, local time. */
  takenAt: Date;
}

/** Our backups in the folder, newest first; other files are not listed. A missing folder has none. */
export async function listBackups(folder: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const fileName of names) {
    const takenAt = backupTakenAt(fileName);
    if (takenAt !== null) entries.push({ fileName, path: path.join(folder, fileName), takenAt });
  }
  return entries.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
}

/** What went wrong with a backup and what to do, naming the folder. */
export function backupFailureMessage(code: string, folder: string): string {
  const name = path.basename(folder) || folder;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `ディスクの空き容量が足りないため、バックアップを保存できませんでした。不要なファイルを削除するか、「フォルダーを変更」で別の場所を選んでください。`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `フォルダー「${name}」に書き込む権限がないため、バックアップを保存できませんでした。「フォルダーを変更」で別の場所を選んでください。`;
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EEXIST':
      return `バックアップのフォルダー「${name}」を作れないため、バックアップを保存できませんでした。ネットワークドライブや USB メモリーの場合は接続を確かめるか、「フォルダーを変更」で別の場所を選んでください。`;
    case 'EBUSY':
      return `バックアップのファイルが他のアプリで使用中のため保存できませんでした。しばらくしてから「今すぐバックアップ」を押してください。`;
    default:
      return `バックアップを保存できませんでした（エラーコード: ${code}）。「フォルダーを変更」で別の場所を選ぶか、しばらくしてからもう一度お試しください。`;
  }
}

export type BackupWriteOutcome =
  | { ok: true; written: true; path: string; fileName: string }
  /** The newest backup already holds exactly this document: nothing written (a quit right after the daily backup). */
  | { ok: true; written: false; path: string; fileName: string }
  | { ok: false; code: string; message: string };

export interface BackupWriteOptions extends AtomicWriteOptions {
  /** Skip the write when the newest backup has the same bytes, so opening and closing the app does not push out older days. */
  skipIfUnchanged?: boolean;
  /** How many backups to keep; 14 unless a test says otherwise. */
  keep?: number;
}

/**
 * Writes the whole document as `予算デスク_YYYY-MM-DD_HHmmss.yosan.json` (local time) into `folder` with the safe
 * write (a crash leaves no half file), creating the folder, then deletes our oldest backups beyond the newest 14.
 * Only files named like our backups are ever deleted, and never the one just written. Failures come back as values.
 */
export async function writeBackup(folder: string, file: ExchangeFile, now: Date, options: BackupWriteOptions = {}): Promise<BackupWriteOutcome> {
  const text = writeExchangeFile(file);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = errorCode(error);
    return { ok: false, code, message: backupFailureMessage(code, folder) };
  }
  if (options.skipIfUnchanged) {
    const newest = (await listBackups(folder))[0];
    if (newest) {
      const read = await readTextFileLimited(newest.path, MAX_EXCHANGE_FILE_BYTES);
      if (read.ok && read.text === text) return { ok: true, written: false, path: newest.path, fileName: newest.fileName };
    }
  }
  const fileName = backupFileName(now);
  const filePath = path.join(folder, fileName);
  const written = await writeFileAtomic(filePath, text, options.rename ? { rename: options.rename } : {});
  if (!written.ok) return { ok: false, code: written.code, message: backupFailureMessage(written.code, folder) };
  await pruneBackups(folder, options.keep ?? BACKUPS_KEPT, fileName);
  return { ok: true, written: true, path: filePath, fileName };
}

/** Deletes our backups beyond the newest `keep`, never `justWritten` (a clock set back may make it look old). Best effort. */
export async function pruneBackups(folder: string, keep: number, justWritten?: string): Promise<void> {
  const others = (await listBackups(folder)).filter((entry) => entry.fileName !== justWritten);
  const room = justWritten === undefined ? keep : Math.max(0, keep - 1);
  for (const entry of others.slice(room)) {
    // A backup another program holds open is left for the next time.
    await unlink(entry.path).catch(() => undefined);
  }
}

/**
 * Whether backups can be written into `folder` (created when missing): null when they can, else the message for the
 * folder dialog (nothing has changed yet, so it asks for another folder).
 */
export async function checkBackupFolder(folder: string): Promise<string | null> {
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
    return null;
  } catch (error) {
    const code = errorCode(error);
    const name = path.basename(folder) || folder;
    return code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? `フォルダー「${name}」には書き込む権限がないため、バックアップの保存先にできません。別のフォルダーを選んでください。`
      : `フォルダー「${name}」はバックアップの保存先にできません（エラーコード: ${code}）。別のフォルダーを選んでください。`;
  }
}
