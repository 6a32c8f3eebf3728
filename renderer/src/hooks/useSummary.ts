// A selection of the store for the panels that summarise many sheets (list, checks, totals): it follows the editor
// once typing pauses, without the panel rendering, or even selecting, on each keystroke.
import { startTransition, useEffect, useState } from 'react';
import { useServices } from '../store/context';
import type { SheetsState } from '../store/sheets-store';

/** How long the store must stay still before the summaries follow it (a pause between keystrokes is longer). */
export const SUMMARY_QUIET_MS = 250;

/**
 * What a summary is about changed: the 年度/局, which sheets belong to it, a (re)load, read-only. Shown at once; an edit
 * inside a sheet is not, it waits for the pause.
 */
function aboutChanged(state: SheetsState, prev: SheetsState): boolean {
  return (
    state.fiscalYear !== prev.fiscalYear ||
    state.bureau !== prev.bureau ||
    state.membershipVersion !== prev.membershipVersion ||
    state.phase !== prev.phase ||
    state.readOnly !== prev.readOnly
  );
}

/**
 * `selector(state)`, re-selected only once the store has been still for SUMMARY_QUIET_MS, and rendered as a
 * transition: a keystroke costs these panels one timer, and nothing of theirs runs while the user types. `selector` must be a module-level function (it is read once) and
 * should return a memoised value, so an unchanged selection renders nothing.
 */
export function useSummary<T>(selector: (state: SheetsState) => T): T {
  const { store } = useServices();
  const [shown, setShown] = useState(() => selector(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = (urgent: boolean) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const next = selector(store.getState());
      if (urgent) setShown(() => next);
      else startTransition(() => setShown(() => next));
    };
    // A change between the first render and this subscription is not lost.
    show(true);
    const unsubscribe = store.subscribe((state, prev) => {
      if (aboutChanged(state, prev)) return show(true);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => show(false), SUMMARY_QUIET_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // The selector is module-level by contract: read once per store.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return shown;
}
