// Why bytes are not UTF-8: the first place a strict decoder stops, and whether it stops because the bytes end mid-character.

export type Utf8Error = {
  /** Byte offset of the character that cannot be decoded. */
  at: number;
  /** True when the bytes end inside a character that was valid so far: the file was cut off, not another encoding. */
  cutOff: boolean;
};

/**
 * The first place a strict (fatal) UTF-8 decoder refuses `bytes`, or null when it accepts them. Follows the WHATWG
 * Encoding Standard's decoder: overlong forms, surrogates and code points past U+10FFFF are errors, as in TextDecoder.
 */
export function firstUtf8Error(bytes: Uint8Array): Utf8Error | null {
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (needed === 0) {
      if (b <= 0x7f) continue;
      start = i;
      if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else return { at: i, cutOff: false };
      continue;
    }
    if (b < lower || b > upper) return { at: start, cutOff: false };
    lower = 0x80;
    upper = 0xbf;
    seen += 1;
    if (seen === needed) {
      needed = 0;
      seen = 0;
    }
  }
  return needed > 0 ? { at: start, cutOff: true } : null;
}
