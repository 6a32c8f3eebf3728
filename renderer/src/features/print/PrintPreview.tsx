// The print preview inside the app: the sheets (and/or the 局運営方針) as they will print, what had to be shrunk or cut,
// and the print actions.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Policy, Sheet } from '../../../../shared/domain/schema';
import type { PrintFitResult } from './PrintSheet';
import { PrintPages } from './PrintPages';
import { PrintPolicyPages } from './PrintPolicyPages';
import { PolicyThenSheets } from './PrintRoute';

/** A 局運営方針 to print, with what its pages need. */
export interface PolicyPrint {
  policy: Policy;
  sheetsById: ReadonlyMap<string, Sheet>;
  /** `平成27年度`. */
  yearLabel: string;
}

export interface PrintPreviewProps {
  /** The sheets, one page each; empty to print the policy alone. */
  sheets: readonly Sheet[];
  positions: readonly number[];
  total: number;
  /** The 局運営方針, printed before the sheets. */
  policy?: PolicyPrint | null;
  title: string;
  /** Extra controls in the bar (局運営方針を含める). */
  options?: ReactNode;
  /** A note under the bar. */
  note?: string | null;
  /** Shown instead of pages when there is nothing to print; 印刷 and PDFに保存 are then disabled. */
  emptyMessage?: string | null;
  onClose: () => void;
  onPrint: () => void;
  onSavePdf: () => void;
  busy: string | null;
  onCancel?: () => void;
}

export function PrintPreview(props: PrintPreviewProps) {
  const { sheets, positions, total, policy, title, options, note, emptyMessage, onClose, onPrint, onSavePdf, busy, onCancel } = props;
  const [results, setResults] = useState<PrintFitResult[]>([]);
  const [policyPages, setPolicyPages] = useState<number | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const onFitted = useCallback((r: PrintFitResult[]) => setResults(r), []);
  const onPolicyPages = useCallback((n: number | null) => setPolicyPages(n), []);
  const cut = results.filter((r) => r.cutFields.length > 0);
  const names = new Map(sheets.map((s) => [s.id, s.name || '（名称未入力）']));
  const smallest = results.length > 0 ? Math.min(...results.map((r) => r.fontPt)) : null;
  const nothing = emptyMessage !== undefined && emptyMessage !== null;

  let status: string;
  if (nothing) status = '';
  else if (policy && policyPages === null) status = '局運営方針をレイアウト中…';
  else if (results.length < sheets.length) status = `レイアウト中… ${results.length} / ${sheets.length} ページ`;
  else if (policy && sheets.length === 0) status = `${policyPages ?? 0} ページ（局運営方針）。`;
  else if (policy) status = `${(policyPages ?? 0) + sheets.length} ページ（局運営方針 ${policyPages ?? 0} ページ、事務事業シート ${sheets.length} ページ）。文字の大きさ ${smallest ?? ''}pt 以上。`;
  else status = `${sheets.length} ページ（1シート1ページ）。文字の大きさ ${smallest ?? ''}pt 以上。`;

  let pages: ReactNode;
  if (nothing) pages = <p className="print-empty">{emptyMessage}</p>;
  else if (policy && sheets.length === 0) pages = <PrintPolicyPages policy={policy.policy} sheetsById={policy.sheetsById} yearLabel={policy.yearLabel} onPages={onPolicyPages} />;
  else if (policy)
    pages = (
      <PolicyThenSheets
        policy={policy.policy}
        sheetsById={policy.sheetsById}
        yearLabel={policy.yearLabel}
        sheets={sheets}
        positions={positions}
        total={total}
        onFitted={onFitted}
        onPolicyPages={onPolicyPages}
      />
    );
  else pages = <PrintPages sheets={sheets} positions={positions} total={total} onFitted={onFitted} />;

  return (
    <div
      className="print-preview"
      data-print-preview
      role="dialog"
      aria-modal="true"
      aria-label={`印刷プレビュー ${title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="print-preview-bar">
        <h2>印刷プレビュー: {title}</h2>
        {options}
        <button type="button" onClick={onPrint} disabled={busy !== null || nothing}>
          印刷
        </button>
        <button type="button" onClick={onSavePdf} disabled={busy !== null || nothing}>
          PDFに保存
        </button>
        {busy !== null && (
          <span className="print-progress" role="status">
            {busy}
            {onCancel && (
              <button type="button" onClick={onCancel}>
                中止
              </button>
            )}
          </span>
        )}
        <button type="button" ref={closeButton} onClick={onClose}>
          閉じる
        </button>
      </div>
      <div className="print-preview-notes" role="status">
        {status}
        {note && <p className="print-warning">{note}</p>}
        {cut.map((r) => (
          <p key={r.sheetId} className="print-warning">
            「{names.get(r.sheetId)}」は1ページに収まらないため、{r.cutFields.join('、')}の一部を省略して印刷します。収めるには{r.cutFields.join('、')}を短くしてください。
          </p>
        ))}
      </div>
      <div className="print-preview-pages">{pages}</div>
    </div>
  );
}
