// The answer to "open this exchange file", built the same way by the main process and the browser implementation.
import { readExchangeFile } from '../exchange/read';
import type { ExchangeFileResult } from './contract';

/** The open result for a file's decoded text: the validated document, or its problems. Pure. */
export function exchangeOpenResultFromText(fileName: string, text: string): ExchangeFileResult {
  const read = readExchangeFile(text);
  if (!read.ok) return { status: 'problems', fileName, problems: read.problems };
  return read.migratedFrom === undefined
    ? { status: 'opened', fileName, file: read.file }
    : { status: 'opened', fileName, file: read.file, migratedFrom: read.migratedFrom };
}

/** The open result for a file that could not be read at all (too large, not UTF-8, gone). */
export function exchangeOpenFailure(fileName: string, message: string): ExchangeFileResult {
  return { status: 'problems', fileName, problems: [{ severity: 'error', path: '', message }] };
}
