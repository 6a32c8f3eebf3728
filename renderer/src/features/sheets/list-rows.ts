// The sheet list's rows: filtered, grouped by 課 (a header row per group), flattened for a virtualised list.
import { statusLabels } from '../../../../shared/domain/labels';
import type { Sheet, SheetStatus } from '../../../../shared/domain/schema';
import { sheetProblems, worstSeverity } from '../../store/selectors';

export interface ListFilter {
  text: string;
  section: string;
  status: SheetStatus | '';
  problemsOnly: boolean;
}

export const emptyFilter: ListFilter = { text: '', section: '', status: '', problemsOnly: false };

export type ListRow =
  | { kind: 'group'; section: string; count: number; severity: 'error' | 'warning' | 'info' | null }
  | { kind: 'sheet'; sheet: Sheet; severity: 'error' | 'warning' | 'info' | null };

const normalise = (s: string) => s.normalize('NFKC').toLowerCase();

export function buildRows(sheets: readonly Sheet[], filter: ListFilter): ListRow[] {
  const text = normalise(filter.text.trim());
  const groups = new Map<string, ListRow[]>();
  for (const sheet of sheets) {
    if (filter.section && sheet.org.section !== filter.section) continue;
    if (filter.status && sheet.status !== filter.status) continue;
    const severity = worstSeverity(sheetProblems(sheet).filter((p) => p.severity !== 'info'));
    if (filter.problemsOnly && severity === null) continue;
    if (text && !normalise(`${sheet.name} ${sheet.org.section} ${statusLabels[sheet.status]}`).includes(text)) continue;
    const key = sheet.org.section;
    const rows = groups.get(key) ?? [];
    rows.push({ kind: 'sheet', sheet, severity });
    groups.set(key, rows);
  }
  const out: ListRow[] = [];
  for (const [section, rows] of groups) {
    const severities = rows.map((r) => (r.kind === 'sheet' ? r.severity : null));
    const severity = severities.includes('error') ? 'error' : severities.includes('warning') ? 'warning' : null;
    out.push({ kind: 'group', section, count: rows.length, severity }, ...rows);
  }
  return out;
}

export function sectionsOf(sheets: readonly Sheet[]): string[] {
  return [...new Set(sheets.map((s) => s.org.section))];
}
