// The widths of the main window's sheet list and side pane (checks and totals): defaults for the screen at hand, what the
// user chose (kept in localStorage), clamped so the editor between them always keeps a usable width. Pure; no DOM.

export type Pane = 'list' | 'side';

/** What the user chose; a missing key follows the default for the window's width. */
export interface PanePrefs {
  readonly list?: number;
  readonly side?: number;
  readonly listCollapsed?: boolean;
  readonly sideCollapsed?: boolean;
}

export interface PaneState {
  readonly width: number;
  readonly collapsed: boolean;
  /** The range the splitter moves in now (the maximum leaves the editor its minimum width). */
  readonly min: number;
  readonly max: number;
}

export interface PaneLayout {
  readonly list: PaneState;
  readonly side: PaneState;
}

export const PANE_BOUNDS: Readonly<Record<Pane, { min: number; max: number }>> = {
  // Below 200 px the list shows two or three characters of a name; the checks need room for a sentence.
  list: { min: 200, max: 640 },
  side: { min: 220, max: 640 },
};
/** Narrower than this, the sheet form no longer fits even in one column. */
export const EDITOR_MIN_WIDTH = 440;
/** The splitter between an open pane and the editor, and the rail a collapsed pane leaves (its 「…を表示」 button). */
export const GUTTER_WIDTH = 10;
export const RAIL_WIDTH = 24;
/** Below this window width the side pane starts collapsed: list 330 + side 280 would leave the editor too narrow for
 *  the two-column form (at 1093 px, Windows' 125 % of 1366, the editor keeps ~730 px with the side pane collapsed). */
export const SIDE_COLLAPSED_BELOW = 1280;
const WIDE_SCREEN = 1600;

export const KEY_STEP = 10;
export const KEY_STEP_LARGE = 50;

export function defaultWidth(pane: Pane, viewportWidth: number): number {
  // On a wide screen the list shows more of each name and the totals table breathes; elsewhere the sizes the
  // 1366×768 layout was drawn for.
  if (pane === 'list') return viewportWidth >= WIDE_SCREEN ? 400 : 330;
  return viewportWidth >= WIDE_SCREEN ? 360 : 280;
}

export function defaultCollapsed(pane: Pane, viewportWidth: number): boolean {
  return pane === 'side' && viewportWidth < SIDE_COLLAPSED_BELOW;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/** The layout for this window width: the user's choices where made, defaults elsewhere, then fitted around the editor. */
export function resolveLayout(prefs: PanePrefs, viewportWidth: number): PaneLayout {
  const listCollapsed = prefs.listCollapsed ?? defaultCollapsed('list', viewportWidth);
  const sideCollapsed = prefs.sideCollapsed ?? defaultCollapsed('side', viewportWidth);
  const gutters = (listCollapsed ? RAIL_WIDTH : GUTTER_WIDTH) + (sideCollapsed ? RAIL_WIDTH : GUTTER_WIDTH);
  // What the two panes may take together.
  const room = viewportWidth - gutters - EDITOR_MIN_WIDTH;
  let list = clamp(prefs.list ?? defaultWidth('list', viewportWidth), PANE_BOUNDS.list.min, PANE_BOUNDS.list.max);
  let side = clamp(prefs.side ?? defaultWidth('side', viewportWidth), PANE_BOUNDS.side.min, PANE_BOUNDS.side.max);
  const shownList = listCollapsed ? 0 : list;
  const shownSide = sideCollapsed ? 0 : side;
  let excess = shownList + shownSide - room;
  // Too wide for this window: the side pane gives way first (the list is how one moves between sheets), neither below
  // its minimum. The stored choice is kept for a wider window.
  if (excess > 0 && !sideCollapsed) {
    const give = Math.min(excess, side - PANE_BOUNDS.side.min);
    side -= give;
    excess -= give;
  }
  if (excess > 0 && !listCollapsed) list -= Math.min(excess, list - PANE_BOUNDS.list.min);
  return {
    list: { width: list, collapsed: listCollapsed, min: PANE_BOUNDS.list.min, max: clamp(room - (sideCollapsed ? 0 : side), PANE_BOUNDS.list.min, PANE_BOUNDS.list.max) },
    side: { width: side, collapsed: sideCollapsed, min: PANE_BOUNDS.side.min, max: clamp(room - (listCollapsed ? 0 : list), PANE_BOUNDS.side.min, PANE_BOUNDS.side.max) },
  };
}

/** The grid's columns: list | splitter | editor | splitter | side (a collapsed pane takes no width, its rail a little). */
export function gridColumns(layout: PaneLayout): string {
  const { list, side } = layout;
  return [
    `${list.collapsed ? 0 : list.width}px`,
    `${list.collapsed ? RAIL_WIDTH : GUTTER_WIDTH}px`,
    'minmax(0, 1fr)',
    `${side.collapsed ? RAIL_WIDTH : GUTTER_WIDTH}px`,
    `${side.collapsed ? 0 : side.width}px`,
  ].join(' ');
}

/**
 * The width a key on a pane's splitter gives, or null for a key the splitter ignores. ←/→ move the splitter (the list
 * sits left of its splitter, so → widens it; the side pane sits right of its own, so ← widens it), Shift in larger
 * steps; Home and End go to the least and the most the pane may take.
 */
export function widthAfterKey(pane: Pane, key: string, shiftKey: boolean, state: Pick<PaneState, 'width' | 'min' | 'max'>): number | null {
  const step = shiftKey ? KEY_STEP_LARGE : KEY_STEP;
  const grow = pane === 'list' ? 'ArrowRight' : 'ArrowLeft';
  const shrink = pane === 'list' ? 'ArrowLeft' : 'ArrowRight';
  switch (key) {
    case grow:
      return clamp(state.width + step, state.min, state.max);
    case shrink:
      return clamp(state.width - step, state.min, state.max);
    case 'Home':
      return state.min;
    case 'End':
      return state.max;
    default:
      return null;
  }
}

/** The width while dragging the splitter `dx` pixels to the right of where the drag began. */
export function widthAfterDrag(pane: Pane, startWidth: number, dx: number, state: Pick<PaneState, 'min' | 'max'>): number {
  return clamp(Math.round(pane === 'list' ? startWidth + dx : startWidth - dx), state.min, state.max);
}

export const PANE_PREFS_KEY = 'yosan-desk.pane-layout';
// A few short keys: anything longer was not written by us.
const MAX_STORED_LENGTH = 200;

/** The stored choices; anything malformed or out of range is dropped (that pane then follows its default). */
export function parsePrefs(raw: string | null | undefined): PanePrefs {
  if (typeof raw !== 'string' || raw.length > MAX_STORED_LENGTH) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const width = (pane: Pane): number | undefined => {
    const w = record[pane];
    return typeof w === 'number' && Number.isInteger(w) && w >= PANE_BOUNDS[pane].min && w <= PANE_BOUNDS[pane].max ? w : undefined;
  };
  const flag = (key: string): boolean | undefined => (typeof record[key] === 'boolean' ? (record[key] as boolean) : undefined);
  const prefs: { -readonly [K in keyof PanePrefs]: PanePrefs[K] } = {};
  const list = width('list');
  const side = width('side');
  const listCollapsed = flag('listCollapsed');
  const sideCollapsed = flag('sideCollapsed');
  if (list !== undefined) prefs.list = list;
  if (side !== undefined) prefs.side = side;
  if (listCollapsed !== undefined) prefs.listCollapsed = listCollapsed;
  if (sideCollapsed !== undefined) prefs.sideCollapsed = sideCollapsed;
  return prefs;
}

export function serializePrefs(prefs: PanePrefs): string {
  return JSON.stringify({ list: prefs.list, side: prefs.side, listCollapsed: prefs.listCollapsed, sideCollapsed: prefs.sideCollapsed });
}
