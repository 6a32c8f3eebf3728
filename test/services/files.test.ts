// File service: atomic writes that leave the old file alone on failure (and refuse read-only ones, and keep modes),
// size-limited UTF-8 reads of regular files only, Japanese messages.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  nonRegularFileProblem,
  openExchangeFileAt,
  readTextFileLimited,
  saveExchangeFileAt,
  unpackedAsarPath,
  withExchangeExtension,
  writeFileAtomic,
} from '../../electron/services/files';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample } from '../helpers/sample';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yosan-files-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** Files in the folder other than the ones named: a leftover temporary file shows up here. */
async function strays(...expected: string[]): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !expected.includes(name));
}

function failWith(code: string) {
  return async () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
}

describe('writeFileAtomic', () => {
  it('writes the content and leaves no temporary file', async () => {
    const target = join(dir, '政策局.yosan.json');
    await expect(writeFileAtomic(target, '{"予算額":37524}\n')).resolves.toEqual({ ok: true });
    expect(await readFile(target, 'utf8')).toBe('{"予算額":37524}\n');
    expect(await strays('政策局.yosan.json')).toEqual([]);
  });

  it('replaces an existing file whole', async () => {
    const target = join(dir, 'a.yosan.json');
    await writeFile(target, 'old old old old old');
    await expect(writeFileAtomic(target, new TextEncoder().encode('new'))).resolves.toEqual({ ok: true });
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('target is a folder: Japanese message, the folder untouched, temp removed', async () => {
    const target = join(dir, '政策局.yosan.json');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'keep');
    const result = await writeFileAtomic(target, 'new');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(japanese);
    expect(result.message).toContain('政策局.yosan.json');
    expect((await stat(target)).isDirectory()).toBe(true);
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('keep');
    expect(await strays('政策局.yosan.json')).toEqual([]);
  });

  // The rename is where Windows fails (Excel holds the file, a folder turned read-only, the disk filled up);
  // simulated here so it also runs as root and on Linux.
  it.each([
    ['EBUSY', 'ファイル「a.yosan.json」は他のアプリで開かれているため保存できません。閉じてからもう一度保存するか、別の名前で保存してください。'],
    ['EPERM', 'ファイル「a.yosan.json」は他のアプリで開かれているため保存できません。閉じてからもう一度保存するか、別の名前で保存してください。'],
    ['EACCES', '読み取り専用'],
    ['EROFS', '読み取り専用'],
    ['ENOSPC', 'ディスクの空き容量が足りない'],
  ])('rename fails with %s: message, old file untouched, temp removed', async (code, expected) => {
    const target = join(dir, 'a.yosan.json');
    await writeFile(target, 'old');
    const result = await writeFileAtomic(target, 'new', { rename: failWith(code) });
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.message).toContain(expected);
    expect(result.message).toContain('a.yosan.json');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await strays('a.yosan.json')).toEqual([]);
  });

  it('missing folder: ENOENT message, nothing created', async () => {
    const target = join(dir, 'なし', 'a.yosan.json');
    const result = await writeFileAtomic(target, 'new');
    expect(result).toMatchObject({ ok: false, code: 'ENOENT' });
    if (result.ok) return;
    expect(result.message).toContain('保存先のフォルダー「なし」が見つからない');
    expect(await strays()).toEqual([]);
  });
});

describe('readTextFileLimited', () => {
  it('reads UTF-8 text and drops a BOM', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, '\uFEFF{"名前":"政策局"}');
    await expect(readTextFileLimited(path, 1024)).resolves.toEqual({ ok: true, text: '{"名前":"政策局"}' });
  });

  it('a file of exactly the limit is read; one byte more is refused before reading', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, 'x'.repeat(100));
    await expect(readTextFileLimited(path, 100)).resolves.toEqual({ ok: true, text: 'x'.repeat(100) });
    const result = await readTextFileLimited(path, 99);
    expect(result).toMatchObject({ ok: false, code: 'ETOOLARGE' });
    if (result.ok) return;
    expect(result.message).toContain('大きすぎる');
    expect(result.message).toContain('a.json');
  });

  it('bytes that are not UTF-8 (Shift_JIS) are refused with a Japanese message', async () => {
    const path = join(dir, 'sjis.json');
    await writeFile(path, Uint8Array.from([0x90, 0xad, 0x8d, 0xf4, 0x8b, 0xc7])); // 政策局 in Shift_JIS
    const result = await readTextFileLimited(path, 1024);
    expect(result).toMatchObject({ ok: false, code: 'ENOTUTF8' });
    if (result.ok) return;
    expect(result.message).toContain('UTF-8');
  });

  it('a missing file and a folder give Japanese messages', async () => {
    const missing = await readTextFileLimited(join(dir, 'ない.json'), 1024);
    expect(missing).toMatchObject({ ok: false, code: 'ENOENT' });
    if (!missing.ok) expect(missing.message).toContain('ファイル「ない.json」が見つかりません');
    const folder = await readTextFileLimited(dir, 1024);
    expect(folder).toMatchObject({ ok: false, code: 'EISDIR' });
  });
});

describe('exchange files on disk', () => {
  it('save then open gives the same document', async () => {
    const file = loadSample();
    const path = join(dir, '政策局_平成27年度.yosan.json');
    await expect(saveExchangeFileAt(path, file)).resolves.toEqual({
      status: 'saved',
      path,
      fileName: '政策局_平成27年度.yosan.json',
    });
    expect(await readFile(path, 'utf8')).toBe(writeExchangeFile(file));
    await expect(openExchangeFileAt(path, 1024 * 1024)).resolves.toEqual({
      status: 'opened',
      fileName: '政策局_平成27年度.yosan.json',
      file,
    });
  });

  it('an unreadable, a too large and a missing file each give problems naming the file', async () => {
    const broken = join(dir, 'broken.yosan.json');
    await writeFile(broken, '{"format": "yosan-desk", "vers');
    const a = await openExchangeFileAt(broken, 1024);
    expect(a).toMatchObject({ status: 'problems', fileName: 'broken.yosan.json' });
    const b = await openExchangeFileAt(broken, 10);
    expect(b).toMatchObject({ status: 'problems', problems: [{ severity: 'error', message: expect.stringContaining('大きすぎる') }] });
    const c = await openExchangeFileAt(join(dir, 'gone.yosan.json'), 1024);
    expect(c).toMatchObject({ status: 'problems', fileName: 'gone.yosan.json' });
  });

  it('a save failure is a Japanese error value', async () => {
    const path = join(dir, 'folder.yosan.json');
    await mkdir(path);
    const result = await saveExchangeFileAt(path, loadSample());
    expect(result.status).toBe('error');
    if (result.status === 'error') expect(result.message).toMatch(japanese);
  });

  it.each([
    ['C:\\予算\\政策局', 'C:\\予算\\政策局.yosan.json'],
    ['/home/u/政策局.yosan.json', '/home/u/政策局.yosan.json'],
    ['/home/u/政策局.JSON', '/home/u/政策局.JSON'],
    ['/home/u/政策局.txt', '/home/u/政策局.txt.yosan.json'],
  ])('withExchangeExtension(%s)', (input, expected) => {
    expect(withExchangeExtension(input)).toBe(expected);
  });
});

describe('unpackedAsarPath', () => {
  it.each([
    ['C:\\Program Files\\予算デスク\\resources\\app.asar\\dist\\electron\\w.cjs', 'C:\\Program Files\\予算デスク\\resources\\app.asar.unpacked\\dist\\electron\\w.cjs'],
    ['/opt/yosan/resources/app.asar/dist/electron/w.cjs', '/opt/yosan/resources/app.asar.unpacked/dist/electron/w.cjs'],
    ['/work/main/dist/electron/w.cjs', '/work/main/dist/electron/w.cjs'],
  ])('%s', (input, output) => {
    expect(unpackedAsarPath(input)).toBe(output);
  });
});

// ── read-only targets, kept modes, and what is not a regular file ────────────

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** A named pipe: opening it for reading waits for a writer forever, so whatever opens it must refuse first. */
function makeFifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

describe('writeFileAtomic and the old file', () => {
  it('a read-only file (0444) is refused with a Japanese message offering 別の名前で保存; nothing changes', async () => {
    const target = join(dir, '政策局.yosan.json');
    await writeFile(target, 'old');
    await chmod(target, 0o444);
    const result = await writeFileAtomic(target, 'new');
    expect(result).toMatchObject({ ok: false, code: 'EREADONLY' });
    if (result.ok) return;
    expect(result.message).toBe(
      'ファイル「政策局.yosan.json」は読み取り専用のため上書きできません。別の名前で保存するか、読み取り専用を解除してからもう一度保存してください。',
    );
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await modeOf(target)).toBe(0o444);
    expect(await strays('政策局.yosan.json')).toEqual([]);
  });

  it.each([0o600, 0o640, 0o664, 0o644])('a %o file keeps its mode when replaced', async (mode) => {
    const target = join(dir, 'a.yosan.json');
    await writeFile(target, 'old');
    await chmod(target, mode);
    await expect(writeFileAtomic(target, 'new')).resolves.toEqual({ ok: true });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await modeOf(target)).toBe(mode);
  });

  it('the saved exchange file and the exported workbook keep 0600 too (they go through the same write)', async () => {
    const target = join(dir, '政策局.yosan.json');
    await writeFile(target, 'old');
    await chmod(target, 0o600);
    await expect(saveExchangeFileAt(target, loadSample())).resolves.toMatchObject({ status: 'saved' });
    expect(await modeOf(target)).toBe(0o600);
  });

  it('a FIFO as the target is refused, and stays a FIFO', async () => {
    const target = makeFifo(join(dir, 'pipe.yosan.json'));
    const result = await writeFileAtomic(target, 'new');
    expect(result).toMatchObject({ ok: false, code: 'ENOTREG' });
    if (!result.ok) expect(result.message).toContain('「pipe.yosan.json」は通常のファイルではない');
    expect((await stat(target)).isFIFO()).toBe(true);
    expect(await strays('pipe.yosan.json')).toEqual([]);
  });
});

describe('only regular files are read', () => {
  it('a FIFO is refused at once (no writer ever comes), with a Japanese message naming it', async () => {
    const fifo = makeFifo(join(dir, '政策局.yosan.json'));
    const result = await readTextFileLimited(fifo, 1024);
    expect(result).toMatchObject({ ok: false, code: 'ENOTREG' });
    if (!result.ok) expect(result.message).toBe('「政策局.yosan.json」は通常のファイルではない（パイプやデバイスなど）ため読み込めません。保存されたファイルを選んでください。');
    const opened = await openExchangeFileAt(fifo, 1024);
    expect(opened).toMatchObject({ status: 'problems', fileName: '政策局.yosan.json', problems: [{ severity: 'error', message: expect.stringContaining('通常のファイルではない') }] });
  });

  it('a device (/dev/zero, endless) and a folder are refused', async () => {
    await expect(readTextFileLimited('/dev/zero', 1024)).resolves.toMatchObject({ ok: false, code: 'ENOTREG' });
    await expect(readTextFileLimited(dir, 1024)).resolves.toMatchObject({ ok: false, code: 'EISDIR' });
  });

  it('a symlink to a regular file is read; a symlink to a FIFO is refused', async () => {
    const real = join(dir, 'real.json');
    await writeFile(real, '{"a":1}');
    await symlink(real, join(dir, 'link.json'));
    await expect(readTextFileLimited(join(dir, 'link.json'), 1024)).resolves.toEqual({ ok: true, text: '{"a":1}' });
    await symlink(makeFifo(join(dir, 'fifo')), join(dir, 'fifo-link.json'));
    await expect(readTextFileLimited(join(dir, 'fifo-link.json'), 1024)).resolves.toMatchObject({ ok: false, code: 'ENOTREG' });
  });

  it('nonRegularFileProblem: null for a file, a symlink to one and a missing path (its reader says why); a refusal otherwise', async () => {
    const file = join(dir, 'a.xlsx');
    await writeFile(file, 'PK');
    await symlink(file, join(dir, 'link.xlsx'));
    await expect(nonRegularFileProblem(file)).resolves.toBeNull();
    await expect(nonRegularFileProblem(join(dir, 'link.xlsx'))).resolves.toBeNull();
    await expect(nonRegularFileProblem(join(dir, 'gone.xlsx'))).resolves.toBeNull();
    await expect(nonRegularFileProblem(makeFifo(join(dir, 'p.xlsx')))).resolves.toMatchObject({ ok: false, code: 'ENOTREG', message: expect.stringContaining('「p.xlsx」') });
    await expect(nonRegularFileProblem(dir)).resolves.toMatchObject({ ok: false, code: 'EISDIR' });
    await expect(nonRegularFileProblem('/dev/null')).resolves.toMatchObject({ ok: false, code: 'ENOTREG' });
  });
});
