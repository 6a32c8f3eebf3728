// The exchange file's fixed facts (format name, version, extension, size limit) and the one way to build a document.
import type { ExchangeFile, Policy, Sheet } from '../domain/schema';

/** The `format` every exchange file carries. */
export const EXCHANGE_FORMAT = 'yosan-desk';
/** The version this build writes and reads natively; older versions are migrated (see migrations.ts). */
export const EXCHANGE_VERSION = 3;
/** The file name ending of an exchange file. */
export const EXCHANGE_EXTENSION = '.yosan.json';
/** Largest exchange file we read: 20 MiB. A whole city is a few MiB; anything bigger is not ours. */
export const MAX_EXCHANGE_FILE_BYTES = 20 * 1024 * 1024;

/** An exchange document of the current format and version around these sheets and policies. */
export function newExchangeFile(content: {
  municipality: string;
  fiscalYear: number;
  sheets: readonly Sheet[];
  policies: readonly Policy[];
  /** 年度 marked 確定済み; none when left out. */
  lockedYears?: readonly number[];
}): ExchangeFile {
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    municipality: content.municipality,
    fiscalYear: content.fiscalYear,
    sheets: [...content.sheets],
    policies: [...content.policies],
    lockedYears: [...new Set(content.lockedYears ?? [])].sort((a, b) => a - b),
  };
}
