// Chromium as a user's browser that can die: its own profile folder on disk, started in its own process group so a
// test can SIGKILL all of it (as a power cut or the task manager would), then started again on the same profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

export const JOHOKA_ID = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業

export interface KillableBrowser {
  browser: Browser;
  page: Page;
  /** SIGKILL to the browser's whole process group; resolves once the main process is gone. */
  kill: () => Promise<void>;
}

/** A profile folder that outlives the browsers started on it. */
export function makeProfile(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'yosan-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function devtoolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        child.stderr?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before DevTools was ready: ${seen.slice(-500)}`)));
  });
}

/**
 * Starts Chromium on `profileDir` with one blank page, in a process group of its own. Nothing is opened yet: a soak
 * that must tell "the app opened" from "it showed a failure" opens the app itself (see `openAppOrFailure`).
 */
export async function spawnKillableBrowser(profileDir: string): Promise<KillableBrowser> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      '--window-size=1366,768',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
  };
  try {
    const browser = await chromium.connectOverCDP(await devtoolsUrl(child));
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = context.pages()[0] ?? (await context.newPage());
    return { browser, page, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

/** Starts Chromium on `profileDir`, opens `url` at 1366×768, and waits for the sheet list. */
export async function startKillableBrowser(profileDir: string, url: string): Promise<KillableBrowser> {
  const run = await spawnKillableBrowser(profileDir);
  try {
    await run.page.goto(url);
    await run.page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
  } catch (error) {
    await run.kill();
    throw error;
  }
  return run;
}

/** What a start of the app showed: its sheet list, or a failure a user would see instead (or as well). */
export type AppOpening = { opened: true } | { opened: false; shown: string };

/** The app's own ways of saying it could not open (or not all of it): load failure, a pane's failure, records set aside. */
const FAILURE_SELECTOR = '.app-failed, [data-failure-notice], [data-set-aside-notice]';

/**
 * Opens `url` and waits until the sheet list or a failure notice is on screen (at most `timeoutMs`). Opened means the
 * list is there and no failure notice is: a start that shows 読み込みに失敗 or sets records aside did not open.
 */
export async function openAppOrFailure(page: Page, url: string, timeoutMs = 60_000): Promise<AppOpening> {
  await page.goto(url);
  const list = page.getByRole('listbox', { name: '事務事業シート' });
  const failure = page.locator(FAILURE_SELECTOR);
  try {
    await list.or(failure).first().waitFor({ timeout: timeoutMs });
  } catch {
    return { opened: false, shown: `neither the sheet list nor a failure notice within ${timeoutMs} ms: ${(await page.locator('body').innerText().catch(() => '')).slice(0, 300)}` };
  }
  if ((await failure.count()) > 0) return { opened: false, shown: (await failure.first().innerText()).slice(0, 300) };
  return { opened: true };
}

/** The 予算額 field of the open sheet. */
export const amountField = (page: Page) => page.getByLabel('予算額', { exact: true });

/** Replaces 予算額 with `digits`, one keystroke at a time, as a user types. */
export async function typeAmount(page: Page, digits: string): Promise<void> {
  const amount = amountField(page);
  await amount.click();
  await amount.press('Control+A');
  await amount.pressSequentially(digits);
}
