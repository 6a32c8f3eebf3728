// Views not needed to show the list and the editor (print, the merge preview, 履歴) are loaded on first use from
// their own chunks, so start-up parses and evaluates less; `preload` fetches one early when its use is likely.
import { lazy, useState, type ComponentType, type JSX } from 'react';

export interface LazyView<P> {
  (props: P): JSX.Element;
  /** Starts loading the view's chunk; a failure is left to the render (its pane's error boundary shows it). */
  preload: () => void;
}

/** Modules of lazy views already loaded, by their loader: views sharing a chunk share its loader. */
const loadedModules = new Map<() => Promise<unknown>, unknown>();

/**
 * `pick(await loadModule())` as a component that suspends (inside the caller's Suspense) until its chunk is there.
 * Mounted once the chunk is loaded, it renders at once: a view that suspended on an update would leave the content it
 * replaces mounted but hidden until it shows (the print routes' ready flag with it), and flash the fallback.
 */
export function lazyView<M, P extends object>(loadModule: () => Promise<M>, pick: (module: M) => ComponentType<P>): LazyView<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const load = () =>
    (loading ??= loadModule().then((module) => {
      loadedModules.set(loadModule, module);
      return { default: pick(module) };
    }));
  const Suspending = lazy(load);
  function View(props: P) {
    // Decided once per mount: switching from the lazy wrapper to the component later would remount the view.
    const [loaded] = useState(() => loadedModules.get(loadModule) as M | undefined);
    const Component = loaded === undefined ? Suspending : pick(loaded);
    return <Component {...props} />;
  }
  return Object.assign(View, { preload: () => void load().catch(() => undefined) });
}

/** The Suspense fallback of a view shown in a pane or page while its chunk loads (a moment, read from local disk). */
export function ViewLoading() {
  return <p className="view-loading">読み込み中…</p>;
}
