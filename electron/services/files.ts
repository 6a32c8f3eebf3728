// File work for the main process, without electron: atomic writes, size-limited reads, Japanese messages for OS errors.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, type Stats } from 'node:fs';
import { access, open, rename as fsRename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeFile } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { EXCHANGE_EXTENSION } from '../../shared/exchange/format';
import type { ExchangeFileResult, ExchangeSaveResult } from '../../shared/ipc/contract';
import { ipcMessages } from '../../shared/ipc/messages';
import { describeUndecodable, exchangeOpenFailure, exchangeOpenResultFromText } from '../../shared/ipc/open-result';

export interface FileFailure {
  ok: false;
  /** The OS error code (EBUSY, ENOSPC, …) or our own (ETOOLARGE, ENOTUTF8, EREADONLY, ENOTREG). */
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
      case 'EREADONLY':
        return `ファイル「${name}」は読み取り専用のため上書きできません。別の名前で保存するか、読み取り専用を解除してからもう一度保存してください。`;
      case 'ENOTREG':
        return `「${name}」は通常のファイルではない（パイプやデバイスなど）ため保存できません。別の名前で保存してください。`;
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
    case 'ENOTREG':
      return `「${name}」は通常のファイルではない（パイプやデバイスなど）ため読み込めません。保存されたファイルを選んでください。`;
    default:
      return `ファイル「${name}」を読み込めませんでした（エラーコード: ${code}）。`;
  }
}

function failure(error: unknown, filePath: string, action: Action): FileFailure {
  const code = errorCode(error);
  return { ok: false, code, message: fileErrorMessage(code, filePath, action) };
}

function refusal(code: string, filePath: string, action: Action): FileFailure {
  return { ok: false, code, message: fileErrorMessage(code, filePath, action) };
}

/** A folder is EISDIR, a pipe, device or socket ENOTREG; null for a regular file. */
function notRegularCode(stats: Stats): 'EISDIR' | 'ENOTREG' | null {
  if (stats.isFile()) return null;
  return stats.isDirectory() ? 'EISDIR' : 'ENOTREG';
}

/**
 * Refuses what is not a regular file before anything opens it: opening a FIFO waits for a writer that never comes
 * (a libuv thread stuck for good, so even a finished CLI never exits) and a device may never end. A symlink to a
 * regular file is fine (stat follows it). Null when `filePath` is a regular file, or when stat cannot tell (missing,
 * no permission): the reader that opens it then says why.
 */
export async function nonRegularFileProblem(filePath: string, action: Action = 'open'): Promise<FileFailure | null> {
  let stats: Stats;
  try {
    stats = await stat(filePath);
  } catch {
    return null;
  }
  const code = notRegularCode(stats);
  return code === null ? null : refusal(code, filePath, action);
}

/** O_NONBLOCK: should the path turn into a FIFO after the stat, open returns at once and fstat refuses it. */
const READ_FLAGS = fsConstants.O_RDONLY | (process.platform === 'win32' ? 0 : fsConstants.O_NONBLOCK);

/** Permission bits of the file a write replaces, or a refusal (read-only, not a regular file); undefined mode if new. */
async function replaceableTarget(filePath: string): Promise<{ ok: true; mode: number | undefined } | FileFailure> {
  let stats: Stats;
  try {
    stats = await stat(filePath);
  } catch {
    // Missing (a new file) or unreachable: the write itself reports the folder's problem.
    return { ok: true, mode: undefined };
  }
  const code = notRegularCode(stats);
  if (code !== null) return refusal(code, filePath, 'save');
  // No write bit at all is the read-only attribute on Windows and `chmod a-w` on POSIX; the rename would replace it
  // regardless (and root ignores the bits), so the bits are checked, then whether we may write it.
  if ((stats.mode & 0o222) === 0) return refusal('EREADONLY', filePath, 'save');
  try {
    await access(filePath, fsConstants.W_OK);
  } catch (error) {
    const failed = errorCode(error);
    if (failed === 'EACCES' || failed === 'EPERM') return refusal('EREADONLY', filePath, 'save');
  }
  return { ok: true, mode: stats.mode & 0o777 };
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
 * file is removed, the old file is untouched, and a Japanese message comes back as a value. A read-only target or
 * one that is not a regular file is refused before anything is written; a replaced file keeps its permission bits
 * (0600 stays 0600).
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<WriteResult> {
  const target = await replaceableTarget(filePath);
  if (!target.ok) return target;
  const dir = path.dirname(filePath);
  // Hidden, unique, and in the same folder: a rename within one file system is atomic.
  const temp = path.join(dir, `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  let created = false;
  try {
    // Created with the old file's bits, so a private file is never readable by others even for a moment.
    handle = await open(temp, 'wx', target.mode ?? 0o666);
    created = true;
    // The umask may have taken bits the old file had (0664 under umask 022); best effort where a file system
    // keeps no modes (FAT, some network shares).
    if (target.mode !== undefined) await handle.chmod(target.mode).catch(() => undefined);
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
 * Reads a UTF-8 text file of at most `maxBytes` bytes (a BOM is dropped). Larger files, folders, pipes and devices
 * are refused before they are read; bytes that are not UTF-8 (a Shift_JIS file, say) are refused rather than shown as
 * mojibake.
 */
export async function readTextFileLimited(filePath: string, maxBytes: number): Promise<ReadTextResult> {
  const name = path.basename(filePath);
  let handle: FileHandle | undefined;
  let bytes: Uint8Array;
  const notRegular = await nonRegularFileProblem(filePath, 'open');
  if (notRegular) return notRegular;
  try {
    handle = await open(filePath, READ_FLAGS);
    const stats = await handle.stat();
    const code = notRegularCode(stats);
    if (code !== null) return refusal(code, filePath, 'open');
    if (stats.size > maxBytes) return { ok: false, code: 'ETOOLARGE', message: ipcMessages.fileTooLarge(name, maxBytes) };
    // Read at most one byte past the limit: the size may have changed since stat.
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
    return { ok: false, code: 'ENOTUTF8', message: describeUndecodable(name, bytes) };
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
