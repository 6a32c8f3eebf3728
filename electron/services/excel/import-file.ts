// The import from a file, as the worker runs it: a size-limited read, the zip guard, exceljs, then the mapping.
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileErrorMessage } from '../files';
import { workbookToExchange, type ImportResult } from './import';
import { excelMessages } from './messages';
import { readWorkbook } from './xlsx';
import { checkXlsxZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard';

function failure(message: string): ImportResult {
  return { ok: false, problems: [{ severity: 'error', path: '', message }] };
}

type ReadBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Reads at most `maxBytes` (+1 to notice a larger file) without trusting the size `stat` reported. */
export async function readFileBytesLimited(filePath: string, maxBytes: number): Promise<ReadBytes> {
  const name = path.basename(filePath);
  let handle: FileHandle | undefined;
  try {
    handle = await open(filePath, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, message: fileErrorMessage('EISDIR', filePath, 'open') };
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

/** Guard, parse, map. Every failure is a message naming the file; nothing is thrown. */
export async function importWorkbookBytes(
  bytes: Uint8Array,
  fileName: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ImportResult> {
  const checked = checkXlsxZip(bytes, limits);
  if (!checked.ok) {
    switch (checked.problem) {
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
    }
  }
  let worksheets;
  try {
    worksheets = await readWorkbook(bytes);
  } catch {
    return failure(excelMessages.damaged(fileName));
  }
  try {
    return workbookToExchange(worksheets, fileName);
  } catch {
    return failure(excelMessages.unexpected(fileName));
  }
}

export async function importWorkbookFile(filePath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ImportResult> {
  const read = await readFileBytesLimited(filePath, limits.maxFileBytes);
  if (!read.ok) return failure(read.message);
  return importWorkbookBytes(read.bytes, path.basename(filePath), limits);
}
