// The main window on the screens our users have: 1366×768 (the common 庁内 laptop), 1920×1080, and 1366×768 at
// Windows' 125 % scaling (1093×614 CSS pixels). Each is screenshotted and checked for text cut short without a tooltip,
// a toolbar that no longer fits one line, and a page that scrolls sideways; the splitters keep what the user set.
// SCREENSHOT_DIR=<folder> keeps the screenshots there and prints their paths; otherwise they go to a temporary folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printBureauHash, printPolicyHash } from '../../shared/routes';
import { SUMMARY_QUIET_MS } from '../../renderer/src/hooks/useSummary';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const LONGEST_SECTION = '情報システム課情報システム運用管理室';
const keptDir = process.env['SCREENSHOT_DIR'];
const shotDir = keptDir ?? mkdtempSync(join(tmpdir(), 'yosan-screen-fit-'));

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(shotDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  if (!keptDir) rmSync(shotDir, { recursive: true, force: true });
});

interface ScreenReport {
  /** Text cut short with no tooltip giving it in full: `<where>: <full text>`. */
  cut: string[];
  /** Full texts of cut elements that do carry their full text as a tooltip. */
  cutWithTooltip: string[];
  toolbarLines: number;
  pageScrollWidth: number;
  innerWidth: number;
  editor: { width: number; height: number; scrollWidth: number; clientWidth: number };
}

/**
 * Looks at every element on screen. Cut: a text input whose value is wider than its box, or an element that clips
 * its own text (overflow hidden/clip or an ellipsis) with scrollWidth > clientWidth; either must have a title equal
 * to its full text; so must a select too narrow for its chosen option. Screen-reader-only text (clipped to 1 px) is not
 * on screen.
 */
function inspectScreen(): ScreenReport {
  const cut: string[] = [];
  const cutWithTooltip: string[] = [];
  const where = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  const textInputTypes = ['text', 'search', 'number', 'tel', 'url', 'email'];
  for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
    const rect = el.getBoundingClientRect();
    const onScreen = rect.width > 1 && rect.height > 1 && rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight;
    if (!onScreen || !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
    const style = getComputedStyle(el);
    let full: string;
    if (el instanceof HTMLInputElement) {
      if (!textInputTypes.includes(el.type)) continue;
      full = el.value;
    } else if (el instanceof HTMLSelectElement) {
      // A select shows its chosen option: cut when a copy sized to that text is wider than the select.
      full = el.selectedOptions[0]?.textContent?.trim() ?? '';
      const sized = el.cloneNode(true) as HTMLSelectElement;
      sized.value = el.value;
      sized.style.cssText = 'field-sizing: content; width: auto; min-width: 0; max-width: none; flex: none; position: absolute; visibility: hidden';
      el.after(sized);
      const needed = sized.getBoundingClientRect().width;
      sized.remove();
      if (needed <= rect.width + 1) continue;
      if ((el.getAttribute('title') ?? '').trim() === full) cutWithTooltip.push(full);
      else cut.push(`${where(el)}: ${full}`);
      continue;
    } else {
      full = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow !== 'clip';
      if (full === '' || !clips || style.clip.startsWith('rect')) continue;
    }
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    if ((el.getAttribute('title') ?? '').trim() === full) cutWithTooltip.push(full);
    else cut.push(`${where(el)}: ${full}`);
  }
  // Lines of the toolbar: its items grouped by the rows they sit on.
  const toolbar = document.querySelector('[role="toolbar"]')!;
  const items = [...toolbar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 1 && r.height > 1);
  items.sort((a, b) => a.top - b.top);
  let toolbarLines = 0;
  let lineBottom = -Infinity;
  for (const r of items) {
    if (r.top >= lineBottom - 2) {
      toolbarLines++;
      lineBottom = r.bottom;
    } else lineBottom = Math.max(lineBottom, r.bottom);
  }
  const editor = document.querySelector<HTMLElement>('.editor-pane')!;
  const box = editor.getBoundingClientRect();
  return {
    cut,
    cutWithTooltip,
    toolbarLines,
    pageScrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    editor: { width: box.width, height: box.height, scrollWidth: editor.scrollWidth, clientWidth: editor.clientWidth },
  };
}

/** The sheet 情報化推進事業 open, with something typed so the save state shows its time (the widest it gets). */
async function openEditor(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${url}#/sheet/${JOHOKA}`);
  await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
  const notes = page.getByLabel('特記事項', { exact: true });
  await notes.fill('画面の確認');
  await page.locator('[data-save-state="saved"]').filter({ hasText: /\d{2}:\d{2}:\d{2}/ }).waitFor();
  await notes.blur();
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(shotDir, `${name}.png`);
  await page.screenshot({ path });
  if (keptDir) console.log(`screenshot: ${path}`);
}

const SCREENS = [
  { width: 1366, height: 768, toolbarOnOneLine: true },
  { width: 1920, height: 1080, toolbarOnOneLine: true },
  { width: 1093, height: 614, toolbarOnOneLine: false },
];

describe('the main window fits the screen', () => {
  for (const { width, height, toolbarOnOneLine } of SCREENS) {
    it(`at ${width}×${height}: no text cut without a tooltip, the form within the editor${toolbarOnOneLine ? ', the toolbar on one line' : ', nothing out of reach'}`, { timeout: 60_000 }, async () => {
      const page = await openEditor(width, height);
      try {
        await screenshot(page, `editor-${width}x${height}`);
        const report = await page.evaluate(inspectScreen);
        expect(report.cut, `cut without a tooltip at ${width}×${height}`).toEqual([]);
        // The list's filter showing the sample's longest 課: wider than its select, so it must be readable as a tooltip.
        const sectionFilter = page.getByLabel('課で絞り込み');
        await sectionFilter.selectOption(LONGEST_SECTION);
        const filtered = await page.evaluate(inspectScreen);
        expect(filtered.cut, `cut without a tooltip at ${width}×${height}, list filtered`).toEqual([]);
        expect(filtered.cutWithTooltip).toContain(LONGEST_SECTION);
        await sectionFilter.selectOption('');
        // The form fits its pane: nothing (a 財源 line's amount, its buttons) hides past the editor's right edge.
        expect(report.editor.scrollWidth, 'the editor scrolls sideways').toBeLessThanOrEqual(report.editor.clientWidth + 1);
        expect(report.pageScrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(report.innerWidth);
        if (toolbarOnOneLine) {
          expect(report.toolbarLines, 'toolbar lines').toBe(1);
          // The list's column is narrow enough here to cut 「総合振興計画推進事業」: the check above did look at it.
          if (width === 1366) expect(report.cutWithTooltip).toContain('総合振興計画推進事業');
          return;
        }
        // 125 %: the editor keeps room to work in, and every command of the wrapped toolbar is on screen.
        expect(report.editor.height).toBeGreaterThanOrEqual(height * 0.6);
        expect(report.editor.width).toBeGreaterThanOrEqual(600);
        const offScreen = await page
          .getByRole('toolbar', { name: '操作' })
          .getByRole('button')
          .evaluateAll((buttons) =>
            buttons
              .filter((b) => {
                const r = b.getBoundingClientRect();
                return r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight || r.width === 0;
              })
              .map((b) => b.textContent),
          );
        expect(offScreen).toEqual([]);
        // The checks and totals, collapsed by default at this width, are one click away.
        await page.getByRole('button', { name: 'チェック・合計を表示' }).click();
        await page.getByText('政策局の合計').waitFor();
        const withSide = await page.evaluate(inspectScreen);
        await screenshot(page, `editor-${width}x${height}-side-shown`);
        expect(withSide.cut, `cut without a tooltip at ${width}×${height}, side pane shown`).toEqual([]);
        expect(withSide.pageScrollWidth).toBeLessThanOrEqual(withSide.innerWidth);
      } finally {
        await page.context().close();
      }
    });
  }

  it('prints every amount on one line: every sheet of the 局, and its 局運営方針', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.emulateMedia({ media: 'print' });
      for (const [hash, least] of [
        [printBureauHash('政策局', 2015), 50],
        [printPolicyHash('政策局', 2015), 10],
      ] as const) {
        await page.goto(`${url}${hash}`);
        await page.waitForSelector('html[data-print-ready="true"]');
        const figures = await page.locator('[data-print-page] .num').evaluateAll((elements) =>
          elements
            .filter((e) => (e.textContent ?? '').trim() !== '')
            .map((e) => {
              // Each figure of a cell (予算額 and its 一般財源 below it) on a line of its own, none broken.
              const parts = e.querySelector(':scope > div') ? [...e.querySelectorAll(':scope > div')] : [e];
              const lines = parts.map((part) => {
                const range = document.createRange();
                range.selectNodeContents(part);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
              });
              return { text: (e.textContent ?? '').trim(), lines: Math.max(...lines) };
            }),
        );
        expect(figures.length, hash).toBeGreaterThan(least);
        expect(figures.filter((f) => f.lines !== 1), hash).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
});

describe('the panes', () => {
  it('resize by dragging or with the keys, collapse, and come back as they were after a reload', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    try {
      const listSplitter = page.getByRole('separator', { name: '一覧の幅' });
      const sideSplitter = page.getByRole('separator', { name: 'チェック・合計の幅' });
      const listWidth = () => page.getByRole('navigation', { name: '事務事業シート一覧' }).evaluate((e) => Math.round(e.getBoundingClientRect().width));
      expect(await listSplitter.getAttribute('aria-valuenow')).toBe('330');
      expect(await listWidth()).toBe(330);

      // Dragged 60 px to the right with the mouse.
      const box = (await listSplitter.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 3 });
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 3 });
      await page.mouse.up();
      await expect.poll(listWidth).toBe(390);
      expect(await listSplitter.getAttribute('aria-valuenow')).toBe('390');

      // Then ← (10 px) and Shift+→ (50 px); the side pane's splitter: ← widens it.
      await listSplitter.focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(listWidth).toBe(430);
      await sideSplitter.focus();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => sideSplitter.getAttribute('aria-valuenow')).toBe('290');
      // End: as wide as leaves the editor its minimum; no further.
      await page.keyboard.press('End');
      const max = await sideSplitter.getAttribute('aria-valuemax');
      expect(await sideSplitter.getAttribute('aria-valuenow')).toBe(max);
      await page.keyboard.press('Shift+ArrowLeft');
      expect(await sideSplitter.getAttribute('aria-valuenow')).toBe(max);
      await page.keyboard.press('Home');
      expect(await sideSplitter.getAttribute('aria-valuenow')).toBe(await sideSplitter.getAttribute('aria-valuemin'));
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Shift+ArrowLeft');
      const sideWidth = Number(await sideSplitter.getAttribute('aria-valuenow'));

      // Collapsed: the checks and totals are gone, a button brings them back.
      await page.getByRole('button', { name: 'チェック・合計を隠す' }).click();
      await page.getByText('政策局の合計').waitFor({ state: 'hidden' });
      await expect.poll(() => sideSplitter.count()).toBe(0);

      await page.reload();
      await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
      await page.getByLabel('事務事業名', { exact: true }).waitFor();
      expect(await listWidth()).toBe(430);
      expect(await page.getByText('政策局の合計').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'チェック・合計を表示' }).click();
      await page.getByText('政策局の合計').waitFor();
      expect(Number(await sideSplitter.getAttribute('aria-valuenow'))).toBe(sideWidth);
      expect(await page.locator('.side-pane').evaluate((e) => Math.round(e.getBoundingClientRect().width))).toBe(sideWidth);

      // The list hidden, Ctrl+F brings it back with the cursor in its search box.
      await page.getByRole('button', { name: '一覧を隠す' }).click();
      await page.getByRole('listbox', { name: '事務事業シート' }).waitFor({ state: 'hidden' });
      await page.keyboard.press('Control+f');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder)).toBe('検索（事務事業名・課）');
      expect(await listWidth()).toBe(430);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a hidden pane follows no edits while hidden and shows them at once when it returns', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    try {
      const side = page.locator('.side-pane');
      await page.getByText('政策局の合計').waitFor();
      const before = await side.innerText();
      // Counts every change made to the side pane's DOM from now on.
      await side.evaluate((pane) => {
        const w = window as unknown as { sideMutations: number };
        w.sideMutations = 0;
        new MutationObserver((records) => (w.sideMutations += records.length)).observe(pane, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const mutations = () => page.evaluate(() => (window as unknown as { sideMutations: number }).sideMutations);

      await page.getByRole('button', { name: 'チェック・合計を隠す' }).click();
      await page.getByText('政策局の合計').waitFor({ state: 'hidden' });
      const hiddenAt = await mutations();
      // 予算額 ten times larger: the bureau's total changes. Typing pauses well past the summaries' quiet time.
      const amount = page.getByLabel('予算額', { exact: true });
      await amount.click();
      await amount.press('End');
      await page.keyboard.type('0');
      await page.locator('[data-save-state="saved"]').waitFor();
      // Well past the pause after which a shown pane follows (nothing may come later for a hidden one).
      await page.waitForTimeout(SUMMARY_QUIET_MS * 3);
      expect(await mutations()).toBe(hiddenAt);

      await page.getByRole('button', { name: 'チェック・合計を表示' }).click();
      await page.getByText('政策局の合計').waitFor();
      await expect.poll(() => side.innerText()).not.toBe(before);
      // Shown, it follows edits again: the amount as it was gives the totals as they were.
      await amount.press('End');
      await amount.press('Backspace');
      await expect.poll(() => side.innerText()).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a stored layout that makes no sense gives the default one', { timeout: 60_000 }, async () => {
    const { context, page } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    try {
      await page.evaluate(() => localStorage.setItem('yosan-desk.pane-layout', '{"list":-5,"side":"wide","sideCollapsed":1}'));
      await page.reload();
      await page.getByRole('listbox', { name: '事務事業シート' }).waitFor();
      expect(await page.getByRole('separator', { name: '一覧の幅' }).getAttribute('aria-valuenow')).toBe('330');
      expect(await page.getByRole('separator', { name: 'チェック・合計の幅' }).getAttribute('aria-valuenow')).toBe('280');
    } finally {
      await context.close();
    }
  });
});
