// The main window: toolbar, sheet list, the sheet editor and the checks & totals panel; keyboard shortcuts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../../shared/domain/problem';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { desktop } from '../desktop';
import { PrintPreview } from '../features/print/PrintPreview';
import { PrintRoute } from '../features/print/PrintRoute';
import { ProblemsPanel } from '../features/problems/ProblemsPanel';
import { SheetEditor } from '../features/sheets/SheetEditor';
import { SheetList } from '../features/sheets/SheetList';
import { BureauTotals } from '../features/totals/BureauTotals';
import { useServices, useSheets, type AppServices } from '../store/context';
import type { ExchangeFile } from '../../../shared/domain/schema';
import { newExchangeFile } from '../../../shared/exchange/format';
import { selectScopes, selectScopeSheets, sheetsOfScope } from '../store/selectors';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog';
import { sheetHash } from '../../../shared/routes';
import { SaveIndicator } from './SaveIndicator';
import { TrashPanel } from './TrashPanel';
import { navigate, useHashRoute } from './useHashRoute';

interface Notice {
  tone: 'info' | 'error';
  text: string;
  problems?: Problem[];
}

/** Focuses the field at `fieldPath` (or the first field under it) in the open editor. */
function focusField(fieldPath: string): boolean {
  const editor = document.querySelector('.sheet-editor');
  if (!editor) return false;
  const fields = Array.from(editor.querySelectorAll<HTMLElement>('[data-field-path]'));
  const target =
    fields.find((f) => f.dataset['fieldPath'] === fieldPath) ??
    fields.find((f) => (f.dataset['fieldPath'] ?? '').startsWith(fieldPath)) ??
    editor.querySelector<HTMLElement>(`[aria-label="${fieldPath}"] button, [aria-label="${fieldPath}"] input`);
  if (!target) return false;
  target.focus();
  target.scrollIntoView({ block: 'center' });
  return true;
}

export function App() {
  const { store, flush } = useServices();
  const route = useHashRoute();
  const phase = useSheets((s) => s.phase);
  const loadError = useSheets((s) => s.loadError);
  // Primitive or memoised selections only: App must not re-render on every keystroke in another sheet.
  const firstScopeSheetId = useSheets((s) => selectScopeSheets(s)[0]?.id);
  const scopes = useSheets(selectScopes);
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const bureau = useSheets((s) => s.bureau);
  const deletedCount = useSheets((s) => Object.keys(s.deleted).length);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [showTrash, setShowTrash] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [preview, setPreview] = useState<'sheet' | 'bureau' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const currentId = route.kind === 'sheet' ? route.id : null;
  // Only what the shell shows of the open sheet, as primitives: typing in it must not re-render the shell.
  const currentExists = useSheets((s) => (currentId ? s.sheets[currentId] !== undefined : false));
  const currentYear = useSheets((s) => (currentId ? s.sheets[currentId]?.fiscalYear : undefined));
  const currentBureau = useSheets((s) => (currentId ? s.sheets[currentId]?.org.bureau : undefined));
  const currentFinal = useSheets((s) => (currentId ? s.sheets[currentId]?.status === 'final' : false));
  const canUndo = useSheets((s) => (currentId ? (s.history[currentId]?.past.length ?? 0) > 0 : false)) && !currentFinal;
  const canRedo = useSheets((s) => (currentId ? (s.history[currentId]?.future.length ?? 0) > 0 : false)) && !currentFinal;

  // A sheet opened by URL from another 年度/局 switches the scope to it; home opens the scope's first sheet.
  useEffect(() => {
    if (phase !== 'ready') return;
    if (currentYear !== undefined && currentBureau !== undefined && (currentYear !== fiscalYear || currentBureau !== bureau)) {
      store.getState().selectScope(currentYear, currentBureau);
    } else if (route.kind === 'home' && firstScopeSheetId) {
      navigate(sheetHash(firstScopeSheetId), { replace: true });
    }
  }, [phase, currentYear, currentBureau, fiscalYear, bureau, route.kind, firstScopeSheetId, store]);

  useEffect(() => {
    if (!pendingFocus || !currentExists) return;
    const frame = requestAnimationFrame(() => {
      focusField(pendingFocus);
      setPendingFocus(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingFocus, currentExists]);

  const open = useCallback((id: string) => navigate(sheetHash(id)), []);

  const jump = useCallback(
    (sheetId: string, fieldPath: string) => {
      open(sheetId);
      setPendingFocus(fieldPath || 'name');
    },
    [open],
  );

  const undo = useCallback(() => currentId && store.getState().undo(currentId), [currentId, store]);
  const redo = useCallback(() => currentId && store.getState().redo(currentId), [currentId, store]);

  const createSheet = () => {
    const id = store.getState().createSheet();
    open(id);
    setPendingFocus('name');
  };
  const duplicateSheet = () => {
    if (!currentId) return;
    const id = store.getState().duplicateSheet(currentId);
    if (id) open(id);
  };
  const deleteSheet = () => {
    const current = currentId ? store.getState().sheets[currentId] : undefined;
    if (!current) return;
    const name = current.name || '名称未入力のシート';
    setConfirmation({
      title: '事務事業シートの削除',
      message: `「${name}」を削除しますか？削除したシートは「削除済み」から元に戻せます。`,
      confirmLabel: '削除する',
      onConfirm: () => {
        const list = selectScopeSheets(store.getState());
        const at = list.findIndex((s) => s.id === current.id);
        store.getState().deleteSheet(current.id);
        const next = list[at + 1] ?? list[at - 1];
        navigate(next ? sheetHash(next.id) : '#/', { replace: true });
        setNotice({ tone: 'info', text: `「${name}」を削除しました。「削除済み」から元に戻せます。` });
      },
    });
  };

  const saveNow = useCallback(async () => {
    const ok = await flush();
    if (!ok) setNotice({ tone: 'error', text: '保存できませんでした。右上の表示を確認してください。' });
  }, [flush]);

  const exportExchange = async () => {
    await flush();
    const state = store.getState();
    const result = await desktop.saveExchangeFile({
      file: documentOf(state),
      suggestedName: `${state.bureau}_${fiscalYearLabel(state.fiscalYear)}`,
    });
    if (result.status === 'saved') setNotice({ tone: 'info', text: `「${result.fileName}」に保存しました。` });
    else if (result.status === 'error') setNotice({ tone: 'error', text: result.message });
  };

  const [excelProgress, setExcelProgress] = useState<string | null>(null);
  const exportExcel = async () => {
    await flush();
    const state = store.getState();
    setExcelProgress('Excel出力の準備中…');
    const stop = desktop.onExcelProgress(({ done, total }) => setExcelProgress(`Excel出力中 ${done} / ${total} シート`));
    try {
      const result = await desktop.exportExcel({ file: documentOf(state), bureau: state.bureau });
      if (result.status === 'saved') setNotice({ tone: 'info', text: `「${result.fileName}」に事務事業 ${result.sheetCount} 件を出力しました。` });
      else if (result.status === 'error') setNotice({ tone: 'error', text: result.message });
    } finally {
      stop();
      setExcelProgress(null);
    }
  };

  const importExchange = async (source: 'exchange' | 'excel' = 'exchange') => {
    const result = source === 'excel' ? await desktop.importExcel() : await desktop.openExchangeFile();
    if (result.status === 'canceled') return;
    if (result.status === 'error') {
      setNotice({ tone: 'error', text: result.message });
      return;
    }
    if (result.status === 'problems') {
      setNotice({ tone: 'error', text: `「${result.fileName}」を開けません。何も変更していません。`, problems: result.problems });
      return;
    }
    const file = result.file;
    setConfirmation({
      title: '交換ファイルを開く',
      message: `「${result.fileName}」（事務事業 ${file.sheets.length} 件、局運営方針 ${file.policies.length} 件）で、いまのデータを置き換えますか？置き換える前のデータが必要な場合は、先に「書き出し」で保存してください。`,
      confirmLabel: '置き換える',
      onConfirm: () => {
        store.getState().replaceWith(file);
        const first = selectScopeSheets(store.getState())[0];
        navigate(first ? sheetHash(first.id) : '#/', { replace: true });
        setNotice({ tone: 'info', text: `「${result.fileName}」を開きました。` });
      },
    });
  };

  // Shortcuts of UX.md. Undo/redo take over from the browser's own, so the store and the fields stay in step.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || event.keyCode === 229) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else if (key === 's') void saveNow();
      else if (key === 'f') searchRef.current?.focus();
      else if (key === 'p') setPreview(currentId ? 'sheet' : 'bureau');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, saveNow, currentId]);

  if (phase === 'loading') return <p className="app-loading">読み込み中…</p>;
  if (phase === 'failed') return <p className="app-failed" role="alert">{loadError}</p>;
  if (route.kind === 'print-sheet' || route.kind === 'print-bureau') return <PrintRoute route={route} />;


  return (
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="操作">
        <h1 className="app-title">予算デスク</h1>
        <label>
          年度
          <select
            value={fiscalYear}
            onChange={(e) => {
              store.getState().selectScope(Number(e.target.value), bureau);
              const first = selectScopeSheets(store.getState())[0];
              navigate(first ? sheetHash(first.id) : '#/');
            }}
          >
            {scopes.fiscalYears.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </label>
        <label>
          局
          <select
            value={bureau}
            onChange={(e) => {
              store.getState().selectScope(fiscalYear, e.target.value);
              const first = selectScopeSheets(store.getState())[0];
              navigate(first ? sheetHash(first.id) : '#/');
            }}
          >
            {scopes.bureaus.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-group">
          <button type="button" onClick={createSheet}>
            新規
          </button>
          <button type="button" onClick={duplicateSheet} disabled={!currentExists}>
            複製
          </button>
          <button type="button" onClick={deleteSheet} disabled={!currentExists}>
            削除
          </button>
        </span>
        <span className="toolbar-group">
          <button type="button" onClick={undo} disabled={!canUndo} title="Ctrl+Z">
            元に戻す
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} title="Ctrl+Y / Ctrl+Shift+Z">
            やり直し
          </button>
        </span>
        <span className="toolbar-group">
          <button type="button" onClick={() => setShowTrash((v) => !v)} aria-pressed={showTrash}>
            削除済み（{deletedCount}）
          </button>
          <button type="button" onClick={() => void importExchange()}>
            開く
          </button>
          <button type="button" onClick={() => void importExchange('excel')}>
            Excel読込
          </button>
          <button type="button" onClick={() => void exportExchange()}>
            書き出し
          </button>
          <button type="button" onClick={() => void saveNow()} title="Ctrl+S">
            保存
          </button>
        </span>
        <span className="toolbar-group">
          <button type="button" onClick={() => void exportExcel()} disabled={excelProgress !== null}>
            Excel出力
          </button>
          {excelProgress !== null && (
            <span className="excel-progress" role="status">
              {excelProgress}
              <button type="button" onClick={() => void desktop.cancelExcelExport()}>
                中止
              </button>
            </span>
          )}
          <button type="button" onClick={() => setPreview('sheet')} disabled={!currentExists} title="Ctrl+P">
            印刷/PDF
          </button>
          <button type="button" onClick={() => setPreview('bureau')}>
            局全体を印刷
          </button>
        </span>
        <SaveIndicator />
      </header>
      {notice && (
        <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.problems && (
            <ul>
              {notice.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => setNotice(null)} aria-label="お知らせを閉じる">
            ×
          </button>
        </div>
      )}
      <div className="workspace">
        <SheetList selectedId={currentId} onOpen={open} searchRef={searchRef} />
        <main className="editor-pane">
          {showTrash && (
            <TrashPanel
              onClose={() => setShowTrash(false)}
              onRestore={(id) => {
                store.getState().restoreSheet(id);
                open(id);
              }}
              onEmpty={() =>
                setConfirmation({
                  title: '削除済みを空にする',
                  message: `削除済みのシート ${deletedCount} 件を完全に削除しますか？この操作は元に戻せません。`,
                  confirmLabel: '完全に削除する',
                  onConfirm: () => store.getState().emptyTrash(),
                })
              }
            />
          )}
          {currentId ? (
            <SheetEditor key={currentId} sheetId={currentId} />
          ) : (
            <p className="editor-empty">左の一覧から事務事業シートを選ぶか、「新規」で作成してください。</p>
          )}
        </main>
        <aside className="side-pane">
          <ProblemsPanel onJump={jump} />
          <BureauTotals />
        </aside>
      </div>
      {preview && (
        <PreviewForScope kind={preview} currentId={currentId} onClose={() => setPreview(null)} onNotice={setNotice} />
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </div>
  );
}

/** The preview of the open sheet or of the whole 局 and 年度, with the print actions. */
function PreviewForScope({ kind, currentId, onClose, onNotice }: { kind: 'sheet' | 'bureau'; currentId: string | null; onClose: () => void; onNotice: (n: Notice) => void }) {
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

/** The whole document as an exchange file, sheets in list order. */
function documentOf(state: ReturnType<AppServices['store']['getState']>): ExchangeFile {
  return newExchangeFile({
    municipality: state.municipality,
    fiscalYear: state.fiscalYear,
    sheets: Object.values(state.sheets).sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0)),
    policies: state.policies,
  });
}
