// The print routes' content: sheets one per A4 page and nothing else; tells when every page has been fitted.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Sheet } from '../../../../shared/domain/schema';
import { PrintSheet, type PrintFitResult } from './PrintSheet';

/** Set on <html> once every page is laid out: what main (printToPDF) and the tests wait for. */
export const PRINT_READY_ATTRIBUTE = 'data-print-ready';

export interface PrintPagesProps {
  sheets: readonly Sheet[];
  /** Position of each sheet in its bureau's list, for the footer (defaults to the order given). */
  positions?: readonly number[];
  total?: number;
  onFitted?: (results: PrintFitResult[]) => void;
}

export function PrintPages({ sheets, positions, total, onFitted }: PrintPagesProps) {
  const results = useRef(new Map<string, PrintFitResult>());
  const [, setCount] = useState(0);
  const expected = sheets.length;

  const onSheetFitted = useCallback((result: PrintFitResult) => {
    results.current.set(result.sheetId, result);
    setCount(results.current.size);
  }, []);

  useEffect(() => {
    const done = sheets.every((s) => results.current.has(s.id));
    if (!done) {
      document.documentElement.removeAttribute(PRINT_READY_ATTRIBUTE);
      return;
    }
    document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'true');
    onFitted?.(sheets.map((s) => results.current.get(s.id)!));
  });

  useEffect(() => () => document.documentElement.removeAttribute(PRINT_READY_ATTRIBUTE), []);

  if (expected === 0) return <p className="print-empty">印刷する事務事業シートがありません。</p>;
  return (
    <div className="print-pages">
      {sheets.map((sheet, i) => (
        <PrintSheet key={sheet.id} sheet={sheet} position={positions?.[i] ?? i + 1} total={total ?? expected} onFitted={onSheetFitted} />
      ))}
    </div>
  );
}
