// The session slice: where the user is (年度 and 局), whether the document has loaded, and whether this window may edit.

export interface SessionState {
  phase: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  /** The 年度 and 局 the user is working on; the list shows their sheets. Stored, so a restart comes back here. */
  fiscalYear: number;
  bureau: string;
  /**
   * Why this window may not edit (another window holds the data), in Japanese; null when it may. Every change of
   * the document is refused while it is set.
   */
  readOnly: string | null;
  /**
   * Bumped when sheets are added or removed or a sheet moves to another 年度/局: selectors that group sheets by
   * scope recompute only then, not on every keystroke.
   */
  membershipVersion: number;
  /**
   * Which sheets the latest change of `sheets` touched, when that change knows (an edit of one sheet); null when it
   * does not. A new object per change, so the autosave can tell a fresh hint from a stale one: with it, a keystroke's
   * write compares one record instead of every sheet, and any change without one makes it compare them all.
   */
  sheetEditHint: SheetEditHint | null;
  /** Stored records that failed validation on load and were kept aside (never deleted), to tell the user about. */
  setAside: readonly SetAsideRecord[];
}

export interface SheetEditHint {
  sheetIds: readonly string[];
}

/** A record that was not loaded, as the user is told about it. */
export interface SetAsideRecord {
  /** 事務事業「…」, 局運営方針（…）, or the record's key when not even a name can be read. */
  label: string;
  problems: string[];
}
