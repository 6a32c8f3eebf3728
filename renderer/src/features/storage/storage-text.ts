// The words of the データの保管 panel: space used, whether the data is kept for good, when the last backup was taken.

/** `3.2 MB`, `840 KB` (at least `1 KB`: an empty store still holds something). */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${(bytes / mib).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * 「保存領域 3.2 MB 使用（永続化済み）」. `persisted` null: the browser could not say. Outside the desktop app the
 * browser itself may clear unpersisted data when the disk runs short, and the user should know.
 */
export function storageLine(usage: number | null, persisted: boolean | null, desktopApp: boolean): string {
  const used = usage === null ? '保存領域の使用量は不明' : `保存領域 ${formatBytes(usage)} 使用`;
  if (persisted === true) return `${used}（永続化済み）`;
  if (persisted === false) {
    return desktopApp ? `${used}（ディスクの空きが少なくなると消去される場合があります）` : `${used}（ブラウザーが消去する場合があります）`;
  }
  return used;
}

const two = (n: number) => String(n).padStart(2, '0');

/** 「2026年4月1日 9:05」 in local time; 「今日 9:05」 and 「昨日 18:30」 for the last two days. */
export function backupTimeLabel(takenAt: Date, now: Date): string {
  const time = `${takenAt.getHours()}:${two(takenAt.getMinutes())}`;
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const today = day(now);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).getTime();
  if (day(takenAt) === today) return `今日 ${time}`;
  if (day(takenAt) === yesterday) return `昨日 ${time}`;
  return `${takenAt.getFullYear()}年${takenAt.getMonth() + 1}月${takenAt.getDate()}日 ${time}`;
}
