// The pre-scan of an exchange file's text before JSON.parse: one linear pass that refuses, with a Japanese message naming
// the place and line, what JSON.parse and the schema would choke on or silently accept (too deep, too long, too many
// values or key names, a key written twice, a cut-off end, a number that is not one). Iterative, O(depth) memory.
import { describePath } from '../domain/labels';
import { formatPath } from '../domain/problem';
import {
  DEFAULT_ARRAY_LIMIT,
  EXCHANGE_ARRAY_LIMITS,
  MAX_CONTAINERS,
  MAX_KEY_NAMES,
  MAX_KEYS_PER_OBJECT,
  MAX_NESTING_DEPTH,
  MAX_VALUES,
} from './limits';

export type ScanFailureKind =
  | 'cut-off'
  | 'syntax'
  | 'not-a-number'
  | 'number-too-large'
  | 'too-deep'
  | 'too-long'
  | 'too-many-keys'
  | 'too-many-values'
  | 'duplicate-key';

export type ScanResult =
  | { ok: true }
  | {
      ok: false;
      kind: ScanFailureKind;
      /** Path into the document where the scan stopped, as `sheets[3].items`. */
      path: string;
      /** 1-based line of the text where the scan stopped. */
      line: number;
      /** What is wrong, where and what to do, in Japanese. */
      message: string;
    };

type Segment = string | number;

const ARRAY_LIMITS = new Map<string, number>(Object.entries(EXCHANGE_ARRAY_LIMITS));

/** Longest piece of the file (a key, a word, a number) quoted in a message. */
const QUOTE_CHARS = 24;

/**
 * A piece of the file (a name, a key, a word) as a message quotes it: clipped, and control and bidirectional or
 * zero-width format characters replaced, so a quoted name cannot reorder or hide the message around it.
 */
export function quoteForMessage(text: string, max = QUOTE_CHARS): string {
  let clipped = text.length > max ? text.slice(0, max) : text;
  // Never end on half of a surrogate pair.
  if (clipped.length > 0 && /[\ud800-\udbff]$/.test(clipped)) clipped = clipped.slice(0, -1);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const safe = clipped.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '?');
  return text.length > max ? `${safe}…` : safe;
}

/** 1,234 for 1234. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The place in the form's words, for a path the file may have made up: segments are dropped from the end until the
 * words have no property names left (`シート1 の color` becomes `シート1`).
 */
function placeWords(path: readonly Segment[]): string {
  for (let end = path.length; end >= 0; end--) {
    const words = describePath(path.slice(0, end));
    if (!/[A-Za-z]/.test(words.replace(/「[^」]*」/g, '').replace(/ID|予算書P\./g, ''))) return words;
  }
  return 'ファイル全体';
}

/** `3 行目と 5 行目`, or `4 行目` when both are on one line. */
function twice(first: number, second: number): string {
  return first === second ? `${first} 行目` : `${first} 行目と ${second} 行目`;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 0x0a) line += 1;
  return line;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A character that may follow a value: whitespace, `,`, `]`, `}`. */
function isDelimiter(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0x5d || c === 0x7d;
}

/** A character of a run the file meant as one word or number (`NaN`, `0x10`, `+1`, `abc`). */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x24;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const ARRAY = 0;
const OBJECT = 1;
const EXPECT_VALUE = 0;
const AFTER_VALUE = 1;
const EXPECT_KEY = 2;
/** Returned by the readers below for "the text ended first". */
const CUT = -1;
/** Returned by numberEnd for "a run of characters that is not a JSON number". */
const NOT_A_NUMBER = -2;

// The readers are plain functions of (text, position) so that the scan's position stays a register, not a closure slot.

function whitespaceEnd(text: string, i: number, n: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** The index after the closing quote of the string whose opening quote is at `i`; CUT; or -(k + 3) for a bad character at k. */
function stringEnd(text: string, i: number, n: number): number {
  let j = i + 1;
  for (;;) {
    if (j >= n) return CUT;
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      j++;
      if (j >= n) return CUT;
      const e = text.charCodeAt(j);
      if (e === 0x75) {
        for (let h = 1; h <= 4; h++) {
          if (j + h >= n) return CUT;
          if (!isHex(text.charCodeAt(j + h))) return -(j - 1 + 3);
        }
        j += 4;
      } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
        return -(j - 1 + 3);
      }
    } else if (c < 0x20) {
      return -(j + 3);
    }
    j++;
  }
}

/** The index after the JSON number at `i`; CUT; or NOT_A_NUMBER (`01`, `1.`, `0x10`, `-Infinity`). */
function numberEnd(text: string, i: number, n: number): number {
  let j = i;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (j >= n) return CUT;
  const first = text.charCodeAt(j);
  if (first === 0x30) j++;
  else if (isDigit(first)) while (j < n && isDigit(text.charCodeAt(j))) j++;
  else return NOT_A_NUMBER;
  if (j < n && text.charCodeAt(j) === 0x2e) {
    j++;
    if (j >= n) return CUT;
    if (!isDigit(text.charCodeAt(j))) return NOT_A_NUMBER;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  const e = j < n ? text.charCodeAt(j) : 0;
  if (e === 0x65 || e === 0x45) {
    j++;
    if (j < n && (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d)) j++;
    if (j >= n) return CUT;
    if (!isDigit(text.charCodeAt(j))) return NOT_A_NUMBER;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  if (j < n && !isDelimiter(text.charCodeAt(j))) return NOT_A_NUMBER;
  return j;
}

function hasExponent(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x65 || c === 0x45) return true;
  }
  return false;
}

/** The index after `word` (true, false, null) at `i`; CUT when the text ends inside it; NOT_A_NUMBER when it is not there. */
function literalEnd(text: string, i: number, n: number, word: string): number {
  const end = i + word.length;
  if (text.startsWith(word, i) && (end >= n || !isWordChar(text.charCodeAt(end)))) return end;
  // `tr` at the very end is a cut-off `true`.
  if (n - i < word.length && word.startsWith(text.slice(i))) return CUT;
  return NOT_A_NUMBER;
}

/**
 * Scans the text of an exchange file (without its BOM). `ok` means JSON.parse will accept it and the result stays
 * within the limits in limits.ts: nesting, array lengths, keys per object, values in all, no key twice in one object,
 * no number JSON.parse would read as ±Infinity.
 */
export function scanExchangeText(text: string): ScanResult {
  const n = text.length;
  /** One entry per open container: its kind, its element count (arrays) and its array limit. */
  const kinds: number[] = [];
  const counts: number[] = [];
  const limits: number[] = [];
  /**
   * The keys read so far in each open object and where each starts, by depth; reused from object to object. A plain
   * list: an object holds at most MAX_KEYS_PER_OBJECT, and a Map per object would cost more than the search.
   */
  const keysAt: string[][] = [];
  const keyStartsAt: number[][] = [];
  /** Every key name in the file: JSON.parse makes each distinct name a string and hidden classes of its own. */
  const names = new Set<string>();
  /** The place of the current value: one segment per open container (an index, or the key being read). */
  const path: Segment[] = [];
  let containers = 0;
  let values = 0;

  const fail = (kind: ScanFailureKind, at: number, where: readonly Segment[], what: (place: string, line: number) => string): ScanResult => {
    const line = lineAt(text, at);
    // A trailing '' is an object whose next key has not been read yet: the place is the object. Keys the file made
    // up are clipped: a 10 MB key must not make a 10 MB message.
    const place = (where.length > 0 && where[where.length - 1] === '' ? where.slice(0, -1) : where).map((segment) =>
      typeof segment === 'string' ? quoteForMessage(segment) : segment,
    );
    return { ok: false, kind, path: formatPath(place), line, message: what(placeWords(place), line) };
  };
  /** The end came too soon; `afterValue`: right after a value, so the place is the container it is in. */
  const cutOff = (afterValue = false): ScanResult =>
    fail('cut-off', n, afterValue ? path.slice(0, -1) : path, (place, line) =>
      `ファイルが途中で切れています（${line} 行目、${place}の途中で終わっています）。保存やコピーが最後まで終わったファイルを選び直してください。`,
    );
  const syntax = (at: number): ScanResult => {
    // What stands there, up to the end of its line: `/* コメント */`, `,}`, `'値'`.
    const newline = text.indexOf('\n', at);
    const rest = text.slice(at, Math.min(at + 13, newline < 0 ? n : newline));
    const found = at < n ? `「${quoteForMessage(rest, 12)}」のところ` : '最後';
    return fail('syntax', at, path, (place, line) =>
      `${place}（${line} 行目）: JSON の書き方が正しくないため読み取れません（${found}）。別の形式のファイルか、手で編集して壊れたファイルです。予算デスクで保存し直したファイルを選んでください。`,
    );
  };
  /** What a string reader's answer means when it is not a position. */
  const stringFailure = (end: number): ScanResult => (end === CUT ? cutOff() : syntax(-end - 3));
  /** A run of word characters from `start`: a number that is not one, a bare word, or the cut-off end of either. */
  const badWord = (start: number): ScanResult => {
    let end = start;
    while (end < n && isWordChar(text.charCodeAt(end))) end++;
    // `tru` or `12e` at the very end inside the document is a value cut off, not a wrong one.
    if (end >= n && kinds.length > 0) return cutOff();
    const word = text.slice(start, end);
    const c = text.charCodeAt(start);
    if (word === '') return syntax(start);
    if (!(isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e || word === 'NaN' || word === 'Infinity')) {
      return fail('syntax', start, path, (place, line) =>
        `${place}（${line} 行目）: 「${quoteForMessage(word)}」は値として読めません。文字は "…" で囲み、数値は半角数字で書いてください。`,
      );
    }
    return fail('not-a-number', start, path, (place, line) =>
      `${place}（${line} 行目）: 「${quoteForMessage(word)}」は数値として読めません。半角数字の整数か小数（例: 1234、-5、2.5）で書くか、未入力なら null にしてください。`,
    );
  };
  const pop = () => {
    kinds.pop();
    counts.pop();
    limits.pop();
    path.pop();
  };

  let i = whitespaceEnd(text, 0, n);
  let state = EXPECT_VALUE;
  for (;;) {
    if (state === EXPECT_VALUE) {
      if (i >= n) return cutOff();
      values += 1;
      if (values > MAX_VALUES) {
        return fail('too-many-values', i, path, (place, line) =>
          `${place}（${line} 行目）: ファイルの値が多すぎます（${count(MAX_VALUES)} 個まで）。予算デスクの交換ファイルではないか、壊れています。`,
        );
      }
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        if (kinds.length >= MAX_NESTING_DEPTH) {
          return fail('too-deep', i, path, (place, line) =>
            `${place}（${line} 行目）: 入れ子（{ } や [ ]）が深すぎます（${MAX_NESTING_DEPTH} 段まで）。予算デスクの交換ファイルではないか、壊れています。`,
          );
        }
        containers += 1;
        if (containers > MAX_CONTAINERS) {
          return fail('too-many-values', i, path, (place, line) =>
            `${place}（${line} 行目）: ファイルのまとまり（{ } や [ ]）が多すぎます（${count(MAX_CONTAINERS)} 個まで）。予算デスクの交換ファイルではないか、壊れています。`,
          );
        }
        const holder = path.length > 0 ? path[path.length - 1] : undefined;
        i = whitespaceEnd(text, i + 1, n);
        if (c === 0x7b) {
          kinds.push(OBJECT);
          counts.push(0);
          limits.push(MAX_KEYS_PER_OBJECT);
          const depth = kinds.length - 1;
          while (keysAt.length <= depth) {
            keysAt.push([]);
            keyStartsAt.push([]);
          }
          (keysAt[depth] as string[]).length = 0;
          (keyStartsAt[depth] as number[]).length = 0;
          path.push('');
          if (i < n && text.charCodeAt(i) === 0x7d) {
            i++;
            pop();
            state = AFTER_VALUE;
          } else state = EXPECT_KEY;
        } else {
          kinds.push(ARRAY);
          counts.push(1);
          limits.push(typeof holder === 'string' ? (ARRAY_LIMITS.get(holder) ?? DEFAULT_ARRAY_LIMIT) : DEFAULT_ARRAY_LIMIT);
          path.push(0);
          if (i < n && text.charCodeAt(i) === 0x5d) {
            i++;
            pop();
            state = AFTER_VALUE;
          } else state = EXPECT_VALUE;
        }
        continue;
      }
      if (c === 0x22) {
        const end = stringEnd(text, i, n);
        if (end < 0) return stringFailure(end);
        i = end;
      } else if (c === 0x2d || isDigit(c)) {
        const end = numberEnd(text, i, n);
        if (end === CUT) return cutOff();
        if (end === NOT_A_NUMBER) return badWord(i);
        // Only an exponent or some 300 digits can leave a double's range, where JSON.parse would read ±Infinity.
        if (end - i > 300 || hasExponent(text, i, end)) {
          const token = text.slice(i, end);
          if (!Number.isFinite(Number(token))) {
            return fail('number-too-large', i, path, (place, line) =>
              `${place}（${line} 行目）: 数値「${quoteForMessage(token)}」は大きすぎて読めません。正しい値に直すか、予算デスクで保存し直したファイルを選んでください。`,
            );
          }
        }
        i = end;
      } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
        const end = literalEnd(text, i, n, c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null');
        if (end === CUT) return cutOff();
        if (end === NOT_A_NUMBER) return badWord(i);
        i = end;
      } else if (isWordChar(c)) return badWord(i);
      else return syntax(i);
      state = AFTER_VALUE;
      continue;
    }

    if (state === AFTER_VALUE) {
      i = whitespaceEnd(text, i, n);
      const depth = kinds.length;
      if (depth === 0) {
        if (i < n) return syntax(i);
        return { ok: true };
      }
      if (i >= n) return cutOff(true);
      const c = text.charCodeAt(i);
      const top = depth - 1;
      if (kinds[top] === ARRAY) {
        if (c === 0x2c) {
          i = whitespaceEnd(text, i + 1, n);
          const length = (counts[top] ?? 0) + 1;
          counts[top] = length;
          const limit = limits[top] ?? DEFAULT_ARRAY_LIMIT;
          if (length > limit) {
            return fail('too-long', i, path.slice(0, top), (place, line) =>
              `${place}（${line} 行目）: 一覧の数が多すぎます（${count(limit)} 件まで）。予算デスクの交換ファイルではないか、壊れています。`,
            );
          }
          path[top] = length - 1;
          state = EXPECT_VALUE;
        } else if (c === 0x5d) {
          i++;
          pop();
        } else return syntax(i);
      } else if (c === 0x2c) {
        i = whitespaceEnd(text, i + 1, n);
        path[top] = '';
        state = EXPECT_KEY;
      } else if (c === 0x7d) {
        i++;
        pop();
      } else return syntax(i);
      continue;
    }

    // EXPECT_KEY
    if (i >= n) return cutOff();
    if (text.charCodeAt(i) !== 0x22) return syntax(i);
    const start = i;
    const end = stringEnd(text, i, n);
    if (end < 0) return stringFailure(end);
    i = end;
    const raw = text.slice(start + 1, end - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
    const top = kinds.length - 1;
    const seen = keysAt[top] ?? [];
    const starts = keyStartsAt[top] ?? [];
    const firstAt = seen.indexOf(key);
    if (firstAt >= 0) {
      const first = starts[firstAt] ?? start;
      return fail('duplicate-key', start, [...path.slice(0, top), key], (place, line) =>
        `${place}（${line} 行目）: 項目「${quoteForMessage(key)}」が同じまとまりに2回書かれています（${twice(lineAt(text, first), line)}）。どちらの値が正しいか分からないため読み込みません。予算デスクで保存し直したファイルを選んでください。`,
      );
    }
    if (seen.length >= MAX_KEYS_PER_OBJECT) {
      return fail('too-many-keys', start, path.slice(0, top), (place, line) =>
        `${place}（${line} 行目）: 項目が多すぎます（${MAX_KEYS_PER_OBJECT} 個まで）。予算デスクの交換ファイルではないか、壊れています。`,
      );
    }
    if (!names.has(key)) {
      if (names.size >= MAX_KEY_NAMES) {
        return fail('too-many-keys', start, path.slice(0, top), (place, line) =>
          `${place}（${line} 行目）: 項目の名前が多すぎます（ファイル全体で ${count(MAX_KEY_NAMES)} 種類まで）。予算デスクの交換ファイルではないか、壊れています。`,
        );
      }
      names.add(key);
    }
    seen.push(key);
    starts.push(start);
    path[top] = key;
    i = whitespaceEnd(text, i, n);
    if (i >= n) return cutOff();
    if (text.charCodeAt(i) !== 0x3a) return syntax(i);
    i = whitespaceEnd(text, i + 1, n);
    state = EXPECT_VALUE;
  }
}
