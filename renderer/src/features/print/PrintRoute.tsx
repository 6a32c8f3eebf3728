// `#/print/sheet/<id>` and `#/print/bureau/<局名>?year=<FY>`: the print view alone, as the PDF and the printer get it.
// `#/print/bureau/<局名>?year=<FY>&policy=1` prints the 局's 局運営方針 first, then its sheets (the policy flag is read
// from the hash here: shared/routes.ts parses only the year).
import { useCallback, useMemo, useState } from 'react';
import { sheetsById } from '../../../../shared/domain/policy';
import type { Policy, Sheet } from '../../../../shared/domain/schema';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import type { Route } from '../../../../shared/routes';
import { useSheets } from '../../store/context';
import { sheetsOfScope } from '../../store/selectors';
import { PrintPages } from './PrintPages';
import type { PrintFitResult } from './PrintSheet';
import { PrintPolicyPages } from './PrintPolicyPages';
import { yearLabel } from './PrintPolicyRoute';

type PrintRouteKind = Extract<Route, { kind: 'print-sheet' | 'print-bureau' }>;

/** Whether a bureau print route asks for the 局運営方針 before the sheets (`&policy=1`). */
export function hashAsksForPolicy(hash: string): boolean {
  const query = hash.split('?', 2)[1] ?? '';
  return /(?:^|&)policy=1(?:&|$)/.test(query);
}

export interface PolicyThenSheetsProps {
  policy: Policy;
  sheetsById: ReadonlyMap<string, Sheet>;
  yearLabel: string;
  sheets: readonly Sheet[];
  positions: readonly number[];
  total: number;
  onFitted?: (results: PrintFitResult[]) => void;
  onPolicyPages?: (pages: number | null) => void;
}

/**
 * The 局運営方針's pages, then one page per sheet. The sheets mount only once the policy is laid out, so the ready
 * flag (owned by PrintPages) means every page of both is final, and `.print-page` counts them all, in print order.
 */
export function PolicyThenSheets({ policy, sheetsById: byId, yearLabel: label, sheets, positions, total, onFitted, onPolicyPages }: PolicyThenSheetsProps) {
  const [policyPages, setPolicyPages] = useState<number | null>(null);
  const onPages = useCallback(
    (pages: number | null) => {
      setPolicyPages(pages);
      onPolicyPages?.(pages);
    },
    [onPolicyPages],
  );
  return (
    <>
      <PrintPolicyPages policy={policy} sheetsById={byId} yearLabel={label} ownsReadyFlag={false} onPages={onPages} />
      {policyPages !== null && <PrintPages sheets={sheets} positions={positions} total={total} onFitted={onFitted} />}
    </>
  );
}

export function PrintRoute({ route }: { route: PrintRouteKind }) {
  const sheets = useSheets((s) => s.sheets);
  const positions = useSheets((s) => s.positions);
  const policies = useSheets((s) => s.policies);
  const defaultYear = useSheets((s) => s.fiscalYear);
  const withPolicy = route.kind === 'print-bureau' && hashAsksForPolicy(window.location.hash);
  const view = useMemo(() => {
    if (route.kind === 'print-sheet') {
      const sheet = sheets.get(route.id);
      if (!sheet) return null;
      const siblings = sheetsOfScope(sheets, positions, sheet.fiscalYear, sheet.org.bureau);
      return { sheets: [sheet], positions: [siblings.findIndex((s) => s.id === sheet.id) + 1], total: siblings.length };
    }
    const list = sheetsOfScope(sheets, positions, route.fiscalYear ?? defaultYear, route.bureau);
    return { sheets: list, positions: list.map((_, i) => i + 1), total: list.length };
  }, [route, sheets, positions, defaultYear]);
  const fiscalYear = route.kind === 'print-bureau' ? (route.fiscalYear ?? defaultYear) : defaultYear;
  const policy = withPolicy && route.kind === 'print-bureau' ? policies.find((p) => p.bureau === route.bureau && p.fiscalYear === fiscalYear) : undefined;
  const byId = useMemo(() => (policy ? sheetsById(sheets.toArray()) : null), [policy, sheets]);

  if (!view) return <p className="print-empty">この事務事業シートは見つかりません。</p>;
  if (policy && byId) {
    // A 局 with a policy and no sheets yet prints its policy alone.
    if (view.sheets.length === 0) return <PrintPolicyPages policy={policy} sheetsById={byId} yearLabel={yearLabel(policy.fiscalYear)} />;
    return (
      <PolicyThenSheets
        policy={policy}
        sheetsById={byId}
        yearLabel={yearLabel(policy.fiscalYear)}
        sheets={view.sheets}
        positions={view.positions}
        total={view.total}
      />
    );
  }
  if (view.sheets.length === 0 && route.kind === 'print-bureau') {
    return (
      <p className="print-empty">
        {route.bureau}の{fiscalYearLabel(fiscalYear)}の事務事業シートはありません。
      </p>
    );
  }
  return <PrintPages sheets={view.sheets} positions={view.positions} total={view.total} />;
}
