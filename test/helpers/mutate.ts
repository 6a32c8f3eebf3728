// Seeded mutations of files for the bad-input tests: bytes (truncation, flips, bad UTF-8) and JSON trees (keys and
// array elements deleted, duplicated, retyped; huge and negative numbers; deep nesting). Each says what it did.
import { MAX_AMOUNT } from '../../shared/domain/schema';
import { int, pick, type Random } from './random';

// ── bytes ────────────────────────────────────────────────────────────────────

export function truncate(r: Random, bytes: Uint8Array): { bytes: Uint8Array; what: string } {
  const at = int(r, bytes.byteLength);
  return { bytes: new Uint8Array(bytes.subarray(0, at)), what: `truncated at byte ${at} of ${bytes.byteLength}` };
}

export function flipBytes(r: Random, bytes: Uint8Array, count = 1 + int(r, 6)): { bytes: Uint8Array; what: string } {
  // A copy (a Buffer's slice() would be a view, and the flips would land in the caller's bytes).
  const out = new Uint8Array(bytes);
  const at: number[] = [];
  for (let i = 0; i < count && out.byteLength > 0; i++) {
    const p = int(r, out.byteLength);
    out[p] = out[p]! ^ (1 + int(r, 255));
    at.push(p);
  }
  return { bytes: out, what: `bytes flipped at ${at.join(', ')}` };
}

/** Byte sequences no UTF-8 decoder may accept: a stray byte, a cut sequence, an overlong form, a surrogate, 5 bytes. */
const BAD_UTF8: readonly number[][] = [[0xff], [0xfe], [0x80], [0xc3], [0xe3, 0x81], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];

export function insertBadUtf8(r: Random, bytes: Uint8Array): { bytes: Uint8Array; what: string } {
  const at = int(r, bytes.byteLength + 1);
  const bad = pick(r, BAD_UTF8);
  const out = new Uint8Array(bytes.byteLength + bad.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(bad, at);
  out.set(bytes.subarray(at), at + bad.length);
  return { bytes: out, what: `bad UTF-8 ${bad.map((b) => b.toString(16)).join(' ')} at byte ${at}` };
}

// ── JSON trees ───────────────────────────────────────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
export type Segment = string | number;

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every container in the tree with its path (the root included). */
function containers(root: Json): { node: Container; path: Segment[] }[] {
  const out: { node: Container; path: Segment[] }[] = [];
  const walk = (node: Json, path: Segment[]) => {
    if (!isContainer(node)) return;
    out.push({ node, path });
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(root, []);
  return out;
}

/** Every value under a key in the tree (not the root), with its parent. */
function slots(root: Json): { parent: Container; key: Segment; path: Segment[] }[] {
  const out: { parent: Container; key: Segment; path: Segment[] }[] = [];
  for (const { node, path } of containers(root)) {
    if (Array.isArray(node)) node.forEach((_, i) => out.push({ parent: node, key: i, path: [...path, i] }));
    else for (const k of Object.keys(node)) out.push({ parent: node, key: k, path: [...path, k] });
  }
  return out;
}

const AMOUNT_KEY = /amount|Amount|saving|generalFund|budgetBookPage|fiscalYear|no$/;

/**
 * Deep nesting is written into the text by `stringifyTree`, not built as a tree: walking or cloning a tree 100,000
 * deep would overflow the test's own stack before the reader ever saw it.
 */
const deepMarker = (kind: 'array' | 'object', depth: number): string => `@@deep-${kind}-${depth}@@`;

/** The tree as JSON text, with every deep-nesting marker expanded to its nesting. */
export function stringifyTree(tree: Json, indent?: number): string {
  return JSON.stringify(tree, null, indent).replace(/"@@deep-(array|object)-(\d+)@@"/g, (_, kind: string, depth: string) => {
    const n = Number(depth);
    return kind === 'array' ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  });
}

/** Replacement values of every JSON type, with the numbers a reader must guard against. */
function strangeValue(r: Random): { value: Json; label: string } {
  const choices: (() => { value: Json; label: string })[] = [
    () => ({ value: null, label: 'null' }),
    () => ({ value: true, label: 'true' }),
    () => ({ value: 0, label: '0' }),
    () => ({ value: -1, label: '-1' }),
    () => ({ value: 1.5, label: '1.5' }),
    () => ({ value: MAX_AMOUNT + 1, label: 'MAX_AMOUNT + 1' }),
    () => ({ value: -MAX_AMOUNT - 1, label: '-MAX_AMOUNT - 1' }),
    () => ({ value: 2 ** 53 + 2, label: '2^53 + 2' }),
    () => ({ value: 1e300, label: '1e300' }),
    () => ({ value: -1e300, label: '-1e300' }),
    () => ({ value: Number.MIN_VALUE, label: '5e-324' }),
    () => ({ value: '', label: '""' }),
    () => ({ value: '１２３', label: '"１２３"' }),
    () => ({ value: 'NaN', label: '"NaN"' }),
    () => ({ value: '\u0000\ud800', label: 'NUL and a lone surrogate' }),
    () => ({ value: 'あ'.repeat(100_000), label: 'a 100,000-character string' }),
    () => ({ value: [], label: '[]' }),
    () => ({ value: {}, label: '{}' }),
    () => ({ value: [1, 'x', null], label: '[1, "x", null]' }),
    () => ({ value: deepMarker('array', 100_000), label: 'arrays nested 100,000 deep' }),
    () => ({ value: deepMarker('object', 5_000), label: 'objects nested 5,000 deep' }),
  ];
  return pick(r, choices)();
}

const pathText = (path: readonly Segment[]) => path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('') || '(root)';

/** One structural mutation, in place; says what it did. */
export function mutateTree(r: Random, root: Json): string {
  const all = slots(root);
  if (all.length === 0) return 'nothing to mutate';
  const kind = int(r, 10);
  switch (kind) {
    case 0: {
      const objects = containers(root).filter((c) => !Array.isArray(c.node) && Object.keys(c.node).length > 0);
      const { node, path } = pick(r, objects);
      const key = pick(r, Object.keys(node));
      delete (node as Record<string, Json>)[key];
      return `deleted ${pathText([...path, key])}`;
    }
    case 1: {
      const arrays = containers(root).filter((c) => Array.isArray(c.node) && c.node.length > 0);
      if (arrays.length === 0) return 'no array';
      const { node, path } = pick(r, arrays);
      const list = node as Json[];
      const i = int(r, list.length);
      if (r() < 0.5) {
        list.splice(i, 1);
        return `deleted element ${pathText([...path, i])}`;
      }
      list.splice(i, 0, structuredClone(list[i]!));
      return `duplicated element ${pathText([...path, i])}`;
    }
    case 2: {
      const objects = containers(root).filter((c) => !Array.isArray(c.node));
      const { node, path } = pick(r, objects);
      const key = pick(r, ['extra', '__proto__', 'constructor', 'toString', 'ＩＤ', '']);
      Object.defineProperty(node, key, { value: strangeValue(r).value, enumerable: true, writable: true, configurable: true });
      return `added key "${key}" at ${pathText(path)}`;
    }
    case 3: {
      const objects = containers(root).filter((c) => !Array.isArray(c.node) && Object.keys(c.node).length > 0);
      const { node, path } = pick(r, objects);
      const key = pick(r, Object.keys(node));
      const record = node as Record<string, Json>;
      const value = record[key]!;
      delete record[key];
      const renamed = r() < 0.5 ? key.toUpperCase() : `${key}_`;
      record[renamed] = value;
      return `renamed ${pathText([...path, key])} to ${renamed}`;
    }
    case 4:
    case 5: {
      // Amount-like fields get the numbers a reader must refuse or keep exact.
      const amounts = all.filter((s) => typeof s.key === 'string' && AMOUNT_KEY.test(s.key));
      const { parent, key, path } = amounts.length > 0 ? pick(r, amounts) : pick(r, all);
      const value = pick(r, [-1, -82, -MAX_AMOUNT, -MAX_AMOUNT - 1, MAX_AMOUNT, MAX_AMOUNT + 1, 2 ** 53, 1e21, 0.5, -0, 12.000001, 1e300]);
      (parent as Record<Segment, Json>)[key] = value;
      return `${pathText(path)} = ${value}`;
    }
    case 6:
    case 7: {
      const { parent, key, path } = pick(r, all);
      const { value, label } = strangeValue(r);
      (parent as Record<Segment, Json>)[key] = value;
      return `${pathText(path)} = ${label}`;
    }
    case 8: {
      // Two values swap places: right types, wrong places (an id where a name goes, sheets of another file's shape).
      const a = pick(r, all);
      const b = pick(r, all);
      const va = (a.parent as Record<Segment, Json>)[a.key]!;
      const vb = (b.parent as Record<Segment, Json>)[b.key]!;
      if (containsPath(a.path, b.path) || containsPath(b.path, a.path)) return 'swap skipped (nested)';
      (a.parent as Record<Segment, Json>)[a.key] = vb;
      (b.parent as Record<Segment, Json>)[b.key] = va;
      return `swapped ${pathText(a.path)} and ${pathText(b.path)}`;
    }
    default: {
      // An id copied from elsewhere: duplicate sheet ids, links to the wrong kind of record.
      const ids = all.filter((s) => s.key === 'id' || s.key === 'sheetId' || s.key === 'itemId' || s.key === 'carriedFrom');
      if (ids.length < 2) return 'no ids';
      const a = pick(r, ids);
      const b = pick(r, ids);
      (a.parent as Record<Segment, Json>)[a.key] = (b.parent as Record<Segment, Json>)[b.key]!;
      return `${pathText(a.path)} = ${pathText(b.path)}`;
    }
  }
}

function containsPath(outer: readonly Segment[], inner: readonly Segment[]): boolean {
  return outer.length <= inner.length && outer.every((s, i) => s === inner[i]);
}

/** Text-level damage a JSON tree cannot express: NaN, Infinity, comments, trailing commas, duplicate keys. */
export function mutateJsonText(r: Random, text: string): { text: string; what: string } {
  const numbers = [...text.matchAll(/(?<=[:[,]\s*)-?\d+(\.\d+)?(?=\s*[,}\]])/g)];
  const kind = int(r, 6);
  if (kind <= 1 && numbers.length > 0) {
    const m = pick(r, numbers);
    const replacement = pick(r, ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '01', '+1', '1.', '.5', '1e', '--1']);
    return { text: text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length), what: `number at ${m.index} → ${replacement}` };
  }
  const at = int(r, text.length);
  switch (kind) {
    case 2:
      return { text: `${text.slice(0, at)}/* コメント */${text.slice(at)}`, what: `comment at ${at}` };
    case 3:
      return { text: text.replace(/\}(\s*\])/, '},$1'), what: 'trailing comma' };
    case 4:
      return { text: text.replace('"municipality"', '"municipality": "重複", "municipality"'), what: 'duplicate key municipality' };
    default:
      return { text: `\ufeff\ufeff${text}`, what: 'two BOMs' };
  }
}

/** The exchange file's version replaced in its text (NaN and 1e999 are not JSON numbers but are typed by hand). */
export function withVersion(text: string, version: string): string {
  return text.replace(/"version":\s*\d+/, `"version": ${version}`);
}

export type { Json };
