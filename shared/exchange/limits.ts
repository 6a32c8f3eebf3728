// How big and how deep an exchange file may be: one set of limits for the pre-scan (scan.ts) and the schema (schema.ts).

/**
 * The most elements each array of the exchange file may hold, keyed by the property that holds the array. The schema
 * puts the same number in `.max()` on that array (a test holds the two together). Each is about ten times the most a
 * real 局 has, and small enough that one element's problems (at most items × 4 fields) stay a few hundred:
 * - sheets: a whole city's backup is one file; 20 MiB holds about 10,000 real sheets (about 2 KB each as written), so
 *   20,000 is more than the size limit lets real sheets reach.
 * - policies: one 局運営方針 per 局 and 年度; 1,000 is 30 局 over 33 years.
 * - lockedYears: one per 年度 from 1989 to 2200 at most (the schema's year range), 300.
 * - specificFunding: one line per 特定財源 (国庫支出金, 県支出金, 市債, …), a few on the form; 50.
 * - items: the 主な事業 fill two columns of the sheet's one A4 page; the sample has at most 6; 100.
 * - sections, goals: the 主な現状と課題 and the 基本方針 of one 局, 8 each in the sample; 100.
 * - programs: 主要事業 rows under one 基本方針 (a few in the sample, 10 a 局 in the benches); 500.
 * - reviews: 見直し事業 of one 局 (3 in the sample); 500.
 * - marks: 区分 marks on one 主要事業 row (新規, 拡充, …; at most 3 in the sample); 20.
 */
export const EXCHANGE_ARRAY_LIMITS = {
  sheets: 20_000,
  policies: 1_000,
  lockedYears: 300,
  specificFunding: 50,
  items: 100,
  sections: 100,
  goals: 100,
  programs: 500,
  reviews: 500,
  marks: 20,
} as const;

/** The limit of an array under a property the exchange file does not have (or an array in an array): the largest above. */
export const DEFAULT_ARRAY_LIMIT = Math.max(...Object.values(EXCHANGE_ARRAY_LIMITS));

/** Deepest nesting of arrays and objects. Ours is 8 (file → policies → policy → goals → goal → programs → row → link). */
export const MAX_NESTING_DEPTH = 32;

/** Most properties in one object. Our widest, a sheet, has 17. */
export const MAX_KEYS_PER_OBJECT = 64;

/**
 * Most different key names in one file. Ours has about 60; JSON.parse gives each new name hidden classes of its own,
 * and a file of 1.9 million different names took 6 s and 1.4 GB to parse where the same file with 1,000 took 0.4 s.
 */
export const MAX_KEY_NAMES = 1_000;

/**
 * Most objects and arrays in one file. A real sheet is about 250 bytes of JSON per object or array (84,000 in 20 MiB);
 * the densest valid sheets (empty texts, many 主な事業) about 80 (260,000). Past this, parsing alone costs hundreds of MB.
 */
export const MAX_CONTAINERS = 500_000;

/**
 * Most values of any kind (objects, arrays, strings, numbers, true/false/null) in one file. A real sheet is about 65
 * bytes per value (320,000 in 20 MiB); a sheet with every text empty about 13 (1,600,000).
 */
export const MAX_VALUES = 2_000_000;
