// Migrations of the exchange file from each older version to the next. Each has a before/after test.
import { EXCHANGE_VERSION } from './format';

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 64-bit FNV-1a of a text, started from `seed`, then mixed: enough to spread derived ids, not for security. */
function fnv1a64(text: string, seed: bigint): bigint {
  let hash = 0xcbf29ce484222325n ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  // MurmurHash3's finaliser, so ids of neighbouring items do not look alike.
  hash ^= hash >> 33n;
  hash = (hash * 0xff51afd7ed558ccdn) & 0xffffffffffffffffn;
  hash ^= hash >> 33n;
  return hash;
}

/**
 * The id a 主な事業 gets when it had none (version 1 files, a workbook read back): a version-4-shaped UUID hashed from
 * its sheet's id and its position, so migrating the same file twice gives the same ids, and no id looks like a sheet's.
 */
export function derivedItemId(sheetId: string, index: number): string {
  const key = `${sheetId}#item#${index}`;
  const hex = (fnv1a64(key, 1n).toString(16).padStart(16, '0') + fnv1a64(key, 2n).toString(16).padStart(16, '0')).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** 1 → 2: every 主な事業 gets an id; a key-program row's `sheetId` becomes `link` ({ kind: 'sheet' } or null). */
function addItemIdsAndLinks(doc: Doc): Doc {
  const sheets = Array.isArray(doc['sheets'])
    ? doc['sheets'].map((sheet: unknown) => {
        if (!isRecord(sheet) || !Array.isArray(sheet['items'])) return sheet;
        const sheetId = typeof sheet['id'] === 'string' ? sheet['id'] : '';
        const items = sheet['items'].map((item: unknown, i: number) =>
          isRecord(item) && item['id'] === undefined ? { id: derivedItemId(sheetId, i), ...item } : item,
        );
        return { ...sheet, items };
      })
    : doc['sheets'];
  const policies = Array.isArray(doc['policies'])
    ? doc['policies'].map((policy: unknown) => {
        if (!isRecord(policy) || !Array.isArray(policy['goals'])) return policy;
        const goals = policy['goals'].map((goal: unknown) => {
          if (!isRecord(goal) || !Array.isArray(goal['programs'])) return goal;
          const programs = goal['programs'].map((program: unknown) => {
            if (!isRecord(program) || !('sheetId' in program)) return program;
            const { sheetId, ...rest } = program;
            return { ...rest, link: typeof sheetId === 'string' ? { kind: 'sheet', sheetId } : null };
          });
          return { ...goal, programs };
        });
        return { ...policy, goals };
      })
    : doc['policies'];
  return { ...doc, sheets, policies };
}

/** 2 → 3: every sheet remembers the sheet it was drafted from (none before 次年度の作成 existed); no year is locked. */
function addCarriedFromAndLocks(doc: Doc): Doc {
  const sheets = Array.isArray(doc['sheets'])
    ? doc['sheets'].map((sheet: unknown) => (isRecord(sheet) && sheet['carriedFrom'] === undefined ? { ...sheet, carriedFrom: null } : sheet))
    : doc['sheets'];
  return { ...doc, sheets, lockedYears: doc['lockedYears'] ?? [] };
}

/** Upgrades a parsed document of version n to n + 1. Keyed by n. */
export const MIGRATIONS: Readonly<Record<number, (doc: Doc) => Doc>> = {
  1: addItemIdsAndLinks,
  2: addCarriedFromAndLocks,
};

/** Runs every migration from `version` up to the current one. */
export function migrateToCurrent(doc: Doc, version: number): Doc {
  let current = doc;
  for (let v = version; v < EXCHANGE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from exchange version ${v}`);
    current = { ...step(current), version: v + 1 };
  }
  return current;
}
