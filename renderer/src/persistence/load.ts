// Loading the document from IndexedDB at start (every record validated, the bad ones kept aside), and filling it with
// the built-in sample on first run.
import { z } from 'zod';
import { contentHash } from '../../../shared/domain/diff';
import { describePath } from '../../../shared/domain/labels';
import { policyKey, sheetKey } from '../../../shared/domain/merge';
import { formatPath } from '../../../shared/domain/problem';
import { fiscalYearSchema, policySchema, sheetSchema, type ExchangeFile, type Policy, type Sheet } from '../../../shared/domain/schema';
import { issueWords } from '../../../shared/exchange/read';
import type { SetAsideRecord } from '../store/session';
import { dataFromFile, emptyData, type DeletedSheet, type SheetsData } from '../store/sheets-store';
import { RECORD_FORMAT_VERSION, type QuarantinedRecord, type YosanDb } from './db';
import { migrateStoredContent } from './migrations';
import { SheetMap } from '../store/sheet-map';
import { markStartup } from '../startup-marks';

const storedSheetSchema = z.object({
  id: z.string(),
  sheet: sheetSchema,
  position: z.number(),
  deletedAt: z.string().nullable(),
  formatVersion: z.int().optional(),
});

const storedPolicySchema = z.object({
  id: z.string(),
  policy: policySchema,
  formatVersion: z.int().optional(),
});

const storedScopeSchema = z.object({ fiscalYear: fiscalYearSchema, bureau: z.string(), municipality: z.string() });
const storedLockedYearsSchema = z.array(fiscalYearSchema).max(300);

export type SetAside = SetAsideRecord;

export interface LoadResult {
  data: SheetsData;
  /** Records moved to the quarantine table on this load (they are no longer in the document). */
  setAside: SetAside[];
  /** Sheet records taken in as stored, to be checked right after the first paint (see `verifyLater`). */
  unverified: unknown[];
}

export interface LoadOptions {
  /**
   * Take sheet records in the current format as stored and leave their full check (`countUnusable`) until the list
   * is on screen: the check costs more than reading them. Records of older formats are migrated and checked now.
   */
  verifyLater?: boolean;
}

/** A sheet record as this version of the app writes it, at a glance (its content is checked later). */
function hasCurrentShape(raw: unknown): raw is { id: string; sheet: Sheet; position: number; deletedAt: string | null } {
  if (typeof raw !== 'object' || raw === null) return false;
  const record = raw as Record<string, unknown>;
  const sheet = record['sheet'];
  return (
    record['formatVersion'] === RECORD_FORMAT_VERSION &&
    typeof record['id'] === 'string' &&
    typeof record['position'] === 'number' &&
    (record['deletedAt'] === null || typeof record['deletedAt'] === 'string') &&
    typeof sheet === 'object' &&
    sheet !== null &&
    (sheet as Record<string, unknown>)['id'] === record['id']
  );
}

/**
 * How many of these stored sheet records fail the full check, checked a slice at a time (`sliceMs`) with the page
 * free to paint and take input in between.
 */
export async function countUnusable(records: readonly unknown[], sliceMs = 8): Promise<number> {
  let unusable = 0;
  let sliceStart = performance.now();
  for (const raw of records) {
    if (!readSheetRecord(raw).ok) unusable += 1;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  return unusable;
}

const RECORD_FIELDS: Record<string, string> = { id: 'ID', position: '並び順', deletedAt: '削除日時', formatVersion: '形式の版' };

/** Where in a stored record, in Japanese: `予算額`, `主な事業2 の 主な事業の金額`, `並び順`. */
function whereInRecord(path: readonly PropertyKey[]): string {
  const [field, ...rest] = path;
  if (field === 'sheet') return describePath(['sheets', 0, ...rest]).replace(/^シート1( の )?/, '') || '事務事業シート';
  if (field === 'policy') return describePath(['policies', 0, ...rest]).replace(/^局運営方針1( の )?/, '') || '局運営方針';
  if (typeof field === 'string') return RECORD_FIELDS[field] ?? formatPath(path);
  return '記録全体';
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${whereInRecord(issue.path)}: ${issueWords(issue)}`);
}

function nameIn(record: unknown, field: 'sheet' | 'policy'): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const content = (record as Record<string, unknown>)[field];
  if (typeof content !== 'object' || content === null) return null;
  const value = (content as Record<string, unknown>)[field === 'sheet' ? 'name' : 'bureau'];
  return typeof value === 'string' ? value : null;
}

function keyOf(record: unknown, field: string): string {
  const key = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[field] : undefined;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : '（不明）';
}

function versionOf(record: unknown): number {
  const v = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)['formatVersion'] : undefined;
  return typeof v === 'number' && Number.isInteger(v) ? v : 1;
}

/** A stored sheet record, migrated to the current format and validated; the reasons when it is not usable. */
function readSheetRecord(raw: unknown): { ok: true; id: string; sheet: Sheet; position: number; deletedAt: string | null } | { ok: false; problems: string[] } {
  const content = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['sheet'] : undefined;
  const migrated = typeof raw === 'object' && raw !== null ? { ...raw, sheet: migrateStoredContent('sheets', content, versionOf(raw)) } : raw;
  const parsed = storedSheetSchema.safeParse(migrated, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  if (parsed.data.id !== parsed.data.sheet.id) return { ok: false, problems: [`ID: 記録の ID（${parsed.data.id}）とシートの ID（${parsed.data.sheet.id}）が一致しません。`] };
  return { ok: true, ...parsed.data };
}

function readPolicyRecord(raw: unknown): { ok: true; policy: Policy } | { ok: false; problems: string[] } {
  const content = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['policy'] : undefined;
  const migrated = typeof raw === 'object' && raw !== null ? { ...raw, policy: migrateStoredContent('policies', content, versionOf(raw)) } : raw;
  const parsed = storedPolicySchema.safeParse(migrated, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  if (parsed.data.id !== parsed.data.policy.id) return { ok: false, problems: ['ID: 記録の ID と局運営方針の ID が一致しません。'] };
  return { ok: true, policy: parsed.data.policy };
}

/**
 * Reads everything, validating each record with the shared schemas; null on first run (nothing stored yet).
 * A record that fails is moved, as it is, to the quarantine table (never deleted) and reported in `setAside`.
 */
export async function loadFromDbChecked(db: YosanDb, options: LoadOptions = {}): Promise<LoadResult | null> {
  return db.transaction('rw', db.sheets, db.policies, db.settings, db.quarantine, async () => {
    const initialised = await db.settings.get('initialised');
    if (!initialised) return null;
    const [records, policyRecords, scope, locks] = await Promise.all([
      db.sheets.toArray(),
      db.policies.toArray(),
      db.settings.get('scope'),
      db.settings.get('lockedYears'),
    ]);
    markStartup('records-read');
    const keptAt = new Date().toISOString();
    const quarantined: QuarantinedRecord[] = [];
    const setAside: SetAside[] = [];

    const live: Sheet[] = [];
    const positions: Record<string, number> = {};
    const deleted: Record<string, DeletedSheet> = {};
    const badSheetKeys: string[] = [];
    const unverified: unknown[] = [];
    for (const raw of records as unknown[]) {
      if (options.verifyLater && hasCurrentShape(raw)) {
        unverified.push(raw);
        positions[raw.id] = raw.position;
        if (raw.deletedAt === null) live.push(raw.sheet);
        else deleted[raw.id] = { sheet: raw.sheet, deletedAt: raw.deletedAt };
        continue;
      }
      const read = readSheetRecord(raw);
      if (!read.ok) {
        const key = keyOf(raw, 'id');
        badSheetKeys.push(key);
        quarantined.push({ table: 'sheets', key, record: raw, problems: read.problems, keptAt });
        const name = nameIn(raw, 'sheet');
        setAside.push({ label: name !== null ? `事務事業「${name || '名称未入力'}」` : `事務事業（ID ${key}）`, problems: read.problems });
        continue;
      }
      positions[read.id] = read.position;
      if (read.deletedAt === null) live.push(read.sheet);
      else deleted[read.id] = { sheet: read.sheet, deletedAt: read.deletedAt };
    }

    const policies: Policy[] = [];
    const badPolicyKeys: string[] = [];
    for (const raw of policyRecords as unknown[]) {
      const read = readPolicyRecord(raw);
      if (!read.ok) {
        const key = keyOf(raw, 'id');
        badPolicyKeys.push(key);
        quarantined.push({ table: 'policies', key, record: raw, problems: read.problems, keptAt });
        setAside.push({ label: `局運営方針（${nameIn(raw, 'policy') ?? `ID ${key}`}）`, problems: read.problems });
        continue;
      }
      policies.push(read.policy);
    }

    const scopeRead = storedScopeSchema.safeParse(scope?.value);
    if (scope !== undefined && !scopeRead.success) {
      quarantined.push({ table: 'settings', key: 'scope', record: scope, problems: problemsOf(scopeRead.error), keptAt });
      // The scope is only where the user was; nothing typed is lost, so it is not worth a notice.
    }

    // A damaged list of locks is set aside too; every year then opens unlocked, which loses nothing typed.
    const locksRead = storedLockedYearsSchema.safeParse(locks?.value ?? []);
    if (!locksRead.success) {
      quarantined.push({ table: 'settings', key: 'lockedYears', record: locks, problems: problemsOf(locksRead.error), keptAt });
    }

    markStartup('records-checked');
    if (quarantined.length > 0) {
      await db.quarantine.bulkAdd(quarantined);
      if (badSheetKeys.length > 0) await db.sheets.bulkDelete(badSheetKeys);
      if (badPolicyKeys.length > 0) await db.policies.bulkDelete(badPolicyKeys);
      if (scope !== undefined && !scopeRead.success) await db.settings.delete('scope');
      if (!locksRead.success) await db.settings.delete('lockedYears');
    }
    const data: SheetsData = {
      ...emptyData,
      sheets: SheetMap.of(live),
      positions,
      deleted,
      policies,
      lockedYears: locksRead.success ? [...new Set(locksRead.data)].sort((a, b) => a - b) : [],
      ...(scopeRead.success ? scopeRead.data : {}),
    };
    return { data, setAside, unverified };
  });
}

/** Reads everything (see loadFromDbChecked); null on first run. */
export async function loadFromDb(db: YosanDb): Promise<SheetsData | null> {
  return (await loadFromDbChecked(db))?.data ?? null;
}

/**
 * Stores a whole document (first run with the sample) in one transaction, replacing what was there. Each record's
 * merge base is written too: opening a changed copy of the document later shows 変更, not 競合, for what is not edited here.
 */
export async function storeDocument(db: YosanDb, file: ExchangeFile): Promise<SheetsData> {
  const data = dataFromFile(file);
  await db.transaction('rw', [db.sheets, db.policies, db.settings, db.mergeBases], async () => {
    await db.mergeBases.bulkPut([
      ...file.sheets.map((sheet) => ({ key: sheetKey(sheet.id), hash: contentHash(sheet) })),
      ...file.policies.map((policy) => ({ key: policyKey(policy.id), hash: contentHash(policy) })),
    ]);
    await Promise.all([db.sheets.clear(), db.policies.clear()]);
    await db.sheets.bulkPut(
      data.sheets.toArray().map((sheet) => ({
        id: sheet.id,
        sheet,
        position: data.positions[sheet.id] ?? 0,
        deletedAt: null,
        formatVersion: RECORD_FORMAT_VERSION,
      })),
    );
    await db.policies.bulkPut(data.policies.map((policy) => ({ id: policy.id, policy, formatVersion: RECORD_FORMAT_VERSION })));
    await db.settings.bulkPut([
      { key: 'scope', value: { fiscalYear: data.fiscalYear, bureau: data.bureau, municipality: data.municipality } },
      { key: 'lockedYears', value: data.lockedYears },
      { key: 'initialised', value: true },
    ]);
  });
  return data;
}

/** Opens the stored document, or stores and returns `firstRun()` when nothing is stored yet. */
export async function loadOrInitialiseChecked(db: YosanDb, firstRun: () => ExchangeFile, options: LoadOptions = {}): Promise<LoadResult> {
  return (await loadFromDbChecked(db, options)) ?? { data: await storeDocument(db, firstRun()), setAside: [], unverified: [] };
}

/** Opens the stored document, or stores and returns `firstRun()` when nothing is stored yet. */
export async function loadOrInitialise(db: YosanDb, firstRun: () => ExchangeFile): Promise<SheetsData> {
  return (await loadOrInitialiseChecked(db, firstRun)).data;
}
