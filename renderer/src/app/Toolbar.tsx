// The toolbar: 年度/局, the sheet actions, undo/redo, 次年度の作成 and 年度を確定, 削除済み and the file commands, Excel出力 and printing, the save state.
import { policyHash } from '../../../shared/routes';
import type { PreviewKind } from '../features/print/PreviewForScope';
import { PolicyEditor } from '../features/policy/lazy';
import { StorageMenu } from '../features/storage/StorageMenu';
import { useSheets } from '../store/context';
import { isYearLocked } from '../store/document';
import type { FileCommands } from './commands/useFileCommands';
import type { SheetCommands } from './commands/useSheetCommands';
import type { YearCommands } from './commands/useYearCommands';
import { SaveIndicator } from './SaveIndicator';
import { ScopeSwitcher } from './ScopeSwitcher';
import { navigate } from './useHashRoute';

export interface ToolbarProps {
  /** The sheet the editor shows (its id from the route), and whether it exists. */
  currentId: string | null;
  currentExists: boolean;
  sheets: SheetCommands;
  files: FileCommands;
  /** 次年度の作成 and 年度を確定. */
  years: YearCommands;
  trashShown: boolean;
  onToggleTrash: () => void;
  /** The 局運営方針 screen is shown: 印刷/PDF previews the policy. */
  policyShown: boolean;
  /** The policy on that screen, whose undo history 元に戻す and やり直し then follow. */
  policyId: string | null;
  undo: () => void;
  redo: () => void;
  onPreview: (kind: PreviewKind) => void;
}

export function Toolbar({ currentId, currentExists, sheets, files, years, trashShown, onToggleTrash, policyShown, policyId, undo, redo, onPreview }: ToolbarProps) {
  // Primitives only: typing in the open sheet must not re-render the toolbar (past.length changes once, at the first edit).
  const currentFinal = useSheets((s) => (currentId ? s.sheets.get(currentId)?.status === 'final' : false));
  const canUndo = useSheets((s) =>
    policyId ? (s.policyHistory[policyId]?.past.length ?? 0) > 0 : currentId ? (s.history[currentId]?.past.length ?? 0) > 0 && !currentFinal : false,
  );
  const canRedo = useSheets((s) =>
    policyId ? (s.policyHistory[policyId]?.future.length ?? 0) > 0 : currentId ? (s.history[currentId]?.future.length ?? 0) > 0 && !currentFinal : false,
  );
  const deletedCount = useSheets((s) => Object.keys(s.deleted).length);
  // Another window edits the data: nothing here may change it.
  const windowReadOnly = useSheets((s) => s.readOnly !== null);
  const bureau = useSheets((s) => s.bureau);
  const fiscalYear = useSheets((s) => s.fiscalYear);
  // A 確定済み year takes no new, copied or deleted sheets and no edits to undo.
  const yearLocked = useSheets((s) => isYearLocked(s, s.fiscalYear));
  return (
    <header className="toolbar" role="toolbar" aria-label="操作">
      <h1 className="app-title">予算デスク</h1>
      <ScopeSwitcher />
      <span className="toolbar-group">
        <button type="button" onClick={sheets.create} disabled={windowReadOnly || yearLocked}>
          新規
        </button>
        <button type="button" onClick={sheets.duplicate} disabled={!currentExists || windowReadOnly || yearLocked}>
          複製
        </button>
        <button type="button" onClick={sheets.remove} disabled={!currentExists || windowReadOnly || yearLocked}>
          削除
        </button>
      </span>
      <span className="toolbar-group">
        {/* An arrow, the words beside it on a wide screen (read aloud always): the toolbar fits one line at 1366 px. */}
        <button type="button" className="icon-button" onClick={undo} disabled={!canUndo || windowReadOnly || yearLocked} title="元に戻す（Ctrl+Z）">
          <UndoArrow />
          <span className="icon-button-text">元に戻す</span>
        </button>
        <button type="button" className="icon-button" onClick={redo} disabled={!canRedo || windowReadOnly || yearLocked} title="やり直し（Ctrl+Y / Ctrl+Shift+Z）">
          <UndoArrow redo />
          <span className="icon-button-text">やり直し</span>
        </button>
      </span>
      <span className="toolbar-group">
        <button
          type="button"
          onClick={() => navigate(policyHash(bureau, fiscalYear))}
          onPointerEnter={PolicyEditor.preload}
          onFocus={PolicyEditor.preload}
          disabled={bureau === ''}
        >
          局運営方針
        </button>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={years.draftNextYear} disabled={windowReadOnly || bureau === ''}>
          次年度の作成
        </button>
        {!yearLocked && (
          <button type="button" onClick={years.lockYear} disabled={windowReadOnly}>
            年度を確定
          </button>
        )}
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={onToggleTrash} aria-pressed={trashShown}>
          削除済み（{deletedCount}）
        </button>
        <button type="button" onClick={() => void files.open('exchange')} disabled={windowReadOnly}>
          開く
        </button>
        <button type="button" onClick={() => void files.open('excel')} disabled={windowReadOnly}>
          Excel読込
        </button>
        <button type="button" onClick={() => void files.exportExchange()}>
          書き出し
        </button>
        <button type="button" onClick={() => void files.saveNow()} title="Ctrl+S">
          保存
        </button>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={() => void files.exportExcel()} disabled={files.excelProgress !== null}>
          Excel出力
        </button>
        {files.excelProgress !== null && (
          <span className="excel-progress" role="status">
            {files.excelProgress}
            <button type="button" onClick={files.cancelExcelExport}>
              中止
            </button>
          </span>
        )}
        <button type="button" onClick={() => onPreview(policyShown ? 'policy' : 'sheet')} disabled={!policyShown && !currentExists} title="Ctrl+P">
          印刷/PDF
        </button>
        <button type="button" onClick={() => onPreview('bureau')}>
          局全体を印刷
        </button>
      </span>
      <SaveIndicator />
      {/* 復元… hands the chosen backup to the merge preview (FileCommands.mergeFrom). */}
      <StorageMenu mergeFrom={files.mergeFrom} />
    </header>
  );
}

function UndoArrow({ redo = false }: { redo?: boolean }) {
  return (
    <svg className={redo ? 'arrow-redo' : undefined} viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
      <path d="M5.5 2.5 2 6l3.5 3.5M2.5 6H10a4 4 0 0 1 0 8H7" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
