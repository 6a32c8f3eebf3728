// Safe file names for the save dialogs: whatever a 局 name, a 年度 or the user typed becomes a name Windows accepts.
import { EXCHANGE_EXTENSION } from '../exchange/format';

export const WORKBOOK_EXTENSION = '.xlsx';
export const PDF_EXTENSION = '.pdf';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Turns a suggested name into a safe file name ending in `extension`: only the last path component, no invisible
 * format characters (bidi controls, zero-width), no control characters or characters Windows forbids, no leading
 * dots, no reserved device names, at most 100 characters before the extension. Never empty. `alsoStrip` are endings
 * dropped before the extension is added (`.json` for `.yosan.json`).
 */
function safeFileName(suggested: string, extension: string, alsoStrip: readonly string[] = []): string {
  // Format characters are invisible: bidi controls (U+202E shows `xlsx.exe` as `exe.xlsx`), zero-width spaces
  // and joiners, BOM, word joiner. Dropped, not replaced, so what the user sees is what the name is.
  let name = suggested.replace(/\p{Cf}/gu, '').normalize('NFC');
  // A suggestion is a name, never a place.
  name = name.split(/[\\/]/).pop() ?? '';
  // Controls (C0, DEL, C1), line and paragraph separators, lone surrogates and what Windows forbids.
  name = name.trim().replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Cs}<>:"|?*]/gu, '_');
  const lower = name.toLowerCase();
  const ending = [extension, ...alsoStrip].find((e) => lower.endsWith(e));
  if (ending) name = name.slice(0, -ending.length);
  // Leading dots hide the file (and `..` is a place); trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  const chars = Array.from(name);
  if (chars.length > 100) name = chars.slice(0, 100).join('').replace(/[.\s]+$/u, '');
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  if (name === '') name = '予算デスク';
  return `${name}${extension}`;
}

/** A safe `….yosan.json` file name (see safeFileName). */
export function safeExchangeFileName(suggested: string): string {
  return safeFileName(suggested, EXCHANGE_EXTENSION, ['.json']);
}

/** A safe `….xlsx` file name for the Excel export's save dialog (see safeFileName). */
export function safeWorkbookFileName(suggested: string): string {
  return safeFileName(suggested, WORKBOOK_EXTENSION);
}

/** A safe `….pdf` file name from a suggestion (a sheet's or a 局's name and the 年度). */
export function safePdfFileName(suggested: string): string {
  return safeFileName(suggested, PDF_EXTENSION, [EXCHANGE_EXTENSION, '.json']);
}
