// Automatic backups' file names (予算デスク_YYYY-MM-DD_HHmmss.yosan.json, local time) and when one is due; pure, for main and the renderer.
import { EXCHANGE_EXTENSION } from './format';

/** Every backup's name starts with this; nothing else in the folder is ever ours to delete. */
export const BACKUP_FILE_PREFIX = '予算デスク_';
/** How many backups the folder keeps: the newest 14, so two weeks of daily backups at the least. */
export const BACKUPS_KEPT = 14;

const BACKUP_NAME = /^予算デスク_(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})\.yosan\.json$/;

const two = (n: number) => String(n).padStart(2, '0');

/** `予算デスク_2026-04-01_090507.yosan.json` for 2026-04-01 09:05:07 local time. */
export function backupFileName(now: Date): string {
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `${BACKUP_FILE_PREFIX}${date}_${time}${EXCHANGE_EXTENSION}`;
}

/**
 * When a backup was taken, read from its name (local time); null for any name we did not write, including a date
 * that does not exist (2026-02-30). macOS may hand names back decomposed (デ as テ + ゛), hence NFC.
 */
export function backupTakenAt(fileName: string): Date | null {
  const match = BACKUP_NAME.exec(fileName.normalize('NFC'));
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // The Date constructor rolls 30 February over into March: a name that does not round-trip is not ours.
  return backupFileName(date) === fileName.normalize('NFC') ? date : null;
}

/** Whether a file name is one of our backups (and so may be pruned). */
export function isBackupFileName(fileName: string): boolean {
  return backupTakenAt(fileName) !== null;
}

/** The local calendar day of a moment, as `YYYY-MM-DD`. */
function localDay(moment: Date): string {
  return `${moment.getFullYear()}-${two(moment.getMonth() + 1)}-${two(moment.getDate())}`;
}

/**
 * Whether the daily backup is due: none yet, or the last one was taken on another local calendar day (a backup at
 * 23:59 does not hold for 00:01 the next day; a clock set back to an earlier day also asks for one).
 */
export function isBackupDue(lastBackupAt: Date | null, now: Date): boolean {
  if (lastBackupAt === null || Number.isNaN(lastBackupAt.getTime())) return true;
  return localDay(lastBackupAt) !== localDay(now);
}
