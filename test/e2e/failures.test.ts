// Failure surfaces in Debian's Chromium, production build: a pane that throws, a stray rejection, copy and reload.
//
// How a pane is made to throw: the boundaries' failure drill (`window.yosanDiagnostics.failPane`, ErrorBoundary.tsx),
// read while the pane renders. Only script in the page can set it, it shows exactly what a real failure shows, and it
// needs no test build: the build under test is the one users get. The global handler needs no drill at all: the page
// itself rejects a promise, throws from a timer, or lets ResizeObserver loop, as real code would.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PaneName } from '../../renderer/src/app/ErrorBoundary';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const SHEET_A = '5a1e0000-0000-4000-8000-000000000008'; // 情報化推進事業
const SHEET_B = '5a1e0000-0000-4000-8000-000000000002';
const SAVED = '入力内容は自動保存されています。';
// Each test takes 2–4 s alone here; print.test.ts measured ≈ 6× that on a loaded 2-core CI machine.
const TEST_TIMEOUT_MS = 60_000;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const list = (page: Page) => page.getByRole('listbox', { name: '事務事業シート' });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const notice = (page: Page, title: string) => page.getByRole('alert').filter({ hasText: title });
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });

async function open(hash = `#/sheet/${SHEET_A}`): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openApp(browser, url, hash);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return { context, page };
}

/** Arms the drill, then changes the route: every pane renders again and the named one throws. */
async function failPaneOnNextRender(page: Page, pane: PaneName, hash: string): Promise<void> {
  await page.evaluate(
    ([p, h]) => {
      window.yosanDiagnostics!.failPane = p as PaneName;
      location.hash = h!;
    },
    [pane, hash],
  );
}

async function disarm(page: Page): Promise<void> {
  await page.evaluate(() => {
    delete window.yosanDiagnostics!.failPane;
  });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function expectNoticeButtons(scope: Locator, names: string[]): Promise<void> {
  for (const name of names) expect(await button(scope, name).isVisible()).toBe(true);
}

describe('a pane that throws', () => {
  it('the editor shows the notice in its place; the list, the side pane and the toolbar keep working; もう一度表示 brings it back', async () => {
    const { context, page } = await open();
    await failPaneOnNextRender(page, 'editor', `#/sheet/${SHEET_B}`);
    const editorNotice = notice(page, '事務事業シートを表示できませんでした。');
    await editorNotice.waitFor();
    expect(await editorNotice.textContent()).toContain(SAVED);
    await expectNoticeButtons(editorNotice, ['もう一度表示', '再読み込み', '詳細をコピー']);
    // In that pane, not over the page.
    expect(await page.locator('.editor-pane').getByRole('alert').count()).toBe(1);
    // The rest still works: 10 sheets listed, the checks and totals shown, and the list still opens sheets.
    expect(await list(page).getByRole('option').count()).toBe(10);
    expect(await page.getByRole('region', { name: '局の合計' }).isVisible()).toBe(true);
    await list(page).getByText('情報化推進事業', { exact: true }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/sheet/${SHEET_A}$`));
    // Still failing (the drill is armed), so the notice stays; disarmed, もう一度表示 shows the sheet again.
    await editorNotice.waitFor();
    await disarm(page);
    await button(editorNotice, 'もう一度表示').click();
    await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('情報化推進事業');
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  }, TEST_TIMEOUT_MS);

  it('the sheet list and the side pane each fail alone, in their own column, and the editor still edits and saves', async () => {
    const { context, page } = await open();
    const cases: Array<[PaneName, string, string]> = [
      ['sheet-list', 'シート一覧を表示できませんでした。', `#/sheet/${SHEET_B}`],
      ['side', 'チェックと合計を表示できませんでした。', `#/sheet/${SHEET_A}`],
    ];
    for (const [pane, title, hash] of cases) {
      await failPaneOnNextRender(page, pane, hash);
      const paneNotice = notice(page, title);
      await paneNotice.waitFor();
      expect(await paneNotice.textContent()).toContain(SAVED);
      await expectNoticeButtons(paneNotice, ['もう一度表示', '再読み込み', '詳細をコピー']);
      const box = (await paneNotice.boundingBox())!;
      if (pane === 'sheet-list') expect(box.x + box.width).toBeLessThanOrEqual(330);
      else expect(box.x).toBeGreaterThanOrEqual(1366 - 300);
      // The editor is untouched and an edit is saved as usual.
      const name = field(page, '事務事業名');
      await name.fill(`${await name.inputValue()}（改）`);
      await page.locator('[data-save-state="saved"]').waitFor();
      await disarm(page);
      await button(paneNotice, 'もう一度表示').click();
      expect(await page.getByRole('alert').count()).toBe(0);
    }
    expect(await list(page).getByRole('option').count()).toBe(10);
    await context.close();
  }, TEST_TIMEOUT_MS);

  it('the print preview shows the notice over the window with 閉じる back to the editor; the print route names the failure for the print job', async () => {
    const { context, page } = await open();
    await page.evaluate(() => {
      window.yosanDiagnostics!.failPane = 'print';
    });
    await page.getByRole('button', { name: '印刷/PDF' }).click();
    const previewNotice = notice(page, '印刷プレビューを表示できませんでした。');
    await previewNotice.waitFor();
    await expectNoticeButtons(previewNotice, ['もう一度表示', '再読み込み', '詳細をコピー', '閉じる']);
    await button(previewNotice, '閉じる').click();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await field(page, '事務事業名').inputValue()).toBe('情報化推進事業');

    // The print route (what the hidden print window loads): its `.print-empty` text is what the print job reports.
    await failPaneOnNextRender(page, 'print-route', `#/print/sheet/${SHEET_A}`);
    const routeNotice = notice(page, '印刷用の画面を作れませんでした。');
    await routeNotice.waitFor();
    expect(await page.locator('.print-empty').textContent()).toBe(
      `印刷用の画面を作れませんでした。${SAVED}もう一度印刷してください。直らないときは予算デスクを再読み込みしてから印刷してください。`,
    );
    await context.close();
  }, TEST_TIMEOUT_MS);
});

describe('詳細をコピー and 再読み込み', () => {
  it('copies a plain-text report (version, time, route, error, stack, browser); 再読み込み reloads and the edit made before the failure is there', async () => {
    const { context, page } = await open();
    const amount = field(page, '予算額');
    await amount.fill('2,800,000');
    await failPaneOnNextRender(page, 'editor', `#/sheet/${SHEET_B}`);
    const editorNotice = notice(page, '事務事業シートを表示できませんでした。');
    await button(editorNotice, '詳細をコピー').click();
    await editorNotice.getByText('詳細をコピーしました。').waitFor();
    const report = await clipboard(page);
    expect(report.split('\n').slice(0, 3)).toEqual(['予算デスク 不具合の詳細', `バージョン: ${version}`, `画面: #/sheet/${SHEET_B}`]);
    expect(report).toMatch(/\nブラウザ: Mozilla\/5\.0 .*Chrome\//);
    expect(report).toContain('場所: 事務事業シート');
    expect(report).toMatch(/\n日時: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)\n/);
    expect(report).toContain('エラー: Error: failure drill: the editor pane was asked to fail');
    expect(report).toMatch(/\nスタック:\n {2}\S/);
    expect(report).toContain('画面部品:');

    // 再読み込み writes what is pending, then reloads: a marker set on this page is gone, the drill with it.
    await page.evaluate(() => {
      (window as { reloadMarker?: boolean }).reloadMarker = true;
    });
    await Promise.all([page.waitForEvent('load'), button(editorNotice, '再読み込み').click()]);
    await list(page).waitFor();
    expect(await page.evaluate(() => (window as { reloadMarker?: boolean }).reloadMarker)).toBeUndefined();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.evaluate((id) => {
      location.hash = `#/sheet/${id}`;
    }, SHEET_A);
    await expect.poll(() => field(page, '予算額').inputValue()).toBe('2,800,000');
    await context.close();
  }, TEST_TIMEOUT_MS);

  it('when the Clipboard API is refused (as in Electron) it copies the older way; when that fails too, it shows the text to copy by hand', async () => {
    const { context, page } = await open();
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await failPaneOnNextRender(page, 'side', `#/sheet/${SHEET_B}`);
    const sideNotice = notice(page, 'チェックと合計を表示できませんでした。');
    await button(sideNotice, '詳細をコピー').click();
    await sideNotice.getByText('詳細をコピーしました。').waitFor();
    expect(await clipboard(page)).toContain('場所: チェックと合計');

    await page.evaluate(() => {
      document.execCommand = () => false;
    });
    await button(sideNotice, '詳細をコピー').click();
    await sideNotice.getByText('クリップボードにコピーできませんでした。', { exact: false }).waitFor();
    const byHand = sideNotice.getByRole('textbox', { name: '不具合の詳細' });
    expect(await byHand.inputValue()).toContain('エラー: Error: failure drill: the side pane was asked to fail');
    expect(await byHand.getAttribute('readonly')).not.toBeNull();
    await context.close();
  }, TEST_TIMEOUT_MS);
});

describe('the global handler', () => {
  it('an unhandled rejection and an uncaught error show the banner; the app keeps working; 閉じる hides it', async () => {
    const { context, page } = await open();
    await page.evaluate(() => {
      void Promise.reject(new Error('テスト: 処理されなかった Promise'));
    });
    const banner = notice(page, '予期しない問題が起きました。');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(SAVED);
    await expectNoticeButtons(banner, ['再読み込み', '詳細をコピー', '閉じる']);
    expect(await page.locator('#failure-root').getByRole('alert').count()).toBe(1);
    // Nothing else was replaced: the list, the editor (it still edits and saves), the toolbar.
    expect(await list(page).getByRole('option').count()).toBe(10);
    await field(page, '事務事業名').fill('情報化推進事業（改）');
    await page.locator('[data-save-state="saved"]').waitFor();

    await button(banner, '閉じる').click();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new TypeError('テスト: タイマーの中の例外');
      });
    });
    await banner.waitFor();
    await button(banner, '詳細をコピー').click();
    await banner.getByText('詳細をコピーしました。').waitFor();
    const report = await clipboard(page);
    expect(report).toContain(`バージョン: ${version}`);
    expect(report).toContain('[1] 画面全体（未処理の Promise の失敗）');
    expect(report).toContain('エラー: Error: テスト: 処理されなかった Promise');
    expect(report).toContain('[2] 画面全体（未処理のエラー）');
    expect(report).toContain('エラー: TypeError: テスト: タイマーの中の例外');
    await Promise.all([page.waitForEvent('load'), button(banner, '再読み込み').click()]);
    await list(page).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  }, TEST_TIMEOUT_MS);

  it('stays quiet for a real ResizeObserver loop and a cancelled (AbortError) operation', async () => {
    const { context, page } = await open();
    const seen = await page.evaluate(async () => {
      const messages: string[] = [];
      window.addEventListener('error', (e) => messages.push(e.message));
      // An observer that resizes what it observes: Chromium postpones the notification and reports the loop.
      const box = document.createElement('div');
      document.body.append(box);
      const observer = new ResizeObserver(() => {
        box.style.width = `${box.offsetWidth + 1}px`;
      });
      observer.observe(box);
      const controller = new AbortController();
      controller.abort();
      void Promise.reject(controller.signal.reason);
      for (let i = 0; i < 10 && messages.length === 0; i++) await new Promise((r) => requestAnimationFrame(r));
      observer.disconnect();
      box.remove();
      return messages;
    });
    expect(seen[0]).toMatch(/^ResizeObserver loop/);
    // Give a wrongly shown banner time to render before saying there is none.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  }, TEST_TIMEOUT_MS);
});
