// exchange:open and exchange:save through their factory with scripted dialogs and real files in a temp folder.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExchangeHandlers } from '../../electron/main/handlers/exchange';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { MAX_FILES_OPENED_AT_ONCE } from '../../shared/ipc/schemas';
import { loadSample } from '../helpers/sample';
import { canceledOpen, canceledSave, chosenFile, fakeWindow, savedAs, scriptedDialogs, useTempDir } from './fake-ports';

const tempDir = useTempDir();
const { event } = fakeWindow();
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('exchange:open', () => {
  it('a canceled dialog opens nothing', async () => {
    const { dialogs, shown } = scriptedDialogs({ open: [canceledOpen] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => '/docs' });
    await expect(handlers['exchange:open'](undefined, event)).resolves.toEqual({ status: 'canceled' });
    expect(shown).toEqual([
      {
        kind: 'open',
        options: {
          title: 'ファイルを開く',
          buttonLabel: '開く',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: '予算デスクのファイル', extensions: ['yosan.json'] },
            { name: 'JSON ファイル', extensions: ['json'] },
          ],
        },
      },
    ]);
  });

  it('opens the chosen file: the validated document and its name', async () => {
    const dir = await tempDir();
    const filePath = path.join(dir, '政策局.yosan.json');
    await writeFile(filePath, writeExchangeFile(loadSample()));
    const { dialogs } = scriptedDialogs({ open: [chosenFile(filePath)] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    await expect(handlers['exchange:open'](undefined, event)).resolves.toEqual({
      status: 'chosen',
      files: [{ status: 'opened', fileName: '政策局.yosan.json', file: loadSample() }],
    });
  });

  it('opens several files at once, in the order chosen; one that cannot be read comes back as its problems and the others still open', async () => {
    const dir = await tempDir();
    const other = { ...loadSample(), sheets: loadSample().sheets.map((s) => ({ ...s, org: { ...s.org, bureau: '総務局' } })) };
    const names = ['政策局.yosan.json', '壊れた.yosan.json', '総務局.yosan.json'];
    await writeFile(path.join(dir, names[0]!), writeExchangeFile(loadSample()));
    await writeFile(path.join(dir, names[1]!), '{"format":"yosan-desk"');
    await writeFile(path.join(dir, names[2]!), writeExchangeFile(other));
    const { dialogs } = scriptedDialogs({ open: [{ canceled: false, filePaths: names.map((n) => path.join(dir, n)) }] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:open'](undefined, event);
    expect(result.status).toBe('chosen');
    if (result.status !== 'chosen') return;
    expect(result.files.map((f) => [f.fileName, f.status])).toEqual([
      ['政策局.yosan.json', 'opened'],
      ['壊れた.yosan.json', 'problems'],
      ['総務局.yosan.json', 'opened'],
    ]);
    const third = result.files[2];
    expect(third?.status === 'opened' && third.file.sheets[0]?.org.bureau).toBe('総務局');
    const broken = result.files[1];
    for (const problem of broken?.status === 'problems' ? broken.problems : []) expect(problem.message).toMatch(japanese);
  });

  it(`more than ${MAX_FILES_OPENED_AT_ONCE} files at once are refused with a message that says what to do; none is read`, async () => {
    const paths = Array.from({ length: MAX_FILES_OPENED_AT_ONCE + 1 }, (_, i) => `/nowhere/${i}.yosan.json`);
    const { dialogs } = scriptedDialogs({ open: [{ canceled: false, filePaths: paths }] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => '/docs' });
    await expect(handlers['exchange:open'](undefined, event)).resolves.toEqual({
      status: 'error',
      message: expect.stringContaining(`${MAX_FILES_OPENED_AT_ONCE} 個以下を選んで`),
    });
  });

  it.each([
    ['not an exchange file', '{"hello":1}', undefined],
    ['not JSON', 'つづく…', undefined],
    ['too large', writeExchangeFile(loadSample()), 1024],
  ])('a file that is %s comes back as problems in Japanese, naming the file', async (_name, text, maxFileBytes) => {
    const dir = await tempDir();
    const filePath = path.join(dir, 'x.yosan.json');
    await writeFile(filePath, text);
    const { dialogs } = scriptedDialogs({ open: [chosenFile(filePath)] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir, ...(maxFileBytes ? { maxFileBytes } : {}) });
    const result = await handlers['exchange:open'](undefined, event);
    expect(result.status).toBe('chosen');
    const file = result.status === 'chosen' ? result.files[0] : undefined;
    expect(file?.status).toBe('problems');
    if (file?.status !== 'problems') return;
    expect(file.fileName).toBe('x.yosan.json');
    expect(file.problems.length).toBeGreaterThan(0);
    for (const problem of file.problems) expect(problem.message).toMatch(japanese);
  });
});

describe('exchange:save', () => {
  it('a canceled dialog writes nothing; the dialog proposes the safe name in the documents folder', async () => {
    const dir = await tempDir();
    const { dialogs, shown } = scriptedDialogs({ save: [canceledSave] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:save']({ file: loadSample(), suggestedName: '政策局_平成27年度.yosan.json' }, event);
    expect(result).toEqual({ status: 'canceled' });
    expect(shown[0]?.options).toMatchObject({
      title: '名前を付けて保存',
      buttonLabel: '保存',
      defaultPath: path.join(dir, '政策局_平成27年度.yosan.json'),
      filters: [{ name: '予算デスクのファイル', extensions: ['yosan.json'] }],
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves where the user chose, adding .yosan.json to a bare name; the file reads back the same', async () => {
    const dir = await tempDir();
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, '予算'))] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:save']({ file: loadSample(), suggestedName: 'x.yosan.json' }, event);
    const saved = path.join(dir, '予算.yosan.json');
    expect(result).toEqual({ status: 'saved', path: saved, fileName: '予算.yosan.json' });
    const read = readExchangeFile(await readFile(saved, 'utf8'));
    expect(read.ok && read.file).toEqual(loadSample());
    expect(await readdir(dir)).toEqual(['予算.yosan.json']); // no temporary file left behind
  });

  it('a folder that is gone is an error in Japanese that says what to do (キャンセル on the 別の名前で保存 offer)', async () => {
    const dir = await tempDir();
    const { dialogs } = scriptedDialogs({ save: [savedAs(path.join(dir, 'なくなった', '予算.yosan.json'))], message: [{ response: 1 }] });
    const handlers = createExchangeHandlers({ dialogs, documentsFolder: () => dir });
    const result = await handlers['exchange:save']({ file: loadSample(), suggestedName: 'x.yosan.json' }, event);
    expect(result).toEqual({ status: 'error', message: expect.stringContaining('別の場所を選んで保存してください') });
  });
});
