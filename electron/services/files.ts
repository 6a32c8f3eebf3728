// File work for the main process, without electron: atomic writes, size-limited reads, Japanese messages for OS errors.
import { randomBytes } from 'node:crypto';
import { open, rename as fsRename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeFile } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { EXCHANGE_EXTENSION } from '../../shared/exchange/format';
import type { ExchangeFileResult, ExchangeSaveResult } from '../../shared/ipc/contract';
import { ipcMessages } from '../../shared/ipc/messages';
import { exchangeOpenFailure, exchangeOpenResultFromText } from '../../shared/ipc/open-result';

export interface FileFailure {
  ok: false;
  /** The OS error code (EBUSY, ENOSPC, …) or our own (ETOOLARGE, ENOTUTF8). */
  code: string;
  /** What happened and what to do, in Japanese, naming the file. */
  message: string;
}
export type WriteResult = { ok: true } | FileFailure;
export type ReadTextResult = { ok: true; text: string } | FileFailure;

type Action = 'save' | 'open';

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'UNKNOWN';
}

/** The Japanese message for an OS error while saving or opening `filePath`. Names the file, says what to do. */
export function fileErrorMessage(code: string, filePath: string, action: Action): string {
  const name = path.basename(filePath);
  const dir = path.dirname(filePath);
  const folder = path.basename(dir) || dir;
  if (action === 'save') {
    switch (code) {
      case 'EBUSY':
      case 'EPERM':
        return `ファイル「${name}」は他のアプリで開かれているため保存できません。閉じてからもう一度保存するか、別の名前で保存してください。`;
      case 'EACCES':
      case 'EROFS':
        return `フォルダー「${folder}」は読み取り専用か書き込む権限がないため、「${name}」を保存できません。別の場所に保存してください。`;
      case 'ENOSPC':
      case 'EDQUOT':
        return `ディスクの空き容量が足りないため「${name}」を保存できません。不要なファイルを削除するか、別の場所に保存してください。`;
      case 'ENOENT':
      case 'ENOTDIR':
        return `保存先のフォルダー「${folder}」が見つからないため「${name}」を保存できません。別の場所を選んで保存してください。`;
      case 'EISDIR':
        return `「${name}」という名前のフォルダーがあるため保存できません。別の名前で保存してください。`;
      case 'ENAMETOOLONG':
        return `ファイル名か保存先が長すぎるため「${name}」を保存できません。短い名前にするか、別の場所に保存してください。`;
      default:
        return `ファイル「${name}」を保存できませんでした（エラーコード: ${code}）。別の場所か別の名前で保存してください。`;
    }
  }
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `ファイル「${name}」が見つかりません。移動または削除されていないか確かめてください。`;
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return `ファイル「${name}」を開けません。他のアプリで使用中か、読み取る権限がありません。`;
    case 'EISDIR':
      return `「${name}」はフォルダーです。ファイルを選んでください。`;
    default:
      return `ファイル「${name}」を読み込めませんでした（エラーコード: ${code}）。`;
  }
}

function failure(error: unknown, filePath: string, action: Action): FileFailure {
  const code = errorCode(error);
  return { ok: false, code, message: fileErrorMessage(code, filePath, action) };
}

/** Windows' virus scanners and indexers hold a fresh file for a moment; a short retry rides that out. */
const RENAME_RETRIES = process.platform === 'win32' ? 4 : 0;

export interface AtomicWriteOptions {
  /** The final rename; replaceable so tests can make it fail as Windows does (EBUSY, EPERM, EACCES). */
  rename?: (from: string, to: string) => Promise<void>;
}

async function renameWithRetry(rename: (from: string, to: string) => Promise<void>, from: string, to: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= RENAME_RETRIES || (code !== 'EBUSY' && code !== 'EPERM' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}

/**
 * Writes `data` to `filePath` so that the file is either the old one or the complete new one, never half:
 * a temporary file in the same folder, write, fsync, then rename over the target. On any failure the temporary
 * file is removed, the old file is untouched, and a Japanese message comes back as a value.
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<WriteResult> {
  const dir = path.dirname(filePath);
  // Hidden, unique, and in the same folder: a rename within one file system is atomic.
  const temp = path.join(dir, `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  let created = false;
  try {
    handle = await open(temp, 'wx');
    created = true;
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(options.rename ?? fsRename, temp, filePath);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await unlink(temp).catch(() => undefined);
    return failure(error, filePath, 'save');
  }
  await syncDirectory(dir);
  return { ok: true };
}

/** Makes the rename itself durable on POSIX; Windows cannot open a folder for fsync, and NTFS journals it anyway. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data is already in place.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Reads a UTF-8 text file of at most `maxBytes` bytes (a BOM is dropped). Larger files are refused before they
 * are read; bytes that are not UTF-8 (a Shift_JIS file, say) are refused rather than shown as mojibake.
 */
export async function readTextFileLimited(filePath: string, maxBytes: number): Promise<ReadTextResult> {
  const name = path.basename(filePath);
  let handle: FileHandle | undefined;
  let bytes: Uint8Array;
  try {
    handle = await open(filePath, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, code: 'EISDIR', message: fileErrorMessage('EISDIR', filePath, 'open') };
    if (stat.size > maxBytes) return { ok: false, code: 'ETOOLARGE', message: ipcMessages.fileTooLarge(name, maxBytes) };
    // Read at most one byte past the limit: the size may have changed since stat, or be unknown (a pipe).
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, code: 'ETOOLARGE', message: ipcMessages.fileTooLarge(name, maxBytes) };
    bytes = buffer.subarray(0, length);
  } catch (error) {
    return failure(error, filePath, 'open');
  } finally {
    await handle?.close().catch(() => undefined);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, code: 'ENOTUTF8', message: ipcMessages.notUtf8(name) };
  }
}

// ── exchange files on disk ───────────────────────────────────────────────────

/**
 * The path a save dialog returned, with `.yosan.json` added when the user typed a name without `.json`
 * (Windows keeps "予算" as "予算" otherwise, and the file would not open by double click).
 */
export function withExchangeExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith('.json') ? filePath : `${filePath}${EXCHANGE_EXTENSION}`;
}

/** Opens an exchange file: the validated document, or the problems (unreadable, too large, invalid). */
export async function openExchangeFileAt(filePath: string, maxBytes: number): Promise<ExchangeFileResult> {
  const fileName = path.basename(filePath);
  const read = await readTextFileLimited(filePath, maxBytes);
  if (!read.ok) return exchangeOpenFailure(fileName, read.message);
  return exchangeOpenResultFromText(fileName, read.text);
}

/** Saves an exchange file atomically. The document has been validated by the IPC contract already. */
export async function saveExchangeFileAt(filePath: string, file: ExchangeFile): Promise<ExchangeSaveResult> {
  const written = await writeFileAtomic(filePath, writeExchangeFile(file));
  if (!written.ok) return { status: 'error', message: written.message };
  return { status: 'saved', path: filePath, fileName: path.basename(filePath) };
}

/**
 * Where electron-builder puts a file listed in asarUnpack: `…/app.asar/x` is really `…/app.asar.unpacked/x`.
 * Paths outside an asar archive (development, tests) are returned as they are.
 */
export function unpackedAsarPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
