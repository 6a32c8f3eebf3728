// Migrations of the exchange file from each older version to the next; version 1 is the first, so none yet.
import { EXCHANGE_VERSION } from './format';

/** Upgrades a parsed document of version n to n + 1. Keyed by n. Each has a before/after test. */
export const MIGRATIONS: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {};

/** Runs every migration from `version` up to the current one. */
export function migrateToCurrent(doc: Record<string, unknown>, version: number): Record<string, unknown> {
  let current = doc;
  for (let v = version; v < EXCHANGE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from exchange version ${v}`);
    current = { ...step(current), version: v + 1 };
  }
  return current;
}
