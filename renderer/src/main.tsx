// Renderer entry: start the services (IndexedDB, autosave), then mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createServices } from './app/bootstrap';
import { ServicesProvider } from './store/context';
import './app/app.css';
import './features/print/print.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const services = createServices();
createRoot(container).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);
void services.start();
