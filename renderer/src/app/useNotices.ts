// The one notice under the toolbar: what the last file, Excel or sheet action did, or why it failed.
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../store/context';
import type { Problem } from '../../../shared/domain/problem';

export interface Notice {
  tone: 'info' | 'error';
  text: string;
  /** A file's problems, listed under the text. */
  problems?: Problem[];
  /** A save failure: it goes away by itself once everything is on disk. */
  clearsWhenSaved?: boolean;
}

/** `notify` replaces the notice shown (the newest is the one that matters); both callbacks are stable. */
export function useNotices(): { notice: Notice | null; notify: (notice: Notice) => void; dismiss: () => void } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const dismiss = useCallback(() => setNotice(null), []);
  const { saveStatus } = useServices();
  // 「保存できませんでした」 is wrong the moment the autosave has written everything. A subscription, not a
  // selector: the shell must not re-render each time a keystroke is saved.
  useEffect(
    () =>
      saveStatus.subscribe((status) => {
        if (status.state === 'saved') setNotice((current) => (current?.clearsWhenSaved ? null : current));
      }),
    [saveStatus],
  );
  return { notice, notify: setNotice, dismiss };
}
