// Safe file names for the save dialogs: whatever a 局 name, a 年度 or the user typed becomes a name Windows accepts.
import { EXCHANGE_EXTENSION } from '../exchange/format';

export const WORKBOOK_EXTENSION = '.xlsx';
export const PDF_EXTENSION = '.pdf';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Turns a suggested name into a safe file name ending in `extension`: only the last path component, no characters
 * Windows forbids, no leading dots, no reserved device names, at most 100 characters before the extension. Never
 * empty. `alsoStrip` are endings dropped before the extension is added (`.json` for `.yosan.json`).
 */
function safeFileName(suggested: string, extension: string, alsoStrip: readonly string[] = []): string {
  let name = suggested.normalize('NFC');
  // A suggestion is a name, never a place.
  name = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.trim().replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_');
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
