// Electronegativity 1.10.3 over the app (see electronegativity.ts): every finding is in the allow-list with a reason,
// no entry is stale, every file was read, and a HIGH entry names the test that proves it false.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/fresh-build';
import { auditApp, isAllowed, readAllowList, type AllowEntry, type AuditResult } from './electronegativity';

let result: AuditResult;
let allowList: AllowEntry[];

beforeAll(async () => {
  // The production index.html the global setup built and serves (its CSP meta is what the CSP check reads).
  const response = await fetch(new URL('index.html', inject('appUrl')));
  expect(response.ok).toBe(true);
  [result, allowList] = await Promise.all([auditApp(await response.text()), readAllowList()]);
}, 60_000);

const describeFinding = (f: AuditResult['findings'][number]) => `${f.severity} ${f.id} ${f.file}:${f.line}:${f.column} ${f.description}`;

describe('Electronegativity', () => {
  it('reads every file it is given (a file it cannot parse would hide its findings)', () => {
    expect(result.errors).toEqual([]);
  });

  it('finds the windows at all (so a clean run means something)', () => {
    expect(result.findings.some((f) => f.file === 'electron/main/index.ts')).toBe(true);
  });

  it('reports nothing that is not in the allow-list', () => {
    const unlisted = result.findings.filter((finding) => !allowList.some((entry) => isAllowed(finding, entry)));
    expect(unlisted.map(describeFinding)).toEqual([]);
  });

  it('keeps no entry that no longer matches a finding', () => {
    const stale = allowList.filter((entry) => !result.findings.some((finding) => isAllowed(finding, entry)));
    expect(stale.map((entry) => `${entry.id} ${entry.file}`)).toEqual([]);
  });

  it('gives a reason for every entry, and for a HIGH one the test that proves it a false positive', () => {
    for (const entry of allowList) {
      expect(entry.reason.length, `${entry.id} ${entry.file}`).toBeGreaterThan(40);
      if (entry.severity === 'HIGH') {
        expect(entry.reason, `${entry.id} ${entry.file}`).toMatch(/^False positive/);
        expect(entry.proof, `${entry.id} ${entry.file}`).toMatch(/^test\/.+\.test\.ts$/);
        expect(existsSync(path.join(ROOT, entry.proof!)), entry.proof).toBe(true);
      }
    }
  });
});
