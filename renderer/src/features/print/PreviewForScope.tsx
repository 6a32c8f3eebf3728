// The print preview of the open sheet or of the whole 局 and 年度, with 印刷 and PDFに保存 (progress, 中止).
import { useState } from 'react';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { desktop } from '../../desktop';
import { useServices, useSheets } from '../../store/context';
import { sheetsOfScope } from '../../store/selectors';
import { PrintPreview } from './PrintPreview';

export interface PreviewForScopeProps {
  /** 'sheet': the open sheet (the whole scope when none is open); 'bureau': every sheet of the 局 and 年度. */
  kind: 'sheet' | 'bureau';
  currentId: string | null;
  onClose: () => void;
  /** What a print or a PDF did, for the app's notice. */
  onNotice: (notice: { tone: 'info' | 'error'; text: string }) => void;
}

export function PreviewForScope({ kind, currentId, onClose, onNotice }: PreviewForScopeProps) {
  const { flush } = useServices();
  const sheets = useSheets((s) => s.sheets);
  const positions = useSheets((s) => s.positions);
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const bureau = useSheets((s) => s.bureau);
  const [busy, setBusy] = useState<string | null>(null);
  const all = sheetsOfScope(sheets, positions, fiscalYear, bureau);
  const current = currentId ? sheets[currentId] : undefined;
  const shown = kind === 'sheet' && current ? [current] : all;
  const shownPositions = shown.map((s) => all.findIndex((x) => x.id === s.id) + 1);
  const title = kind === 'sheet' && current ? current.name || '（名称未入力）' : `${bureau} ${fiscalYearLabel(fiscalYear)}`;
  const target = kind === 'sheet' && current ? { kind: 'sheet' as const, id: current.id } : { kind: 'bureau' as const, bureau, fiscalYear };
  const suggestedName = kind === 'sheet' && current ? `${current.name || '事務事業'}_${fiscalYearLabel(fiscalYear)}` : `${bureau}_${fiscalYearLabel(fiscalYear)}`;

  const withProgress = async <T,>(label: string, job: () => Promise<T>): Promise<T> => {
    setBusy(`${label}…`);
    const stop = desktop.onPrintProgress(({ done, total }) => setBusy(`${label} ${done} / ${total} ページ`));
    try {
      return await job();
    } finally {
      stop();
      setBusy(null);
    }
  };
  // Both flush first: the print window loads the sheets from IndexedDB, which must hold the edit just typed.
  const print = async () => {
    await flush();
    const result = await withProgress('印刷の準備中', () => desktop.printSheets({ target }));
    if (result.status === 'error') onNotice({ tone: 'error', text: result.message });
  };
  const savePdf = async () => {
    await flush();
    const result = await withProgress('PDFを作成中', () => desktop.savePdf({ target, suggestedName }));
    if (result.status === 'saved') onNotice({ tone: 'info', text: `「${result.fileName}」に保存しました（${result.pages} ページ）。` });
    else if (result.status === 'error') onNotice({ tone: 'error', text: result.message });
  };
  return (
    <PrintPreview
      sheets={shown}
      positions={shownPositions}
      total={all.length}
      title={title}
      busy={busy}
      onClose={onClose}
      onPrint={() => void print()}
      onSavePdf={() => void savePdf()}
      onCancel={busy ? () => void desktop.cancelPrint() : undefined}
    />
  );
}
