// How much room a text needs in a printed cell: widths in half-width units, wrapped lines, and where to cut a long text.

/**
 * Width of one code point in half-width units, as a Japanese monospaced font (ＭＳ ゴシック) prints it:
 * full-width (kanji, kana, full-width forms, CJK punctuation and symbols, 𠮷) counts 2, ASCII and half-width kana
 * count 1. Latin letters and digits get a little more than 1 because LibreOffice substitutes a proportional font
 * whose digits are wider than half an em; overestimating only makes a row a little taller, never cuts a line.
 */
export function codePointUnits(cp: number): number {
  if (cp < 0x20 || cp === 0x7f) return 0;
  if (cp < 0x7f) return cp === 0x20 ? 1 : ASCII_UNITS;
  if (cp >= 0xff61 && cp <= 0xff9f) return 1; // half-width katakana
  if (cp >= 0x0300 && cp <= 0x036f) return 0; // combining marks
  if (cp < 0x0250) return ASCII_UNITS; // Latin-1 and Latin Extended
  return 2; // everything else, including the ambiguous-width symbols (△ ○ ※ Greek) a Japanese font prints full width
}

/** Latin glyphs in the substitute fonts are up to ~0.64 em wide; 1.3 half-width units covers them. */
const ASCII_UNITS = 1.3;

/** Total width of a text in half-width units (no line breaks considered). */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += codePointUnits(ch.codePointAt(0) ?? 0);
  return units;
}

/** Characters that may not start a line (禁則処理): the line before keeps them, so it may need a little more room. */
const NO_LINE_START = new Set(Array.from('、。，．・：；？！ー’”）〕］｝〉》」』】ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.:;?!)]}'));

function isWordChar(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x2c || cp === 0x2e;
}

/**
 * Where each printed line of `text` starts (UTF-16 offsets), wrapping at `capacity` half-width units as a spreadsheet
 * does: at every line feed, before a character that would overflow, never splitting a surrogate pair, keeping runs of
 * Latin letters and digits (words, `2,732,796`) together when they fit on a line, and keeping 禁則 characters off the
 * start of a line. The first line starts at 0; an empty text has one (empty) line.
 */
export function lineStarts(text: string, capacity: number): number[] {
  const starts = [0];
  const cap = Math.max(capacity, 2);
  let used = 0;
  let i = 0;
  // Inside a word too long for a line, which is broken character by character to its end.
  let breakingWordUntil = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    if (cp === 0x0a || cp === 0x0d) {
      // \r\n is one break; a lone \r breaks like \n.
      const next = cp === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      starts.push(next);
      used = 0;
      i = next;
      continue;
    }
    if (isWordChar(cp) && i >= breakingWordUntil) {
      // A word moves to the next line whole when it fits on a line of its own. Trailing `,` and `.` may hang past
      // the edge (禁則), so they do not count when deciding whether the word fits.
      let end = i;
      let width = 0;
      let hanging = 0;
      while (end < text.length && isWordChar(text.charCodeAt(end))) {
        const units = codePointUnits(text.charCodeAt(end));
        width += units;
        hanging = NO_LINE_START.has(text[end] ?? '') ? hanging + units : 0;
        end += 1;
      }
      const needed = width - hanging;
      // A word that opens with a 禁則 mark (`,5`) stays where it is: the mark may not start a line.
      if (used > 0 && used + needed > cap && needed <= cap && !NO_LINE_START.has(String.fromCodePoint(cp))) {
        starts.push(i);
        used = 0;
      }
      if (needed <= cap - used) {
        used += width;
        i = end;
        continue;
      }
      // Longer than a line: break it character by character below, to its end.
      breakingWordUntil = end;
    }
    const w = codePointUnits(cp);
    if (used + w > cap && used > 0) {
      // 禁則: a closing mark stays on the line it closes (printers squeeze it in).
      if (!NO_LINE_START.has(String.fromCodePoint(cp))) {
        starts.push(i);
        used = 0;
      }
    }
    used += w;
    i += size;
  }
  return starts;
}

/** Number of printed lines of `text` at `capacity` half-width units a line (at least 1). */
export function lineCount(text: string, capacity: number): number {
  return lineStarts(text, capacity).length;
}

/**
 * Splits a text into consecutive pieces of at most `maxLines` printed lines each, cutting only at line starts, so
 * that `pieces.join('')` is the text again, exactly. An empty text is one empty piece.
 */
export function splitByLines(text: string, capacity: number, maxLines: number): string[] {
  const starts = lineStarts(text, capacity);
  if (starts.length <= maxLines) return [text];
  const pieces: string[] = [];
  for (let k = 0; k < starts.length; k += maxLines) {
    const from = starts[k] ?? 0;
    const to = starts[k + maxLines] ?? text.length;
    pieces.push(text.slice(from, to));
  }
  return pieces;
}

/**
 * Printed lines of one piece made by `splitByLines`: a piece that ends in a line feed does not print the empty line
 * after it (the next piece starts there).
 */
export function pieceLineCount(piece: string, capacity: number): number {
  const trimmed = piece.endsWith('\r\n') ? piece.slice(0, -2) : /[\n\r]$/.test(piece) ? piece.slice(0, -1) : piece;
  return lineCount(trimmed, capacity);
}
