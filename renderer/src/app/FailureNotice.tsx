// The notice every failure surface shows: what happened, whether the data is saved, 再読み込み and 詳細をコピー.
import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SaveStatus } from '../persistence/autosave';
import { buildFailureReport, failureMessages, type CaughtFailure } from './failure-report';

/** What a notice needs from the app's services: it must work outside React's context too (the global banner). */
export interface FailureServices {
  flush: () => Promise<boolean>;
  saveStatus: StoreApi<SaveStatus>;
}

// A flush normally takes milliseconds; one that hangs (IndexedDB blocked) must not freeze the button for ever.
const FLUSH_BEFORE_RELOAD_MS = 3_000;

/**
 * Reloads only once every edit is written: the autosave's 250 ms debounce may still hold the last keystrokes, and
 * `beforeunload` cannot wait for IndexedDB. Returns false (and stays) when the flush failed or timed out.
 */
export async function saveThenReload(flush: () => Promise<boolean>, reload: () => void = () => location.reload()): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), FLUSH_BEFORE_RELOAD_MS);
  });
  const saved = await Promise.race([flush().catch(() => false), timeout]);
  clearTimeout(timer);
  if (saved) reload();
  return saved;
}

/**
 * Puts text on the clipboard. The Clipboard API first; Electron's session refuses every permission request
 * (electron/main/index.ts), so then the older execCommand('copy'), which needs only the click. False if both refuse.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Refused or unavailable: try the older way below.
  }
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const buffer = document.createElement('textarea');
  buffer.value = text;
  buffer.readOnly = true;
  buffer.className = 'copy-buffer';
  document.body.append(buffer);
  buffer.select();
  let copied: boolean;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  buffer.remove();
  previous?.focus();
  return copied;
}

function appVersion(): string | null {
  const version: unknown = import.meta.env.VITE_APP_VERSION;
  return typeof version === 'string' && version !== '' ? version : null;
}

/** The report for these failures, with what the page knows now (version, route, browser). */
export function reportOf(failures: readonly CaughtFailure[]): string {
  return buildFailureReport({ appVersion: appVersion(), route: location.hash, userAgent: navigator.userAgent, failures });
}

export interface FailureNoticeProps {
  services: FailureServices;
  /** What happened, in one sentence. */
  title: string;
  /** What to do, in one or two sentences naming the buttons shown. */
  whatToDo: string;
  /** Built when 詳細をコピー is pressed. */
  report: () => string;
  /** pane: inside a pane; overlay: over the window (the print preview); page: the whole page; banner: fixed at the bottom. */
  layout: 'pane' | 'overlay' | 'page' | 'banner';
  /** もう一度表示: render the pane again. */
  onRetry?: () => void;
  /** 閉じる: the banner, or the preview back to the editor. */
  onClose?: () => void;
  /** Extra class for the sentences (the print route's `print-empty` lets a print job report the failure at once). */
  textClassName?: string;
}

export function FailureNotice({ services, title, whatToDo, report, layout, onRetry, onClose, textClassName }: FailureNoticeProps) {
  const titleId = useId();
  const saveState = useStore(services.saveStatus, (s) => s.state);
  const [copy, setCopy] = useState<{ state: 'idle' } | { state: 'copied' } | { state: 'refused'; text: string }>({ state: 'idle' });
  const [reload, setReload] = useState<'idle' | 'saving' | 'held'>('idle');

  const onCopy = async () => {
    const text = report();
    setCopy((await copyText(text)) ? { state: 'copied' } : { state: 'refused', text });
  };
  const onReload = async () => {
    setReload('saving');
    if (!(await saveThenReload(services.flush))) setReload('held');
  };

  const notice = (
    <section className={`failure-notice failure-${layout}`} role="alert" aria-labelledby={titleId} data-failure-notice={layout}>
      <div className={textClassName ? `failure-text ${textClassName}` : 'failure-text'}>
        <h2 id={titleId} className="failure-title">
          {title}
        </h2>
        <p className={saveState === 'error' ? 'failure-saved failure-unsaved' : 'failure-saved'}>{failureMessages.saved(saveState)}</p>
        <p>{whatToDo}</p>
      </div>
      <p className="failure-hint">{failureMessages.reportHint}</p>
      <div className="failure-buttons">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            もう一度表示
          </button>
        )}
        <button type="button" onClick={() => void onReload()} disabled={reload === 'saving'}>
          再読み込み
        </button>
        <button type="button" onClick={() => void onCopy()}>
          詳細をコピー
        </button>
        {onClose && (
          <button type="button" onClick={onClose}>
            閉じる
          </button>
        )}
      </div>
      {reload === 'saving' && <p className="failure-status">{failureMessages.reloading}</p>}
      {reload === 'held' && (
        <div className="failure-status failure-held">
          <p>{failureMessages.reloadHeld}</p>
          <button type="button" className="danger" onClick={() => location.reload()}>
            {failureMessages.reloadAnyway}
          </button>
        </div>
      )}
      {copy.state === 'copied' && <p className="failure-status">{failureMessages.copied}</p>}
      {copy.state === 'refused' && (
        <div className="failure-status">
          <p>{failureMessages.copyRefused}</p>
          <textarea className="failure-report" readOnly value={copy.text} rows={6} aria-label="不具合の詳細" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </section>
  );
  // Over the window, the app behind is covered: the failed preview was a modal, and half-visible panes would invite clicks.
  return layout === 'overlay' ? <div className="failure-backdrop">{notice}</div> : notice;
}
