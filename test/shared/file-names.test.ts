// Suggested file names: invisible format characters (bidi controls, zero-width) are dropped, so the name the save
// dialog, the browser's download and Explorer show is the name the file has. The other rules are in preload-contract.
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { safeExchangeFileName, safePdfFileName, safeWorkbookFileName } from '../../shared/ipc/file-names';
import { loadSample } from '../helpers/sample';

/** Every format (Cf) character that can hide or reorder what a file name shows. */
const FORMAT_CHARACTERS = [
  ['U+202E RIGHT-TO-LEFT OVERRIDE', '\u202E'],
  ['U+202A LEFT-TO-RIGHT EMBEDDING', '\u202A'],
  ['U+202B RIGHT-TO-LEFT EMBEDDING', '\u202B'],
  ['U+202C POP DIRECTIONAL FORMATTING', '\u202C'],
  ['U+202D LEFT-TO-RIGHT OVERRIDE', '\u202D'],
  ['U+2066 LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['U+2067 RIGHT-TO-LEFT ISOLATE', '\u2067'],
  ['U+2068 FIRST STRONG ISOLATE', '\u2068'],
  ['U+2069 POP DIRECTIONAL ISOLATE', '\u2069'],
  ['U+200E LEFT-TO-RIGHT MARK', '\u200E'],
  ['U+200F RIGHT-TO-LEFT MARK', '\u200F'],
  ['U+061C ARABIC LETTER MARK', '\u061C'],
  ['U+200B ZERO WIDTH SPACE', '\u200B'],
  ['U+200C ZERO WIDTH NON-JOINER', '\u200C'],
  ['U+200D ZERO WIDTH JOINER', '\u200D'],
  ['U+2060 WORD JOINER', '\u2060'],
  ['U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM)', '\uFEFF'],
  ['U+00AD SOFT HYPHEN', '\u00AD'],
  ['U+E0041 TAG LATIN CAPITAL LETTER A', '\u{E0041}'],
] as const;

describe('format characters are dropped from suggested names', () => {
  it.each(FORMAT_CHARACTERS)('%s inside, at the start and at the end', (_name, c) => {
    expect(safeExchangeFileName(`${c}政策${c}局_平成27年度${c}`)).toBe('政策局_平成27年度.yosan.json');
    expect(safeWorkbookFileName(`${c}政策局${c}`)).toBe('政策局.xlsx');
    expect(safePdfFileName(`政策局${c}`)).toBe('政策局.pdf');
  });

  it('U+202E cannot make a name look like another extension: 政策局\u202Exslx.exe is 政策局xslx.exe.xlsx', () => {
    // Shown as "政策局exe.xlsx" if the override stayed; without it the real ending is plain to see.
    expect(safeWorkbookFileName('政策局\u202Exslx.exe')).toBe('政策局xslx.exe.xlsx');
    expect(safeExchangeFileName('予算\u202Enosj.')).toBe('予算nosj.yosan.json');
  });

  it('a name of format characters alone becomes the default name', () => {
    expect(safeExchangeFileName('\u202E\u200B\uFEFF')).toBe('予算デスク.yosan.json');
  });

  it('format characters cannot hide a reserved device name or a leading dot', () => {
    expect(safeWorkbookFileName('C\u200BON')).toBe('_CON.xlsx');
    expect(safeExchangeFileName('\u200B.hidden')).toBe('hidden.yosan.json');
  });

  it('C1 controls, line and paragraph separators and lone surrogates become _', () => {
    expect(safeExchangeFileName('政策\u0085局\u2028課\u2029係\uD800')).toBe('政策_局_課_係_.yosan.json');
  });

  it('variation selectors and ordinary Japanese stay as they are', () => {
    expect(safeExchangeFileName('葛\uDB40\uDD00飾区_平成27年度')).toBe('葛\uDB40\uDD00飾区_平成27年度.yosan.json');
    expect(safeExchangeFileName('ＩＣＴ政策課・番号制度整備室')).toBe('ＩＣＴ政策課・番号制度整備室.yosan.json');
  });

  it('the IPC contract applies the rule to the names the renderer suggests', () => {
    const save = contract['exchange:save'].request.parse({ file: loadSample(), suggestedName: '政策局\u202E_平成27年度' });
    expect(save.suggestedName).toBe('政策局_平成27年度.yosan.json');
    const excel = contract['excel:export'].request.parse({ file: loadSample(), suggestedName: '\u2066政策局\u2069' });
    expect(excel.suggestedName).toBe('政策局.xlsx');
  });
});
