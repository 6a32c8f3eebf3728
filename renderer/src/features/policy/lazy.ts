// The 局運営方針 editor, loaded on first use from a chunk of its own: the main window shows the list and a sheet
// without it. Opened straight on a `#/policy/...` route, it is fetched at once; its buttons fetch it when pointed at.
import { parseRoute } from '../../../../shared/routes';
import { lazyView } from '../../app/lazy-view';

export const PolicyEditor = lazyView(
  () => import('./PolicyEditor'),
  (module) => module.PolicyEditor,
);

if (parseRoute(window.location.hash).kind === 'policy') PolicyEditor.preload();
