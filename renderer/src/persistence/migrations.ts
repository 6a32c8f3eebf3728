// Every version of the IndexedDB schema, with the upgrade from the one before, and the exchange-format migration of
// stored records: the one place that knows how old data becomes current. Each step has a before/after test.
import type { Transaction } from 'dexie';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION } from '../../../shared/exchange/format';
import { migrateToCurrent } from '../../../shared/exchange/migrations';

export interface DbVersion {
  version: number;
  /** Dexie's store declarations: primary key first, then indexes. */
  stores: Record<string, string | null>;
  /** Rewrites the records of the version before; runs once, inside Dexie's upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Brings every stored sheet and policy to the current exchange format, with the same migrations as a file. */
async function bringRecordsToCurrentFormat(tx: Transaction): Promise<void> {
  for (const [table, field] of [
    ['sheets', 'sheet'],
    ['policies', 'policy'],
  ] as const) {
    await tx.table(table).toCollection().modify((record: Record<string, unknown>) => {
      const from = typeof record['formatVersion'] === 'number' ? record['formatVersion'] : 1;
      if (from >= EXCHANGE_VERSION) return;
      record[field] = migrateStoredContent(table, record[field], from);
      record['formatVersion'] = EXCHANGE_VERSION;
    });
  }
}

export const DB_VERSIONS: readonly DbVersion[] = [
  { version: 1, stores: { sheets: 'id', policies: 'id', settings: 'key' } },
  {
    // 2: records say which exchange-format version their sheet or policy is in, so a future format change can
    // migrate them on load; records that fail validation are kept aside in `quarantine`, never deleted.
    version: 2,
    stores: { sheets: 'id', policies: 'id', settings: 'key', quarantine: '++seq' },
    upgrade: async (tx) => {
      await tx.table('sheets').toCollection().modify((record: Record<string, unknown>) => {
        record['formatVersion'] = 1;
      });
      await tx.table('policies').toCollection().modify((record: Record<string, unknown>) => {
        record['formatVersion'] = 1;
      });
    },
  },
  {
    // 3: records brought to exchange format 2 (an id per 主な事業, key-program rows' `link`), with the same migration
    // as a file, so a link to a 主な事業 can be made on data that was typed before.
    version: 3,
    stores: { sheets: 'id', policies: 'id', settings: 'key', quarantine: '++seq' },
    upgrade: bringRecordsToCurrentFormat,
  },
  {
    // 4: records brought to exchange format 3 (each sheet's `carriedFrom`); earlier versions of each sheet and policy
    // (`versions`, for 履歴), and what each record was when a file last brought it (`mergeBases`, so opening a file
    // can tell a change in the file from an edit made here since). Locked years live in settings ('lockedYears').
    version: 4,
    stores: {
      sheets: 'id',
      policies: 'id',
      settings: 'key',
      quarantine: '++seq',
      versions: '++seq, [kind+recordId], takenAt',
      mergeBases: 'key',
    },
    upgrade: bringRecordsToCurrentFormat,
  },
];

export const CURRENT_DB_VERSION = DB_VERSIONS[DB_VERSIONS.length - 1]?.version ?? 1;

/**
 * A stored sheet or policy written in an older exchange-format version, brought to the current one by the same
 * migrations as a file (wrapped in a one-record document). Returns the value unchanged when it is current.
 */
export function migrateStoredContent(kind: 'sheets' | 'policies', content: unknown, formatVersion: number): unknown {
  if (formatVersion >= EXCHANGE_VERSION) return content;
  const wrapped = { format: EXCHANGE_FORMAT, version: formatVersion, municipality: '', fiscalYear: 2015, sheets: [], policies: [], lockedYears: [], [kind]: [content] };
  const migrated = migrateToCurrent(wrapped, formatVersion)[kind];
  return Array.isArray(migrated) ? migrated[0] : undefined;
}
