// For panels that are not needed to start working (checks, totals): their first content is computed after the list
// and the editor have been shown, in a transition that input interrupts.
import { startTransition, useEffect, useState } from 'react';

/** False in the first render; true soon after the browser has painted it. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // A task after the effect, so the frame with the list is painted before this panel's work starts.
    const timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    return () => clearTimeout(timer);
  }, []);
  return painted;
}
