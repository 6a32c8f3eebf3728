// The answer to "open this exchange file", built the same way by the main process and the browser implementation.
import { readExchangeFile } from '../exchange/read';
import { firstUtf8Error } from '../exchange/utf8';
import type { ExchangeFileResult } from './contract';
import { ipcMessages } from './messages';

/**
 * The open result for a file's decoded text: the validated document, or its problems. Pure, and never throws: a
 * failure no check foresaw becomes a problem in Japanese, so 開く always has something to show.
 */
export function exchangeOpenResultFromText(fileName: string, text: string): ExchangeFileResult {
  try {
    const read = readExchangeFile(text);
    if (!read.ok) return { status: 'problems', fileName, problems: read.problems };
    return read.migratedFrom === undefined
      ? { status: 'opened', fileName, file: read.file }
      : { status: 'opened', fileName, file: read.file, migratedFrom: read.migratedFrom };
  } catch {
    return exchangeOpenFailure(fileName, ipcMessages.unexpectedRead(fileName));
  }
}

/** The open result for a file that could not be read at all (too large, not UTF-8, gone). */
export function exchangeOpenFailure(fileName: string, message: string): ExchangeFileResult {
  return { status: 'problems', fileName, problems: [{ severity: 'error', path: '', message }] };
}

/**
 * The message for bytes a strict UTF-8 decoder refused: cut off inside a character (the end of a Japanese text lost
 * in a copy), or not UTF-8 at all (a Shift_JIS file). Call it where `new TextDecoder('utf-8', { fatal: true })` threw.
 */
export function describeUndecodable(fileName: string, bytes: Uint8Array): string {
  return firstUtf8Error(bytes)?.cutOff ? ipcMessages.cutOffInCharacter(fileName) : ipcMessages.notUtf8(fileName);
}
