// Electron lifecycle and the one window (thin glue): every decision lives in security.ts, ipc/register.ts and services/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  type IpcMainEvent,
  type WebContents,
} from 'electron';
import { CLOSE_FLUSH, EXCEL_PROGRESS } from '../../shared/ipc/channels';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import type { ExcelExportResult } from '../../shared/ipc/contract';
import { safeWorkbookFileName } from '../../shared/ipc/file-names';
import { createCloseGuard } from './close-guard';
import { dialogsFor } from './dialogs';
import { printHandlers } from './print';
import { registerHandlers, type Handlers } from './ipc/register';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  appResponseHeaders,
  BLOCKED_REQUEST_PATTERNS,
  isAllowedNavigation,
  REQUIRED_WEB_PREFERENCES,
  resolveAppAsset,
} from '../services/security';
import {
  defaultWorkbookName,
  exportWorkbook,
  saveWorkbookBytes,
  selectSheets,
  withWorkbookExtension,
} from '../services/excel/export';
import { runImport } from '../services/excel/import-runner';
import { openExchangeFileAt, saveExchangeFileAt, unpackedAsarPath, withExchangeExtension } from '../services/files';

const WINDOW_TITLE = '予算デスク';
/** How long closing waits for the renderer's last autosave. IndexedDB writes take milliseconds; this is a backstop. */
const CLOSE_FLUSH_TIMEOUT_MS = 3000;

// Every renderer sandboxed, whatever a future window forgets to say.
app.enableSandbox();

// Must happen before `ready`: a standard, secure scheme gets a real origin, relative URLs and web storage.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // corsEnabled: vite emits `<script type="module" crossorigin>`, which Chromium fetches in CORS mode.
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);

let mainWindow: BrowserWindow | null = null;

/** dist/renderer inside the app (or app.asar): the only files the window can load. */
function rendererRoot(): string {
  return path.join(app.getAppPath(), 'dist', 'renderer');
}

function serveAppProtocol(): void {
  const root = rendererRoot();
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const resolved = resolveAppAsset(request.url, root);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      const body = await readFile(resolved.filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: appResponseHeaders(resolved.contentType),
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
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
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...REQUIRED_WEB_PREFERENCES,
      preload: path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Autosave runs every 250 ms, but the last keystrokes must not be lost when the user closes the window.
  window.on(
    'close',
    createCloseGuard({
      timeoutMs: CLOSE_FLUSH_TIMEOUT_MS,
      requestFlush: () => window.webContents.send(CLOSE_FLUSH.request),
      waitForFlush: () =>
        new Promise<void>((resolve) => {
          const onDone = (event: IpcMainEvent) => {
            if (event.sender !== window.webContents) return;
            ipcMain.removeListener(CLOSE_FLUSH.done, onDone);
            resolve();
          };
          ipcMain.on(CLOSE_FLUSH.done, onDone);
        }),
      closeNow: () => window.destroy(),
    }),
  );
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** The export running now, if any: `excel:cancel` aborts it between worksheets. */
let runningExport: AbortController | null = null;

/** The import worker, bundled next to main.cjs by electron/build.mjs. */
function importWorkerFile(): string {
  return unpackedAsarPath(path.join(app.getAppPath(), 'dist', 'electron', 'excel-import-worker.cjs'));
}

const dialogs = dialogsFor(() => mainWindow);

/** Writes the exported bytes; when that fails, says why and offers 別の名前で保存 until it works or the user stops. */
async function saveWorkbookWithRetry(firstPath: string, bytes: Uint8Array, sheetCount: number): Promise<ExcelExportResult> {
  let target = firstPath;
  for (;;) {
    const saved = await saveWorkbookBytes(target, bytes, sheetCount);
    if (saved.status === 'saved') return saved;
    const options = {
      type: 'warning' as const,
      title: 'Excel出力',
      message: saved.message,
      buttons: ['別の名前で保存…', 'キャンセル'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    };
    const answer = await dialogs.message(options);
    if (answer.response !== 0) return { status: 'error', message: saved.message };
    const chosen = await dialogs.save({
      title: '別の名前で保存',
      buttonLabel: '保存',
      defaultPath: target,
      filters: [{ name: 'Excel ブック', extensions: ['xlsx'] }],
    });
    if (chosen.canceled || !chosen.filePath) return { status: 'error', message: saved.message };
    target = withWorkbookExtension(chosen.filePath);
  }
}

function handlers(): Handlers {
  return {
    'exchange:open': async () => {
      const options = {
        title: 'ファイルを開く',
        buttonLabel: '開く',
        properties: ['openFile' as const],
        filters: [
          { name: '予算デスクのファイル', extensions: ['yosan.json'] },
          { name: 'JSON ファイル', extensions: ['json'] },
        ],
      };
      const chosen = await dialogs.open(options);
      const filePath = chosen.filePaths[0];
      if (chosen.canceled || filePath === undefined) return { status: 'canceled' };
      return openExchangeFileAt(filePath, MAX_EXCHANGE_FILE_BYTES);
    },
    'exchange:save': async ({ file, suggestedName }) => {
      const options = {
        title: '名前を付けて保存',
        buttonLabel: '保存',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: '予算デスクのファイル', extensions: ['yosan.json'] }],
      };
      const chosen = await dialogs.save(options);
      if (chosen.canceled || !chosen.filePath) return { status: 'canceled' };
      return saveExchangeFileAt(withExchangeExtension(chosen.filePath), file);
    },
    'app:info': () => ({ status: 'ok', version: app.getVersion(), platform: process.platform }),
    'excel:export': async ({ file, sheetIds, bureau, suggestedName }, event) => {
      if (runningExport) return { status: 'error', message: 'Excel出力を実行中です。終わってからもう一度出力してください。' };
      const selection = { sheetIds, bureau };
      const selected = selectSheets(file, selection);
      if (!selected.ok) return { status: 'error', message: selected.message };
      const name = suggestedName ?? safeWorkbookFileName(defaultWorkbookName(selected.sheets, file.fiscalYear));
      const chosen = await dialogs.save({
        title: 'Excel出力',
        buttonLabel: '出力',
        defaultPath: path.join(app.getPath('documents'), name),
        filters: [{ name: 'Excel ブック', extensions: ['xlsx'] }],
      });
      if (chosen.canceled || !chosen.filePath) return { status: 'canceled' };
      const controller = new AbortController();
      runningExport = controller;
      const sender = event.sender as WebContents;
      // About a hundred updates at most, whatever the size: `35 / 120 シート`.
      const step = Math.max(1, Math.floor(selected.sheets.length / 100));
      try {
        const built = await exportWorkbook(file, selection, {
          creator: `予算デスク ${app.getVersion()}`,
          signal: controller.signal,
          onProgress: (done, total) => {
            if ((done % step === 0 || done === total) && !sender.isDestroyed()) sender.send(EXCEL_PROGRESS, { done, total });
          },
        });
        if (built.status !== 'ok') return built;
        return await saveWorkbookWithRetry(withWorkbookExtension(chosen.filePath), built.bytes, built.sheetCount);
      } finally {
        runningExport = null;
      }
    },
    'excel:cancel': () => {
      const running = runningExport;
      running?.abort();
      return { status: 'ok', canceled: running !== null };
    },
    ...printHandlers(dialogs),
    'excel:import': async () => {
      const options = {
        title: 'Excel から読み込む',
        buttonLabel: '読み込む',
        properties: ['openFile' as const],
        filters: [{ name: 'Excel ブック', extensions: ['xlsx'] }],
      };
      const chosen = await dialogs.open(options);
      const filePath = chosen.filePaths[0];
      if (chosen.canceled || filePath === undefined) return { status: 'canceled' };
      const fileName = path.basename(filePath);
      // Parsing happens in a worker thread with limits on size, time and memory; this thread only waits.
      const imported = await runImport(filePath, { spawn: (workerOptions) => new Worker(importWorkerFile(), workerOptions) });
      return imported.ok
        ? { status: 'opened', fileName, file: imported.file }
        : { status: 'problems', fileName, problems: imported.problems };
    },
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
    serveAppProtocol();
    registerHandlers(ipcMain, handlers(), {
      trustedSender: () => mainWindow?.webContents ?? null,
      onRejected: (channel, reason, detail) => console.warn(`[ipc] ${channel}: ${reason}`, detail ?? ''),
    });
    mainWindow = createWindow();
  });
}
