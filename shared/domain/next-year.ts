// 次年度の作成: the next 年度's draft sheets and 局運営方針 from a year's, as a pure function (the app and the CLI share it).
import { programFigures, sheetsById } from './policy';
import type { Goal, KeyProgram, Policy, Sheet } from './schema';
import { fiscalYearLabel, MAX_FISCAL_YEAR } from './wareki';

export interface NextYearSource {
  /** Every live sheet held (any year, any 局): the year's own are carried, the rest tell what the target holds. */
  sheets: readonly Sheet[];
  policies: readonly Policy[];
  /** 確定済み years; a locked target year is refused. */
  lockedYears?: readonly number[];
}

export interface NextYearDeps {
  newId: () => string;
  now: Date;
}

export type NextYearDraft =
  | {
      ok: true;
      fromYear: number;
      toYear: number;
      /** The new year's sheets, in the order the source gave the year's sheets. */
      sheets: Sheet[];
      policies: Policy[];
      /** The source year's sheets and policies that were carried (unchanged), e.g. to keep as versions. */
      carriedSheets: Sheet[];
      carriedPolicies: Policy[];
    }
  | { ok: false; message: string };

/**
 * Drafts 年度 `fromYear + 1` from `fromYear` (of one 局, or of every 局 when `bureau` is left out), as DOMAIN.md
 * "Drafting next year" says. Each sheet: a new id, 前年度予算額 ← 予算額 (千円), this year's amounts null (not entered,
 * which is not 0) including each 特定財源 line and 主な事業 (kept with their ids, so a 局運営方針 row following an item
 * still finds it), texts, organisation and 款/項/目 kept, status 作成中, `carriedFrom` the source sheet. The
 * 局運営方針: the texts and tables kept, each key-program row's last-year figures ← this year's as the row shows them
 * (a row following a sheet shows that sheet's 一般財源), this year's null, a link re-pointed at the new sheet, and
 * an empty 見直し list (a 見直し is a one-year decision).
 *
 * Refused (a Japanese message, nothing drafted) when the year holds nothing to carry, the next year already holds
 * sheets or a 局運営方針 of a 局 being carried (never overwritten), or the next year is locked or out of range.
 */
export function draftNextYear(source: NextYearSource, fromYear: number, deps: NextYearDeps, bureau?: string): NextYearDraft {
  const toYear = fromYear + 1;
  const fromLabel = fiscalYearLabel(fromYear);
  if (toYear > MAX_FISCAL_YEAR) {
    return { ok: false, message: `${fromLabel}の次の年度は扱えないため、次年度の案を作れません。` };
  }
  const toLabel = fiscalYearLabel(toYear);
  const ofBureau = (b: string) => bureau === undefined || b === bureau;
  const carriedSheets = source.sheets.filter((s) => s.fiscalYear === fromYear && ofBureau(s.org.bureau));
  const carriedPolicies = source.policies.filter((p) => p.fiscalYear === fromYear && ofBureau(p.bureau));
  const where = bureau === undefined ? fromLabel : `${fromLabel}の${bureau}`;
  if (carriedSheets.length === 0 && carriedPolicies.length === 0) {
    return { ok: false, message: `${where}には事務事業シートも局運営方針もないため、次年度の案を作れません。年度と局を確かめてください。` };
  }
  if (source.lockedYears?.includes(toYear)) {
    return { ok: false, message: `${toLabel}は確定済みのため、次年度の案を作れません。${toLabel}の確定を解除してからやり直してください。` };
  }

  // Never overwrite: a 局 whose next year has begun already is left alone, and so is the whole request.
  const bureaus = new Set([...carriedSheets.map((s) => s.org.bureau), ...carriedPolicies.map((p) => p.bureau)]);
  const existingSheets = source.sheets.filter((s) => s.fiscalYear === toYear && bureaus.has(s.org.bureau));
  const existingPolicies = source.policies.filter((p) => p.fiscalYear === toYear && bureaus.has(p.bureau));
  if (existingSheets.length > 0 || existingPolicies.length > 0) {
    const held = [
      ...(existingSheets.length > 0 ? [`事務事業シート ${existingSheets.length} 件`] : []),
      ...(existingPolicies.length > 0 ? ['局運営方針'] : []),
    ].join('と');
    const whose = [...new Set([...existingSheets.map((s) => s.org.bureau), ...existingPolicies.map((p) => p.bureau)])].join('、');
    return {
      ok: false,
      message: `${toLabel}には${whose}の${held}がすでにあります。上書きしないよう、次年度の案は作りませんでした。`,
    };
  }

  const updatedAt = deps.now.toISOString();
  const newIdOf = new Map<string, string>();
  const sheets = carriedSheets.map((sheet): Sheet => {
    const id = deps.newId();
    newIdOf.set(sheet.id, id);
    return {
      id,
      fiscalYear: toYear,
      account: sheet.account,
      name: sheet.name,
      org: { ...sheet.org },
      classification: {
        kan: { ...sheet.classification.kan },
        kou: { ...sheet.classification.kou },
        moku: { ...sheet.classification.moku },
      },
      // The 予算書 is paginated anew every year: last year's page would be wrong, so it is left to fill.
      budgetBookPage: null,
      amount: null,
      previousAmount: sheet.amount,
      specificFunding: sheet.specificFunding.map((line) => ({ source: line.source, revenueKan: line.revenueKan, amount: null })),
      purpose: sheet.purpose,
      notes: sheet.notes,
      items: sheet.items.map((item) => ({ id: item.id, name: item.name, amount: null, description: item.description })),
      reference: sheet.reference,
      status: 'draft',
      updatedAt,
      carriedFrom: sheet.id,
    };
  });

  // Every sheet held, so a row's figures are what the screen shows (last year's 一般財源 from the year before, too).
  const byId = sheetsById(source.sheets);
  const carryProgram = (program: KeyProgram): KeyProgram => {
    const figures = programFigures(program, byId);
    const newSheetId = program.link ? newIdOf.get(program.link.sheetId) : undefined;
    return {
      marks: [...program.marks],
      name: program.name,
      section: program.section,
      amount: null,
      generalFund: null,
      previousAmount: figures.amount,
      previousGeneralFund: figures.generalFund,
      description: program.description,
      // A row following a sheet that was not carried (gone, or another 局's) becomes typed: following last year's
      // sheet would show last year's figures as this year's.
      link: program.link === null || newSheetId === undefined ? null : { ...program.link, sheetId: newSheetId },
    };
  };
  const policies = carriedPolicies.map(
    (policy): Policy => ({
      id: deps.newId(),
      fiscalYear: toYear,
      bureau: policy.bureau,
      issues: { intro: policy.issues.intro, sections: policy.issues.sections.map((s) => ({ ...s })) },
      basicPolicy: policy.basicPolicy,
      goals: policy.goals.map((goal): Goal => ({ heading: goal.heading, programs: goal.programs.map(carryProgram) })),
      reviews: [],
    }),
  );

  return { ok: true, fromYear, toYear, sheets, policies, carriedSheets, carriedPolicies };
}

/** The newest 年度 that holds a sheet or a 局運営方針 (the default year to draft from), or null when none does. */
export function newestYear(source: Pick<NextYearSource, 'sheets' | 'policies'>): number | null {
  const years = [...source.sheets.map((s) => s.fiscalYear), ...source.policies.map((p) => p.fiscalYear)];
  return years.length === 0 ? null : Math.max(...years);
}
