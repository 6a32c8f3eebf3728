// The 局運営方針 of a bureau workbook as plain data: the worksheet 局運営方針 (1. 主な現状と課題, 2. 基本方針・区分別主要事業
// with one table per statement) and the worksheet 見直し事業一覧 (3.), laid out as the seed prints them. Pure: the exceljs
// adapter renders them like every other worksheet, and the import reads them back through `planPolicy`.
import { numberedPrograms, programFigures, reviewsTotal, type ProgramFigures } from '../../../shared/domain/policy';
import type { KeyProgram, Policy, ProgramLink, Sheet } from '../../../shared/domain/schema';
import { fiscalYearLabel, MIN_FISCAL_YEAR, shortFiscalYearLabel } from '../../../shared/domain/wareki';
import { cellAddress, footerText, Grid, maxLinesPerRow, spanCapacity, type Address, type WorksheetLayout } from './layout';
import { POLICY_SHEET_NAME, REVIEW_SHEET_NAME } from './sheet-names';
import { FONT_SIZE } from './styles';
import { splitByLines } from './text-width';

/** A No | B 区分 | C 事業名〔課〕 | D 27年度 | E （一般財源） | F 26年度 | G （一般財源） | H 説明. */
export const POLICY_COLUMNS: readonly number[] = [4.5, 7, 24, 10, 10, 10, 10, 34];
/** A 課名 | B 見直し事業名 | C 見直しの理由及び内容 | D コスト削減額. */
export const REVIEW_COLUMNS: readonly number[] = [18, 24, 52, 13];
const LAST = 8;

export const POLICY_LABELS = {
  issues: '1. 主な現状と課題',
  basic: '2. 基本方針・区分別主要事業',
  fundNote: '*（）内は一般財源',
  unit: '(単位:千円)',
  reviews: '3. 見直し事業一覧',
  total: '合計',
} as const;

export const REVIEW_HEADERS = ['課名', '見直し事業名', '見直しの理由及び内容\n(代替事業等があれば記載)', 'コスト削減額'] as const;

/** `27年度` / `26年度` of the tables; the year before 平成元年度 has no label of its own. */
function shortYear(fiscalYear: number): string {
  return fiscalYear < MIN_FISCAL_YEAR ? '前年度' : shortFiscalYearLabel(fiscalYear);
}

export function programHeaders(fiscalYear: number): string[] {
  return ['No', '区分', '事業名〔課〕', shortYear(fiscalYear), '（一般財源）', shortYear(fiscalYear - 1), '（一般財源）', '説明'];
}

export function policyTitle(policy: Pick<Policy, 'bureau' | 'fiscalYear'>): string {
  return `${policy.bureau} ${fiscalYearLabel(policy.fiscalYear)} 局運営方針（案）`;
}

/** 事業名〔課〕 as one cell: the name, and the 課 in brackets on the next line (none when there is no 課). */
export function programNameCell(name: string, section: string): string {
  return section === '' ? name : `${name}\n〔${section}〕`;
}

/** The reverse of `programNameCell`, for a cell a reviewer rewrote. */
export function parseProgramNameCell(text: string): { name: string; section: string } {
  const match = /^([\s\S]*?)\s*〔([^〔〕]*)〕\s*$/.exec(text);
  return match ? { name: match[1] ?? '', section: match[2] ?? '' } : { name: text, section: '' };
}

export function marksCell(marks: readonly string[]): string {
  return marks.join(' ');
}

export function parseMarksCell(text: string): string[] {
  return text.split(/[\s\u3000]+/u).filter((m) => m !== '');
}

// ── shape and plan ───────────────────────────────────────────────────────────

/** Rows of each variable part: all the plan needs to know where every field is (recorded in the metadata). */
export interface PolicyShape {
  /** Pieces of 主な現状と課題's intro, of each section's body, and of 基本方針. */
  intro: number;
  sections: number[];
  basic: number;
  /** Key programs of each statement. */
  goals: number[];
  reviews: number;
}

export interface PolicyPieces {
  intro: string[];
  sections: string[][];
  basic: string[];
}

const PROSE_CAPACITY = spanCapacity(POLICY_COLUMNS, 1, LAST, FONT_SIZE.body, 1);
const SECTION_CAPACITY = spanCapacity(POLICY_COLUMNS, 2, LAST, FONT_SIZE.body, 1);
const MAX_LINES = maxLinesPerRow(FONT_SIZE.body);

export function policyPieces(policy: Policy): PolicyPieces {
  return {
    intro: splitByLines(policy.issues.intro, PROSE_CAPACITY, MAX_LINES),
    sections: policy.issues.sections.map((s) => splitByLines(s.body, SECTION_CAPACITY, MAX_LINES)),
    basic: splitByLines(policy.basicPolicy, PROSE_CAPACITY, MAX_LINES),
  };
}

export function policyShapeOf(policy: Policy, pieces: PolicyPieces): PolicyShape {
  return {
    intro: pieces.intro.length,
    sections: pieces.sections.map((p) => p.length),
    basic: pieces.basic.length,
    goals: policy.goals.map((g) => g.programs.length),
    reviews: policy.reviews.length,
  };
}

/** Columns of a key-program row. */
export const PROGRAM_COL = { no: 1, marks: 2, name: 3, amount: 4, generalFund: 5, previousAmount: 6, previousGeneralFund: 7, description: 8 } as const;
/** Columns of a 見直し row. */
export const REVIEW_COL = { section: 1, name: 2, reason: 3, saving: 4 } as const;
export const REVIEW_FIRST_ROW = 4;

export interface PolicyPlan {
  intro: Address[];
  sections: { no: Address; heading: Address; body: Address[] }[];
  basic: Address[];
  /** Per statement: its heading, the rows of its note and table header, and one row per key program. */
  goals: { no: Address; heading: Address; noteRow: number; headerRow: number; programs: number[] }[];
  labels: { at: Address; text: string }[];
  lastRow: number;
}

const at = (row: number, col: number): Address => ({ row, col });
const range = (first: number, n: number): number[] => Array.from({ length: n }, (_, i) => first + i);

/** Where each field of the 局運営方針 worksheet goes. Export and import both use it. */
export function planPolicy(shape: PolicyShape, fiscalYear: number): PolicyPlan {
  const labels: PolicyPlan['labels'] = [{ at: at(2, 1), text: POLICY_LABELS.issues }];
  const intro = range(3, shape.intro).map((r) => at(r, 1));
  let row = 3 + shape.intro;
  const sections = shape.sections.map((n) => {
    const place = { no: at(row, 1), heading: at(row, 2), body: range(row + 1, n).map((r) => at(r, 2)) };
    row += 1 + n;
    return place;
  });
  row += 1; // a blank row before 2.
  labels.push({ at: at(row, 1), text: POLICY_LABELS.basic });
  const basic = range(row + 1, shape.basic).map((r) => at(r, 1));
  row += 1 + shape.basic;
  const headers = programHeaders(fiscalYear);
  const goals = shape.goals.map((n) => {
    row += 1; // a blank row before each statement
    const place = { no: at(row, 1), heading: at(row, 2), noteRow: row + 1, headerRow: row + 2, programs: range(row + 3, n) };
    labels.push({ at: at(row + 1, 1), text: POLICY_LABELS.fundNote }, { at: at(row + 1, 6), text: POLICY_LABELS.unit });
    headers.forEach((text, i) => labels.push({ at: at(row + 2, i + 1), text }));
    row += 3 + n;
    return place;
  });
  return { intro, sections, basic, goals, labels, lastRow: row - 1 };
}

/** Labels of the 見直し事業一覧 the import checks; the total row follows the reviews. */
export function reviewLabels(count: number): { at: Address; text: string }[] {
  return [
    ...REVIEW_HEADERS.map((text, i) => ({ at: at(3, i + 1), text })),
    { at: at(REVIEW_FIRST_ROW + count, 1), text: POLICY_LABELS.total },
  ];
}

// ── the worksheets ───────────────────────────────────────────────────────────

function footer(left: string): string {
  return `&L&9${footerText(left)}&R&9&P / &N`;
}

export interface PolicyWorksheets {
  policy: WorksheetLayout;
  reviews: WorksheetLayout;
  shape: PolicyShape;
  /** Per key program in running order, the figures its row shows. */
  figures: ProgramFigures[];
}

export function layoutPolicy(policy: Policy, byId: ReadonlyMap<string, Sheet>, pieces: PolicyPieces = policyPieces(policy)): PolicyWorksheets {
  const shape = policyShapeOf(policy, pieces);
  const plan = planPolicy(shape, policy.fiscalYear);
  const title = policyTitle(policy);
  const g = new Grid(POLICY_COLUMNS);
  g.text(1, 1, 'heading', title, LAST);
  g.text(2, 1, 'part', POLICY_LABELS.issues, LAST);
  plan.intro.forEach((a, i) => g.text(a.row, a.col, 'prose', pieces.intro[i] ?? '', LAST));
  plan.sections.forEach((place, s) => {
    const section = policy.issues.sections[s]!;
    g.text(place.no.row, place.no.col, 'headingNo', `(${s + 1})`);
    g.text(place.heading.row, place.heading.col, 'headingText', section.heading, LAST);
    place.body.forEach((a, i) => g.text(a.row, a.col, 'prose', pieces.sections[s]?.[i] ?? '', LAST));
  });
  const basicLabel = plan.labels[1]!.at;
  g.text(basicLabel.row, 1, 'part', POLICY_LABELS.basic, LAST);
  plan.basic.forEach((a, i) => g.text(a.row, a.col, 'prose', pieces.basic[i] ?? '', LAST));
  const headers = programHeaders(policy.fiscalYear);
  const numbered = numberedPrograms(policy);
  const figures = numbered.map((n) => programFigures(n.program, byId));
  let k = 0;
  plan.goals.forEach((place, gi) => {
    g.text(place.no.row, place.no.col, 'headingNo', `(${gi + 1})`);
    g.text(place.heading.row, place.heading.col, 'headingText', policy.goals[gi]!.heading, LAST);
    g.text(place.noteRow, 1, 'note', POLICY_LABELS.fundNote, 5);
    g.text(place.noteRow, 6, 'unit', POLICY_LABELS.unit, LAST);
    headers.forEach((h, i) => g.text(place.headerRow, i + 1, 'label', h));
    place.programs.forEach((r) => {
      const { no, program } = numbered[k]!;
      const f = figures[k]!;
      k += 1;
      const C = PROGRAM_COL;
      g.amount(r, C.no, 'cellNumber', no);
      g.text(r, C.marks, 'cellCenter', marksCell(program.marks));
      g.text(r, C.name, 'cellText', programNameCell(program.name, program.section));
      g.amount(r, C.amount, 'cellAmount', f.amount);
      g.amount(r, C.generalFund, 'cellFund', f.generalFund);
      g.amount(r, C.previousAmount, 'cellAmount', f.previousAmount);
      g.amount(r, C.previousGeneralFund, 'cellFund', f.previousGeneralFund);
      g.text(r, C.description, 'cellText', program.description);
    });
  });
  const policyLayout: WorksheetLayout = {
    name: POLICY_SHEET_NAME,
    state: 'visible',
    columnWidths: POLICY_COLUMNS,
    rowHeights: g.rowHeights().slice(0, plan.lastRow),
    cells: g.sorted(),
    print: { area: `A1:${cellAddress(plan.lastRow, LAST)}`, fitToHeight: 0, footer: footer(title) },
  };
  return { policy: policyLayout, reviews: layoutReviews(policy), shape, figures };
}

export function layoutReviews(policy: Policy): WorksheetLayout {
  const g = new Grid(REVIEW_COLUMNS);
  const last = REVIEW_HEADERS.length;
  const title = `${policy.bureau} ${fiscalYearLabel(policy.fiscalYear)} 見直し事業一覧`;
  g.text(1, 1, 'heading', POLICY_LABELS.reviews, last);
  g.text(2, 1, 'note', `${policy.bureau} ${fiscalYearLabel(policy.fiscalYear)}`, 3);
  g.text(2, 4, 'unit', POLICY_LABELS.unit);
  REVIEW_HEADERS.forEach((h, i) => g.text(3, i + 1, 'label', h));
  const C = REVIEW_COL;
  policy.reviews.forEach((review, i) => {
    const r = REVIEW_FIRST_ROW + i;
    g.text(r, C.section, 'cellText', review.section);
    g.text(r, C.name, 'cellText', review.name);
    g.text(r, C.reason, 'cellText', review.reason);
    g.amount(r, C.saving, 'saving', review.saving);
  });
  const t = REVIEW_FIRST_ROW + policy.reviews.length;
  g.text(t, 1, 'totalLabel', POLICY_LABELS.total, 3);
  g.put(t, C.saving, 'totalSaving', {
    kind: 'formula',
    formula: policy.reviews.length > 0 ? `SUM(D${REVIEW_FIRST_ROW}:D${t - 1})` : '0',
    result: reviewsTotal(policy),
  });
  return {
    name: REVIEW_SHEET_NAME,
    state: 'visible',
    columnWidths: REVIEW_COLUMNS,
    rowHeights: g.rowHeights(),
    cells: g.sorted(),
    print: { area: `A1:${cellAddress(t, last)}`, fitToHeight: 0, footer: footer(title), titleRows: '3:3' },
  };
}

// ── the policy's part of the hidden metadata ─────────────────────────────────

/**
 * What a key-program row does not show, one JSON cell per row: its link; for a linked row its own (typed) figures,
 * since the cells show the sheet's; and the name, 課 and 区分 as typed, so a cell that still reads as printed gives them
 * back exactly (a reviewer's rewrite is parsed instead).
 */
export interface ProgramMetadata {
  link: ProgramLink | null;
  figures: Pick<KeyProgram, 'amount' | 'generalFund' | 'previousAmount' | 'previousGeneralFund'> | null;
  name?: string;
  section?: string;
  marks?: string[];
}

export function programMetadata(program: KeyProgram): ProgramMetadata {
  return {
    link: program.link,
    figures:
      program.link === null
        ? null
        : {
            amount: program.amount,
            generalFund: program.generalFund,
            previousAmount: program.previousAmount,
            previousGeneralFund: program.previousGeneralFund,
          },
    name: program.name,
    section: program.section,
    marks: program.marks,
  };
}
