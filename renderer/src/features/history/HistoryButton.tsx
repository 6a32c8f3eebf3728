// The 「履歴」 button of a sheet or 局運営方針, which opens its 履歴 panel.
import { memo, Suspense, useState } from 'react';
import { lazyView } from '../../app/lazy-view';
import type { RecordKind } from './history-view';

// Loaded on first use, from its own chunk: the editor does not need it to show. Pointing at or focusing the button
// starts the load, so the panel is usually there by the click.
const HistoryPanel = lazyView(() => import('./HistoryPanel'), (module) => module.HistoryPanel);

export const HistoryButton = memo(function HistoryButton({ kind, recordId, title }: { kind: RecordKind; recordId: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="history-button"
        onClick={() => setOpen(true)}
        onPointerEnter={HistoryPanel.preload}
        onFocus={HistoryPanel.preload}
        aria-haspopup="dialog"
        title="保存された以前の版を見る・戻す"
      >
        履歴
      </button>
      {open && (
        // No fallback: the panel is a modal dialog, so nothing in the window moves while it loads.
        <Suspense fallback={null}>
          <HistoryPanel kind={kind} recordId={recordId} title={title} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
});
