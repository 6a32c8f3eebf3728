// The 「履歴」 button of a sheet or 局運営方針, which opens its 履歴 panel.
import { memo, useState } from 'react';
import type { RecordKind } from './history-view';
import { HistoryPanel } from './HistoryPanel';

export const HistoryButton = memo(function HistoryButton({ kind, recordId, title }: { kind: RecordKind; recordId: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="history-button" onClick={() => setOpen(true)} aria-haspopup="dialog" title="保存された以前の版を見る・戻す">
        履歴
      </button>
      {open && <HistoryPanel kind={kind} recordId={recordId} title={title} onClose={() => setOpen(false)} />}
    </>
  );
});
