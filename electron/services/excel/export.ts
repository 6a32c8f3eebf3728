// Excel export as a service: which sheets, the layouts of the whole workbook, the bytes, and the atomic write to disk.
import path from 'node:path';
import { sheetsById as indexSheets } from '../../../shared/domain/policy';
import type { ExchangeFile, Policy, Sheet } from '../../../shared/domain/schema';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { writeFileAtomic, type AtomicWriteOptions } from '../files';
import {
  layoutMetadata,
  layoutSheet,
  layoutSummary,
  MAX_CELL_TEXT,
  sheetPieces,
  shapeOf,
  planSheet,
  type MetadataEntry,
  type PolicyMetadataEntry,
  type SheetPieces,
  type SummaryEntry,
  type WorksheetLayout,
} from './layout';
import { excelMessages } from './messages';
import { layoutPolicy, programMetadata } from './policy-layout';
import { assignSheetNames } from './sheet-names';
import { ExportAbortedError, writeWorkbook } from './xlsx';

export interface ExportSelection {
  /** Only the sheets of this 局. */
  bureau?: string | undefined;
  /** Only these sheets (by id), in the file's order. */
  sheetIds?: readonly string[] | undefined;
  /**
   * A bureau workbook: with `bureau`, also the worksheets 局運営方針 and 見直し事業一覧 of that 局's policy for the sheets'
   * 年度 (when the document has one). Opt-in, so callers that count worksheets or pages keep what they had.
   */
  includePolicy?: boolean | undefined;
}

export type SelectResult = { ok: true; sheets: Sheet[] } | { ok: false; message: string };

/**
 * The sheets to export, in the file's order. Unknown ids or a 局 without sheets are a message, not an empty file.
 * A file holding several 年度 (after 次年度の作成, or merged files) exports only its own `fiscalYear`: a workbook is
 * one year's submission.
 */
export function selectSheets(file: Pick<ExchangeFile, 'sheets'> & Partial<Pick<ExchangeFile, 'fiscalYear'>>, selection: ExportSelection = {}): SelectResult {
  let sheets = file.sheets;
  const years = new Set(sheets.map((s) => s.fiscalYear));
  if (years.size > 1 && file.fiscalYear !== undefined) {
    const year = file.fiscalYear;
    sheets = sheets.filter((s) => s.fiscalYear === year);
    if (sheets.length === 0) return { ok: false, message: excelMessages.noSheetsOfYear(fiscalYearLabel(year)) };
  }
  if (selection.sheetIds && selection.sheetIds.length > 0) {
    const known = new Set(sheets.map((s) => s.id));
    const missing = selection.sheetIds.filter((id) => !known.has(id));
    if (missing.length > 0) return { ok: false, message: excelMessages.unknownSheetIds(missing) };
    const wanted = new Set(selection.sheetIds);
    sheets = sheets.filter((s) => wanted.has(s.id));
  }
  if (selection.bureau !== undefined && selection.bureau !== '') {
    const bureau = selection.bureau;
    sheets = sheets.filter((s) => s.org.bureau === bureau);
    if (sheets.length === 0) {
      const bureaus = [...new Set(file.sheets.map((s) => s.org.bureau).filter((b) => b !== ''))];
      return { ok: false, message: excelMessages.noSheetsOfBureau(bureau, bureaus) };
    }
  }
  if (sheets.length === 0) return { ok: false, message: excelMessages.noSheets };
  return { ok: true, sheets };
}

/** Texts that must fit one cell (names, 局/部/課, 款/項/目, 財源): Excel refuses cells over 32,767 characters. */
function oversizedText(sheets: readonly Sheet[]): string | null {
  for (const sheet of sheets) {
    const fields: [string, string][] = [
      ['会計', sheet.account],
      ['事務事業名', sheet.name],
      ['局', sheet.org.bureau],
      ['部', sheet.org.department],
      ['課', sheet.org.section],
      ['款', sheet.classification.kan.name],
      ['項', sheet.classification.kou.name],
      ['目', sheet.classification.moku.name],
      ...sheet.specificFunding.map((l, i): [string, string] => [`特定財源${i + 1}行目`, l.source]),
      ...sheet.items.map((item, i): [string, string] => [`主な事業${i + 1}の名称`, item.name]),
    ];
    for (const [label, text] of fields) {
      if (text.length > MAX_CELL_TEXT) return excelMessages.textTooLong(sheet.name, label);
    }
  }
  return null;
}

/** One-cell texts of a policy (names, headings, 説明, 見直し): Excel refuses cells over 32,767 characters. */
function oversizedPolicyText(policy: Policy): string | null {
  const fields: [string, string][] = [
    ['局', policy.bureau],
    ...policy.issues.sections.map((s, i): [string, string] => [`主な現状と課題(${i + 1})の見出し`, s.heading]),
    ...policy.goals.flatMap((goal, g): [string, string][] => [
      [`基本方針(${g + 1})の見出し`, goal.heading],
      ...goal.programs.flatMap((p, k): [string, string][] => [
        [`基本方針(${g + 1})の主要事業${k + 1}の事業名`, `${p.name}\n〔${p.section}〕`],
        [`基本方針(${g + 1})の主要事業${k + 1}の区分`, p.marks.join(' ')],
        [`基本方針(${g + 1})の主要事業${k + 1}の説明`, p.description],
      ]),
    ]),
    ...policy.reviews.flatMap((r, i): [string, string][] => [
      [`見直し事業${i + 1}の課名`, r.section],
      [`見直し事業${i + 1}の事業名`, r.name],
      [`見直し事業${i + 1}の理由及び内容`, r.reason],
    ]),
  ];
  for (const [label, text] of fields) {
    if (text.length > MAX_CELL_TEXT) return excelMessages.policyTextTooLong(policy.bureau, label);
  }
  return null;
}

/**
 * The 局運営方針 a bureau workbook carries: only when the export asks for it, the policy of the 局 it names (or of the
 * one 局 all its sheets belong to) for the sheets' 年度 (the file's 年度 when the sheets span several).
 */
export function policyOfExport(
  file: Pick<ExchangeFile, 'fiscalYear' | 'policies'>,
  sheets: readonly Sheet[],
  selection: ExportSelection,
): Policy | null {
  const bureaus = [...new Set(sheets.map((s) => s.org.bureau))];
  const bureau = selection.bureau ?? (bureaus.length === 1 ? bureaus[0] : undefined);
  if (selection.includePolicy !== true || bureau === undefined || bureau === '') return null;
  const years = [...new Set(sheets.map((s) => s.fiscalYear))];
  const year = years.length === 1 ? (years[0] ?? file.fiscalYear) : file.fiscalYear;
  return file.policies.find((p) => p.bureau === bureau && p.fiscalYear === year) ?? null;
}

/** `政策局 平成27年度 事務事業一覧` for the 一覧's heading, from the sheets' own 局 and 年度. */
export function summaryTitle(sheets: readonly Sheet[], fallbackYear: number): string {
  const bureaus = [...new Set(sheets.map((s) => s.org.bureau).filter((b) => b.trim() !== ''))];
  const years = [...new Set(sheets.map((s) => s.fiscalYear))];
  const year = fiscalYearLabel(years.length === 1 ? (years[0] ?? fallbackYear) : fallbackYear);
  const who = bureaus.length === 0 ? '' : bureaus.length <= 3 ? `${bureaus.join('・')} ` : `${bureaus.slice(0, 3).join('・')} ほか `;
  return `${year} ${who}事務事業一覧`;
}

/** A file name for the save dialog: `政策局_平成27年度_事務事業.xlsx` (made safe by the IPC contract). */
export function defaultWorkbookName(sheets: readonly Sheet[], fiscalYear: number): string {
  const bureaus = [...new Set(sheets.map((s) => s.org.bureau).filter((b) => b.trim() !== ''))];
  const who = bureaus.length === 1 ? `${bureaus[0]}_` : '';
  return `${who}${fiscalYearLabel(fiscalYear)}_事務事業.xlsx`;
}

export interface WorkbookPlan {
  /**
   * The worksheets in tab order: 一覧, 局運営方針 and 見直し事業一覧 (a bureau workbook with a policy), one per sheet, then
   * the hidden metadata. Laid out lazily, one at a time.
   */
  layouts: Iterable<WorksheetLayout>;
  /** Number of worksheets `layouts` yields. */
  worksheetCount: number;
  worksheetNames: string[];
  /** Worksheets between the 一覧 and the first sheet (0, or 2 with a policy). */
  policyWorksheets: number;
}

export interface PolicyPart {
  policy: Policy;
  /** Every sheet of the file (a row linked to a sheet that is not exported still shows its figures). */
  sheets: readonly Sheet[];
}

/**
 * Lays out the whole workbook for the given sheets. Pure. `pieces` (each sheet's long texts cut into rows) may be
 * computed beforehand, in slices, so a large export does not hold the main process for their whole time.
 */
export function planWorkbook(
  file: Pick<ExchangeFile, 'municipality' | 'fiscalYear' | 'version'>,
  sheets: readonly Sheet[],
  pieces: readonly SheetPieces[] = sheets.map(sheetPieces),
  policyPart: PolicyPart | null = null,
): WorkbookPlan {
  const names = assignSheetNames(sheets.map((s) => s.name));
  // The 一覧 refers to cells of every sheet, so every sheet's plan (not its cells) is needed first; only the three
  // cells it refers to are kept.
  const shapes = sheets.map((sheet, i) => shapeOf(pieces[i]!, sheet.specificFunding.length));
  const summaryEntries: SummaryEntry[] = sheets.map((sheet, i) => {
    const { amount, previousAmount, generalFund } = planSheet(shapes[i]!);
    return { sheet, worksheet: names[i]!, plan: { amount, previousAmount, generalFund } };
  });
  const title = summaryTitle(sheets, file.fiscalYear);
  // The policy's two worksheets are small: laid out at once.
  const policy = policyPart ? layoutPolicy(policyPart.policy, indexSheets(policyPart.sheets)) : null;
  const policyWorksheets = policy ? 2 : 0;
  // Tab order: the 一覧 (sheetId 1), the policy's two, then the sheets.
  const metadataEntries: MetadataEntry[] = sheets.map((sheet, i) => ({
    sheet,
    worksheet: names[i]!,
    sheetId: 2 + policyWorksheets + i,
    shape: shapes[i]!,
  }));
  const policyMetadata: PolicyMetadataEntry | null =
    policyPart && policy
      ? {
          policy: policyPart.policy,
          shape: policy.shape,
          programs: policyPart.policy.goals.flatMap((g) => g.programs.map(programMetadata)),
        }
      : null;
  function* layouts(): Generator<WorksheetLayout> {
    yield layoutSummary(summaryEntries, title, file.municipality);
    if (policy) {
      yield policy.policy;
      yield policy.reviews;
    }
    for (let i = 0; i < sheets.length; i++) yield layoutSheet(sheets[i]!, names[i]!, pieces[i]).layout;
    yield layoutMetadata(file, metadataEntries, policyMetadata);
  }
  return {
    layouts: { [Symbol.iterator]: layouts },
    worksheetCount: sheets.length + 2 + policyWorksheets,
    worksheetNames: names,
    policyWorksheets,
  };
}

export interface ExportOptions {
  /** Document properties: who made it and when. */
  creator?: string;
  now?: Date;
  /** Sheets written so far, of all (the 一覧 and the hidden worksheet are not counted). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Sheets planned between two turns of the event loop. */
const PLAN_SLICE = 100;

export type ExportBytesResult =
  | { status: 'ok'; bytes: Buffer; sheetCount: number }
  | { status: 'canceled' }
  | { status: 'error'; message: string };

/** Builds the workbook's bytes for the selected sheets. Never throws for an expected failure. */
export async function exportWorkbook(
  file: ExchangeFile,
  selection: ExportSelection = {},
  options: ExportOptions = {},
): Promise<ExportBytesResult> {
  const selected = selectSheets(file, selection);
  if (!selected.ok) return { status: 'error', message: selected.message };
  const { sheets } = selected;
  const tooLong = oversizedText(sheets);
  if (tooLong) return { status: 'error', message: tooLong };
  const policy = policyOfExport(file, sheets, selection);
  const policyTooLong = policy ? oversizedPolicyText(policy) : null;
  if (policyTooLong) return { status: 'error', message: policyTooLong };
  const total = sheets.length;
  // Cutting long texts into rows is the planning's main cost: done in slices, with a turn of the event loop between.
  const pieces: SheetPieces[] = [];
  for (let i = 0; i < sheets.length; i++) {
    pieces.push(sheetPieces(sheets[i]!));
    if (i % PLAN_SLICE === PLAN_SLICE - 1) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) return { status: 'canceled' };
    }
  }
  const plan = planWorkbook(file, sheets, pieces, policy ? { policy, sheets: file.sheets } : null);
  const skipped = 1 + plan.policyWorksheets;
  await new Promise<void>((resolve) => setImmediate(resolve));
  try {
    const bytes = await writeWorkbook(plan.layouts, plan.worksheetCount, {
      creator: options.creator ?? '予算デスク',
      created: options.now ?? new Date(),
      ...(options.signal ? { signal: options.signal } : {}),
      // Worksheet 1 is the 一覧 (then the policy's) and the last the hidden one: progress counts 事務事業 sheets only.
      onWorksheet: (done) => options.onProgress?.(Math.min(Math.max(done - skipped, 0), total), total),
    });
    return { status: 'ok', bytes, sheetCount: total };
  } catch (error) {
    if (error instanceof ExportAbortedError) return { status: 'canceled' };
    throw error;
  }
}

export type ExportFileResult =
  | { status: 'saved'; path: string; fileName: string; sheetCount: number }
  | { status: 'canceled' }
  | { status: 'error'; message: string };

/** `.xlsx` added when the user typed a name without it. */
export function withWorkbookExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith('.xlsx') ? filePath : `${filePath}.xlsx`;
}

export type SaveBytesResult =
  | { status: 'saved'; path: string; fileName: string; sheetCount: number }
  /** Nothing was written and the old file is untouched; `message` ends with what to do (close it, or 別の名前で保存). */
  | { status: 'error'; message: string; code: string };

/**
 * Writes built bytes: a temporary file in the same folder, fsync, rename. Whatever fails (the file open in Excel,
 * a read-only folder, a full disk), the old file is untouched and the message says what to do; the desktop app then
 * offers 別の名前で保存 with the same bytes.
 */
export async function saveWorkbookBytes(
  filePath: string,
  bytes: Uint8Array,
  sheetCount: number,
  options: AtomicWriteOptions = {},
): Promise<SaveBytesResult> {
  const written = await writeFileAtomic(filePath, bytes, options);
  if (written.ok) return { status: 'saved', path: filePath, fileName: path.basename(filePath), sheetCount };
  const message =
    written.code === 'EBUSY' || written.code === 'EPERM'
      ? excelMessages.fileInUse(path.basename(filePath))
      : written.message;
  return { status: 'error', message, code: written.code };
}

/** Exports to a file: the bytes first, then `saveWorkbookBytes`. */
export async function exportWorkbookToFile(
  filePath: string,
  file: ExchangeFile,
  selection: ExportSelection = {},
  options: ExportOptions & AtomicWriteOptions = {},
): Promise<ExportFileResult> {
  const built = await exportWorkbook(file, selection, options);
  if (built.status !== 'ok') return built;
  const saved = await saveWorkbookBytes(filePath, built.bytes, built.sheetCount, options.rename ? { rename: options.rename } : {});
  return saved.status === 'saved' ? saved : { status: 'error', message: saved.message };
}
