// データの保管 in the browser: the app asks once for persistent storage, the panel shows the space used, says automatic
// backups are a desktop feature, and 復元… reads a file into the merge preview (nothing changes until 取り込む).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers/sample';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('データの保管', () => {
  it('asks once for persistent storage and shows the space used; automatic backups are for the desktop app', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url);
    // Count the app's calls of navigator.storage.persist() from here on (the test's own spy, not the app's).
    let persistCalls = 0;
    await page.exposeFunction('__countPersistCall', () => {
      persistCalls += 1;
    });
    await page.addInitScript(() => {
      const storage = navigator.storage;
      const persist = storage.persist.bind(storage);
      storage.persist = () => {
        void (window as unknown as { __countPersistCall: () => Promise<void> }).__countPersistCall();
        return persist();
      };
    });
    await page.reload();
    await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
    await expect.poll(() => persistCalls).toBe(1);

    await page.getByRole('button', { name: 'データの保管' }).click();
    const panel = page.getByRole('dialog', { name: 'データの保管' });
    await expect
      .poll(() => panel.locator('[data-storage-usage]').textContent())
      .toMatch(/^保存領域 \d+(\.\d)? (MB|KB) 使用（(永続化済み|ブラウザーが消去する場合があります)）$/);
    await expect.poll(() => panel.textContent()).toContain('自動バックアップはデスクトップ版の機能です');
    expect(await panel.getByRole('button', { name: '今すぐバックアップ' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: '復元…' }).isEnabled()).toBe(true);

    // Escape closes the panel; reopening it does not ask for persistence again.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByRole('button', { name: 'データの保管' }).click();
    await panel.waitFor();
    expect(persistCalls).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('復元… reads the chosen file into the merge preview, which changes nothing until 取り込む', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url);
    await page.getByRole('button', { name: 'データの保管' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('dialog', { name: 'データの保管' }).getByRole('button', { name: '復元…' }).click();
    await (await chooser).setFiles(SAMPLE_PATH);
    const preview = page.getByRole('dialog', { name: /ファイルの取り込み/ });
    await preview.waitFor();
    await preview.getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => preview.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
