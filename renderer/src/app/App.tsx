// The main window, composed: toolbar, notice, sheet list | editor (or 削除済み) | checks & totals, preview and questions.
import { Suspense, useCallback, useRef, useState } from 'react';
// Print, the merge preview and the 局運営方針 editor come from chunks of their own, loaded on first use (lazy-view.tsx).
import type { PreviewKind } from '../features/print/PreviewForScope';
import { PreviewForScope, PrintPolicyRoute, PrintRoute } from '../features/print/lazy';
import { PolicyEditor } from '../features/policy/lazy';
import { ProblemsPanel } from '../features/problems/ProblemsPanel';
import { SheetEditor } from '../features/sheets/SheetEditor';
import { SheetList } from '../features/sheets/SheetList';
import { MergePreview } from '../features/merge/lazy';
import { BureauTotals } from '../features/totals/BureauTotals';
import { useServices, useSheets } from '../store/context';
import { useFileCommands } from './commands/useFileCommands';
import { useSheetCommands } from './commands/useSheetCommands';
import { useYearCommands } from './commands/useYearCommands';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog';
import { PaneBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { ReadOnlyBanner, SetAsideNotice, YearLockedBanner } from './SessionBanners';
import { ViewLoading } from './lazy-view';
import { Toolbar } from './Toolbar';
import { TrashPanel } from './TrashPanel';
import { useHashRoute } from './useHashRoute';
import { useNotices } from './useNotices';
import { useOpenSheet } from './useOpenSheet';
import { useScopeFollowsRoute } from './useScope';
import { useShortcuts } from './useShortcuts';
import { Workspace, type WorkspaceHandle } from './Workspace';

export function App() {
  const route = useHashRoute();
  // Primitive selections only: the shell must not re-render on every keystroke in the editor.
  const phase = useSheets((s) => s.phase);
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const loadError = useSheets((s) => s.loadError);
  const currentId = route.kind === 'sheet' ? route.id : null;
  const currentExists = useSheets((s) => (currentId ? s.sheets.has(currentId) : false));
  // On the 局運営方針 screen, undo and redo (toolbar and shortcuts) act on that policy, as they act on the open sheet.
  const policyId = useSheets((s) =>
    route.kind === 'policy'
      ? (s.policies.find((p) => p.bureau === route.bureau && p.fiscalYear === (route.fiscalYear ?? s.fiscalYear))?.id ?? null)
      : null,
  );
  const { store } = useServices();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [showTrash, setShowTrash] = useState(false);
  const [preview, setPreview] = useState<PreviewKind | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const workspaceRef = useRef<WorkspaceHandle>(null);
  const { notice, notify, dismiss } = useNotices();

  useScopeFollowsRoute(route);
  const { open, openAt } = useOpenSheet(currentExists);
  const sheets = useSheetCommands({ currentId, open, openAt, confirm: setConfirmation, notify });
  const files = useFileCommands({ confirm: setConfirmation, notify });
  const years = useYearCommands({ confirm: setConfirmation, notify });
  const undoPolicy = useCallback(() => void (policyId && store.getState().undoPolicy(policyId)), [policyId, store]);
  const redoPolicy = useCallback(() => void (policyId && store.getState().redoPolicy(policyId)), [policyId, store]);
  const undo = policyId ? undoPolicy : sheets.undo;
  const redo = policyId ? redoPolicy : sheets.redo;
  useShortcuts({
    undo,
    redo,
    save: () => void files.saveNow(),
    find: () => {
      // A collapsed list comes back first: the search box is in it.
      workspaceRef.current?.reveal('list');
      searchRef.current?.focus();
    },
    print: () => setPreview(route.kind === 'policy' ? 'policy' : currentId ? 'sheet' : 'bureau'),
  });

  if (phase === 'loading') return <p className="app-loading">読み込み中…</p>;
  if (phase === 'failed') return <p className="app-failed" role="alert">{loadError}</p>;
  if (route.kind === 'print-sheet' || route.kind === 'print-bureau') {
    return (
      <PaneBoundary pane="print-route">
        <Suspense fallback={<ViewLoading />}>
          <PrintRoute route={route} />
        </Suspense>
      </PaneBoundary>
    );
  }
  if (route.kind === 'print-policy') {
    return (
      <PaneBoundary pane="print-route">
        <Suspense fallback={<ViewLoading />}>
          <PrintPolicyRoute bureau={route.bureau} fiscalYear={route.fiscalYear ?? fiscalYear} />
        </Suspense>
      </PaneBoundary>
    );
  }

  return (
    <div className="app">
      <Toolbar
        currentId={currentId}
        currentExists={currentExists}
        sheets={sheets}
        files={files}
        years={years}
        trashShown={showTrash}
        onToggleTrash={() => setShowTrash((v) => !v)}
        policyShown={route.kind === 'policy'}
        policyId={policyId}
        undo={undo}
        redo={redo}
        onPreview={setPreview}
      />
      <ReadOnlyBanner />
      <YearLockedBanner onUnlock={years.unlockYear} />
      <SetAsideNotice />
      <Notices notice={notice} onDismiss={dismiss} />
      <Workspace
        ref={workspaceRef}
        list={
          // One boundary per pane: a pane that fails shows why in its place, and the others keep working.
          <PaneBoundary pane="sheet-list">
            <SheetList selectedId={currentId} onOpen={open} searchRef={searchRef} />
          </PaneBoundary>
        }
        editor={
          <main className="editor-pane">
            <PaneBoundary pane="editor" resetKey={currentId}>
              {showTrash && <TrashPanel onClose={() => setShowTrash(false)} onRestore={sheets.restore} onEmpty={sheets.emptyTrash} />}
              {route.kind === 'policy' ? (
                <Suspense fallback={<ViewLoading />}>
                  <PolicyEditor bureau={route.bureau} fiscalYear={route.fiscalYear ?? fiscalYear} />
                </Suspense>
              ) : currentId ? (
                <SheetEditor key={currentId} sheetId={currentId} />
              ) : (
                <p className="editor-empty">左の一覧から事務事業シートを選ぶか、「新規」で作成してください。</p>
              )}
            </PaneBoundary>
          </main>
        }
        side={
          <aside className="side-pane" aria-label="チェック・合計">
            <PaneBoundary pane="side">
              <ProblemsPanel onJump={openAt} />
              <BureauTotals />
            </PaneBoundary>
          </aside>
        }
      />
      {preview && (
        <PaneBoundary pane="print" onClose={() => setPreview(null)}>
          {/* No fallback: the preview covers the window, so nothing under it moves while it loads. */}
          <Suspense fallback={null}>
            <PreviewForScope
              kind={preview}
              currentId={currentId}
              scope={route.kind === 'policy' ? { bureau: route.bureau, fiscalYear: route.fiscalYear ?? fiscalYear } : undefined}
              onClose={() => setPreview(null)}
              onNotice={notify}
            />
          </Suspense>
        </PaneBoundary>
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <MergePreview merge={files.merge} />
    </div>
  );
}
