// Debian's Chromium driven by playwright-core: the flags this machine needs (no sandbox as root, no network chatter).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Headless, no sandbox (root), no GPU, no network chatter of Chromium's own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh profile (its own IndexedDB) at the laptop size our users have, with console errors collected. */
export async function openApp(browser: Browser, url: string, hash = ''): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}${hash}`);
  await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
  return { context, page, errors };
}

/**
 * Brings an exchange file (or several) into the app the way a user does: 開く, pick the files, 取り込む in the merge
 * preview with its defaults (new and changed records taken); waits until the preview has closed and all is saved.
 */
export async function openExchangeFileInApp(page: Page, file: string | string[]): Promise<void> {
  await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '開く', exact: true }).click();
  await (await chooser).setFiles(file);
  const preview = page.getByRole('dialog', { name: /ファイルの取り込み/ });
  await preview.getByRole('button', { name: '取り込む', exact: true }).click();
  await preview.waitFor({ state: 'hidden' });
  await page.locator('[data-save-state="saved"]').waitFor();
}
