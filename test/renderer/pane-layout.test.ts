import { describe, expect, it } from 'vitest';
import {
  EDITOR_MIN_WIDTH,
  GUTTER_WIDTH,
  PANE_BOUNDS,
  RAIL_WIDTH,
  gridColumns,
  parsePrefs,
  resolveLayout,
  serializePrefs,
  widthAfterDrag,
  widthAfterKey,
  type PaneLayout,
} from '../../renderer/src/app/pane-layout';

/** What the editor is left with: the window less both panes and the strips beside them. */
function editorWidth(layout: PaneLayout, viewport: number): number {
  const taken = (pane: PaneLayout['list']) => (pane.collapsed ? RAIL_WIDTH : pane.width + GUTTER_WIDTH);
  return viewport - taken(layout.list) - taken(layout.side);
}

describe('the default layout for the window at hand', () => {
  it('at 1366 px: list 330, checks and totals 280, both shown, the editor ~736 px as before the splitters', () => {
    const layout = resolveLayout({}, 1366);
    expect(layout.list).toMatchObject({ width: 330, collapsed: false });
    expect(layout.side).toMatchObject({ width: 280, collapsed: false });
    expect(editorWidth(layout, 1366)).toBe(736);
  });

  it('at 1093 px (125 % scaling): the side pane starts collapsed, so the editor keeps its two-column width', () => {
    const layout = resolveLayout({}, 1093);
    expect(layout.list.collapsed).toBe(false);
    expect(layout.side.collapsed).toBe(true);
    expect(editorWidth(layout, 1093)).toBeGreaterThanOrEqual(720);
  });

  it('at 1920 px: wider panes, the editor still the widest', () => {
    const layout = resolveLayout({}, 1920);
    expect(layout.list.width).toBeGreaterThan(330);
    expect(layout.side.width).toBeGreaterThan(280);
    expect(editorWidth(layout, 1920)).toBeGreaterThan(layout.list.width + layout.side.width);
  });

  it('a choice the user made wins over the default, at any width', () => {
    expect(resolveLayout({ sideCollapsed: false }, 1093).side.collapsed).toBe(false);
    expect(resolveLayout({ sideCollapsed: true }, 1920).side.collapsed).toBe(true);
    expect(resolveLayout({ list: 250 }, 1920).list.width).toBe(250);
  });
});

describe('the editor keeps a usable width', () => {
  it('panes too wide for the window shrink, the side pane first, and the stored choice is kept for a wider window', () => {
    const prefs = { list: 600, side: 600 };
    const narrow = resolveLayout({ ...prefs, sideCollapsed: false }, 1366);
    expect(editorWidth(narrow, 1366)).toBe(EDITOR_MIN_WIDTH);
    expect(narrow.list.width).toBe(600);
    expect(narrow.side.width).toBe(1366 - EDITOR_MIN_WIDTH - 2 * GUTTER_WIDTH - 600);
    expect(resolveLayout(prefs, 2560)).toMatchObject({ list: { width: 600 }, side: { width: 600 } });
  });

  it('neither pane goes below its minimum, even when the window is too small for all three', () => {
    const layout = resolveLayout({ list: 500, side: 500, sideCollapsed: false }, 800);
    expect(layout.list.width).toBe(PANE_BOUNDS.list.min);
    expect(layout.side.width).toBe(PANE_BOUNDS.side.min);
  });

  it("a splitter's maximum is what leaves the editor its minimum beside the other pane", () => {
    const layout = resolveLayout({}, 1366);
    expect(layout.list.max).toBe(1366 - EDITOR_MIN_WIDTH - 2 * GUTTER_WIDTH - layout.side.width);
    expect(layout.side.max).toBe(1366 - EDITOR_MIN_WIDTH - 2 * GUTTER_WIDTH - layout.list.width);
    // With the side pane collapsed the list may take its room, up to its own maximum.
    expect(resolveLayout({ sideCollapsed: true }, 1366).list.max).toBe(PANE_BOUNDS.list.max);
  });

  it('gives the grid a column for each pane and each splitter, none for a collapsed pane', () => {
    expect(gridColumns(resolveLayout({}, 1366))).toBe(`330px ${GUTTER_WIDTH}px minmax(0, 1fr) ${GUTTER_WIDTH}px 280px`);
    expect(gridColumns(resolveLayout({ listCollapsed: true, sideCollapsed: true }, 1366))).toBe(`0px ${RAIL_WIDTH}px minmax(0, 1fr) ${RAIL_WIDTH}px 0px`);
  });
});

describe('moving a splitter', () => {
  const state = { width: 330, min: 200, max: 616 };

  it('→ widens the list and ← narrows it, by 10 px or 50 px with Shift; Home and End go to the ends', () => {
    expect(widthAfterKey('list', 'ArrowRight', false, state)).toBe(340);
    expect(widthAfterKey('list', 'ArrowLeft', false, state)).toBe(320);
    expect(widthAfterKey('list', 'ArrowRight', true, state)).toBe(380);
    expect(widthAfterKey('list', 'Home', false, state)).toBe(200);
    expect(widthAfterKey('list', 'End', false, state)).toBe(616);
  });

  it('the side pane sits right of its splitter: ← widens it', () => {
    expect(widthAfterKey('side', 'ArrowLeft', false, state)).toBe(340);
    expect(widthAfterKey('side', 'ArrowRight', true, state)).toBe(280);
  });

  it('stops at the ends and ignores other keys', () => {
    expect(widthAfterKey('list', 'ArrowLeft', true, { ...state, width: 210 })).toBe(200);
    expect(widthAfterKey('list', 'ArrowRight', false, { ...state, width: 612 })).toBe(616);
    expect(widthAfterKey('list', 'ArrowUp', false, state)).toBeNull();
    expect(widthAfterKey('list', 'Enter', false, state)).toBeNull();
  });

  it('dragging follows the pointer, within the bounds', () => {
    expect(widthAfterDrag('list', 330, 45.4, state)).toBe(375);
    expect(widthAfterDrag('side', 330, 45, state)).toBe(285);
    expect(widthAfterDrag('list', 330, -500, state)).toBe(200);
    expect(widthAfterDrag('side', 330, -900, state)).toBe(616);
  });
});

describe('the stored layout', () => {
  it('reads back what was written', () => {
    const prefs = { list: 280, side: 320, listCollapsed: true, sideCollapsed: false };
    expect(parsePrefs(serializePrefs(prefs))).toEqual(prefs);
    expect(parsePrefs(serializePrefs({ list: 280 }))).toEqual({ list: 280 });
  });

  it('falls back to the defaults for anything missing, malformed or out of range, one value at a time', () => {
    for (const raw of [null, undefined, '', 'not json', '[]', 'null', '42', '"x"', `{"list":${'9'.repeat(300)}}`]) expect(parsePrefs(raw)).toEqual({});
    expect(parsePrefs('{"list":5,"side":320}')).toEqual({ side: 320 });
    expect(parsePrefs('{"list":99999,"side":"300","listCollapsed":"yes","sideCollapsed":true}')).toEqual({ sideCollapsed: true });
    expect(parsePrefs('{"list":330.5,"side":1e400}')).toEqual({});
    expect(parsePrefs('{"__proto__":{"list":300}}')).toEqual({});
  });
});
