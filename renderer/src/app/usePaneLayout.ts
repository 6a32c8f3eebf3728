// The pane layout of this window: the user's choices (kept across reloads in localStorage), the window's width, and
// the widths both give (pane-layout.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PANE_PREFS_KEY, parsePrefs, resolveLayout, serializePrefs, type Pane, type PaneLayout, type PanePrefs } from './pane-layout';

export interface PaneLayoutControls {
  layout: PaneLayout;
  /** While dragging, `keep` false: the width shows at once and is stored when the drag ends. */
  setWidth: (pane: Pane, width: number, keep: boolean) => void;
  setCollapsed: (pane: Pane, collapsed: boolean) => void;
}

function readPrefs(): PanePrefs {
  try {
    return parsePrefs(window.localStorage.getItem(PANE_PREFS_KEY));
  } catch {
    // Storage turned off: the defaults, every time.
    return {};
  }
}

function writePrefs(prefs: PanePrefs): void {
  try {
    window.localStorage.setItem(PANE_PREFS_KEY, serializePrefs(prefs));
  } catch {
    // Not kept across reloads; the layout still works for this session.
  }
}

const viewportWidth = () => document.documentElement.clientWidth;

export function usePaneLayout(): PaneLayoutControls {
  const [prefs, setPrefs] = useState(readPrefs);
  const [width, setViewportWidth] = useState(viewportWidth);

  useEffect(() => {
    const onResize = () => setViewportWidth(viewportWidth());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const layout = useMemo(() => resolveLayout(prefs, width), [prefs, width]);

  const latest = useRef(prefs);
  const update = useCallback((change: PanePrefs, keep: boolean) => {
    const next = { ...latest.current, ...change };
    latest.current = next;
    setPrefs(next);
    if (keep) writePrefs(next);
  }, []);

  const setWidth = useCallback((pane: Pane, w: number, keep: boolean) => update(pane === 'list' ? { list: w } : { side: w }, keep), [update]);
  const setCollapsed = useCallback(
    (pane: Pane, collapsed: boolean) => update(pane === 'list' ? { listCollapsed: collapsed } : { sideCollapsed: collapsed }, true),
    [update],
  );
  return { layout, setWidth, setCollapsed };
}
