// What differs between two versions of a 事務事業 sheet or a 局運営方針, in the form's own words: for the merge
// preview (変更 with the changed fields) and the 履歴 panel (a one-line summary, then side by side).
import { statusLabels } from './labels';
import { formatAmount } from './money';
import type { Classification, Policy, Sheet } from './schema';

/** One field that differs: its label and both values as the form shows them ('' for an empty text). */
export interface FieldChange {
  /** The seed's field name: 予算額, 主な事業2 の金額, 基本方針, 見直し事業一覧. */
  label: string;
  /** 'figure' for an amount (the summary shows figures with both values), 'text' for everything else. */
  kind: 'figure' | 'text';
  before: string;
  after: string;
}

function amountText(value: number | null): string {
  return value === null ? '未入力' : formatAmount(value);
}

function classificationText(c: Classification): string {
  const part = (n: { no: number | null; name: string }, unit: string) => `${n.no === null ? '' : `${n.no}${unit} `}${n.name}`.trim();
  return [part(c.kan, '款'), part(c.kou, '項'), part(c.moku, '目')].join(' / ');
}

class Changes {
  readonly list: FieldChange[] = [];
  figure(label: string, before: number | null, after: number | null): void {
    if (before !== after) this.list.push({ label, kind: 'figure', before: amountText(before), after: amountText(after) });
  }
  text(label: string, before: string, after: string): void {
    if (before !== after) this.list.push({ label, kind: 'text', before, after });
  }
}

/** Every field of a sheet that differs between `before` and `after` (updatedAt is not a field anyone typed). */
export function sheetChanges(before: Sheet, after: Sheet): FieldChange[] {
  const c = new Changes();
  c.text('会計', before.account, after.account);
  c.text('事務事業名', before.name, after.name);
  c.figure('予算額', before.amount, after.amount);
  c.text('局/部/課', [before.org.bureau, before.org.department, before.org.section].join(' / '), [after.org.bureau, after.org.department, after.org.section].join(' / '));
  c.text('款/項/目', classificationText(before.classification), classificationText(after.classification));
  c.text('予算書P.', before.budgetBookPage === null ? '' : String(before.budgetBookPage), after.budgetBookPage === null ? '' : String(after.budgetBookPage));
  c.figure('前年度予算額', before.previousAmount, after.previousAmount);
  const lines = Math.max(before.specificFunding.length, after.specificFunding.length);
  for (let i = 0; i < lines; i++) {
    const b = before.specificFunding[i];
    const a = after.specificFunding[i];
    const name = (line: typeof b) => (line ? `${line.revenueKan === null ? '' : `${line.revenueKan}款 `}${line.source}` : '');
    c.text(`特定財源${i + 1}`, name(b), name(a));
    c.figure(`特定財源${i + 1} の金額`, b?.amount ?? null, a?.amount ?? null);
  }
  c.text('事業の目的・内容', before.purpose, after.purpose);
  c.text('特記事項', before.notes, after.notes);
  const items = Math.max(before.items.length, after.items.length);
  for (let i = 0; i < items; i++) {
    const b = before.items[i];
    const a = after.items[i];
    c.text(`主な事業${i + 1}`, b?.name ?? '', a?.name ?? '');
    c.figure(`主な事業${i + 1} の金額`, b?.amount ?? null, a?.amount ?? null);
    c.text(`主な事業${i + 1} の説明`, b?.description ?? '', a?.description ?? '');
  }
  c.text('参考', before.reference, after.reference);
  c.text('状態', statusLabels[before.status], statusLabels[after.status]);
  c.text('年度', String(before.fiscalYear), String(after.fiscalYear));
  return c.list;
}

/**
 * Every part of a 局運営方針 that differs; key-program rows by their running No. `sheetName` names the sheet a row
 * follows (「シート 情報化推進事業」); without it, or for a sheet not held, the link shows as 「シート（見つかりません）」.
 */
export function policyChanges(before: Policy, after: Policy, sheetName: (id: string) => string | undefined = () => undefined): FieldChange[] {
  const c = new Changes();
  c.text('主な現状と課題', before.issues.intro, after.issues.intro);
  const sections = Math.max(before.issues.sections.length, after.issues.sections.length);
  for (let i = 0; i < sections; i++) {
    const b = before.issues.sections[i];
    const a = after.issues.sections[i];
    c.text(`現状と課題(${i + 1})`, b ? `${b.heading}\n${b.body}` : '', a ? `${a.heading}\n${a.body}` : '');
  }
  c.text('基本方針', before.basicPolicy, after.basicPolicy);
  const goals = Math.max(before.goals.length, after.goals.length);
  let no = 0;
  for (let g = 0; g < goals; g++) {
    const b = before.goals[g];
    const a = after.goals[g];
    c.text(`方針${g + 1}`, b?.heading ?? '', a?.heading ?? '');
    const rows = Math.max(b?.programs.length ?? 0, a?.programs.length ?? 0);
    for (let r = 0; r < rows; r++) {
      no += 1;
      const pb = b?.programs[r];
      const pa = a?.programs[r];
      const label = `No.${no}`;
      c.text(`${label} 事業名`, pb ? `${pb.name}〔${pb.section}〕` : '', pa ? `${pa.name}〔${pa.section}〕` : '');
      c.text(`${label} 区分`, pb?.marks.join('・') ?? '', pa?.marks.join('・') ?? '');
      c.figure(`${label} 予算額`, pb?.amount ?? null, pa?.amount ?? null);
      c.figure(`${label} 一般財源`, pb?.generalFund ?? null, pa?.generalFund ?? null);
      c.figure(`${label} 前年度予算額`, pb?.previousAmount ?? null, pa?.previousAmount ?? null);
      c.figure(`${label} 前年度一般財源`, pb?.previousGeneralFund ?? null, pa?.previousGeneralFund ?? null);
      c.text(`${label} 説明`, pb?.description ?? '', pa?.description ?? '');
      c.text(`${label} 連動`, linkText(pb?.link ?? null, sheetName), linkText(pa?.link ?? null, sheetName));
    }
  }
  const reviews = Math.max(before.reviews.length, after.reviews.length);
  for (let i = 0; i < reviews; i++) {
    const b = before.reviews[i];
    const a = after.reviews[i];
    c.text(`見直し${i + 1}`, b ? `${b.name}〔${b.section}〕 ${b.reason}` : '', a ? `${a.name}〔${a.section}〕 ${a.reason}` : '');
    c.figure(`見直し${i + 1} のコスト削減額`, b?.saving ?? null, a?.saving ?? null);
  }
  return c.list;
}

function linkText(link: Policy['goals'][number]['programs'][number]['link'], sheetName: (id: string) => string | undefined): string {
  if (link === null) return '手入力';
  const name = sheetName(link.sheetId) ?? '（見つかりません）';
  return link.kind === 'sheet' ? `シート ${name}` : `主な事業（${name}）`;
}

/**
 * One line for a list of changes: figures with both values, then the other fields by name, at most `limit` parts:
 * 「予算額 2,732,796 → 2,800,000、主な事業2、参考」. 「変更なし」 when nothing differs.
 */
export function summarizeChanges(changes: readonly FieldChange[], limit = 4): string {
  if (changes.length === 0) return '変更なし';
  const parts = [
    ...changes.filter((ch) => ch.kind === 'figure').map((ch) => `${ch.label} ${ch.before} → ${ch.after}`),
    ...changes.filter((ch) => ch.kind === 'text').map((ch) => ch.label),
  ];
  const shown = parts.slice(0, limit).join('、');
  return parts.length > limit ? `${shown} ほか ${parts.length - limit} 件` : shown;
}

/**
 * A fingerprint of a sheet's or policy's content without updatedAt (saving it again must not look like a change),
 * for telling whether a record changed since a file last brought it in. 53-bit cyrb53 of canonical JSON: enough to
 * tell versions of one record apart, not for security.
 */
export function contentHash(content: Sheet | Policy): string {
  const { updatedAt: _ignored, ...rest } = content as Sheet;
  return cyrb53(canonicalJson(rest)).toString(36);
}

/** JSON with object keys sorted, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
