// Immutable updates by a field path of the exchange format (`items[1].amount`, `org.section`), and the sheet editor's typed paths.
import type { FundingLine, Item, NumberedName, Org, Sheet } from './schema';

type Segment = string | number;

/** `items[1].amount` → ['items', 1, 'amount']. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`bad path: ${path}`);
    if (match[1]) out.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

function setAt(target: unknown, segments: readonly Segment[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    if (!Array.isArray(target) || head >= target.length) throw new Error(`no element ${head}`);
    const current: unknown = target[head];
    const next = setAt(current, rest, value);
    return next === current ? target : target.map((x: unknown, i) => (i === head ? next : x));
  }
  if (typeof target !== 'object' || target === null || !(head in target)) throw new Error(`no field ${head}`);
  const record = target as Record<string, unknown>;
  const current = record[head];
  const next = setAt(current, rest, value);
  return next === current ? target : { ...record, [head]: next };
}

/**
 * Returns `root` with the value at `path` replaced, sharing every untouched branch; the same object when nothing
 * changes. Throws on a path that does not exist (a programming error, never user input).
 */
export function setPath<T>(root: T, path: string, value: unknown): T {
  return setAt(root, parsePath(path), value) as T;
}

// ---- Typed paths of the sheet editor: a wrong path or a value of the wrong type does not compile. ----

type ClassificationLevel = 'kan' | 'kou' | 'moku';

/** Every field path the sheet editor writes, as its `data-field-path` shows it (`items[1].amount`, `org.section`). */
export type SheetFieldPath =
  | 'account'
  | 'name'
  | 'amount'
  | 'previousAmount'
  | 'budgetBookPage'
  | 'purpose'
  | 'notes'
  | 'reference'
  | `org.${keyof Org}`
  | `classification.${ClassificationLevel}.${keyof NumberedName}`
  | `specificFunding[${number}].${keyof FundingLine}`
  | `items[${number}].${keyof Item}`;

/** The value type at a path, read from the schema's types (`'amount'` → `number | null`, `items[0].name` → string). */
export type ValueAt<P extends SheetFieldPath> = P extends `org.${infer K extends keyof Org}`
  ? Org[K]
  : P extends `classification.${ClassificationLevel}.${infer K extends keyof NumberedName}`
    ? NumberedName[K]
    : P extends `specificFunding[${number}].${infer K extends keyof FundingLine}`
      ? FundingLine[K]
      : P extends `items[${number}].${infer K extends keyof Item}`
        ? Item[K]
        : P extends keyof Sheet
          ? Sheet[P]
          : never;

/** The paths whose value is exactly `V`: what an input producing `V` may be bound to. */
export type SheetFieldPathOf<V> = SheetFieldPath extends infer P
  ? P extends SheetFieldPath
    ? [ValueAt<P>] extends [V]
      ? [V] extends [ValueAt<P>]
        ? P
        : never
      : never
    : never
  : never;

/** `sheet` with the value at `path` replaced (the same object when it is unchanged); `setPath` with the types checked. */
export function setSheetField<P extends SheetFieldPath>(sheet: Sheet, path: P, value: ValueAt<P>): Sheet {
  return setPath(sheet, path, value);
}

/** The row of a row field's path: `items[3].name` → 3. */
export function rowIndexOf(path: `${string}[${number}].${string}`): number {
  const index = parsePath(path).find((segment) => typeof segment === 'number');
  if (index === undefined) throw new Error(`no row in path: ${path}`);
  return index;
}
