// A value that follows its source once typing pauses (and at least every second), rendered as a transition.
import { startTransition, useEffect, useRef, useState } from 'react';

/** How long the source must stay still before the summaries follow it (a pause between keystrokes is longer). */
export const SUMMARY_QUIET_MS = 250;
/** The longest the summaries lag behind during continuous typing. */
export const SUMMARY_MAX_WAIT_MS = 1000;

/**
 * For panels that summarise the whole bureau (list, checks, totals): they follow the editor when typing pauses, so a
 * keystroke paints only the editor and never waits for a summary's render. Continuous typing still updates them
 * every SUMMARY_MAX_WAIT_MS.
 */
export function useSummaryValue<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const pendingSince = useRef<number | null>(null);
  useEffect(() => {
    if (Object.is(value, shown)) {
      pendingSince.current = null;
      return;
    }
    const now = performance.now();
    pendingSince.current ??= now;
    const wait = Math.min(SUMMARY_QUIET_MS, Math.max(0, pendingSince.current + SUMMARY_MAX_WAIT_MS - now));
    const timer = setTimeout(() => {
      pendingSince.current = null;
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown]);
  return shown;
}
