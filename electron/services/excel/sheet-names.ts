// Worksheet names Excel accepts: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, unique.
// Two more characters are swapped for their full-width forms because of exceljs, not Excel: it writes the print
// area of a name with an apostrophe unquoted (a broken defined name), and decodes `&amp;` in names twice on reading.

/** Excel's limit, counted in UTF-16 code units (Excel and exceljs both count that way). */
export const MAX_SHEET_NAME_LENGTH = 31;

/** Names we use ourselves; a 事務事業 called 一覧 becomes `一覧 (2)`. `History` is reserved by Excel. */
export const SUMMARY_SHEET_NAME = '一覧';
export const METADATA_SHEET_NAME = '_yosan';
/** The 局運営方針 of a bureau workbook: its 1. and 2., and its 3. 見直し事業一覧. */
export const POLICY_SHEET_NAME = '局運営方針';
export const REVIEW_SHEET_NAME = '見直し事業一覧';
const RESERVED = [SUMMARY_SHEET_NAME, METADATA_SHEET_NAME, POLICY_SHEET_NAME, REVIEW_SHEET_NAME, 'History'];

/** Excel compares names ignoring case; we also fold full-width and half-width forms, to be safe. */
export function sheetNameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase();
}

/** Cuts a string to at most `max` UTF-16 code units without splitting a surrogate pair. */
function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * One name, cleaned: forbidden characters become `＿`, `'` and `&` their full-width forms, control characters and
 * lone surrogates are dropped, blanks collapse, and it is cut to `max` code units. May return '' (the caller then
 * picks a fallback).
 */
export function cleanSheetName(raw: string, max = MAX_SHEET_NAME_LENGTH): string {
  const name = raw
    .replace(/[:\\/?*[\]]/g, '＿')
    .replace(/'/g, '＇')
    .replace(/&/g, '＆')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cutUnits(name, max).trim();
}

/**
 * Names for the 事務事業 worksheets, in order: each the cleaned 事務事業名 (or `シートn` when blank), and a clash with
 * an earlier name or with 一覧 gets ` (2)`, ` (3)` … inside the 31-character limit.
 */
export function assignSheetNames(names: readonly string[]): string[] {
  const used = new Set(RESERVED.map(sheetNameKey));
  return names.map((raw, index) => {
    const base = cleanSheetName(raw) || `シート${index + 1}`;
    if (!used.has(sheetNameKey(base))) {
      used.add(sheetNameKey(base));
      return base;
    }
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const candidate = `${cleanSheetName(base, MAX_SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
      if (!used.has(sheetNameKey(candidate))) {
        used.add(sheetNameKey(candidate));
        return candidate;
      }
    }
  });
}

/** A worksheet name inside a formula: always quoted, apostrophes doubled (`'O''Brien'!A1`). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
