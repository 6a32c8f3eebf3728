// A problem found in the data: its severity, where it is (a path into the exchange file) and what to do, in Japanese.
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  /** Path into the exchange file, e.g. `sheets[3].items[1].amount`. */
  path: string;
  /** One or two short Japanese sentences: what happened and what to do. */
  message: string;
  /** The field's name as the form prints it (e.g. 一般財源), when the problem is about one field. */
  field?: string;
  /** The sheet the problem belongs to, when it belongs to one. */
  sheetId?: string;
}

export const severityLabel: Record<Severity, string> = {
  error: 'エラー',
  warning: '警告',
  info: '情報',
};

/** Formats a path from its segments: `['sheets', 3, 'items', 1, 'amount']` → `sheets[3].items[1].amount`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
