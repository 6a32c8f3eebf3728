// The main window's and the app scheme's settings as data, so the smoke test and index.ts read the same values.
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';
import { APP_SCHEME, REQUIRED_WEB_PREFERENCES } from '../services/security';

export const WINDOW_TITLE = '予算デスク';

/** How long closing waits for the renderer's last autosave. IndexedDB writes take milliseconds; this is a backstop. */
export const CLOSE_FLUSH_TIMEOUT_MS = 3000;

/** Registered before `ready`: a standard, secure scheme gets a real origin, relative URLs and web storage. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // corsEnabled: vite emits `<script type="module" crossorigin>`, which Chromium fetches in CORS mode.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

export interface MainWindowPaths {
  /** dist/electron/preload.cjs of the app. */
  preload: string;
  /** DevTools only in development. */
  devTools: boolean;
}

/** Every required web preference, whatever else changes; hidden until the first paint. */
export function mainWindowOptions({ preload, devTools }: MainWindowPaths): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...REQUIRED_WEB_PREFERENCES, preload, devTools },
  };
}
