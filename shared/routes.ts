// Hash routes, a public contract shared by the renderer and main (which opens print routes): `#/sheet/<id>`,
// `#/policy/<局名>?year=<FY>`, `#/print/sheet/<id>`, `#/print/bureau/<局名>?year=<FY>`, `#/print/policy/<局名>?year=<FY>`.

export type Route =
  | { kind: 'home' }
  | { kind: 'sheet'; id: string }
  | { kind: 'print-sheet'; id: string }
  | { kind: 'print-bureau'; bureau: string; fiscalYear: number | null }
  | { kind: 'policy'; bureau: string; fiscalYear: number | null }
  | { kind: 'print-policy'; bureau: string; fiscalYear: number | null };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'sheet' && parts[1]) {
    const id = decode(parts[1]);
    if (id) return { kind: 'sheet', id };
  }
  if (parts[0] === 'print' && parts[1] === 'sheet' && parts[2]) {
    const id = decode(parts[2]);
    if (id) return { kind: 'print-sheet', id };
  }
  // No URLSearchParams: shared/ sees neither DOM nor Node.
  const year = /(?:^|&)year=(\d{4})(?:&|$)/.exec(query)?.[1];
  const fiscalYear = year ? Number(year) : null;
  if (parts[0] === 'print' && (parts[1] === 'bureau' || parts[1] === 'policy') && parts[2]) {
    const bureau = decode(parts[2]);
    if (bureau) return { kind: parts[1] === 'bureau' ? 'print-bureau' : 'print-policy', bureau, fiscalYear };
  }
  if (parts[0] === 'policy' && parts[1]) {
    const bureau = decode(parts[1]);
    if (bureau) return { kind: 'policy', bureau, fiscalYear };
  }
  return { kind: 'home' };
}

export function sheetHash(id: string): string {
  return `#/sheet/${encodeURIComponent(id)}`;
}

export function printSheetHash(id: string): string {
  return `#/print/sheet/${encodeURIComponent(id)}`;
}

export function printBureauHash(bureau: string, fiscalYear: number): string {
  return `#/print/bureau/${encodeURIComponent(bureau)}?year=${fiscalYear}`;
}

/** The 局運営方針 of a 局 and 年度, to edit. */
export function policyHash(bureau: string, fiscalYear: number): string {
  return `#/policy/${encodeURIComponent(bureau)}?year=${fiscalYear}`;
}

/** The 局運営方針 of a 局 and 年度, laid out for A4 (several pages). */
export function printPolicyHash(bureau: string, fiscalYear: number): string {
  return `#/print/policy/${encodeURIComponent(bureau)}?year=${fiscalYear}`;
}

/** What a print job prints: one sheet, every sheet of a 局 and 年度 (after its 局運営方針 with `withPolicy`), or the 局運営方針. */
export type PrintTarget =
  | { kind: 'sheet'; id: string }
  | { kind: 'bureau'; bureau: string; fiscalYear: number; withPolicy?: boolean }
  | { kind: 'policy'; bureau: string; fiscalYear: number };

export function printTargetHash(target: PrintTarget): string {
  if (target.kind === 'sheet') return printSheetHash(target.id);
  if (target.kind === 'policy') return printPolicyHash(target.bureau, target.fiscalYear);
  // `&policy=1`: the 局運営方針's pages, then the sheets (read by the print route).
  return `${printBureauHash(target.bureau, target.fiscalYear)}${target.withPolicy ? '&policy=1' : ''}`;
}
