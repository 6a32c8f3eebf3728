// Automatic backups on disk: the name, the safe write, keeping the newest 14 (and nothing else touched), due-ness by
// local day, and the settings file. Real files in a temp folder; dates are built from local parts, so any TZ works.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUP_SETTINGS_FILE,
  defaultBackupFolder,
  listBackups,
  readBackupSettings,
  writeBackup,
  writeBackupSettings,
} from '../../electron/services/backup';
import { backupFileName, backupTakenAt, isBackupDue, isBackupFileName } from '../../shared/exchange/backup-names';
import { readExchangeFile } from '../../shared/exchange/read';
import { loadSample } from '../helpers/sample';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yosan-backup-'));
  dirs.push(dir);
  return dir;
}

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** 2026-04-01 09:05:07 local time, plus `days`. */
const at = (days = 0, hour = 9, minute = 5, second = 7) => new Date(2026, 3, 1 + days, hour, minute, second);

describe('backup file names', () => {
  it('names a backup by its local date and time, and reads the time back', () => {
    expect(backupFileName(at())).toBe('予算デスク_2026-04-01_090507.yosan.json');
    expect(backupTakenAt('予算デスク_2026-04-01_090507.yosan.json')).toEqual(at());
    // A name macOS hands back decomposed is still ours.
    expect(backupTakenAt('予算デスク_2026-04-01_090507.yosan.json'.normalize('NFD'))).toEqual(at());
  });

  it.each([
    '政策局.yosan.json',
    '予算デスク_2026-04-01_090507.json',
    '予算デスク_2026-04-01_090507.yosan.json.bak',
    '予算デスク_2026-02-30_090507.yosan.json',
    '予算デスク_2026-04-01_250507.yosan.json',
    'コピー 予算デスク_2026-04-01_090507.yosan.json',
    '.予算デスク_2026-04-01_090507.yosan.json.1a2b3c.tmp',
  ])('%s is not one of our backups', (name) => {
    expect(isBackupFileName(name)).toBe(false);
  });
});

describe('isBackupDue', () => {
  it('is due with no backup yet', () => {
    expect(isBackupDue(null, at())).toBe(true);
  });
  it('is not due again on the same local day, however late', () => {
    expect(isBackupDue(at(0, 0, 0, 1), at(0, 23, 59, 59))).toBe(false);
  });
  it('is due on the next local day, even a minute after midnight', () => {
    expect(isBackupDue(at(0, 23, 59, 0), at(1, 0, 1, 0))).toBe(true);
  });
  it('is due when the clock was set back to an earlier day', () => {
    expect(isBackupDue(at(3), at(0))).toBe(true);
  });
});

describe('writeBackup', () => {
  it('creates the folder and writes the whole document, which reads back as the same document', async () => {
    const folder = path.join(await tempDir(), '予算デスク', 'バックアップ');
    const result = await writeBackup(folder, loadSample(), at());
    expect(result).toEqual({
      ok: true,
      written: true,
      fileName: '予算デスク_2026-04-01_090507.yosan.json',
      path: path.join(folder, '予算デスク_2026-04-01_090507.yosan.json'),
    });
    const read = readExchangeFile(await readFile(path.join(folder, '予算デスク_2026-04-01_090507.yosan.json'), 'utf8'));
    expect(read.ok && read.file).toEqual(loadSample());
    // The safe write leaves nothing behind but the backup.
    expect(await readdir(folder)).toEqual(['予算デスク_2026-04-01_090507.yosan.json']);
  });

  it('keeps the newest 14 of our backups and never touches anything else in the folder', async () => {
    const folder = await tempDir();
    const old = Array.from({ length: 16 }, (_, i) => backupFileName(at(-20 + i)));
    for (const name of old) await writeFile(path.join(folder, name), 'old');
    const foreign = ['政策局.yosan.json', 'メモ.txt', '予算デスク_2026-02-30_090507.yosan.json', '予算デスク_2020-01-01_000000.json'];
    for (const name of foreign) await writeFile(path.join(folder, name), 'not ours');
    await mkdir(path.join(folder, '予算デスク_2019-01-01_000000.yosan.json.d'));

    const result = await writeBackup(folder, loadSample(), at());
    expect(result.ok).toBe(true);
    const backups = (await listBackups(folder)).map((b) => b.fileName);
    expect(backups).toEqual([backupFileName(at()), ...old.slice(-13).reverse()]);
    const names = await readdir(folder);
    for (const name of foreign) expect(names).toContain(name);
    expect(names).toContain('予算デスク_2019-01-01_000000.yosan.json.d');
    expect(names).toHaveLength(14 + foreign.length + 1);
  });

  it('never deletes the backup it just wrote, even when the clock makes it look the oldest', async () => {
    const folder = await tempDir();
    for (let i = 0; i < 14; i++) await writeFile(path.join(folder, backupFileName(at(i))), 'later');
    const earlier = at(-30);
    await writeBackup(folder, loadSample(), earlier);
    const backups = (await listBackups(folder)).map((b) => b.fileName);
    expect(backups).toHaveLength(14);
    expect(backups).toContain(backupFileName(earlier));
    expect(backups).not.toContain(backupFileName(at(0)));
  });

  it('a failed write leaves no temporary file, no backup, the older backups as they were, and says why in Japanese', async () => {
    const folder = await tempDir();
    await writeFile(path.join(folder, backupFileName(at(-1))), 'yesterday');
    const result = await writeBackup(folder, loadSample(), at(), {
      rename: async () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('ENOSPC');
    expect(result.message).toMatch(japanese);
    expect(result.message).toContain('空き容量');
    expect(await readdir(folder)).toEqual([backupFileName(at(-1))]);
    expect(await readFile(path.join(folder, backupFileName(at(-1))), 'utf8')).toBe('yesterday');
  });

  it('a folder that cannot be created is a value with a Japanese message naming it', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ファイル'), 'a file where the folder should be');
    const result = await writeBackup(path.join(dir, 'ファイル', 'バックアップ'), loadSample(), at());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('「バックアップ」');
  });

  it('skipIfUnchanged writes nothing when the newest backup holds the same document, and writes when it differs', async () => {
    const folder = await tempDir();
    await writeBackup(folder, loadSample(), at(0, 9));
    const same = await writeBackup(folder, loadSample(), at(0, 18), { skipIfUnchanged: true });
    expect(same).toMatchObject({ ok: true, written: false, fileName: backupFileName(at(0, 9)) });
    expect(await readdir(folder)).toHaveLength(1);
    const changed = { ...loadSample(), lockedYears: [2015] };
    const other = await writeBackup(folder, changed, at(0, 18), { skipIfUnchanged: true });
    expect(other).toMatchObject({ ok: true, written: true, fileName: backupFileName(at(0, 18)) });
    expect(await readdir(folder)).toHaveLength(2);
  });
});

describe('listBackups', () => {
  it('lists our backups newest first with their times; a missing folder has none', async () => {
    const folder = await tempDir();
    await writeFile(path.join(folder, backupFileName(at(-2))), 'x');
    await writeFile(path.join(folder, backupFileName(at(0))), 'x');
    await writeFile(path.join(folder, 'メモ.txt'), 'x');
    const backups = await listBackups(folder);
    expect(backups.map((b) => [b.fileName, b.takenAt])).toEqual([
      [backupFileName(at(0)), at(0)],
      [backupFileName(at(-2)), at(-2)],
    ]);
    expect(await listBackups(path.join(folder, 'ない'))).toEqual([]);
  });
});

describe('backup settings', () => {
  it('defaults to Documents/予算デスク/バックアップ when there is no settings file', async () => {
    const userData = await tempDir();
    expect(defaultBackupFolder('/home/u/Documents')).toBe(path.join('/home/u/Documents', '予算デスク', 'バックアップ'));
    expect(await readBackupSettings(userData, '/home/u/Documents')).toEqual({ folder: defaultBackupFolder('/home/u/Documents') });
  });

  it.each([
    ['not JSON', '{"folder": '],
    ['another shape', '{"folder": 3}'],
    ['an unknown field', '{"folder": "/x", "extra": 1}'],
    ['a relative folder', '{"folder": "バックアップ"}'],
    ['an empty folder', '{"folder": ""}'],
  ])('a settings file with %s gives the default', async (_name, text) => {
    const userData = await tempDir();
    await writeFile(path.join(userData, BACKUP_SETTINGS_FILE), text);
    expect(await readBackupSettings(userData, '/docs')).toEqual({ folder: defaultBackupFolder('/docs') });
  });

  it('remembers the chosen folder, creating the userData folder if needed', async () => {
    const userData = path.join(await tempDir(), 'userData');
    const chosen = path.join(os.tmpdir(), 'どこか', 'バックアップ先');
    expect(await writeBackupSettings(userData, { folder: chosen })).toEqual({ ok: true });
    expect(await readBackupSettings(userData, '/docs')).toEqual({ folder: chosen });
    expect(await readdir(userData)).toEqual([BACKUP_SETTINGS_FILE]);
  });
});
