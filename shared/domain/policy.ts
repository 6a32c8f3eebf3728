// Figures of the 局運営方針: key-program rows (typed or linked to a sheet), their running numbers, the 見直し total.
import { formatAmount, sumAmounts } from './money';
import type { Problem } from './problem';
import type { KeyProgram, Policy, Sheet } from './schema';
import { generalFund } from './sheet';

export interface ProgramFigures {
  amount: number | null;
  generalFund: number | null;
  previousAmount: number | null;
  previousGeneralFund: number | null;
  /**
   * 'sheet': 予算額, 一般財源 and 前年度予算額 come from the linked sheet; 'item': 予算額 comes from one 主な事業;
   * 'missing-sheet' / 'missing-item': the source is gone and the row shows its last (typed) figures.
   */
  source: 'typed' | 'sheet' | 'item' | 'missing-sheet' | 'missing-item';
}

/**
 * The figures a key-program row shows. A row linked to a sheet takes 予算額, 一般財源 and 前年度予算額 from it, so they
 * stay in step; last year's 一般財源 comes from the sheet it was drafted from (`carriedFrom`), when that is held, else
 * stays as typed. A row linked to one
 * 主な事業 takes its amount; the rest is typed (items have no 財源内訳).
 */
export function programFigures(program: KeyProgram, sheetsById: ReadonlyMap<string, Sheet>): ProgramFigures {
  const typed = {
    amount: program.amount,
    generalFund: program.generalFund,
    previousAmount: program.previousAmount,
    previousGeneralFund: program.previousGeneralFund,
  };
  const link = program.link;
  if (link === null) return { ...typed, source: 'typed' };
  const sheet = sheetsById.get(link.sheetId);
  if (link.kind === 'item') {
    const item = sheet?.items.find((i) => i.id === link.itemId);
    return item ? { ...typed, amount: item.amount, source: 'item' } : { ...typed, source: 'missing-item' };
  }
  if (!sheet) return { ...typed, source: 'missing-sheet' };
  // Once years are linked (次年度の作成), last year's 一般財源 follows the sheet this one was drafted from.
  const lastYear = sheet.carriedFrom === null ? undefined : sheetsById.get(sheet.carriedFrom);
  return {
    amount: sheet.amount,
    generalFund: generalFund(sheet),
    previousAmount: sheet.previousAmount,
    previousGeneralFund: lastYear ? generalFund(lastYear) : program.previousGeneralFund,
    source: 'sheet',
  };
}

export interface NumberedProgram {
  /** No, running across every table of the policy, from 1. */
  no: number;
  goalIndex: number;
  programIndex: number;
  program: KeyProgram;
}

/** The key programs of all goals with their running No (1…n across tables). */
export function numberedPrograms(policy: Pick<Policy, 'goals'>): NumberedProgram[] {
  const out: NumberedProgram[] = [];
  policy.goals.forEach((goal, goalIndex) => {
    goal.programs.forEach((program, programIndex) => {
      out.push({ no: out.length + 1, goalIndex, programIndex, program });
    });
  });
  return out;
}

/** Σ コスト削減額 of the 見直し事業一覧, in 千円, as a positive reduction (printed △ 143,791 for the seed). */
export function reviewsTotal(policy: Pick<Policy, 'reviews'>): number {
  return sumAmounts(policy.reviews.map((r) => r.saving));
}

/** The reduction as printed: `△ 3,591`. */
export function formatSaving(saving: number | null): string {
  return saving === null ? '' : formatAmount(-saving);
}

export function sheetsById(sheets: readonly Sheet[]): Map<string, Sheet> {
  return new Map(sheets.map((s) => [s.id, s]));
}

/** Names compared as a reader would: full-width and half-width alike, spaces and line breaks ignored. */
function plainName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

const COMPARED_FIGURES = [
  ['amount', '予算額', (s: Sheet) => s.amount],
  ['generalFund', '一般財源', (s: Sheet) => generalFund(s)],
  ['previousAmount', '前年度予算額', (s: Sheet) => s.previousAmount],
] as const;

/**
 * Checks of one policy: broken links, a link to another bureau's sheet, 一般財源 above 予算額, and a typed row whose
 * figures disagree with the 事務事業 sheet of the same name in the same 局 and 年度 (both figures in the message: the
 * seed's own row 7 prints 764,859 where its sheet says 873,169).
 */
export function checkPolicy(policy: Policy, index: number, byId: ReadonlyMap<string, Sheet>): Problem[] {
  const problems: Problem[] = [];
  // The first sheet of each name in the 局 and 年度: one pass over the sheets, not one per row.
  const namesakes = new Map<string, Sheet>();
  for (const s of byId.values()) {
    if (s.org.bureau !== policy.bureau || s.fiscalYear !== policy.fiscalYear) continue;
    const name = plainName(s.name);
    if (name !== '' && !namesakes.has(name)) namesakes.set(name, s);
  }
  for (const { no, goalIndex, programIndex, program } of numberedPrograms(policy)) {
    const path = `policies[${index}].goals[${goalIndex}].programs[${programIndex}]`;
    const figures = programFigures(program, byId);
    if (figures.source === 'missing-sheet' || figures.source === 'missing-item') {
      problems.push({
        severity: 'warning',
        path: `${path}.link`,
        field: '連動する事務事業',
        message:
          figures.source === 'missing-sheet'
            ? `主要事業 No.${no}「${program.name}」が連動する事務事業シートが見つかりません。最後の金額を表示しています。`
            : `主要事業 No.${no}「${program.name}」が連動する主な事業が見つかりません（削除されたか、シートが削除されました）。最後の金額を表示しています。`,
      });
    } else if (program.link !== null) {
      const sheet = byId.get(program.link.sheetId);
      if (sheet && sheet.org.bureau !== policy.bureau) {
        problems.push({
          severity: 'warning',
          path: `${path}.link`,
          field: '連動する事務事業',
          message: `主要事業 No.${no}「${program.name}」が他の局（${sheet.org.bureau}）の事務事業に連動しています。`,
        });
      }
    }
    const namesake = program.link === null ? namesakes.get(plainName(program.name)) : undefined;
    if (namesake) {
      for (const [field, label, ofSheet] of COMPARED_FIGURES) {
        const typed = program[field];
        const onSheet = ofSheet(namesake);
        if (typed === null || onSheet === null || typed === onSheet) continue;
        problems.push({
          severity: 'warning',
          path: `${path}.${field}`,
          field: label,
          message: `主要事業 No.${no}「${program.name}」の${label} ${formatAmount(typed)} は、同じ名前の事務事業シートでは ${formatAmount(onSheet)} です。シートに連動させるか、どちらかを直してください。`,
        });
      }
    }
    const over = (fund: number | null, amount: number | null) => fund !== null && amount !== null && fund > amount;
    if (over(figures.generalFund, figures.amount) || over(figures.previousGeneralFund, figures.previousAmount)) {
      problems.push({
        severity: 'error',
        path: `${path}.generalFund`,
        field: '一般財源',
        message: `主要事業 No.${no}「${program.name}」の一般財源が予算額を超えています。`,
      });
    }
  }
  return problems;
}
