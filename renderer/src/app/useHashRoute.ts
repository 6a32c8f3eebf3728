// The current hash route, re-read on every hashchange.
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '../../../shared/routes';

let cachedHash: string | null = null;
let cachedRoute: Route = { kind: 'home' };

function snapshot(): Route {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseRoute(cachedHash);
  }
  return cachedRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
