// Opening a sheet by its route, optionally putting the focus on one of its fields once the editor shows it.
import { useCallback, useEffect, useState } from 'react';
import { sheetHash } from '../../../shared/routes';
import { focusField } from '../features/sheets/focus-field';
import { navigate } from './useHashRoute';

export interface OpenSheet {
  open: (sheetId: string) => void;
  /** Opens the sheet and focuses the field at `fieldPath` (事務事業名 when empty). */
  openAt: (sheetId: string, fieldPath: string) => void;
}

/** Both callbacks are stable: the memoised list and checks panel take them. `currentExists`: the editor shows a sheet. */
export function useOpenSheet(currentExists: boolean): OpenSheet {
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);

  // The editor mounts after the route changes: focus on the next frame, once its fields exist.
  useEffect(() => {
    if (!pendingFocus || !currentExists) return;
    const frame = requestAnimationFrame(() => {
      focusField(pendingFocus);
      setPendingFocus(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingFocus, currentExists]);

  const open = useCallback((sheetId: string) => navigate(sheetHash(sheetId)), []);
  const openAt = useCallback(
    (sheetId: string, fieldPath: string) => {
      open(sheetId);
      setPendingFocus(fieldPath || 'name');
    },
    [open],
  );
  return { open, openAt };
}
