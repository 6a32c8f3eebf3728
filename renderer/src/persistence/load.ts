// Loading the document from IndexedDB at start, and filling it with the built-in sample on first run.
import type { ExchangeFile } from '../../../shared/domain/schema';
import { dataFromFile, emptyData, type DeletedSheet, type SheetsData } from '../store/sheets-store';
import type { YosanDb } from './db';

interface StoredScope {
  fiscalYear: number;
  bureau: string;
  municipality: string;
}

function isScope(value: unknown): value is StoredScope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredScope).fiscalYear === 'number' &&
    typeof (value as StoredScope).bureau === 'string' &&
    typeof (value as StoredScope).municipality === 'string'
  );
}

/** Reads everything; null on first run (nothing stored yet). */
export async function loadFromDb(db: YosanDb): Promise<SheetsData | null> {
  return db.transaction('r', db.sheets, db.policies, db.settings, async () => {
    const initialised = await db.settings.get('initialised');
    if (!initialised) return null;
    const [records, policies, scope] = await Promise.all([db.sheets.toArray(), db.policies.toArray(), db.settings.get('scope')]);
    const data: SheetsData = { ...emptyData, policies: policies.map((p) => p.policy) };
    const sheets: Record<string, SheetsData['sheets'][string]> = {};
    const positions: Record<string, number> = {};
    const deleted: Record<string, DeletedSheet> = {};
    for (const r of records) {
      positions[r.id] = r.position;
      if (r.deletedAt === null) sheets[r.id] = r.sheet;
      else deleted[r.id] = { sheet: r.sheet, deletedAt: r.deletedAt };
    }
    const s = scope?.value;
    return {
      ...data,
      sheets,
      positions,
      deleted,
      ...(isScope(s) ? { fiscalYear: s.fiscalYear, bureau: s.bureau, municipality: s.municipality } : {}),
    };
  });
}

/** Stores a whole document (first run with the sample, or an import) in one transaction, replacing what was there. */
export async function storeDocument(db: YosanDb, file: ExchangeFile): Promise<SheetsData> {
  const data = dataFromFile(file);
  await db.transaction('rw', db.sheets, db.policies, db.settings, async () => {
    await Promise.all([db.sheets.clear(), db.policies.clear()]);
    await db.sheets.bulkPut(
      Object.values(data.sheets).map((sheet) => ({ id: sheet.id, sheet, position: data.positions[sheet.id] ?? 0, deletedAt: null })),
    );
    await db.policies.bulkPut(data.policies.map((policy) => ({ id: policy.id, policy })));
    await db.settings.bulkPut([
      { key: 'scope', value: { fiscalYear: data.fiscalYear, bureau: data.bureau, municipality: data.municipality } },
      { key: 'initialised', value: true },
    ]);
  });
  return data;
}

/** Opens the stored document, or stores and returns `firstRun()` when nothing is stored yet. */
export async function loadOrInitialise(db: YosanDb, firstRun: () => ExchangeFile): Promise<SheetsData> {
  return (await loadFromDb(db)) ?? storeDocument(db, firstRun());
}
