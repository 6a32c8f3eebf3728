// The renderer's side of automatic backups: what goes into the file (the whole store, locks included), when the daily
// backup is written, that only the editing window writes, and the quit backup after the flush. A fake desktop API.
import { describe, expect, it } from 'vitest';
import type { BackupInfoResult, BackupWriteRequest, BackupWriteResult } from '../../shared/ipc/contract';
import { ipcMessages } from '../../shared/ipc/messages';
import { backUpIfDue, backUpNow, backUpOnQuit, backupDocumentOf } from '../../renderer/src/features/storage/backup-runner';
import { backupTimeLabel, formatBytes, storageLine } from '../../renderer/src/features/storage/storage-text';
import { createSheetsStore, dataFromFile } from '../../renderer/src/store/sheets-store';
import { browserDesktop } from '../../renderer/src/desktop';
import { loadSample } from '../helpers/sample';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業
const at = (days = 0, hour = 9) => new Date(2026, 3, 1 + days, hour, 5, 7);

function setup(info: BackupInfoResult, answer: BackupWriteResult = { status: 'saved', path: '/b/x.yosan.json', fileName: 'x.yosan.json' }) {
  const store = createSheetsStore();
  const sample = loadSample();
  // A second 年度 besides the one on screen, and a 確定済み year: both must be in the backup.
  const lastYear = { ...sample.sheets[0]!, id: '5a1e0000-0000-4000-8000-0000000000aa', fiscalYear: 2014 };
  store.getState().hydrate(dataFromFile({ ...sample, sheets: [...sample.sheets, lastYear], lockedYears: [2014] }));
  const written: BackupWriteRequest[] = [];
  const events: string[] = [];
  const desktop = {
    getBackupInfo: async () => info,
    writeBackup: async (request: BackupWriteRequest) => {
      events.push(`write:${request.reason}`);
      written.push(request);
      return answer;
    },
  };
  const flush = async () => {
    events.push('flush');
    return true;
  };
  return { store, desktop, flush, written, events };
}

const ok = (lastBackupAt: Date | null): BackupInfoResult => ({ status: 'ok', folder: '/b', lastBackupAt: lastBackupAt?.toISOString() ?? null, count: lastBackupAt ? 1 : 0 });

describe('the backup document', () => {
  it('holds every 年度 the store holds, the 局運営方針 and the 確定済み years, sheets in list order', () => {
    const { store } = setup(ok(null));
    const doc = backupDocumentOf(store.getState());
    expect(doc.sheets).toHaveLength(loadSample().sheets.length + 1);
    expect(new Set(doc.sheets.map((s) => s.fiscalYear))).toEqual(new Set([2014, 2015]));
    expect(doc.sheets.map((s) => s.id).slice(0, 10)).toEqual(loadSample().sheets.map((s) => s.id));
    expect(doc.policies).toEqual(loadSample().policies);
    expect(doc.lockedYears).toEqual([2014]);
  });
});

describe('the daily backup', () => {
  it('is written (after the flush) when none was taken today, carrying the edit just typed', async () => {
    const { store, desktop, flush, written, events } = setup(ok(at(-1, 23)));
    store.getState().updateSheet(JOHOKA, (sheet) => ({ ...sheet, amount: 2_800_000 }), 'amount');
    expect(await backUpIfDue({ store, desktop, flush, now: () => at(0, 0) })).toEqual({ kind: 'written', fileName: 'x.yosan.json' });
    expect(events).toEqual(['flush', 'write:daily']);
    expect(written[0]?.file.sheets.find((s) => s.id === JOHOKA)?.amount).toBe(2_800_000);
  });

  it('is not written again the same day', async () => {
    const { store, desktop, flush, events } = setup(ok(at(0, 0)));
    expect(await backUpIfDue({ store, desktop, flush, now: () => at(0, 23) })).toEqual({ kind: 'skipped' });
    expect(events).toEqual([]);
  });

  it('is never written by a read-only window, nor before the data is loaded', async () => {
    const { store, desktop, flush, events } = setup(ok(null));
    store.getState().setReadOnly('ほかの画面で編集中');
    expect(await backUpIfDue({ store, desktop, flush })).toEqual({ kind: 'skipped' });
    expect(await backUpOnQuit({ store, desktop })).toEqual({ kind: 'skipped' });
    const fresh = createSheetsStore();
    expect(await backUpIfDue({ store: fresh, desktop, flush })).toEqual({ kind: 'skipped' });
    expect(events).toEqual([]);
  });

  it('the browser has no automatic backups: nothing is written', async () => {
    const { store, flush } = setup(ok(null));
    const outcome = await backUpIfDue({ store, desktop: browserDesktop, flush });
    expect(outcome).toEqual({ kind: 'skipped' });
    expect(await browserDesktop.getBackupInfo()).toEqual({ status: 'unavailable', message: ipcMessages.backupUnavailable });
  });

  it('a failure comes back with main’s Japanese message', async () => {
    const message = 'ディスクの空き容量が足りないため、バックアップを保存できませんでした。';
    const { store, desktop, flush } = setup(ok(null), { status: 'error', message });
    expect(await backUpNow({ store, desktop, flush })).toEqual({ kind: 'failed', message });
  });
});

describe('the quit backup', () => {
  it('is written with reason quit, without a second flush (the close flush ran just before)', async () => {
    const { store, desktop, events } = setup(ok(at(0)), { status: 'unchanged', path: '/b/y.yosan.json', fileName: 'y.yosan.json' });
    expect(await backUpOnQuit({ store, desktop })).toEqual({ kind: 'unchanged', fileName: 'y.yosan.json' });
    expect(events).toEqual(['write:quit']);
  });

  it('a desktop API that throws is a failure value, never an exception (the window must still close)', async () => {
    const { store } = setup(ok(null));
    const broken = { getBackupInfo: async () => ok(null), writeBackup: async () => Promise.reject(new Error('gone')) };
    expect((await backUpOnQuit({ store, desktop: broken })).kind).toBe('failed');
  });
});

describe('the words of the panel', () => {
  it.each([
    [0, '1 KB'],
    [300, '1 KB'],
    [840 * 1024, '840 KB'],
    [3.24 * 1024 * 1024, '3.2 MB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('says whether the data is kept for good', () => {
    expect(storageLine(3.2 * 1024 * 1024, true, false)).toBe('保存領域 3.2 MB 使用（永続化済み）');
    expect(storageLine(3.2 * 1024 * 1024, false, false)).toBe('保存領域 3.2 MB 使用（ブラウザーが消去する場合があります）');
    expect(storageLine(null, null, true)).toBe('保存領域の使用量は不明');
  });

  it('names the last backup by day in local time', () => {
    expect(backupTimeLabel(at(0, 9), at(0, 18))).toBe('今日 9:05');
    expect(backupTimeLabel(at(-1, 18), at(0, 9))).toBe('昨日 18:05');
    expect(backupTimeLabel(at(-9, 9), at(0, 9))).toBe('2026年3月23日 9:05');
  });
});
