// Reading an exchange file (*.yosan.json): the whole document, or a list of problems in Japanese; never half, never a throw.
import { z } from 'zod';
import { describePath } from '../domain/labels';
import { formatAmount } from '../domain/money';
import { formatPath, type Problem } from '../domain/problem';
import {
  exchangeFileSchema,
  goalSchema,
  keyProgramSchema,
  policySchema,
  sheetSchema,
  type ExchangeFile,
  type Goal,
  type Policy,
} from '../domain/schema';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION } from './format';
import { EXCHANGE_ARRAY_LIMITS } from './limits';
import { migrateToCurrent } from './migrations';
import { quoteForMessage, scanExchangeText } from './scan';

export type ReadResult =
  | { ok: true; file: ExchangeFile; migratedFrom?: number }
  | { ok: false; reason: 'unreadable' | 'newer-version' | 'invalid'; problems: Problem[] };

/** At most this many problems are listed; a foreign file would otherwise give thousands. */
export const MAX_PROBLEMS = 200;
/**
 * Problems past the listed ones are counted up to this many; then the reader stops looking. A file with that many is
 * not ours, and counting every one of a 20 MiB file's could take seconds and hundreds of MB.
 */
export const MAX_COUNTED_PROBLEMS = 10_000;

/** Longest 事務事業名 or key quoted in a message: a 100,000-character name would otherwise be repeated 200 times. */
const MAX_NAME_IN_MESSAGE = 40;

const UNEXPECTED =
  'ファイルを読み込む途中で予期しないエラーが起きたため、読み込みませんでした。予算デスクで保存し直したファイルを選んでください。';

function fail(reason: 'unreadable' | 'newer-version' | 'invalid', message: string, path = ''): ReadResult {
  return { ok: false, reason, problems: [{ severity: 'error', path, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts every problem it is given but keeps only the first MAX_PROBLEMS, built only when kept. */
class Problems {
  readonly kept: Problem[] = [];
  count = 0;
  /** Set when the reader stopped looking with elements left unchecked. */
  stoppedEarly = false;

  add(make: () => Problem): void {
    this.count += 1;
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(make());
  }

  get full(): boolean {
    return this.count >= MAX_COUNTED_PROBLEMS;
  }

  list(): Problem[] {
    const more = this.count - this.kept.length;
    if (more <= 0) return this.kept;
    const message = this.stoppedEarly
      ? `ほかに ${more} 件以上の問題があります（${MAX_COUNTED_PROBLEMS} 件を超えたため、残りは確かめていません）。`
      : `ほかに ${more} 件の問題があります。`;
    return [...this.kept, { severity: 'error', path: '', message }];
  }
}

/**
 * Parses and validates the text of an exchange file, migrating older versions. Pure: no I/O. Never throws: whatever
 * the text, the answer is the document or problems in Japanese; time and memory stay bounded by the limits in limits.ts.
 */
export function readExchangeFile(text: string): ReadResult {
  try {
    return readUnguarded(text);
  } catch {
    // Defence in depth: the pre-scan and the bounds make this unreachable for any text we know of.
    return fail('unreadable', UNEXPECTED);
  }
}

function readUnguarded(text: string): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('unreadable', 'ファイルが空です。予算デスクの交換ファイル（.yosan.json）を選んでください。');
  // Before JSON.parse: nesting, array lengths and key counts within limits, no key twice, an honest message if not JSON.
  const scanned = scanExchangeText(body);
  if (!scanned.ok) {
    const reason = scanned.kind === 'duplicate-key' || scanned.kind === 'too-long' ? 'invalid' : 'unreadable';
    return fail(reason, scanned.message, scanned.path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail(
      'unreadable',
      'ファイルを JSON として読み取れません。途中で切れているか、別の形式のファイルです。保存し直したファイルを選んでください。',
    );
  }
  if (!isRecord(raw) || raw['format'] !== EXCHANGE_FORMAT) {
    return fail('unreadable', `予算デスクの交換ファイルではありません（format が "${EXCHANGE_FORMAT}" ではありません）。`, 'format');
  }
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('unreadable', 'ファイルの版（version）が読み取れません。予算デスクで保存し直したファイルを選んでください。', 'version');
  }
  if (version > EXCHANGE_VERSION) {
    return fail(
      'newer-version',
      `このファイルは新しい版（version ${version}）の予算デスクで作られています。このアプリが読めるのは version ${EXCHANGE_VERSION} までです。予算デスクを更新してから開いてください。`,
      'version',
    );
  }
  const migrated = version < EXCHANGE_VERSION ? migrateToCurrent(raw, version) : raw;
  const problems = new Problems();
  const file = validate(migrated, problems);
  if (file === null) return problems.count > 0 ? { ok: false, reason: 'invalid', problems: problems.list() } : fail('invalid', UNEXPECTED);
  findDuplicateIds(file, problems);
  if (problems.count > 0) return { ok: false, reason: 'invalid', problems: problems.list() };
  return version < EXCHANGE_VERSION ? { ok: true, file, migratedFrom: version } : { ok: true, file };
}

/** The file's own fields, with sheets and policies only counted: each element is validated on its own below. */
const outlineSchema = z.strictObject({
  ...exchangeFileSchema.shape,
  sheets: z.array(z.unknown()).max(EXCHANGE_ARRAY_LIMITS.sheets),
  policies: z.array(z.unknown()).max(EXCHANGE_ARRAY_LIMITS.policies),
});
/** A policy without its goals, and a goal without its programs: 100 goals of 500 rows are validated row by row. */
const policyOutlineSchema = z.strictObject({ ...policySchema.shape, goals: z.array(z.unknown()).max(EXCHANGE_ARRAY_LIMITS.goals) });
const goalOutlineSchema = z.strictObject({ ...goalSchema.shape, programs: z.array(z.unknown()).max(EXCHANGE_ARRAY_LIMITS.programs) });

type Validator<T> = (value: unknown, path: readonly PropertyKey[]) => T | null;

/**
 * The document as exchangeFileSchema parses it, or null with its problems. The parts whose problems could run into
 * the hundreds of thousands (sheets, policies, a policy's 主要事業 rows) are validated one by one, so that a file of
 * 20,000 broken sheets or 50,000 broken rows stops after MAX_COUNTED_PROBLEMS instead of building every issue first.
 * Each unit on its own has at most a few hundred (a sheet: 100 主な事業 and 50 特定財源 of a few fields each).
 */
function validate(doc: Record<string, unknown>, problems: Problems): ExchangeFile | null {
  const bySchema =
    <T>(schema: z.ZodType<T>): Validator<T> =>
    (value, path) => {
      const parsed = schema.safeParse(value, { reportInput: true });
      if (parsed.success) return parsed.data;
      addIssues(parsed.error.issues, path, doc, problems);
      return null;
    };
  /** Each element validated; null when the list is not one (its outline says so) or any element failed. */
  const eachValid = <T>(list: unknown, limit: number, path: readonly PropertyKey[], validateOne: Validator<T>): T[] | null => {
    if (!Array.isArray(list) || list.length > limit) return null;
    const valid: T[] = [];
    let failed = false;
    for (let i = 0; i < list.length; i++) {
      if (problems.full) {
        problems.stoppedEarly = true;
        return null;
      }
      const one = validateOne(list[i], [...path, i]);
      if (one === null) failed = true;
      else valid.push(one);
    }
    return failed ? null : valid;
  };
  const goalOutline = bySchema(goalOutlineSchema);
  const program = bySchema(keyProgramSchema);
  const goal: Validator<Goal> = (value, path) => {
    const outline = goalOutline(value, path);
    const programs = eachValid(isRecord(value) ? value['programs'] : undefined, EXCHANGE_ARRAY_LIMITS.programs, [...path, 'programs'], program);
    return outline === null || programs === null ? null : { ...outline, programs };
  };
  const policyOutline = bySchema(policyOutlineSchema);
  const policy: Validator<Policy> = (value, path) => {
    const outline = policyOutline(value, path);
    const goals = eachValid(isRecord(value) ? value['goals'] : undefined, EXCHANGE_ARRAY_LIMITS.goals, [...path, 'goals'], goal);
    return outline === null || goals === null ? null : { ...outline, goals };
  };

  const outline = bySchema(outlineSchema)(doc, []);
  const sheets = eachValid(doc['sheets'], EXCHANGE_ARRAY_LIMITS.sheets, ['sheets'], bySchema(sheetSchema));
  const policies = eachValid(doc['policies'], EXCHANGE_ARRAY_LIMITS.policies, ['policies'], policy);
  if (outline === null || sheets === null || policies === null || problems.count > 0) return null;
  return { ...outline, sheets, policies };
}

function addIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], doc: unknown, problems: Problems): void {
  for (const issue of withoutSafeIntegerBounds(issues)) {
    const placed = prefix.length === 0 ? issue : ({ ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue);
    problems.add(() => issueToProblem(placed, doc));
  }
}

/**
 * zod's int() also checks the safe-integer range and reports that bound first: for 1e21 as 予算額 a user would read
 * "9007199254740991 以下" before the real "1000000000000 以下". The safe-integer issue goes when the path has another.
 */
function withoutSafeIntegerBounds(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const isSafeBound = (issue: z.core.$ZodIssue) =>
    (issue.code === 'too_big' && Number(issue.maximum) === Number.MAX_SAFE_INTEGER) ||
    (issue.code === 'too_small' && Number(issue.minimum) === Number.MIN_SAFE_INTEGER);
  const pathKey = (issue: z.core.$ZodIssue) => formatPath(issue.path);
  const boundedElsewhere = new Set(issues.filter((i) => (i.code === 'too_big' || i.code === 'too_small') && !isSafeBound(i)).map(pathKey));
  return issues.filter((issue) => !(isSafeBound(issue) && boundedElsewhere.has(pathKey(issue))));
}

/** A name as a message quotes it: clipped, so a huge name cannot make the message huge. */
function nameInMessage(name: string): string {
  return quoteForMessage(name, MAX_NAME_IN_MESSAGE);
}

/** Ids the app keys records and links by: sheet ids, 主な事業 ids within a sheet, one policy per 局 and 年度. */
function findDuplicateIds(file: ExchangeFile, problems: Problems): void {
  const seen = new Map<string, number>();
  file.sheets.forEach((sheet, i) => {
    const first = seen.get(sheet.id);
    if (first !== undefined) {
      problems.add(() => ({
        severity: 'error',
        path: `sheets[${i}].id`,
        message: `シート${i + 1}「${nameInMessage(sheet.name)}」の ID がシート${first + 1}と重複しています。`,
      }));
    } else seen.set(sheet.id, i);
    // A 局運営方針 row links to a 主な事業 by its id: two with one id would make the link point at either.
    const items = new Map<string, number>();
    sheet.items.forEach((item, j) => {
      const firstItem = items.get(item.id);
      if (firstItem !== undefined) {
        problems.add(() => ({
          severity: 'error',
          path: `sheets[${i}].items[${j}].id`,
          message: `シート${i + 1}「${nameInMessage(sheet.name)}」の主な事業${j + 1}の ID が主な事業${firstItem + 1}と重複しています。`,
        }));
      } else items.set(item.id, j);
    });
  });
  const policyKeys = new Map<string, number>();
  file.policies.forEach((policy, i) => {
    const key = `${policy.bureau}\u0000${policy.fiscalYear}`;
    const first = policyKeys.get(key);
    if (first !== undefined) {
      problems.add(() => ({
        severity: 'error',
        path: `policies[${i}]`,
        message: `${nameInMessage(policy.bureau)}の局運営方針が同じ年度に2つあります（局運営方針${first + 1}と${i + 1}）。1つにまとめてください。`,
      }));
    } else policyKeys.set(key, i);
  });
}

/** Where an issue is, in Japanese, naming the sheet when the file gives it a name. */
function locate(segments: readonly PropertyKey[], doc: unknown): string {
  let where = describePath(segments);
  if (segments[0] === 'sheets' && typeof segments[1] === 'number' && isRecord(doc)) {
    const sheets = doc['sheets'];
    const sheet = Array.isArray(sheets) ? (sheets[segments[1]] as unknown) : undefined;
    const name = isRecord(sheet) && typeof sheet['name'] === 'string' ? sheet['name'] : '';
    if (name) where = where.replace(/^シート(\d+)/, () => `シート${(segments[1] as number) + 1}「${nameInMessage(name)}」`);
  }
  return where;
}

/** The properties that hold amounts in 千円 (sheets, 主な事業, 特定財源, 主要事業, 見直し事業). */
const AMOUNT_KEYS = new Set(['amount', 'previousAmount', 'generalFund', 'previousGeneralFund', 'saving']);

const TYPE_WORDS: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  boolean: '真偽値',
  array: '一覧（配列）',
  object: 'まとまり（オブジェクト）',
  null: 'null',
};

function issueToProblem(issue: z.core.$ZodIssue, doc: unknown): Problem {
  const path = formatPath(issue.path);
  const where = locate(issue.path, doc);
  return { severity: 'error', path, message: `${where}: ${issueWords(issue)}` };
}

/** A bound as the form shows the field: amounts as figures in 千円 (`1,000,000,000,000`), other numbers as they are. */
function bound(issue: z.core.$ZodIssue, value: number | bigint): string {
  return AMOUNT_KEYS.has(String(issue.path.at(-1))) && typeof value === 'number' ? formatAmount(value) : String(value);
}

/** What a zod issue means, in one short Japanese sentence (no path). */
export function issueWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必要な項目がありません。';
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof issue.input === 'number')) {
        // 款・項・目の番号, 予算書P. and 年度 are whole numbers too, but not in 千円.
        return AMOUNT_KEYS.has(String(issue.path.at(-1))) ? '千円単位の整数でなければなりません。' : '整数でなければなりません。';
      }
      return `${TYPE_WORDS[issue.expected] ?? issue.expected}でなければなりません。`;
    }
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, 5).map((key) => quoteForMessage(key));
      const keys = issue.keys.length > shown.length ? `${shown.join('、')} ほか ${issue.keys.length - shown.length} 個` : shown.join('、');
      return `知らない項目（${keys}）があります。別の形式のファイルか、新しい版の予算デスクで作られたファイルです。`;
    }
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `短すぎます（${String(issue.minimum)} 以上）。`
        : `${bound(issue, issue.minimum)} 以上でなければなりません。`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `長すぎます（${String(issue.maximum)} 以下）。`
        : `${bound(issue, issue.maximum)} 以下でなければなりません。`;
    case 'invalid_format':
      if (issue.format === 'uuid') return 'ID の形式が正しくありません（UUID）。';
      if (issue.format === 'datetime') return '日時の形式が正しくありません（例: 2026-11-29T04:12:00.000Z）。';
      return '形式が正しくありません。';
    case 'invalid_value':
      return `次のいずれかでなければなりません: ${issue.values.map((v) => String(v)).join('、')}。`;
    default:
      return '値が正しくありません。';
  }
}
