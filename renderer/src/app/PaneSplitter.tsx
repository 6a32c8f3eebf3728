// The strip between a side pane (the sheet list, or checks and totals) and the editor: a splitter to drag or move with
// ←/→ (Shift: larger steps, Home/End: least/most), and a button that hides the pane; a hidden pane leaves a rail whose
// button shows it again.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { widthAfterDrag, widthAfterKey, type Pane, type PaneState } from './pane-layout';

const WORDS: Record<Pane, { name: string; hideArrow: string; showArrow: string }> = {
  list: { name: '一覧', hideArrow: '‹', showArrow: '›' },
  side: { name: 'チェック・合計', hideArrow: '›', showArrow: '‹' },
};

export interface PaneSplitterProps {
  pane: Pane;
  state: PaneState;
  onWidth: (pane: Pane, width: number, keep: boolean) => void;
  onCollapsed: (pane: Pane, collapsed: boolean) => void;
}

export function PaneSplitter({ pane, state, onWidth, onCollapsed }: PaneSplitterProps) {
  const drag = useRef<{ x: number; width: number; pointerId: number; last: number } | null>(null);
  const words = WORDS[pane];

  if (state.collapsed) {
    const label = `${words.name}を表示`;
    return (
      <div className={`pane-gutter pane-gutter-${pane} collapsed`}>
        <button type="button" className="pane-rail" aria-label={label} title={label} onClick={() => onCollapsed(pane, false)}>
          <span className="pane-arrow" aria-hidden="true">
            {words.showArrow}
          </span>
          <span className="pane-rail-name" aria-hidden="true">
            {words.name}
          </span>
        </button>
      </div>
    );
  }

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // No text selection while dragging; focus as a click would give it.
    event.preventDefault();
    event.currentTarget.focus();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width: state.width, pointerId: event.pointerId, last: state.width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start?.pointerId !== event.pointerId) return;
    start.last = widthAfterDrag(pane, start.width, event.clientX - start.x, state);
    onWidth(pane, start.last, false);
  };
  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start?.pointerId !== event.pointerId) return;
    drag.current = null;
    // A cancelled drag (the window lost the pointer) keeps the width last shown.
    onWidth(pane, event.type === 'pointercancel' ? start.last : widthAfterDrag(pane, start.width, event.clientX - start.x, state), true);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const width = widthAfterKey(pane, event.key, event.shiftKey, state);
    if (width === null) return;
    event.preventDefault();
    onWidth(pane, width, true);
  };
  const hide = `${words.name}を隠す`;
  return (
    <div className={`pane-gutter pane-gutter-${pane}`}>
      <div
        className="pane-splitter"
        role="separator"
        tabIndex={0}
        aria-orientation="vertical"
        aria-label={`${words.name}の幅`}
        aria-valuenow={state.width}
        aria-valuemin={state.min}
        aria-valuemax={state.max}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="pane-toggle" aria-label={hide} title={hide} onClick={() => onCollapsed(pane, true)}>
        <span aria-hidden="true">{words.hideArrow}</span>
      </button>
    </div>
  );
}
