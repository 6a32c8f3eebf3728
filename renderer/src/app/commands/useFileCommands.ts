// The file commands: 開く and Excel読込 (replace everything after one question), 書き出し, 保存, and Excel出力 with progress and 中止.
import { useCallback, useState } from 'react';
import type { ExchangeFile } from '../../../../shared/domain/schema';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { newExchangeFile } from '../../../../shared/exchange/format';
import { sheetHash } from '../../../../shared/routes';
import { desktop } from '../../desktop';
import { useServices } from '../../store/context';
import { selectScopeSheets } from '../../store/selectors';
import type { SheetsState } from '../../store/sheets-store';
import type { Confirmation } from '../ConfirmDialog';
import { navigate } from '../useHashRoute';
import type { Notice } from '../useNotices';

export interface FileCommands {
  /** 開く (an exchange file) or Excel読込 (a workbook): shows what the file holds and asks before replacing. */
  open: (source: 'exchange' | 'excel') => Promise<void>;
  /** 書き出し: the whole document as an exchange file. */
  exportExchange: () => Promise<void>;
  /** 保存 (Ctrl+S): writes pending edits now; autosave runs anyway. Stable. */
  saveNow: () => Promise<void>;
  /** Excel出力 of the working 局 and 年度. */
  exportExcel: () => Promise<void>;
  /** 「Excel出力中 35 / 120 シート」 while an export runs, else null. */
  excelProgress: string | null;
  cancelExcelExport: () => void;
}

/** The whole document as an exchange file, sheets in list order. */
function documentOf(state: SheetsState): ExchangeFile {
  return newExchangeFile({
    municipality: state.municipality,
    fiscalYear: state.fiscalYear,
    sheets: Object.values(state.sheets).sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0)),
    policies: state.policies,
  });
}

export function useFileCommands({ confirm, notify }: { confirm: (c: Confirmation) => void; notify: (n: Notice) => void }): FileCommands {
  const { store, flush } = useServices();
  const [excelProgress, setExcelProgress] = useState<string | null>(null);

  const saveNow = useCallback(async () => {
    const ok = await flush();
    if (!ok) notify({ tone: 'error', text: '保存できませんでした。右上の表示を確認してください。', clearsWhenSaved: true });
  }, [flush, notify]);

  const open = async (source: 'exchange' | 'excel') => {
    const result = source === 'excel' ? await desktop.importExcel() : await desktop.openExchangeFile();
    if (result.status === 'canceled') return;
    if (result.status === 'error') {
      notify({ tone: 'error', text: result.message });
      return;
    }
    if (result.status === 'problems') {
      notify({ tone: 'error', text: `「${result.fileName}」を開けません。何も変更していません。`, problems: result.problems });
      return;
    }
    const file = result.file;
    confirm({
      title: '交換ファイルを開く',
      message: `「${result.fileName}」（事務事業 ${file.sheets.length} 件、局運営方針 ${file.policies.length} 件）で、いまのデータを置き換えますか？置き換える前のデータが必要な場合は、先に「書き出し」で保存してください。`,
      confirmLabel: '置き換える',
      onConfirm: () => {
        store.getState().replaceWith(file);
        const first = selectScopeSheets(store.getState())[0];
        navigate(first ? sheetHash(first.id) : '#/', { replace: true });
        notify({ tone: 'info', text: `「${result.fileName}」を開きました。` });
      },
    });
  };

  // Both exports flush first, so the file carries the edit typed a moment before.
  const exportExchange = async () => {
    await flush();
    const state = store.getState();
    const result = await desktop.saveExchangeFile({
      file: documentOf(state),
      suggestedName: `${state.bureau}_${fiscalYearLabel(state.fiscalYear)}`,
    });
    if (result.status === 'saved') notify({ tone: 'info', text: `「${result.fileName}」に保存しました。` });
    else if (result.status === 'error') notify({ tone: 'error', text: result.message });
  };

  const exportExcel = async () => {
    await flush();
    const state = store.getState();
    setExcelProgress('Excel出力の準備中…');
    const stop = desktop.onExcelProgress(({ done, total }) => setExcelProgress(`Excel出力中 ${done} / ${total} シート`));
    try {
      const result = await desktop.exportExcel({ file: documentOf(state), bureau: state.bureau });
      if (result.status === 'saved') notify({ tone: 'info', text: `「${result.fileName}」に事務事業 ${result.sheetCount} 件を出力しました。` });
      else if (result.status === 'error') notify({ tone: 'error', text: result.message });
    } finally {
      stop();
      setExcelProgress(null);
    }
  };

  const cancelExcelExport = () => void desktop.cancelExcelExport();

  return { open, exportExchange, saveNow, exportExcel, excelProgress, cancelExcelExport };
}
