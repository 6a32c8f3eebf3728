// Smoke test of the built main process: electron/build.mjs into a temp dir, then main.cjs loaded in a child Node
// with a recording fake of 'electron' (fixtures/run-main-with-fake-electron.mjs). Proves the wiring, not Electron.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, REQUIRED_WEB_PREFERENCES } from '../../electron/services/security';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./fixtures/run-main-with-fake-electron.mjs', import.meta.url));

interface Entry {
  what: string;
  [key: string]: unknown;
}

let appPath: string;
let log: Entry[];

const indexOf = (what: string) => log.findIndex((entry) => entry.what === what);
const entries = (what: string) => log.filter((entry) => entry.what === what);

beforeAll(async () => {
  appPath = await mkdtemp(path.join(os.tmpdir(), 'yosan-main-bundle-'));
  const outdir = path.join(appPath, 'dist', 'electron');
  await run(process.execPath, ['electron/build.mjs', '--outdir', outdir], { cwd: ROOT, timeout: 30_000 });
  // A stand-in for the vite build, so the app:// handler has something to serve.
  await mkdir(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>予算デスク</title>');
  const logFile = path.join(appPath, 'log.json');
  await run(process.execPath, [RUNNER, path.join(outdir, 'main.cjs'), appPath, logFile], {
    cwd: ROOT,
    timeout: 15_000,
    // main.cjs leaves exceljs external; the temp dir has no node_modules of its own.
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  log = JSON.parse(await readFile(logFile, 'utf8')) as Entry[];
}, 60_000);

afterAll(async () => {
  if (appPath) await rm(appPath, { recursive: true, force: true });
});

describe('the built main process, under a fake electron', () => {
  it('registers a handler for every channel of the contract, and nothing else', () => {
    const channels = entries('ipcMain.handle').map((entry) => entry.channel);
    expect([...channels].sort()).toEqual([...CHANNELS].sort());
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('registers the app scheme as standard and secure before ready; serves it and handles IPC only after', () => {
    const registered = entries('protocol.registerSchemesAsPrivileged');
    expect(registered).toHaveLength(1);
    expect(registered[0]!.schemes).toEqual([
      expect.objectContaining({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(indexOf('main loaded'));
    expect(indexOf('app.enableSandbox')).toBeLessThan(indexOf('ready'));
    for (const what of ['protocol.handle', 'ipcMain.handle', 'new BrowserWindow', 'session.webRequest.onBeforeRequest']) {
      expect(entries(what).length, what).toBeGreaterThan(0);
      expect(entries(what).every((entry) => log.indexOf(entry) > indexOf('ready')), what).toBe(true);
    }
  });

  it('opens one sandboxed window with every required web preference and a preload that exists in the build', () => {
    const windows = entries('new BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]!.options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject(REQUIRED_WEB_PREFERENCES);
    const preload = options.webPreferences.preload;
    expect(typeof preload).toBe('string');
    expect(path.isAbsolute(preload as string)).toBe(true);
    expect(existsSync(preload as string)).toBe(true);
    expect(path.basename(preload as string)).toBe('preload.cjs');
    expect(entries('window.loadURL').map((entry) => entry.url)).toEqual([APP_ENTRY_URL]);
    expect(entries('window.on').map((entry) => entry.event)).toContain('close');
  });

  it('locks the session down and holds a single instance', () => {
    expect(indexOf('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    expect(indexOf('app.quit')).toBe(-1);
    expect(indexOf('session.setPermissionRequestHandler')).toBeGreaterThan(indexOf('ready'));
    expect(entries('session.webRequest.onBeforeRequest')[0]!.urls).toEqual(expect.arrayContaining(['https://*/*', 'file://*/*']));
  });

  it('answers our window through the real wiring and serves dist/renderer with the CSP', () => {
    expect(entries('invoke app:info')[0]!.result).toEqual({ status: 'ok', version: '0.0.0-smoke', platform: process.platform });
    expect(entries('app:// GET /index.html')[0]).toMatchObject({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      body: '<!doctype html><title>予算デスク</title>',
    });
  });
});
