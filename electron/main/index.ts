// Electron lifecycle and the one window: scheme, single instance, session lockdown, app://, the window with its close
// guard, and the wiring of ports into the handler factories. Every decision lives in handlers/, ipc/ and services/.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, utilityProcess, type IpcMainEvent, type WebContents } from 'electron';
import { FLUSH_DONE } from '../../shared/ipc/channels';
import { createAppProtocolHandler } from './app-protocol';
import { createCloseGuard } from './close-guard';
import { dialogsFor } from './dialogs';
import { createAppHandlers } from './handlers/app';
import { createBackupHandlers } from './handlers/backup';
import { createExcelHandlers } from './handlers/excel';
import { createExchangeHandlers } from './handlers/exchange';
import { createPrintHandlers } from './handlers/print';
import { sendEvent } from './ipc/events';
import { registerHandlers, type Handlers } from './ipc/register';
import { openPrintWindow } from './print-window';
import { createRendererRecovery } from './renderer-recovery';
import { APP_SCHEME_PRIVILEGES, CLOSE_FLUSH_TIMEOUT_MS, mainWindowOptions } from './window-options';
import { runImport } from '../services/excel/import-runner';
import { utilityProcessSpawner } from './import-process';
import { APP_ENTRY_URL, APP_SCHEME, BLOCKED_REQUEST_PATTERNS, isAllowedNavigation } from '../services/security';

// Every renderer sandboxed, whatever a future window forgets to say.
app.enableSandbox();

// Must happen before `ready` (see window-options.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;

/** A file of the app (or app.asar): dist/renderer, dist/electron. */
function appFile(...segments: string[]): string {
  return path.join(app.getAppPath(), 'dist', ...segments);
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No remote content: the CSP already says so; this holds even for a page that somehow lacks it.
  ses.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_PATTERNS] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/** Applied to every webContents the app ever creates, not only the main window's. */
function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: { url: string; preventDefault: () => void }) => {
    if (!isAllowedNavigation(event.url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions({ preload: appFile('electron', 'preload.cjs'), devTools: !app.isPackaged }),
  );
  window.once('ready-to-show', () => window.show());
  // Autosave runs every 250 ms, but the last keystrokes must not be lost when the user closes the window.
  window.on(
    'close',
    createCloseGuard({
      timeoutMs: CLOSE_FLUSH_TIMEOUT_MS,
      requestFlush: () => sendEvent(window.webContents, 'window:flush-request'),
      waitForFlush: () =>
        new Promise<void>((resolve) => {
          const onDone = (event: IpcMainEvent) => {
            if (event.sender !== window.webContents) return;
            ipcMain.removeListener(FLUSH_DONE, onDone);
            resolve();
          };
          ipcMain.on(FLUSH_DONE, onDone);
        }),
      closeNow: () => window.destroy(),
    }),
  );
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // A crashed or hung page: a Japanese message and a reload from IndexedDB, never a blank window.
  const recovery = createRendererRecovery({
    dialogs: dialogsFor(() => window),
    reload: () => window.webContents.reload(),
    quit: () => app.quit(),
  });
  window.webContents.on('render-process-gone', (_event, details) => void recovery.onGone(details.reason));
  window.on('unresponsive', () => void recovery.onUnresponsive());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function handlers(): Handlers {
  const dialogs = dialogsFor(() => mainWindow);
  const documentsFolder = () => app.getPath('documents');
  // Each import runs in a utility process (its own heap limit, killed on time-out or cancel) started from this entry,
  // bundled next to main.cjs by electron/build.mjs. It stays inside app.asar, covered by the asar integrity fuse (see
  // electron-builder.yml): a fixed path, never an input.
  const importJobs = utilityProcessSpawner(utilityProcess, appFile('electron', 'excel-import-process.cjs'));
  return {
    ...createAppHandlers({ version: app.getVersion(), platform: process.platform }),
    ...createExchangeHandlers({ dialogs, documentsFolder }),
    ...createExcelHandlers({
      dialogs,
      documentsFolder,
      appVersion: app.getVersion(),
      importWorkbook: (filePath, signal) => runImport(filePath, { spawn: importJobs, signal }),
    }),
    ...createPrintHandlers({ dialogs, documentsFolder, openPrintWindow }),
    ...createBackupHandlers({ dialogs, documentsFolder, userDataFolder: () => app.getPath('userData'), now: () => new Date() }),
  };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    lockDownSession();
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: appFile('renderer') }));
    registerHandlers(ipcMain, handlers(), {
      trustedSender: () => mainWindow?.webContents ?? null,
      onRejected: (channel, reason, detail) => console.warn(`[ipc] ${channel}: ${reason}`, detail ?? ''),
    });
    mainWindow = createWindow();
  });
}
