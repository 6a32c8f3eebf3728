// Reading an exchange file (*.yosan.json): the whole document, or a list of problems in Japanese; never half.
import type { z } from 'zod';
import { describePath } from '../domain/labels';
import { formatAmount } from '../domain/money';
import { formatPath, type Problem } from '../domain/problem';
import { exchangeFileSchema, type ExchangeFile } from '../domain/schema';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION } from './format';
import { migrateToCurrent } from './migrations';

export type ReadResult =
  | { ok: true; file: ExchangeFile; migratedFrom?: number }
  | { ok: false; reason: 'unreadable' | 'newer-version' | 'invalid'; problems: Problem[] };

/** At most this many problems are listed; a foreign file would otherwise give thousands. */
const MAX_PROBLEMS = 200;

function fail(reason: 'unreadable' | 'newer-version' | 'invalid', message: string, path = ''): ReadResult {
  return { ok: false, reason, problems: [{ severity: 'error', path, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and validates the text of an exchange file, migrating older versions. Pure: no I/O. */
export function readExchangeFile(text: string): ReadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail(
      'unreadable',
      text.trim() === ''
        ? 'ファイルが空です。予算デスクの交換ファイル（.yosan.json）を選んでください。'
        : 'ファイルを JSON として読み取れません。途中で切れているか、別の形式のファイルです。保存し直したファイルを選んでください。',
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
  const parsed = exchangeFileSchema.safeParse(migrated, { reportInput: true });
  if (!parsed.success) {
    const issues = withoutSafeIntegerBounds(parsed.error.issues);
    const problems = issues.slice(0, MAX_PROBLEMS).map((issue) => issueToProblem(issue, migrated));
    const more = issues.length - problems.length;
    if (more > 0) problems.push({ severity: 'error', path: '', message: `ほかに ${more} 件の問題があります。` });
    return { ok: false, reason: 'invalid', problems };
  }
  const duplicates = findDuplicateIds(parsed.data);
  if (duplicates.length > 0) return { ok: false, reason: 'invalid', problems: duplicates };
  return version < EXCHANGE_VERSION ? { ok: true, file: parsed.data, migratedFrom: version } : { ok: true, file: parsed.data };
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

function findDuplicateIds(file: ExchangeFile): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  file.sheets.forEach((sheet, i) => {
    const first = seen.get(sheet.id);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        path: `sheets[${i}].id`,
        message: `シート${i + 1}「${sheet.name}」の ID がシート${first + 1}と重複しています。`,
      });
    } else seen.set(sheet.id, i);
    // A 局運営方針 row links to a 主な事業 by its id: two with one id would make the link point at either.
    const items = new Map<string, number>();
    sheet.items.forEach((item, j) => {
      const firstItem = items.get(item.id);
      if (firstItem !== undefined) {
        problems.push({
          severity: 'error',
          path: `sheets[${i}].items[${j}].id`,
          message: `シート${i + 1}「${sheet.name}」の主な事業${j + 1}の ID が主な事業${firstItem + 1}と重複しています。`,
        });
      } else items.set(item.id, j);
    });
  });
  const policyKeys = new Map<string, number>();
  file.policies.forEach((policy, i) => {
    const key = `${policy.bureau}\u0000${policy.fiscalYear}`;
    const first = policyKeys.get(key);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        path: `policies[${i}]`,
        message: `${policy.bureau}の局運営方針が同じ年度に2つあります（局運営方針${first + 1}と${i + 1}）。1つにまとめてください。`,
      });
    } else policyKeys.set(key, i);
  });
  return problems;
}

/** Where an issue is, in Japanese, naming the sheet when the file gives it a name. */
function locate(segments: readonly PropertyKey[], doc: unknown): string {
  let where = describePath(segments);
  if (segments[0] === 'sheets' && typeof segments[1] === 'number' && isRecord(doc)) {
    const sheets = doc['sheets'];
    const sheet = Array.isArray(sheets) ? (sheets[segments[1]] as unknown) : undefined;
    const name = isRecord(sheet) && typeof sheet['name'] === 'string' ? sheet['name'] : '';
    if (name) where = where.replace(/^シート(\d+)/, `シート$1「${name}」`);
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
    case 'unrecognized_keys':
      return `知らない項目（${issue.keys.join('、')}）があります。別の形式のファイルか、新しい版の予算デスクで作られたファイルです。`;
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
