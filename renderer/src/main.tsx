// Renderer entry: start the services (IndexedDB, autosave), install the failure net, then mount the app.
// First: zod's settings must hold before any module below builds a schema (imports run in this order).
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createServices } from './app/bootstrap';
import { ErrorBoundary } from './app/ErrorBoundary';
import { installGlobalFailureHandler } from './app/global-failures';
import { ServicesProvider } from './store/context';
import { markStartup } from './startup-marks';
import './app/app.css';
import './features/print/print.css';
import './features/merge/merge.css';

markStartup('modules-ready');
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const services = createServices();
// Before the first render and the first IndexedDB call, so no failure of either goes unseen.
installGlobalFailureHandler(services);
createRoot(container).render(
  <StrictMode>
    <ServicesProvider services={services}>
      {/* Last resort: the panes have their own boundaries; this one catches the toolbar, dialogs and the shell. */}
      <ErrorBoundary pane="app" services={services}>
        <App />
      </ErrorBoundary>
    </ServicesProvider>
  </StrictMode>,
);
void services.start();
