// The merge preview, loaded on first use: start-up shows the list and the editor without it. 開く, Excel読込 and 復元…
// start the load (loadMerge) while the user picks files, so the preview is usually there when the files are read.
import { Suspense, useState } from 'react';
import { lazyView } from '../../app/lazy-view';
import type { MergeController } from './useMerge';

const importMergeViews = () => import('./merge-views');
const LoadedMergePreview = lazyView(importMergeViews, (views) => views.MergePreview);

/** The merge's chunk (planning, applying, the preview); the preview then shows without suspending. */
export function loadMerge() {
  LoadedMergePreview.preload();
  return importMergeViews();
}

export function MergePreview({ merge }: { merge: MergeController }) {
  // Mounted from the first session on and then kept, as before: the dialog is closed (which hands focus back), not removed.
  const [needed, setNeeded] = useState(false);
  if (merge.session !== null && !needed) setNeeded(true);
  if (!needed) return null;
  return (
    // No fallback: the preview is a modal dialog, so nothing in the window moves while it loads.
    <Suspense fallback={null}>
      <LoadedMergePreview merge={merge} />
    </Suspense>
  );
}
