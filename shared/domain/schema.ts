// The data model (事務事業 sheet, 局運営方針, exchange file v3) as zod schemas; types are inferred from them. Every
// array has the length limit the exchange file's pre-scan applies (exchange/limits.ts).
import { z } from 'zod';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION } from '../exchange/format';
import { EXCHANGE_ARRAY_LIMITS as LIMITS } from '../exchange/limits';

/** Largest absolute amount we accept, in 千円 (1兆千円). Sums of thousands of these stay exact in a double. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** An amount in 千円: a safe integer within ±MAX_AMOUNT. */
export const amountSchema = z.int().min(-MAX_AMOUNT).max(MAX_AMOUNT);
/** A non-negative amount in 千円, or null while not entered. */
export const budgetAmountSchema = z.int().min(0).max(MAX_AMOUNT).nullable();

export const fiscalYearSchema = z.int().min(1989).max(2200);

export const orgSchema = z.strictObject({
  bureau: z.string(),
  /** May be empty: 東京事務所 hangs directly under the 局. */
  department: z.string(),
  section: z.string(),
});

export const numberedNameSchema = z.strictObject({
  no: z.int().min(1).max(999).nullable(),
  name: z.string(),
});

export const classificationSchema = z.strictObject({
  kan: numberedNameSchema,
  kou: numberedNameSchema,
  moku: numberedNameSchema,
});

export const fundingLineSchema = z.strictObject({
  /** Revenue category name, e.g. 国庫支出金. */
  source: z.string(),
  /** 歳入の款 number, e.g. 15. */
  revenueKan: z.int().min(1).max(999).nullable(),
  amount: budgetAmountSchema,
});

export const itemSchema = z.strictObject({
  /** Stable within its sheet, so a 局運営方針 row that follows this 主な事業 survives reordering (version 2). */
  id: z.uuid(),
  name: z.string(),
  /** null: the document does not state it (not the same as 0). */
  amount: budgetAmountSchema,
  description: z.string(),
});

export const sheetStatusSchema = z.enum(['draft', 'review', 'final']);

export const sheetSchema = z.strictObject({
  id: z.uuid(),
  fiscalYear: fiscalYearSchema,
  account: z.string(),
  name: z.string(),
  org: orgSchema,
  classification: classificationSchema,
  budgetBookPage: z.int().min(1).max(99_999).nullable(),
  amount: budgetAmountSchema,
  previousAmount: budgetAmountSchema,
  specificFunding: z.array(fundingLineSchema).max(LIMITS.specificFunding),
  purpose: z.string(),
  notes: z.string(),
  items: z.array(itemSchema).max(LIMITS.items),
  reference: z.string(),
  status: sheetStatusSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  /**
   * The sheet of the year before that this one was drafted from by 次年度の作成 (version 3), or null. A 局運営方針 row
   * that follows this sheet takes its 前年度 一般財源 from that sheet.
   */
  carriedFrom: z.uuid().nullable(),
});

export const issueSectionSchema = z.strictObject({
  heading: z.string(),
  body: z.string(),
});

export const programLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sheet'), sheetId: z.uuid() }),
  z.strictObject({ kind: z.literal('item'), sheetId: z.uuid(), itemId: z.uuid() }),
]);

export const keyProgramSchema = z.strictObject({
  marks: z.array(z.string()).max(LIMITS.marks),
  name: z.string(),
  section: z.string(),
  amount: budgetAmountSchema,
  generalFund: budgetAmountSchema,
  previousAmount: budgetAmountSchema,
  previousGeneralFund: budgetAmountSchema,
  description: z.string(),
  /**
   * Where the row's figures come from (version 2): a sheet (予算額, 一般財源 and 前年度予算額 follow it), one 主な事業
   * of a sheet (予算額 follows it; 一般財源 typed), or null (typed by hand). The typed figures are kept either way: a
   * row whose source is deleted shows the last figures it had.
   */
  link: programLinkSchema.nullable(),
});

export const goalSchema = z.strictObject({
  heading: z.string(),
  programs: z.array(keyProgramSchema).max(LIMITS.programs),
});

export const reviewSchema = z.strictObject({
  section: z.string(),
  name: z.string(),
  reason: z.string(),
  /** コスト削減額: a reduction stored as a non-negative amount, printed △. */
  saving: budgetAmountSchema,
});

export const policySchema = z.strictObject({
  id: z.uuid(),
  fiscalYear: fiscalYearSchema,
  bureau: z.string(),
  issues: z.strictObject({
    intro: z.string(),
    sections: z.array(issueSectionSchema).max(LIMITS.sections),
  }),
  basicPolicy: z.string(),
  goals: z.array(goalSchema).max(LIMITS.goals),
  reviews: z.array(reviewSchema).max(LIMITS.reviews),
});

export const exchangeFileSchema = z.strictObject({
  format: z.literal(EXCHANGE_FORMAT),
  version: z.literal(EXCHANGE_VERSION),
  municipality: z.string(),
  fiscalYear: fiscalYearSchema,
  sheets: z.array(sheetSchema).max(LIMITS.sheets),
  policies: z.array(policySchema).max(LIMITS.policies),
  /** 年度 marked 確定済み (read-only until reopened on purpose), ascending, each once (version 3). */
  lockedYears: z.array(fiscalYearSchema).max(LIMITS.lockedYears),
});

export type Org = z.infer<typeof orgSchema>;
export type NumberedName = z.infer<typeof numberedNameSchema>;
export type Classification = z.infer<typeof classificationSchema>;
export type FundingLine = z.infer<typeof fundingLineSchema>;
export type Item = z.infer<typeof itemSchema>;
export type SheetStatus = z.infer<typeof sheetStatusSchema>;
export type Sheet = z.infer<typeof sheetSchema>;
export type ProgramLink = z.infer<typeof programLinkSchema>;
export type KeyProgram = z.infer<typeof keyProgramSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type Review = z.infer<typeof reviewSchema>;
export type Policy = z.infer<typeof policySchema>;
export type ExchangeFile = z.infer<typeof exchangeFileSchema>;
