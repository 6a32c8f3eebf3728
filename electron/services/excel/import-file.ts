// The import from a file, as the worker runs it: a size-limited read, the zip guard, the check that the workbook is ours
// (central directory and xl/workbook.xml only), then the cells and the mapping. Every failure is a Japanese message.
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileErrorMessage } from '../files';
import { workbookToExchange, type ImportResult } from './import';
import { excelMessages } from './messages';
import { DEFAULT_WORKBOOK_LIMITS, openWorkbook, WorkbookReadError, type OpenProblem, type WorkbookLimits } from './xlsx-read';
import { DEFAULT_ZIP_LIMITS, readCentralDirectory, type ZipLimits } from './zip-guard';

/** Everything the reading side of the import is bounded by (the runner adds time and heap). */
export interface ReadLimits extends ZipLimits, WorkbookLimits {}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_ZIP_LIMITS, ...DEFAULT_WORKBOOK_LIMITS };

function failure(message: string): ImportResult {
  return { ok: false, problems: [{ severity: 'error', path: '', message }] };
}

type ReadBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** O_NONBLOCK: opening a FIFO then returns at once (and fstat refuses it) instead of waiting for a writer for good. */
const READ_FLAGS = fsConstants.O_RDONLY | (process.platform === 'win32' ? 0 : fsConstants.O_NONBLOCK);

/** Reads at most `maxBytes` (+1 to notice a larger file) of a regular file, without trusting the size `stat` reported. */
export async function readFileBytesLimited(filePath: string, maxBytes: number): Promise<ReadBytes> {
  const name = path.basename(filePath);
  let handle: FileHandle | undefined;
  try {
    handle = await open(filePath, READ_FLAGS);
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, message: fileErrorMessage('EISDIR', filePath, 'open') };
    if (!stat.isFile()) return { ok: false, message: fileErrorMessage('ENOTREG', filePath, 'open') };
    if (stat.size > maxBytes) return { ok: false, message: excelMessages.importTooLarge(name, maxBytes) };
    const buffer = new Uint8Array(Math.min(maxBytes, stat.size) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, message: excelMessages.importTooLarge(name, maxBytes) };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
    return { ok: false, message: fileErrorMessage(code, filePath, 'open') };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function refusal(problem: OpenProblem, fileName: string, limits: ReadLimits): ImportResult {
  switch (problem) {
    case 'too-large':
      return failure(excelMessages.importTooLarge(fileName, limits.maxFileBytes));
    case 'not-zip':
      return failure(excelMessages.notXlsx(fileName));
    case 'ole':
      return failure(excelMessages.oldXls(fileName));
    case 'encrypted':
      return failure(excelMessages.encrypted(fileName));
    case 'limits':
      return failure(excelMessages.zipLimits(fileName));
    case 'damaged':
      return failure(excelMessages.damaged(fileName));
    case 'foreign':
      return failure(excelMessages.foreign(fileName));
    case 'metadata-visible':
      return failure(excelMessages.metadataVisible(fileName));
    case 'too-many-worksheets':
      return failure(excelMessages.tooManyWorksheets(fileName, limits.maxWorksheets));
    case 'metadata-too-large':
      return failure(excelMessages.metadataTooLarge(fileName));
  }
}

/** Guard, check it is ours, read, map. Every failure is a message naming the file or the cell; nothing is thrown. */
export async function importWorkbookBytes(
  bytes: Uint8Array,
  fileName: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ImportResult> {
  const directory = readCentralDirectory(bytes, limits);
  if (!directory.ok) return refusal(directory.problem, fileName, limits);
  const names = new Set(directory.entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return refusal('not-zip', fileName, limits);
  const opened = openWorkbook(bytes, directory.entries, limits);
  if (!opened.ok) return refusal(opened.problem, fileName, limits);
  try {
    const result = workbookToExchange(opened.worksheets, fileName);
    // The worksheets no cell came from (the 一覧) must be sound too: a damaged file is refused whole.
    const rest = opened.verifyUnread();
    return rest.ok ? result : refusal(rest.problem, fileName, limits);
  } catch (error) {
    // A worksheet read on demand turned out damaged or too large.
    if (error instanceof WorkbookReadError) return refusal(error.problem, fileName, limits);
    return failure(excelMessages.unexpected(fileName));
  }
}

export async function importWorkbookFile(filePath: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ImportResult> {
  const read = await readFileBytesLimited(filePath, limits.maxFileBytes);
  if (!read.ok) return failure(read.message);
  return importWorkbookBytes(read.bytes, path.basename(filePath), limits);
}
