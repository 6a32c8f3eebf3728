// A linear, allocation-light XML scanner for the parts of an .xlsx the import reads: elements, attributes, text and
// CDATA, entities; no DTDs. Every call moves forward, so a hostile part costs time proportional to its size, no more.

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export type Token = typeof END | typeof OPEN | typeof CLOSE | typeof TEXT;

/** Thrown for XML that is not well formed (or not the XML we read): the caller says the file is damaged. */
export class XmlError extends Error {
  constructor(part: string, what: string) {
    super(`${part}: ${what}`);
    this.name = 'XmlError';
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOT = 0x22;
const APOS = 0x27;

/** Nesting deeper than any SpreadsheetML part goes: refused rather than tracked. */
const MAX_DEPTH = 100;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});|&/g;

/** Decodes `&amp;` and `&#x41;`; line ends become `\n` first, as an XML parser makes them. */
export function decodeXmlText(raw: string, part: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, name: string | undefined) => {
    if (name === undefined) throw new XmlError(part, 'a bare &');
    if (name.charCodeAt(0) !== 0x23) {
      const named = NAMED[name];
      if (named === undefined) throw new XmlError(part, `unknown entity &${name};`);
      return named;
    }
    const code = name.charCodeAt(1) === 0x78 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(part, `character ${match}`);
    return String.fromCodePoint(code);
  });
}

/**
 * Pulls tokens one at a time. After `next()` returns OPEN, `name`, `local` and `attr()` describe the element and
 * `selfClosing` says whether it has no content; CLOSE gives `name`; TEXT gives `text()`. End tags must match their
 * start tags and the document must close every element, or an XmlError is thrown.
 */
export class XmlScanner {
  private pos = 0;
  private readonly stack: string[] = [];
  private attrFrom = 0;
  private attrTo = 0;
  private textFrom = 0;
  private textTo = 0;
  private cdata = false;
  name = '';
  selfClosing = false;

  constructor(
    private readonly s: string,
    readonly part: string,
  ) {}

  fail(what: string): never {
    throw new XmlError(this.part, what);
  }

  /** Elements open around the current position (the one just opened included). */
  get depth(): number {
    return this.stack.length;
  }

  /** The name without its namespace prefix (`x:c` → `c`). */
  get local(): string {
    const colon = this.name.indexOf(':');
    return colon < 0 ? this.name : this.name.slice(colon + 1);
  }

  next(): Token {
    const s = this.s;
    for (;;) {
      if (this.pos >= s.length) {
        if (this.stack.length > 0) this.fail(`<${this.stack[this.stack.length - 1]}> not closed (cut short?)`);
        return END;
      }
      if (s.charCodeAt(this.pos) !== LT) {
        const lt = s.indexOf('<', this.pos);
        this.textFrom = this.pos;
        this.textTo = lt < 0 ? s.length : lt;
        this.cdata = false;
        this.pos = this.textTo;
        return TEXT;
      }
      const c1 = s.charCodeAt(this.pos + 1);
      if (c1 === QUESTION) {
        const end = s.indexOf('?>', this.pos + 2);
        if (end < 0) this.fail('processing instruction not closed');
        this.pos = end + 2;
        continue;
      }
      if (c1 === BANG) {
        if (s.startsWith('<!--', this.pos)) {
          const end = s.indexOf('-->', this.pos + 4);
          if (end < 0) this.fail('comment not closed');
          this.pos = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', this.pos)) {
          const end = s.indexOf(']]>', this.pos + 9);
          if (end < 0) this.fail('CDATA not closed');
          this.textFrom = this.pos + 9;
          this.textTo = end;
          this.cdata = true;
          this.pos = end + 3;
          return TEXT;
        }
        // A DTD could declare entities; no part of a workbook has one.
        return this.fail('DTD or unknown markup');
      }
      if (c1 === SLASH) {
        const gt = s.indexOf('>', this.pos + 2);
        if (gt < 0) this.fail('end tag not closed');
        const name = s.slice(this.pos + 2, gt).trimEnd();
        const open = this.stack.pop();
        if (open !== name) this.fail(`</${name}> closes <${open ?? ''}>`);
        this.name = name;
        this.pos = gt + 1;
        return CLOSE;
      }
      let i = this.pos + 1;
      while (i < s.length) {
        const c = s.charCodeAt(i);
        if (isSpace(c) || c === SLASH || c === GT) break;
        i += 1;
      }
      const name = s.slice(this.pos + 1, i);
      if (name === '') this.fail('an element without a name');
      const attrFrom = i;
      // The end of the tag: the first > outside quoted attribute values.
      for (;;) {
        if (i >= s.length) this.fail(`<${name}> not closed`);
        const c = s.charCodeAt(i);
        if (c === QUOT || c === APOS) {
          const q = s.indexOf(c === QUOT ? '"' : "'", i + 1);
          if (q < 0) this.fail(`attribute of <${name}> not closed`);
          i = q + 1;
        } else if (c === GT) break;
        else i += 1;
      }
      this.selfClosing = s.charCodeAt(i - 1) === SLASH;
      this.attrFrom = attrFrom;
      this.attrTo = this.selfClosing ? i - 1 : i;
      this.name = name;
      this.pos = i + 1;
      if (!this.selfClosing) {
        this.stack.push(name);
        if (this.stack.length > MAX_DEPTH) this.fail('nested too deep');
      }
      return OPEN;
    }
  }

  /** The value of an attribute of the element just opened, decoded; `*:id` matches `id` under any prefix. */
  attr(wanted: string): string | undefined {
    const s = this.s;
    const end = this.attrTo;
    const anyPrefix = wanted.startsWith('*:');
    const suffix = anyPrefix ? wanted.slice(1) : '';
    let i = this.attrFrom;
    while (i < end) {
      if (isSpace(s.charCodeAt(i))) {
        i += 1;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) this.fail(`attribute of <${this.name}>`);
      const key = s.slice(i, eq).trimEnd();
      let j = eq + 1;
      while (j < end && isSpace(s.charCodeAt(j))) j += 1;
      const q = s.charCodeAt(j);
      if (q !== QUOT && q !== APOS) this.fail(`attribute ${key} of <${this.name}> not quoted`);
      const close = s.indexOf(q === QUOT ? '"' : "'", j + 1);
      if (close < 0 || close >= end) this.fail(`attribute ${key} of <${this.name}>`);
      if (anyPrefix ? key.endsWith(suffix) && key.indexOf(':') === key.length - suffix.length : key === wanted) {
        return decodeXmlText(s.slice(j + 1, close), this.part);
      }
      i = close + 1;
    }
    return undefined;
  }

  /**
   * The values of several attributes of the element just opened, in one pass over the tag (for the hot `<c r t s>`):
   * written into `found`, undefined for those absent. Exact names only.
   */
  readonly found: (string | undefined)[] = [];

  attrsInto(names: readonly string[]): void {
    const found = this.found;
    for (let n = 0; n < names.length; n++) found[n] = undefined;
    const s = this.s;
    const end = this.attrTo;
    let i = this.attrFrom;
    while (i < end) {
      if (isSpace(s.charCodeAt(i))) {
        i += 1;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) this.fail(`attribute of <${this.name}>`);
      let k = eq;
      while (k > i && isSpace(s.charCodeAt(k - 1))) k -= 1;
      let j = eq + 1;
      while (j < end && isSpace(s.charCodeAt(j))) j += 1;
      const q = s.charCodeAt(j);
      if (q !== QUOT && q !== APOS) this.fail(`attribute of <${this.name}> not quoted`);
      const close = s.indexOf(q === QUOT ? '"' : "'", j + 1);
      if (close < 0 || close >= end) this.fail(`attribute of <${this.name}>`);
      for (let n = 0; n < names.length; n++) {
        const name = names[n]!;
        if (name.length === k - i && s.startsWith(name, i)) {
          found[n] = decodeXmlText(s.slice(j + 1, close), this.part);
          break;
        }
      }
      i = close + 1;
    }
  }

  /** The current TEXT token, decoded (CDATA as it is, but for line ends). */
  text(): string {
    const raw = this.s.slice(this.textFrom, this.textTo);
    if (this.cdata) return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    return decodeXmlText(raw, this.part);
  }

  /** Consumes the rest of the element just opened (nothing when it closed itself). */
  skip(): void {
    if (this.selfClosing) return;
    const depth = this.stack.length;
    while (this.stack.length >= depth) this.next();
  }

  /**
   * The text content of the element just opened, elements inside it skipped. `limit`: past that many characters the
   * text is counted, not kept, and `null` comes back with `length` set.
   */
  content(limit = Infinity): { text: string | null; length: number } {
    if (this.selfClosing) return { text: '', length: 0 };
    const depth = this.stack.length;
    let text = '';
    let length = 0;
    for (;;) {
      const token = this.next();
      if (token === CLOSE && this.stack.length < depth) break;
      if (token === OPEN) this.skip();
      else if (token === TEXT) {
        const piece = this.text();
        length += piece.length;
        if (length <= limit) text += piece;
      }
    }
    return length <= limit ? { text, length } : { text: null, length };
  }
}
