// Immutable updates by a field path of the exchange format (`items[1].amount`, `org.section`): one setter for every field.

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
