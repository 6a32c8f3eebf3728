// A value that follows its source at most every `ms`, always ending on the latest one, rendered as a transition.
import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * For panels that summarise the whole bureau (list, checks, totals): while the user types, they update a few
 * times a second instead of on every keystroke, so each keystroke paints only the editor. Never less than a
 * frame after the change, so the editor's own update is painted first.
 */
export function useThrottledValue<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(20, lastUpdate.current + ms - performance.now());
    const timer = setTimeout(() => {
      lastUpdate.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}

/** How often the list, the checks and the totals follow typing (the editor itself updates on every keystroke). */
export const SUMMARY_THROTTLE_MS = 200;
