// The 区分 marks a key-program row chooses from: the defaults, then every mark any policy of the document uses.
import type { Policy } from '../../../../shared/domain/schema';

export const DEFAULT_MARKS: readonly string[] = ['総', '行', '業', '成'];

const SEPARATOR = '\u0000';
let cache: { policies: readonly Policy[]; key: string } | null = null;

/**
 * The mark list as one string (marks joined by NUL), so a store selector returns a stable value and rows re-render only
 * when the list itself changes. Defaults first, then other marks in document order; cached per policies array.
 */
export function markListKey(policies: readonly Policy[]): string {
  if (cache?.policies === policies) return cache.key;
  const seen = new Set<string>(DEFAULT_MARKS);
  const list = [...DEFAULT_MARKS];
  for (const policy of policies)
    for (const goal of policy.goals)
      for (const program of goal.programs)
        for (const mark of program.marks) {
          if (mark === '' || seen.has(mark)) continue;
          seen.add(mark);
          list.push(mark);
        }
  const key = list.join(SEPARATOR);
  cache = { policies, key };
  return key;
}

export function markListOf(key: string): string[] {
  return key === '' ? [] : key.split(SEPARATOR);
}

/** The row's marks with `mark` set on or off, in list order (marks outside the list, if any, kept after them). */
export function toggledMarks(current: readonly string[], mark: string, on: boolean, list: readonly string[]): string[] {
  const wanted = new Set(current);
  if (on) wanted.add(mark);
  else wanted.delete(mark);
  const ordered = list.filter((m) => wanted.has(m));
  const rest = [...wanted].filter((m) => !list.includes(m));
  return [...ordered, ...rest];
}

/** A new mark as typed: trimmed, 1–2 characters, no spaces; null when it is not one. */
export function parseNewMark(raw: string): string | null {
  const text = raw.trim();
  const chars = Array.from(text);
  if (chars.length < 1 || chars.length > 2 || /[\s\u3000]/u.test(text)) return null;
  return text;
}
