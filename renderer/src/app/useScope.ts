// The working 年度 and 局: switching it in one place, for the toolbar's selects and for a sheet opened by URL.
import { useCallback, useEffect } from 'react';
import { sheetHash, type Route } from '../../../shared/routes';
import { useServices, useSheets } from '../store/context';
import { selectScopeIds, selectScopeSheets } from '../store/selectors';
import { navigate } from './useHashRoute';

export interface ScopeControl {
  fiscalYear: number;
  bureau: string;
  /**
   * Makes 年度 and 局 the working scope and opens its first sheet (or home when it has none), unless `openSheetId`,
   * the sheet the URL shows, already belongs to it.
   */
  switchScope: (fiscalYear: number, bureau: string, openSheetId?: string | null) => void;
}

export function useScope(): ScopeControl {
  const { store } = useServices();
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const bureau = useSheets((s) => s.bureau);
  const switchScope = useCallback(
    (year: number, bureauName: string, openSheetId: string | null = null) => {
      store.getState().selectScope(year, bureauName);
      const state = store.getState();
      const open = openSheetId ? state.sheets.get(openSheetId) : undefined;
      if (open && open.fiscalYear === year && open.org.bureau === bureauName) return;
      const first = selectScopeSheets(state)[0];
      navigate(first ? sheetHash(first.id) : '#/');
    },
    [store],
  );
  return { fiscalYear, bureau, switchScope };
}

/** A sheet opened by URL from another 年度/局 switches the scope to it; home opens the scope's first sheet. */
export function useScopeFollowsRoute(route: Route): void {
  const { fiscalYear, bureau, switchScope } = useScope();
  const phase = useSheets((s) => s.phase);
  const currentId = route.kind === 'sheet' ? route.id : null;
  // Primitives only: typing in the open sheet must not re-render the shell.
  const currentYear = useSheets((s) => (currentId ? s.sheets.get(currentId)?.fiscalYear : undefined));
  const currentBureau = useSheets((s) => (currentId ? s.sheets.get(currentId)?.org.bureau : undefined));
  // The ids only: cached by membership, so a keystroke costs this selector nothing.
  const firstScopeSheetId = useSheets((s) => selectScopeIds(s)[0]);
  useEffect(() => {
    if (phase !== 'ready') return;
    if (currentYear !== undefined && currentBureau !== undefined && (currentYear !== fiscalYear || currentBureau !== bureau)) {
      switchScope(currentYear, currentBureau, currentId);
    } else if (route.kind === 'home' && firstScopeSheetId) {
      navigate(sheetHash(firstScopeSheetId), { replace: true });
    }
  }, [phase, currentId, currentYear, currentBureau, fiscalYear, bureau, route.kind, firstScopeSheetId, switchScope]);
}
