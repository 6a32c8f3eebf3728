// excel:export, excel:cancel and excel:import through their factory: scripted dialogs, a window that records
// progress, the real export of the sample into a temp folder, and a fake import runner.
import { EventEmitter } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExcelHandlers, EXCEL_BUSY, type ExcelPorts } from '../../electron/main/handlers/excel';
import type { DialogPort } from '../../electron/main/handlers/ports';
import { saveWorkbookBytes } from '../../electron/services/excel/export';
import { runImport } from '../../electron/services/excel/import-runner';
import { excelMessages } from '../../electron/services/excel/messages';
import type { RequestOf } from '../../shared/ipc/contract';
import { loadSample } from '../helpers/sample';
import {
  canceledOpen,
  canceledSave,
  chosenFile,
  deferred,
  fakeWindow,
  savedAs,
  scriptedDialogs,
  useTempDir,
} from './fake-ports';

const tempDir = useTempDir();
const SHEETS = loadSample().sheets.length;

function excelHandlers(dialogs: DialogPort, documents: string, ports: Partial<ExcelPorts> = {}) {
  return createExcelHandlers({
    dialogs,
    documentsFolder: () => documents,
    appVersion: '9.9.9',
    importWorkbook: async () => {
      throw new Error('not in this test');
    },
    ...ports,
  });
}

const exportAll = (): RequestOf<'excel:export'> => ({ file: loadSample(), suggestedName: '政策局.xlsx' });

/** An .xlsx is a zip: it starts with PK. */
async function isWorkbook(filePath: string): Promise<boolean> {
  const bytes = await readFile(filePath);
  return bytes.length > 1000 && bytes.subarray(0, 2).toString('latin1') === 'PK';
}

describe('excel:export', () => {
  it('writes the workbook where the user chose, telling the window how far it has got', async () => {
    const dir = await tempDir();
    const { dialogs, shown } = scriptedDialogs({ save: [savedAs(path.join(dir, '政策局'))] });
    const window = fakeWindow();
    const handlers = excelHandlers(dialogs, dir);
    const result = await handlers['excel:export'](exportAll(), window.event);
    const target = path.join(dir, '政策局.xlsx');
    expect(result).toEqual({ status: 'saved', path: target, fileName: '政策局.xlsx', sheetCount: SHEETS });
    expect(await isWorkbook(target)).toBe(true);
    expect(shown[0]?.options).toMatchObject({
      title: 'Excel出力',
      buttonLabel: '出力',
      defaultPath: path.join(dir, '政策局.xlsx'),
      filters: [{ name: 'Excel ブック', extensions: ['xlsx'] }],
    });
    // Progress in 事務事業 sheets, through the typed event, ending at all of them.
    expect(window.received.length).toBeGreaterThan(0);
    expect(window.received.every((m) => m.channel === 'excel:progress')).toBe(true);
    expect(window.received.at(-1)).toEqual({ channel: 'excel:progress', payload: { done: SHEETS, total: SHEETS } });
  });

  it('proposes 局_年度_事務事業.xlsx in the documents folder when the renderer suggests no name', async () => {
    const { dialogs, shown } = scriptedDialogs({ save: [canceledSave] });
    const handlers = excelHandlers(dialogs, '/home/職員/ドキュメント');
    await expect(handlers['excel:export']({ file: loadSample(), bureau: '政策局' }, fakeWindow().event)).resolves.toEqual({
      status: 'canceled',
    });
    const proposed = (shown[0]?.options as { defaultPath: string }).defaultPath;
    expect(path.dirname(proposed)).toBe('/home/職員/ドキュメント');
    expect(path.basename(proposed)).toMatch(/^政策局_.+_事務事業\.xlsx$/);
  });

  it('a selection without sheets is a message, and no dialog opens', async () => {
    const { dialogs, shown } = scriptedDialogs({});
    const handlers = excelHandlers(dialogs, '/docs');
    const result = await handlers['excel:export']({ file: loadSample(), bureau: '存在しない局' }, fakeWindow().event);
    expect(result).toEqual({ status: 'error', message: expect.stringContaining('「存在しない局」の事務事業シートがありません') });
    expect(shown).toEqual([]);
  });

  it('answers busy while an export runs (even while its dialog is open), and runs again afterwards', async () => {
    const dir = await tempDir();
    const firstDialog = deferred<{ canceled: boolean; filePath?: string }>();
    const { dialogs } = scriptedDialogs({ save: [firstDialog.promise, canceledSave] });
    const handlers = excelHandlers(dialogs, dir);
    const first = handlers['excel:export'](exportAll(), fakeWindow().event);
    await expect(handlers['excel:export'](exportAll(), fakeWindow().event)).resolves.toEqual({ status: 'error', message: EXCEL_BUSY });
    firstDialog.resolve(savedAs(path.join(dir, 'first.xlsx')));
    await expect(first).resolves.toMatchObject({ status: 'saved', fileName: 'first.xlsx' });
    await expect(handlers['excel:export'](exportAll(), fakeWindow().event)).resolves.toEqual({ status: 'canceled' });
  });

  it('中止 while it runs stops the export: nothing is written and excel:cancel says it canceled one', async () => {
    const dir = await tempDir();
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, '政策局.xlsx'))] });
    const window = fakeWindow();
    const handlers = excelHandlers(dialogs, dir);
    const cancels: unknown[] = [];
    // The user presses 中止 as soon as the first progress shows.
    window.whenReceived(() => {
      if (cancels.length === 0) cancels.push(handlers['excel:cancel'](undefined, window.event));
    });
    await expect(handlers['excel:export'](exportAll(), window.event)).resolves.toEqual({ status: 'canceled' });
    expect(cancels).toEqual([{ status: 'ok', canceled: true }]);
    expect(await readdir(dir)).toEqual([]);
    expect(handlers['excel:cancel'](undefined, window.event)).toEqual({ status: 'ok', canceled: false });
  });

  it('a write that fails offers 別の名前で保存 and saves the same workbook where the user then chooses', async () => {
    const dir = await tempDir();
    const { dialogs, shown } = scriptedDialogs({
      save: [savedAs(path.join(dir, 'なくなった', '政策局.xlsx')), savedAs(path.join(dir, '別名'))],
      message: [{ response: 0 }],
    });
    const handlers = excelHandlers(dialogs, dir);
    const result = await handlers['excel:export'](exportAll(), fakeWindow().event);
    const retried = path.join(dir, '別名.xlsx');
    expect(result).toEqual({ status: 'saved', path: retried, fileName: '別名.xlsx', sheetCount: SHEETS });
    expect(await isWorkbook(retried)).toBe(true);
    expect(shown.map((s) => s.kind)).toEqual(['save', 'message', 'save']);
    expect(shown[1]?.options).toMatchObject({
      type: 'warning',
      title: 'Excel出力',
      message: expect.stringContaining('保存先のフォルダー「なくなった」が見つからない'),
      buttons: ['別の名前で保存…', 'キャンセル'],
      defaultId: 0,
      cancelId: 1,
    });
    expect(shown[2]?.options).toMatchObject({ title: '別の名前で保存', buttonLabel: '保存', defaultPath: path.join(dir, 'なくなった', '政策局.xlsx') });
  });

  it('a workbook open in Excel: キャンセル on the offer returns the message and leaves the old file as it was', async () => {
    const dir = await tempDir();
    const target = path.join(dir, '政策局.xlsx');
    await writeFile(target, 'the old workbook');
    const inUse = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    const { dialogs } = scriptedDialogs({ save: [savedAs(target)], message: [{ response: 1 }] });
    const handlers = excelHandlers(dialogs, dir, {
      // Windows' rename over a file Excel holds open.
      saveBytes: (filePath, bytes, count) => saveWorkbookBytes(filePath, bytes, count, { rename: () => Promise.reject(inUse) }),
    });
    const result = await handlers['excel:export'](exportAll(), fakeWindow().event);
    expect(result).toEqual({ status: 'error', message: excelMessages.fileInUse('政策局.xlsx') });
    expect(await readFile(target, 'utf8')).toBe('the old workbook');
    expect(await readdir(dir)).toEqual(['政策局.xlsx']);
  });

  it('canceling the 別の名前で保存 dialog returns the error', async () => {
    const dir = await tempDir();
    const { dialogs } = scriptedDialogs({
      save: [savedAs(path.join(dir, 'なくなった', '政策局.xlsx')), canceledSave],
      message: [{ response: 0 }],
    });
    const handlers = excelHandlers(dialogs, dir);
    const result = await handlers['excel:export'](exportAll(), fakeWindow().event);
    expect(result).toEqual({ status: 'error', message: expect.stringContaining('見つからないため「政策局.xlsx」を保存できません') });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('excel:import', () => {
  it('a canceled dialog imports nothing', async () => {
    const { dialogs, shown } = scriptedDialogs({ open: [canceledOpen] });
    const handlers = excelHandlers(dialogs, '/docs');
    await expect(handlers['excel:import'](undefined, fakeWindow().event)).resolves.toEqual({ status: 'canceled' });
    expect(shown[0]?.options).toEqual({
      title: 'Excel から読み込む',
      buttonLabel: '読み込む',
      properties: ['openFile'],
      filters: [{ name: 'Excel ブック', extensions: ['xlsx'] }],
    });
  });

  it('opens what the runner read, named by the chosen file', async () => {
    const { dialogs } = scriptedDialogs({ open: [chosenFile('/docs/政策局_平成27年度_事務事業.xlsx')] });
    const seen: string[] = [];
    const handlers = excelHandlers(dialogs, '/docs', {
      importWorkbook: async (filePath) => {
        seen.push(filePath);
        return { ok: true, file: loadSample() };
      },
    });
    await expect(handlers['excel:import'](undefined, fakeWindow().event)).resolves.toEqual({
      status: 'opened',
      fileName: '政策局_平成27年度_事務事業.xlsx',
      file: loadSample(),
    });
    expect(seen).toEqual(['/docs/政策局_平成27年度_事務事業.xlsx']);
  });

  it("passes the runner's problems on, named by the chosen file", async () => {
    const problems = [{ severity: 'error' as const, path: '', message: excelMessages.damaged('壊れた.xlsx') }];
    const { dialogs } = scriptedDialogs({ open: [chosenFile('/docs/壊れた.xlsx')] });
    const handlers = excelHandlers(dialogs, '/docs', { importWorkbook: async () => ({ ok: false, problems }) });
    await expect(handlers['excel:import'](undefined, fakeWindow().event)).resolves.toEqual({
      status: 'problems',
      fileName: '壊れた.xlsx',
      problems,
    });
  });

  it('excel:cancel stops a running import: its job is stopped, the window is told canceled, nothing opens', async () => {
    const { dialogs } = scriptedDialogs({ open: [chosenFile('/docs/大きい.xlsx')] });
    const events = new EventEmitter();
    let terminated = 0;
    const spawned = deferred<void>();
    const handlers = excelHandlers(dialogs, '/docs', {
      importWorkbook: (filePath, signal) =>
        runImport(filePath, {
          signal,
          spawn: () => {
            spawned.resolve();
            // A job that never answers on its own.
            return Object.assign(events, { terminate: () => (terminated += 1) });
          },
        }),
    });
    const imported = handlers['excel:import'](undefined, fakeWindow().event);
    await spawned.promise;
    expect(await handlers['excel:cancel'](undefined, fakeWindow().event)).toEqual({ status: 'ok', canceled: true });
    await expect(imported).resolves.toEqual({ status: 'canceled' });
    expect(terminated).toBe(1);
    // Nothing left to cancel afterwards.
    expect(await handlers['excel:cancel'](undefined, fakeWindow().event)).toEqual({ status: 'ok', canceled: false });
  });
});
