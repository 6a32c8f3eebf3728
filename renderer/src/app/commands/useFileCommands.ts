// The file commands: 開く and Excel読込 (through the merge preview), 書き出し, 保存, and Excel出力 with progress and 中止.
import { useCallback, useState } from 'react';
import type { ExchangeFile } from '../../../../shared/domain/schema';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { newExchangeFile } from '../../../../shared/exchange/format';
import type { ExchangeOpenManyResult, ExchangeOpenResult } from '../../../../shared/ipc/contract';
import { desktop } from '../../desktop';
import { useMerge, type MergeController } from '../../features/merge/useMerge';
import { useServices } from '../../store/context';
import type { SheetsState } from '../../store/sheets-store';
import type { Confirmation } from '../ConfirmDialog';
import type { Notice } from '../useNotices';

/** One file's answer (Excel読込) as the answer of opening several. */
function asOpenMany(result: ExchangeOpenResult): ExchangeOpenManyResult {
  return result.status === 'opened' || result.status === 'problems' ? { status: 'chosen', files: [result] } : result;
}

export interface FileCommands {
  /** 開く (one or several exchange files) or Excel読込 (a workbook): the merge preview, nothing written until 取り込む. */
  open: (source: 'exchange' | 'excel') => Promise<void>;
  /**
   * The merge preview for files from anywhere (復元 from a backup passes its own picker): `pick` answers like
   * 開く (exchangeOpenManyResultSchema). Stable.
   */
  mergeFrom: (pick: () => Promise<ExchangeOpenManyResult>) => Promise<void>;
  /** The merge preview's state and actions, for MergePreview. */
  merge: MergeController;
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
    sheets: state.sheets.toArray().sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0)),
    policies: state.policies,
  });
}

/** `confirm` is no longer asked: opening files goes through the merge preview instead of one question. */
export function useFileCommands({ notify }: { confirm?: (c: Confirmation) => void; notify: (n: Notice) => void }): FileCommands {
  const { store, flush } = useServices();
  const [excelProgress, setExcelProgress] = useState<string | null>(null);

  const saveNow = useCallback(async () => {
    const ok = await flush();
    if (!ok) notify({ tone: 'error', text: '保存できませんでした。右上の表示を確認してください。', clearsWhenSaved: true });
  }, [flush, notify]);

  const merge = useMerge(notify);
  const { mergeFrom } = merge;
  // Excel読込 reads one workbook; it goes through the same preview as files opened with 開く.
  const open = useCallback(
    (source: 'exchange' | 'excel') => mergeFrom(source === 'excel' ? () => desktop.importExcel().then(asOpenMany) : () => desktop.openExchangeFile()),
    [mergeFrom],
  );

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

  return { open, mergeFrom, merge, exportExchange, saveNow, exportExcel, excelProgress, cancelExcelExport };
}
