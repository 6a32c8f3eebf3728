// The print routes and the print preview, loaded on first use: the main window shows the list and the editor without
// them. A print window (opened straight on a `#/print/...` route) fetches them at once, while its records load.
import { parseRoute } from '../../../../shared/routes';
import { lazyView } from '../../app/lazy-view';

const loadPrintViews = () => import('./print-views');

export const PrintRoute = lazyView(loadPrintViews, (views) => views.PrintRoute);
export const PrintPolicyRoute = lazyView(loadPrintViews, (views) => views.PrintPolicyRoute);
export const PreviewForScope = lazyView(loadPrintViews, (views) => views.PreviewForScope);

const startRoute = parseRoute(window.location.hash).kind;
if (startRoute === 'print-sheet' || startRoute === 'print-bureau') PrintRoute.preload();
if (startRoute === 'print-policy') PrintPolicyRoute.preload();
