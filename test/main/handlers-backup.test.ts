// backup:write, backup:info, backup:choose and backup:restore through their factory, with scripted dialogs, a fixed
// clock and real files in temp folders (documents and userData).
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupHandlers } from '../../electron/main/handlers/backup';
import type { OpenDialogOptions } from '../../electron/main/handlers/ports';
import { BACKUP_SETTINGS_FILE, defaultBackupFolder } from '../../electron/services/backup';
import { backupFileName } from '../../shared/exchange/backup-names';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample } from '../helpers/sample';
import { canceledOpen, chosenFile, fakeWindow, scriptedDialogs, useTempDir } from './fake-ports';

const tempDir = useTempDir();
const { event } = fakeWindow();
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const at = (days = 0, hour = 9) => new Date(2026, 3, 1 + days, hour, 5, 7);

async function setup(script: Parameters<typeof scriptedDialogs>[0] = {}, now = at()) {
  const root = await tempDir();
  const documents = path.join(root, 'Documents');
  const userData = path.join(root, 'userData');
  await mkdir(documents, { recursive: true });
  await mkdir(userData, { recursive: true });
  const clock = { now };
  const { dialogs, shown } = scriptedDialogs(script);
  const handlers = createBackupHandlers({ dialogs, documentsFolder: () => documents, userDataFolder: () => userData, now: () => clock.now });
  return { root, documents, userData, handlers, shown, clock, folder: defaultBackupFolder(documents) };
}

describe('backup:write', () => {
  it('writes the whole document into Documents/予算デスク/バックアップ, named by the local time', async () => {
    const { handlers, folder } = await setup();
    const file = { ...loadSample(), lockedYears: [2014] };
    const result = await handlers['backup:write']({ file, reason: 'daily' }, event);
    const fileName = '予算デスク_2026-04-01_090507.yosan.json';
    expect(result).toEqual({ status: 'saved', path: path.join(folder, fileName), fileName });
    const read = readExchangeFile(await readFile(path.join(folder, fileName), 'utf8'));
    expect(read.ok && read.file).toEqual(file);
  });

  it('a quit backup identical to the newest writes nothing; a changed document is written', async () => {
    const { handlers, folder, clock } = await setup();
    await handlers['backup:write']({ file: loadSample(), reason: 'daily' }, event);
    clock.now = at(0, 18);
    expect(await handlers['backup:write']({ file: loadSample(), reason: 'quit' }, event)).toMatchObject({
      status: 'unchanged',
      fileName: backupFileName(at()),
    });
    expect(await readdir(folder)).toHaveLength(1);
    const edited = { ...loadSample(), municipality: 'さいたま市（編集後）' };
    expect(await handlers['backup:write']({ file: edited, reason: 'quit' }, event)).toMatchObject({ status: 'saved', fileName: backupFileName(at(0, 18)) });
    expect(await readdir(folder)).toHaveLength(2);
  });

  it('a folder that cannot be written answers an error in Japanese, naming the folder', async () => {
    const { handlers, userData, root } = await setup();
    // A file where the chosen folder should be: neither it nor a folder inside can be made.
    const blocked = path.join(root, 'ふさがった');
    await writeFile(blocked, 'not a folder');
    await writeFile(path.join(userData, BACKUP_SETTINGS_FILE), JSON.stringify({ folder: path.join(blocked, 'バックアップ') }));
    const result = await handlers['backup:write']({ file: loadSample(), reason: 'daily' }, event);
    expect(result.status).toBe('error');
    if (result.status === 'error') {
      expect(result.message).toMatch(japanese);
      expect(result.message).toContain('「バックアップ」');
    }
  });
});

describe('backup:info', () => {
  it('before any backup: the default folder, no last backup, none counted', async () => {
    const { handlers, folder } = await setup();
    expect(await handlers['backup:info'](undefined, event)).toEqual({ status: 'ok', folder, lastBackupAt: null, count: 0 });
  });

  it('the newest backup time and the count; files that are not ours do not count', async () => {
    const { handlers, folder } = await setup();
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, backupFileName(at(-3))), 'x');
    await writeFile(path.join(folder, backupFileName(at(-1, 17))), 'x');
    await writeFile(path.join(folder, 'メモ.txt'), 'x');
    expect(await handlers['backup:info'](undefined, event)).toEqual({
      status: 'ok',
      folder,
      lastBackupAt: at(-1, 17).toISOString(),
      count: 2,
    });
  });
});

describe('backup:choose', () => {
  it('a canceled dialog keeps the folder; the dialog offers folders and starts in the documents folder', async () => {
    const { handlers, shown, documents, folder } = await setup({ open: [canceledOpen] });
    expect(await handlers['backup:choose'](undefined, event)).toEqual({ status: 'canceled' });
    expect(shown[0]?.options).toMatchObject({
      title: 'バックアップの保存先を選ぶ',
      properties: ['openDirectory', 'createDirectory'],
      // The default folder does not exist yet.
      defaultPath: documents,
    });
    expect(await handlers['backup:info'](undefined, event)).toMatchObject({ status: 'ok', folder });
  });

  it('remembers the chosen folder: the next backup goes there and info reports it', async () => {
    const root = await tempDir();
    const chosen = path.join(root, '共有', 'よさんバックアップ');
    const { handlers, userData } = await setup({ open: [chosenFile(chosen)] });
    expect(await handlers['backup:choose'](undefined, event)).toEqual({ status: 'chosen', folder: chosen });
    expect(JSON.parse(await readFile(path.join(userData, BACKUP_SETTINGS_FILE), 'utf8'))).toEqual({ folder: chosen });
    const written = await handlers['backup:write']({ file: loadSample(), reason: 'daily' }, event);
    expect(written).toMatchObject({ status: 'saved', path: path.join(chosen, backupFileName(at())) });
    expect(await handlers['backup:info'](undefined, event)).toMatchObject({ status: 'ok', folder: chosen, count: 1 });
  });

  it.skipIf(process.getuid?.() === 0)('a folder that cannot be written is refused with a Japanese message and the old folder kept', async () => {
    const root = await tempDir();
    const readOnly = path.join(root, '読み取り専用');
    await mkdir(readOnly);
    await chmod(readOnly, 0o500);
    const { handlers, folder } = await setup({ open: [chosenFile(readOnly)] });
    const result = await handlers['backup:choose'](undefined, event);
    await chmod(readOnly, 0o700);
    expect(result.status).toBe('error');
    if (result.status === 'error') expect(result.message).toContain('「読み取り専用」');
    expect(await handlers['backup:info'](undefined, event)).toMatchObject({ folder });
  });

  it('a path that cannot be a folder is refused and the old folder kept', async () => {
    const root = await tempDir();
    const aFile = path.join(root, 'ファイル.txt');
    await writeFile(aFile, 'x');
    const { handlers, folder } = await setup({ open: [chosenFile(aFile)] });
    const result = await handlers['backup:choose'](undefined, event);
    expect(result.status).toBe('error');
    if (result.status === 'error') expect(result.message).toMatch(/「ファイル\.txt」.*別のフォルダーを選んでください/);
    expect(await handlers['backup:info'](undefined, event)).toMatchObject({ folder });
  });
});

describe('backup:restore', () => {
  it('the open dialog starts in the backup folder; the chosen backup comes back as one file for the merge preview', async () => {
    // The user picks the backup in the folder the dialog opened in.
    const pickInStartFolder = (options: OpenDialogOptions) => chosenFile(path.join(options.defaultPath ?? '', backupFileName(at())));
    const { handlers, folder, shown } = await setup({ open: [pickInStartFolder] });
    await handlers['backup:write']({ file: loadSample(), reason: 'daily' }, event);
    expect(await handlers['backup:restore'](undefined, event)).toEqual({
      status: 'chosen',
      files: [{ status: 'opened', fileName: backupFileName(at()), file: loadSample() }],
    });
    expect(shown[0]?.options).toMatchObject({ title: 'バックアップから復元', properties: ['openFile'], defaultPath: folder });
  });

  it('a canceled dialog changes nothing', async () => {
    const { handlers } = await setup({ open: [canceledOpen] });
    expect(await handlers['backup:restore'](undefined, event)).toEqual({ status: 'canceled' });
  });

  it('a file that is not a whole exchange file comes back as its problems, in Japanese', async () => {
    const outside = await tempDir();
    const bad = path.join(outside, '壊れた.yosan.json');
    await writeFile(bad, writeExchangeFile(loadSample()).slice(0, 200));
    const { handlers } = await setup({ open: [chosenFile(bad)] });
    const result = await handlers['backup:restore'](undefined, event);
    expect(result.status).toBe('chosen');
    if (result.status !== 'chosen') return;
    expect(result.files).toHaveLength(1);
    const [one] = result.files;
    expect(one?.status).toBe('problems');
    if (one?.status === 'problems') {
      expect(one.fileName).toBe('壊れた.yosan.json');
      for (const problem of one.problems) expect(problem.message).toMatch(japanese);
    }
  });
});
