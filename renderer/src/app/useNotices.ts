// The one notice under the toolbar: what the last file, Excel or sheet action did, or why it failed.
import { useCallback, useState } from 'react';
import type { Problem } from '../../../shared/domain/problem';

export interface Notice {
  tone: 'info' | 'error';
  text: string;
  /** A file's problems, listed under the text. */
  problems?: Problem[];
}

/** `notify` replaces the notice shown (the newest is the one that matters); both callbacks are stable. */
export function useNotices(): { notice: Notice | null; notify: (notice: Notice) => void; dismiss: () => void } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, notify: setNotice, dismiss };
}
