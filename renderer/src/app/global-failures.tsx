// The window's last net: an error or a rejection that nothing caught becomes a Japanese notice instead of silence.
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { failureMessages, isBenignFailure, type CaughtFailure } from './failure-report';
import { FailureNotice, reportOf, type FailureServices } from './FailureNotice';

interface GlobalFailures {
  failures: CaughtFailure[];
  shown: boolean;
}

// A failure repeating every frame must not grow memory without bound; the report prints the newest few anyway.
const KEPT_FAILURES = 20;

let installed = false;

/**
 * Listens for `error` and `unhandledrejection` on the window and shows the banner in a React root of its own, so it
 * still appears when the app's root is what broke. Installed once: a second call does nothing.
 */
export function installGlobalFailureHandler(services: FailureServices): void {
  if (installed) return;
  installed = true;
  const store = createStore<GlobalFailures>()(() => ({ failures: [], shown: false }));
  const caught = (where: string, reason: unknown, message?: string) => {
    if (isBenignFailure({ reason, message })) return;
    store.setState((s) => ({ failures: [...s.failures, { where, reason, time: new Date() }].slice(-KEPT_FAILURES), shown: true }));
  };
  // The default handling (the console) stays: developers still see the error where they look for it.
  window.addEventListener('error', (event) => {
    // Only script errors are ErrorEvents; a failed <img> or <link> load is a plain Event and reported by its owner.
    if (event instanceof ErrorEvent) caught('画面全体（未処理のエラー）', event.error, event.message);
  });
  window.addEventListener('unhandledrejection', (event) => caught('画面全体（未処理の Promise の失敗）', event.reason));

  const container = document.createElement('div');
  container.id = 'failure-root';
  document.body.append(container);
  createRoot(container).render(<GlobalFailureBanner store={store} services={services} />);
}

function GlobalFailureBanner({ store, services }: { store: StoreApi<GlobalFailures>; services: FailureServices }) {
  const shown = useStore(store, (s) => s.shown);
  if (!shown) return null;
  return (
    <FailureNotice
      services={services}
      layout="banner"
      title={failureMessages.globalTitle}
      whatToDo={failureMessages.globalWhatToDo}
      report={() => reportOf(store.getState().failures)}
      onClose={() => store.setState({ shown: false })}
    />
  );
}
