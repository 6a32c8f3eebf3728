// The print preview inside the app: the sheet as it will print, what had to be shrunk or cut, and the print actions.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Sheet } from '../../../../shared/domain/schema';
import type { PrintFitResult } from './PrintSheet';
import { PrintPages } from './PrintPages';

export interface PrintPreviewProps {
  sheets: readonly Sheet[];
  positions: readonly number[];
  total: number;
  title: string;
  onClose: () => void;
  onPrint: () => void;
  onSavePdf: () => void;
  busy: string | null;
  onCancel?: () => void;
}

export function PrintPreview({ sheets, positions, total, title, onClose, onPrint, onSavePdf, busy, onCancel }: PrintPreviewProps) {
  const [results, setResults] = useState<PrintFitResult[]>([]);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const onFitted = useCallback((r: PrintFitResult[]) => setResults(r), []);
  const cut = results.filter((r) => r.cutFields.length > 0);
  const names = new Map(sheets.map((s) => [s.id, s.name || '（名称未入力）']));
  const smallest = results.length > 0 ? Math.min(...results.map((r) => r.fontPt)) : null;

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
        <button type="button" onClick={onPrint} disabled={busy !== null}>
          印刷
        </button>
        <button type="button" onClick={onSavePdf} disabled={busy !== null}>
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
        {results.length < sheets.length
          ? `レイアウト中… ${results.length} / ${sheets.length} ページ`
          : `${sheets.length} ページ（1シート1ページ）。文字の大きさ ${smallest ?? ''}pt 以上。`}
        {cut.map((r) => (
          <p key={r.sheetId} className="print-warning">
            「{names.get(r.sheetId)}」は1ページに収まらないため、{r.cutFields.join('、')}の一部を省略して印刷します。収めるには{r.cutFields.join('、')}を短くしてください。
          </p>
        ))}
      </div>
      <div className="print-preview-pages">
        <PrintPages sheets={sheets} positions={positions} total={total} onFitted={onFitted} />
      </div>
    </div>
  );
}
