// `#/print/sheet/<id>` and `#/print/bureau/<局名>?year=<FY>`: the print view alone, as the PDF and the printer get it.
import { useMemo } from 'react';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import type { Route } from '../../../../shared/routes';
import { useSheets } from '../../store/context';
import { sheetsOfScope } from '../../store/selectors';
import { PrintPages } from './PrintPages';

type PrintRouteKind = Extract<Route, { kind: 'print-sheet' | 'print-bureau' }>;

export function PrintRoute({ route }: { route: PrintRouteKind }) {
  const sheets = useSheets((s) => s.sheets);
  const positions = useSheets((s) => s.positions);
  const defaultYear = useSheets((s) => s.fiscalYear);
  const view = useMemo(() => {
    if (route.kind === 'print-sheet') {
      const sheet = sheets[route.id];
      if (!sheet) return null;
      const siblings = sheetsOfScope(sheets, positions, sheet.fiscalYear, sheet.org.bureau);
      return { sheets: [sheet], positions: [siblings.findIndex((s) => s.id === sheet.id) + 1], total: siblings.length };
    }
    const list = sheetsOfScope(sheets, positions, route.fiscalYear ?? defaultYear, route.bureau);
    return { sheets: list, positions: list.map((_, i) => i + 1), total: list.length };
  }, [route, sheets, positions, defaultYear]);

  if (!view) return <p className="print-empty">この事務事業シートは見つかりません。</p>;
  if (view.sheets.length === 0 && route.kind === 'print-bureau') {
    return (
      <p className="print-empty">
        {route.bureau}の{fiscalYearLabel(route.fiscalYear ?? defaultYear)}の事務事業シートはありません。
      </p>
    );
  }
  return <PrintPages sheets={view.sheets} positions={view.positions} total={view.total} />;
}
