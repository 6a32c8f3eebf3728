// All checks of an exchange document: every sheet, then every policy, in file order.
import { checkPolicy, sheetsById } from './policy';
import type { Problem } from './problem';
import type { ExchangeFile } from './schema';
import { checkSheet } from './sheet';

export function checkDocument(file: Pick<ExchangeFile, 'sheets' | 'policies'>): Problem[] {
  const problems = file.sheets.flatMap((sheet, i) => checkSheet(sheet, i));
  const byId = sheetsById(file.sheets);
  file.policies.forEach((policy, i) => problems.push(...checkPolicy(policy, i, byId)));
  return problems;
}

export function countBySeverity(problems: readonly Problem[]): Record<Problem['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity] += 1;
  return counts;
}
