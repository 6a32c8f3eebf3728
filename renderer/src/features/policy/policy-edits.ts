// Pure edits of a 局運営方針 by field path (`goals[0].programs[1].amount`), list edits, and its problems by row.
import { checkPolicy } from '../../../../shared/domain/policy';
import type { Problem } from '../../../../shared/domain/problem';
import type { SheetMap } from '../../store/sheet-map';
import type { KeyProgram, Policy, Sheet } from '../../../../shared/domain/schema';

function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function setIn(target: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  if (Array.isArray(target)) {
    const copy = target.slice();
    copy[key as number] = setIn(copy[key as number], rest, value);
    return copy;
  }
  const record = target as Record<string, unknown>;
  return { ...record, [key as string]: setIn(record[key as string], rest, value) };
}

function getIn(target: unknown, keys: readonly (string | number)[]): unknown {
  let at = target;
  for (const key of keys) at = (at as Record<string | number, unknown> | undefined)?.[key];
  return at;
}

/** The policy with the value at `path` replaced (the same object when nothing changes). */
export function setAtPath(policy: Policy, path: string, value: unknown): Policy {
  const keys = segments(path);
  if (getIn(policy, keys) === value) return policy;
  return setIn(policy, keys, value) as Policy;
}

/** A list inside the policy at `path`, replaced by `edit` of it. */
export function editList<T>(policy: Policy, path: string, edit: (list: readonly T[]) => T[]): Policy {
  const keys = segments(path);
  return setIn(policy, keys, edit((getIn(policy, keys) as T[] | undefined) ?? [])) as Policy;
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  const [moved] = copy.splice(from, 1);
  copy.splice(to, 0, moved as T);
  return copy;
}

export function removeItem<T>(list: readonly T[], at: number): T[] {
  return list.filter((_, i) => i !== at);
}

export const emptyProgram: KeyProgram = {
  marks: [],
  name: '',
  section: '',
  amount: null,
  generalFund: null,
  previousAmount: null,
  previousGeneralFund: null,
  description: '',
  link: null,
};

/** A policy problem with its path inside the policy (`goals[5].programs[0].amount`). */
export interface PolicyProblem extends Problem {
  fieldPath: string;
}

let sheetsMapCache: { sheets: unknown; map: Map<string, Sheet> } | null = null;

/** Every sheet by id, rebuilt only when some sheet changes. */
export function sheetsMap(sheets: SheetMap): Map<string, Sheet> {
  if (sheetsMapCache?.sheets !== sheets) sheetsMapCache = { sheets, map: new Map(sheets.entries()) };
  return sheetsMapCache.map;
}

const problemsCache = new WeakMap<Policy, { byId: Map<string, Sheet>; value: PolicyProblem[] }>();

/** checkPolicy of one policy, cached per (policy, sheets) pair. */
export function policyProblems(policy: Policy, byId: Map<string, Sheet>): PolicyProblem[] {
  const cached = problemsCache.get(policy);
  if (cached?.byId === byId) return cached.value;
  const value = checkPolicy(policy, 0, byId).map((p) => ({ ...p, fieldPath: p.path.replace(/^policies\[0\]\.?/, '') }));
  problemsCache.set(policy, { byId, value });
  return value;
}

/** The messages of one key-program row, one per line (a string: rows re-render only when it changes). */
export function rowProblemText(problems: readonly PolicyProblem[], goalIndex: number, programIndex: number): string {
  const prefix = `goals[${goalIndex}].programs[${programIndex}].`;
  return problems
    .filter((p) => p.fieldPath.startsWith(prefix))
    .map((p) => p.message)
    .join('\n');
}
