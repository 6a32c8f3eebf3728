// The print preview of the open sheet, of the whole 局 and 年度 (optionally after its 局運営方針), or of the 局運営方針
// alone, with 印刷 and PDFに保存 (progress, 中止).
import { useMemo, useState } from 'react';
import { sheetsById } from '../../../../shared/domain/policy';
import type { PrintTarget } from '../../../../shared/routes';
import { desktop } from '../../desktop';
import { useServices, useSheets } from '../../store/context';
import { sheetsOfScope } from '../../store/selectors';
import { yearLabel } from './PrintPolicyRoute';
import { PrintPreview, type PolicyPrint } from './PrintPreview';

export type PreviewKind = 'sheet' | 'bureau' | 'policy';

export interface PreviewForScopeProps {
  /**
   * 'sheet': the open sheet (the whole scope when none is open); 'bureau': every sheet of the 局 and 年度, after its
   * 局運営方針 unless unticked; 'policy': the 局運営方針 alone.
   */
  kind: PreviewKind;
  currentId: string | null;
  /** The 局 and 年度 to print (the policy screen's); the toolbar's scope when absent. */
  scope?: { bureau: string; fiscalYear: number };
  onClose: () => void;
  /** What a print or a PDF did, for the app's notice. */
  onNotice: (notice: { tone: 'info' | 'error'; text: string }) => void;
}

export function PreviewForScope({ kind, currentId, scope, onClose, onNotice }: PreviewForScopeProps) {
  const { flush } = useServices();
  const sheets = useSheets((s) => s.sheets);
  const positions = useSheets((s) => s.positions);
  const policies = useSheets((s) => s.policies);
  const storeYear = useSheets((s) => s.fiscalYear);
  const storeBureau = useSheets((s) => s.bureau);
  const fiscalYear = scope?.fiscalYear ?? storeYear;
  const bureau = scope?.bureau ?? storeBureau;
  const [includeWanted, setIncludeWanted] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const all = sheetsOfScope(sheets, positions, fiscalYear, bureau);
  const current = currentId ? sheets.get(currentId) : undefined;
  const found = policies.find((p) => p.bureau === bureau && p.fiscalYear === fiscalYear);
  const byId = useMemo(() => sheetsById(sheets.toArray()), [sheets]);
  const label = yearLabel(fiscalYear);

  const oneSheet = kind === 'sheet' && current !== undefined;
  const includePolicy = kind === 'policy' || (kind === 'bureau' && found !== undefined && includeWanted);
  const policy: PolicyPrint | null = includePolicy && found ? { policy: found, sheetsById: byId, yearLabel: label } : null;
  const shown = kind === 'policy' ? [] : oneSheet ? [current] : all;
  const shownPositions = shown.map((s) => all.findIndex((x) => x.id === s.id) + 1);
  const title = oneSheet ? current.name || '（名称未入力）' : kind === 'policy' ? `${bureau} ${label} 局運営方針` : `${bureau} ${label}`;
  const target: PrintTarget = oneSheet
    ? { kind: 'sheet', id: current.id }
    : kind === 'policy'
      ? { kind: 'policy', bureau, fiscalYear }
      : { kind: 'bureau', bureau, fiscalYear, withPolicy: policy !== null };
  const suggestedName = oneSheet
    ? `${current.name || '事務事業'}_${label}`
    : kind === 'policy'
      ? `${bureau}_${label}_局運営方針`
      : `${bureau}_${label}`;
  const emptyMessage = kind === 'policy' && !found ? `${bureau}の${label}の局運営方針はありません。局運営方針の画面で作成してから印刷してください。` : null;

  const withProgress = async <T,>(text: string, job: () => Promise<T>): Promise<T> => {
    setBusy(`${text}…`);
    const stop = desktop.onPrintProgress(({ done, total }) => setBusy(`${text} ${done} / ${total} ページ`));
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
  const options =
    kind === 'bureau' && found ? (
      <label className="print-preview-option">
        <input type="checkbox" checked={includeWanted} onChange={(e) => setIncludeWanted(e.target.checked)} disabled={busy !== null} />
        局運営方針を含める
      </label>
    ) : null;
  return (
    <PrintPreview
      sheets={shown}
      positions={shownPositions}
      total={all.length}
      policy={policy}
      title={title}
      options={options}
      emptyMessage={emptyMessage}
      busy={busy}
      onClose={onClose}
      onPrint={() => void print()}
      onSavePdf={() => void savePdf()}
      onCancel={busy ? () => void desktop.cancelPrint() : undefined}
    />
  );
}
