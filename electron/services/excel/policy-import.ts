// Reading back the 局運営方針 of a bureau workbook: the hidden metadata gives its id, 局, 年度, shape and each key
// program's link; the visible cells give every text and the typed figures (so a reviewer's corrections come back).
import { z } from 'zod';
import type { Problem } from '../../../shared/domain/problem';
import { programLinkSchema, type Goal, type KeyProgram, type Policy } from '../../../shared/domain/schema';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../../../shared/domain/wareki';
import { isEmpty, SheetReader, textOf } from './import';
import { cellAddress, policyMetadataRow, POLICY_METADATA_KEY, PROGRAM_METADATA_KEY, type Address } from './layout';
import { excelMessages } from './messages';
import {
  marksCell,
  parseMarksCell,
  parseProgramNameCell,
  planPolicy,
  PROGRAM_COL,
  programNameCell,
  REVIEW_COL,
  REVIEW_FIRST_ROW,
  reviewLabels,
  type PolicyShape,
} from './policy-layout';
import { POLICY_SHEET_NAME, REVIEW_SHEET_NAME } from './sheet-names';
import type { ReadWorksheet } from './xlsx-read';

/** Limits on a shape read from a file, so a tampered one cannot make us build millions of addresses. */
const MAX_ROWS = 10_000;
const MAX_TOTAL_ROWS = 100_000;
const policyShapeSchema = z.strictObject({
  intro: z.int().min(1).max(MAX_ROWS),
  sections: z.array(z.int().min(1).max(MAX_ROWS)).max(MAX_ROWS),
  basic: z.int().min(1).max(MAX_ROWS),
  goals: z.array(z.int().min(0).max(MAX_ROWS)).max(MAX_ROWS),
  reviews: z.int().min(0).max(MAX_ROWS),
}) satisfies z.ZodType<PolicyShape>;

/** Figures are checked again (range, 一般財源 ≤ 予算額) by the exchange file's reader. */
const figure = z.int().min(0).nullable();
const programMetadataSchema = z.strictObject({
  link: programLinkSchema.nullable(),
  figures: z.strictObject({ amount: figure, generalFund: figure, previousAmount: figure, previousGeneralFund: figure }).nullable(),
  name: z.string().optional(),
  section: z.string().optional(),
  marks: z.array(z.string()).optional(),
});
type ProgramMeta = z.infer<typeof programMetadataSchema>;

export type PolicyRead =
  | { kind: 'none' }
  /** The metadata's policy block is not what we write: the caller says the hidden worksheet is broken. */
  | { kind: 'broken' }
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'ok'; policy: Policy };

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);

/** The policy of a workbook whose metadata lists `sheetCount` sheets; `none` for one without (or exported before). */
export function readPolicy(meta: ReadWorksheet, sheetCount: number, byName: ReadonlyMap<string, ReadWorksheet>): PolicyRead {
  const p = policyMetadataRow(sheetCount);
  const key = meta.value(p, 1);
  if (isEmpty(key)) return { kind: 'none' };
  if (key !== POLICY_METADATA_KEY) return { kind: 'broken' };
  const id = meta.value(p, 2);
  const fiscalYear = meta.value(p, 3);
  const bureau = textOf(meta.value(p, 4));
  if (typeof id !== 'string' || typeof bureau !== 'string' || typeof fiscalYear !== 'number') return { kind: 'broken' };
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) return { kind: 'broken' };
  const parsedShape = policyShapeSchema.safeParse(parseJson(meta.value(p, 6)));
  if (!parsedShape.success) return { kind: 'broken' };
  const shape = parsedShape.data;
  const programCount = sum(shape.goals);
  if (shape.intro + sum(shape.sections) + shape.basic + programCount + shape.reviews > MAX_TOTAL_ROWS) return { kind: 'broken' };
  const programs: ProgramMeta[] = [];
  for (let i = 0; i < programCount; i++) {
    if (meta.value(p + 1 + i, 1) !== PROGRAM_METADATA_KEY) return { kind: 'broken' };
    const parsed = programMetadataSchema.safeParse(parseJson(meta.value(p + 1 + i, 2)));
    if (!parsed.success) return { kind: 'broken' };
    programs.push(parsed.data);
  }

  const problems: Problem[] = [];
  const policyWs = byName.get(POLICY_SHEET_NAME);
  const reviewsWs = byName.get(REVIEW_SHEET_NAME);
  for (const [ws, name] of [[policyWs, POLICY_SHEET_NAME], [reviewsWs, REVIEW_SHEET_NAME]] as const) {
    if (!ws) problems.push({ severity: 'error', path: 'policies[0]', message: excelMessages.policyWorksheetMissing(name) });
  }
  if (!policyWs || !reviewsWs) return { kind: 'problems', problems };

  const plan = planPolicy(shape, fiscalYear);
  const moved = (ws: ReadWorksheet, labels: readonly { at: Address; text: string }[]) => {
    const label = labels.find((l) => ws.value(l.at.row, l.at.col) !== l.text);
    if (label) {
      problems.push({
        severity: 'error',
        path: 'policies[0]',
        message: excelMessages.layoutChanged(ws.name, cellAddress(label.at.row, label.at.col), label.text),
      });
    }
  };
  moved(policyWs, plan.labels);
  moved(reviewsWs, reviewLabels(shape.reviews));
  if (problems.length > 0) return { kind: 'problems', problems };

  const r = new SheetReader(policyWs, 'policies[0]');
  const intro = r.joined(plan.intro, 'issues.intro', '主な現状と課題');
  const sections = plan.sections.map((place, s) => ({
    heading: r.text(place.heading, `issues.sections[${s}].heading`, `主な現状と課題(${s + 1})の見出し`),
    body: r.joined(place.body, `issues.sections[${s}].body`, `主な現状と課題(${s + 1})の本文`),
  }));
  const basicPolicy = r.joined(plan.basic, 'basicPolicy', '基本方針');
  let k = 0;
  const goals: Goal[] = plan.goals.map((place, g) => ({
    heading: r.text(place.heading, `goals[${g}].heading`, `基本方針(${g + 1})の見出し`),
    programs: place.programs.map((row, i): KeyProgram => {
      const m = programs[k]!;
      k += 1;
      const path = `goals[${g}].programs[${i}]`;
      const label = `主要事業 No.${k}`;
      const cell = (col: number): Address => ({ row, col });
      const C = PROGRAM_COL;
      const marksText = r.text(cell(C.marks), `${path}.marks`, `${label}の区分`);
      const marks = m.marks && marksText === marksCell(m.marks) ? m.marks : parseMarksCell(marksText);
      const nameText = r.text(cell(C.name), `${path}.name`, `${label}の事業名`);
      const names =
        m.name !== undefined && m.section !== undefined && nameText === programNameCell(m.name, m.section)
          ? { name: m.name, section: m.section }
          : parseProgramNameCell(nameText);
      // A linked row shows its sheet's figures: its own (typed) ones come from the metadata.
      const figures =
        m.link !== null && m.figures !== null
          ? m.figures
          : {
              amount: r.amount(cell(C.amount), `${path}.amount`, `${label}の予算額`),
              generalFund: r.amount(cell(C.generalFund), `${path}.generalFund`, `${label}の一般財源`),
              previousAmount: r.amount(cell(C.previousAmount), `${path}.previousAmount`, `${label}の前年度予算額`),
              previousGeneralFund: r.amount(cell(C.previousGeneralFund), `${path}.previousGeneralFund`, `${label}の前年度一般財源`),
            };
      return {
        marks,
        name: names.name,
        section: names.section,
        ...figures,
        description: r.text(cell(C.description), `${path}.description`, `${label}の説明`),
        link: m.link,
      };
    }),
  }));
  const rr = new SheetReader(reviewsWs, 'policies[0]');
  const reviews = Array.from({ length: shape.reviews }, (_, i) => {
    const row = REVIEW_FIRST_ROW + i;
    const cell = (col: number): Address => ({ row, col });
    const C = REVIEW_COL;
    return {
      section: rr.text(cell(C.section), `reviews[${i}].section`, `見直し事業${i + 1}の課名`),
      name: rr.text(cell(C.name), `reviews[${i}].name`, `見直し事業${i + 1}の事業名`),
      reason: rr.text(cell(C.reason), `reviews[${i}].reason`, `見直し事業${i + 1}の理由及び内容`),
      saving: rr.amount(cell(C.saving), `reviews[${i}].saving`, `見直し事業${i + 1}のコスト削減額`),
    };
  });
  problems.push(...r.problems, ...rr.problems);
  if (problems.length > 0) return { kind: 'problems', problems };
  return {
    kind: 'ok',
    policy: { id, fiscalYear, bureau, issues: { intro, sections }, basicPolicy, goals, reviews },
  };
}
