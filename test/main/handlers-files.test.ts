// What the handlers do with files they must not touch: a read-only target offers 別の名前で保存 (exchange:save and
// excel:export alike) and stays as it was; a pipe chosen to open or import is refused before anything opens it.
import { execFileSync } from 'node:child_process';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupHandlers } from '../../electron/main/handlers/backup';
import { createExcelHandlers } from '../../electron/main/handlers/excel';
import { createExchangeHandlers } from '../../electron/main/handlers/exchange';
import { readExchangeFile } from '../../shared/exchange/read';
import { loadSample } from '../helpers/sample';
import { chosenFile, fakeWindow, savedAs, scriptedDialogs, useTempDir } from './fake-ports';

const tempDir = useTempDir();
const { event } = fakeWindow();

const READ_ONLY = (name: string) =>
  `ファイル「${name}」は読み取り専用のため上書きできません。別の名前で保存するか、読み取り専用を解除してからもう一度保存してください。`;
const NOT_REGULAR = (name: string) =>
  `「${name}」は通常のファイルではない（パイプやデバイスなど）ため読み込めません。保存されたファイルを選んでください。`;

async function readOnlyFile(dir: string, name: string): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, 'the old file');
  await chmod(target, 0o444);
  return target;
}

describe('a read-only file chosen in the save dialog', () => {
  it('exchange:save says it is read-only, offers 別の名前で保存 and saves there; the old file is as it was', async () => {
    const dir = await tempDir();
    const target = await readOnlyFile(dir, '政策局.yosan.json');
    const { dialogs, shown } = scriptedDialogs({ save: [savedAs(target), savedAs(path.join(dir, '政策局_写し'))], message: [{ response: 0 }] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:save']({ file: loadSample(), suggestedName: '政策局.yosan.json' }, event);
    const copy = path.join(dir, '政策局_写し.yosan.json');
    expect(result).toEqual({ status: 'saved', path: copy, fileName: '政策局_写し.yosan.json' });
    expect(shown.map((s) => s.kind)).toEqual(['save', 'message', 'save']);
    expect(shown[1]?.options).toMatchObject({
      type: 'warning',
      message: READ_ONLY('政策局.yosan.json'),
      buttons: ['別の名前で保存…', 'キャンセル'],
      defaultId: 0,
      cancelId: 1,
    });
    expect(shown[2]?.options).toMatchObject({ title: '別の名前で保存', defaultPath: target });
    expect(await readFile(target, 'utf8')).toBe('the old file');
    expect((await stat(target)).mode & 0o777).toBe(0o444);
    const read = readExchangeFile(await readFile(copy, 'utf8'));
    expect(read.ok && read.file).toEqual(loadSample());
  });

  it('exchange:save: キャンセル on the offer returns the message; nothing written', async () => {
    const dir = await tempDir();
    const target = await readOnlyFile(dir, '政策局.yosan.json');
    const { dialogs } = scriptedDialogs({ save: [savedAs(target)], message: [{ response: 1 }] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:save']({ file: loadSample(), suggestedName: '政策局.yosan.json' }, event);
    expect(result).toEqual({ status: 'error', message: READ_ONLY('政策局.yosan.json') });
    expect(await readdir(dir)).toEqual(['政策局.yosan.json']);
    expect(await readFile(target, 'utf8')).toBe('the old file');
  });

  it('excel:export says it is read-only and offers 別の名前で保存, as for a workbook open in Excel', async () => {
    const dir = await tempDir();
    const target = await readOnlyFile(dir, '政策局.xlsx');
    const { dialogs, shown } = scriptedDialogs({ save: [savedAs(target), savedAs(path.join(dir, '別名'))], message: [{ response: 0 }] });
    const handlers = createExcelHandlers({
      dialogs,
      documentsFolder: () => dir,
      appVersion: '9.9.9',
      importWorkbook: () => Promise.reject(new Error('not in this test')),
    });
    const result = await handlers['excel:export']({ file: loadSample(), suggestedName: '政策局.xlsx' }, fakeWindow().event);
    expect(result).toMatchObject({ status: 'saved', fileName: '別名.xlsx' });
    expect(shown[1]?.options).toMatchObject({ title: 'Excel出力', message: READ_ONLY('政策局.xlsx'), buttons: ['別の名前で保存…', 'キャンセル'] });
    expect(await readFile(target, 'utf8')).toBe('the old file');
  });
});

describe('a pipe chosen to open', () => {
  const fifoIn = async (name: string) => {
    const fifo = path.join(await tempDir(), name);
    execFileSync('mkfifo', [fifo]);
    return fifo;
  };

  it('excel:import refuses it before the import runner is involved', async () => {
    const fifo = await fifoIn('政策局.xlsx');
    const { dialogs } = scriptedDialogs({ open: [chosenFile(fifo)] });
    let ran = false;
    const handlers = createExcelHandlers({
      dialogs,
      documentsFolder: () => '/docs',
      appVersion: '9.9.9',
      importWorkbook: async () => {
        ran = true;
        return { ok: true, file: loadSample() };
      },
    });
    await expect(handlers['excel:import'](undefined, event)).resolves.toEqual({
      status: 'problems',
      fileName: '政策局.xlsx',
      problems: [{ severity: 'error', path: '', message: NOT_REGULAR('政策局.xlsx') }],
    });
    expect(ran).toBe(false);
  });

  it('exchange:open and backup:restore show it as a file that cannot be read', async () => {
    const fifo = await fifoIn('政策局.yosan.json');
    const expected = { status: 'chosen', files: [{ status: 'problems', fileName: '政策局.yosan.json', problems: [{ severity: 'error', message: NOT_REGULAR('政策局.yosan.json') }] }] };
    const exchange = createExchangeHandlers({ dialogs: scriptedDialogs({ open: [chosenFile(fifo)] }).dialogs, documentsFolder: () => '/docs' });
    await expect(exchange['exchange:open'](undefined, event)).resolves.toMatchObject(expected);
    const dir = await tempDir();
    const backup = createBackupHandlers({
      dialogs: scriptedDialogs({ open: [chosenFile(fifo)] }).dialogs,
      documentsFolder: () => dir,
      userDataFolder: () => dir,
      now: () => new Date(2026, 0, 1),
    });
    await expect(backup['backup:restore'](undefined, event)).resolves.toMatchObject(expected);
  });
});
