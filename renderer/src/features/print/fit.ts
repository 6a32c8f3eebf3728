// Fitting a sheet on one A4 page: font steps down to a readable minimum, then the longest texts are cut, visibly.
import type { Sheet } from '../../../../shared/domain/schema';

/** Font sizes tried in order, in points; 7.5 pt is the smallest still readable on paper. */
export const FONT_STEPS_PT = [10.5, 10, 9.5, 9, 8.5, 8, 7.5] as const;
export const MIN_FONT_PT = FONT_STEPS_PT[FONT_STEPS_PT.length - 1]!;

/** A text of the sheet that may be shortened in print, with the name the user knows it by. */
export interface CuttableText {
  path: string;
  label: string;
  text: string;
}

export function cuttableTexts(sheet: Sheet): CuttableText[] {
  return [
    { path: 'purpose', label: '事業の目的・内容', text: sheet.purpose },
    { path: 'notes', label: '特記事項', text: sheet.notes },
    { path: 'reference', label: '参考', text: sheet.reference },
    ...sheet.items.map((item, i) => ({ path: `items[${i}].description`, label: `主な事業${i + 1}の説明`, text: item.description })),
  ];
}

/** How the page is printed: the font size, and for each cut text how many characters are kept. */
export interface FitState {
  fontIndex: number;
  /** path → characters kept (absent: printed whole). */
  cuts: Readonly<Record<string, number>>;
  done: boolean;
}

export const initialFit: FitState = { fontIndex: 0, cuts: {}, done: false };

/** Characters a cut text keeps at the least, so the reader still sees what it was about. */
const MIN_KEPT = 40;

/**
 * The next attempt after a measurement. Overflowing: a smaller font, then at the smallest font the longest
 * remaining text loses a quarter of what it keeps. Fitting: done. Pure, so the sequence is tested without a DOM.
 */
export function nextFit(state: FitState, overflows: boolean, texts: readonly CuttableText[]): FitState {
  if (state.done) return state;
  if (!overflows) return { ...state, done: true };
  if (state.fontIndex < FONT_STEPS_PT.length - 1) return { ...state, fontIndex: state.fontIndex + 1 };
  const kept = (t: CuttableText) => Math.min(state.cuts[t.path] ?? charCount(t.text), charCount(t.text));
  const candidates = texts.filter((t) => kept(t) > MIN_KEPT).sort((a, b) => kept(b) - kept(a));
  const longest = candidates[0];
  // Nothing left to cut: print what fits; the page says it is cut.
  if (!longest) return { ...state, done: true };
  const keep = Math.max(MIN_KEPT, Math.floor(kept(longest) * 0.75));
  return { ...state, cuts: { ...state.cuts, [longest.path]: keep } };
}

/** Length in characters as a reader counts them (𠮷 is one), so a cut never splits a character. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** The text as printed: whole, or cut with a visible mark. */
export function printedText(text: string, kept: number | undefined): { text: string; cut: boolean } {
  if (kept === undefined || kept >= charCount(text)) return { text, cut: false };
  return { text: `${Array.from(text).slice(0, kept).join('')}…`, cut: true };
}
