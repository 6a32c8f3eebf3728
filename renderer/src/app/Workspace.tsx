// The main window's three panes, sheet list | editor | checks and totals, with a splitter between each two. The panes
// come in as elements made by App: moving a splitter re-renders this grid and its splitters, never the panes' contents.
import { Activity, useImperativeHandle, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { gridColumns, type Pane } from './pane-layout';
import { PaneSplitter } from './PaneSplitter';
import { usePaneLayout } from './usePaneLayout';

export interface WorkspaceHandle {
  /** Shows a collapsed pane at once (Ctrl+F then focuses the list's search box). */
  reveal: (pane: Pane) => void;
}

export interface WorkspaceProps {
  list: ReactNode;
  editor: ReactNode;
  side: ReactNode;
  ref?: Ref<WorkspaceHandle>;
}

export function Workspace({ list, editor, side, ref }: WorkspaceProps) {
  const { layout, setWidth, setCollapsed } = usePaneLayout();
  useImperativeHandle(
    ref,
    () => ({
      reveal: (pane) => {
        if (layout[pane].collapsed) flushSync(() => setCollapsed(pane, false));
      },
    }),
    [layout, setCollapsed],
  );
  const className = ['workspace', layout.list.collapsed && 'list-collapsed', layout.side.collapsed && 'side-collapsed'].filter(Boolean).join(' ');
  return (
    // A collapsed pane keeps its state (search, filters, chosen totals) for when it returns, but as a hidden Activity
    // its effects are stopped: it follows no edits while hidden (no timer per keystroke, no catch-up when typing
    // pauses) and catches up once, when shown again.
    <div className={className} style={{ gridTemplateColumns: gridColumns(layout) }}>
      <Activity mode={layout.list.collapsed ? 'hidden' : 'visible'}>{list}</Activity>
      <PaneSplitter pane="list" state={layout.list} onWidth={setWidth} onCollapsed={setCollapsed} />
      {editor}
      <PaneSplitter pane="side" state={layout.side} onWidth={setWidth} onCollapsed={setCollapsed} />
      <Activity mode={layout.side.collapsed ? 'hidden' : 'visible'}>{side}</Activity>
    </div>
  );
}
