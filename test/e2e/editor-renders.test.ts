// A keystroke in the editor re-renders the field typed into and what depends on it (the figures, a problem list whose
// text changes), not the whole form: counted in the production build through React's developer-tools hook, which
// React calls after every commit with the tree it rendered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

let browser: Browser;
const url = inject('appUrl');
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface RenderLogWindow {
  /** What rendered in the editor since recording started; null while not recording. */
  editorRenders: string[] | null;
}

/**
 * Runs in the page before its scripts: stands in for React's developer tools and, after each commit, names every
 * component that rendered inside the editor by the part of the form it draws (its first element, or where it would
 * be for a component that drew nothing). Self-contained: it is serialised into the page.
 */
function installRenderRecorder(): void {
  interface Fiber {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    return: Fiber | null;
    alternate: Fiber | null;
    stateNode: unknown;
  }
  // React's fiber tags: function, class, forwardRef and simple memo components; host elements.
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]);
  const ELEMENT_TAGS = new Set([5, 26, 27]);
  // React sets this flag on a component that rendered in the commit (a bailed-out one keeps it clear).
  const PERFORMED_WORK = 1;
  const w = window as unknown as RenderLogWindow & { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };

  const firstElement = (fiber: Fiber): Element | null => {
    for (let child = fiber.child; child; child = child.sibling) {
      if (ELEMENT_TAGS.has(child.tag)) return child.stateNode as Element;
      const found = firstElement(child);
      if (found) return found;
    }
    return null;
  };
  const parentElement = (fiber: Fiber): Element | null => {
    for (let up = fiber.return; up; up = up.return) if (ELEMENT_TAGS.has(up.tag)) return up.stateNode as Element;
    return null;
  };
  const selectorOf = (e: Element) => `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}`;
  // A field by its path, a figure by its label, a problem list by where it is, anything else by tag and classes.
  const partOf = (e: Element): string => {
    if (e.matches('.field')) {
      const output = e.querySelector('output');
      if (output) return `output ${output.labels?.[0]?.textContent ?? ''}`;
      return `field ${e.querySelector('[data-field-path]')?.getAttribute('data-field-path') ?? ''}`;
    }
    if (e.matches('.field-problems') && e.parentElement) return `problems in ${selectorOf(e.parentElement)}`;
    return selectorOf(e);
  };
  const record = (fiber: Fiber, log: string[], editor: Element) => {
    const before = fiber.alternate;
    if (COMPONENT_TAGS.has(fiber.tag) && (before === null || (fiber.flags & PERFORMED_WORK) !== 0)) {
      const drawn = firstElement(fiber);
      const anchor = drawn ?? parentElement(fiber);
      if (anchor && editor.contains(anchor)) log.push(drawn ? partOf(drawn) : `nothing in ${selectorOf(anchor)}`);
    }
    // A subtree whose children are the ones of the last commit did not render at all.
    if (before === null || fiber.child !== before.child) {
      for (let child = fiber.child; child; child = child.sibling) record(child, log, editor);
    }
  };

  w.editorRenders = null;
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
      const log = w.editorRenders;
      const editor = document.querySelector('article[data-sheet-editor]');
      if (log && editor) record(root.current, log, editor);
    },
  };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The parts of the editor that rendered while `act` ran and the page then painted twice, each named once. */
async function editorRendersDuring(page: Page, act: () => Promise<void>): Promise<string[]> {
  await page.evaluate(() => {
    (window as unknown as RenderLogWindow).editorRenders = [];
  });
  await act();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => {
    const w = window as unknown as RenderLogWindow;
    const parts = [...new Set(w.editorRenders)].sort();
    w.editorRenders = null;
    return parts;
  });
}

describe('a keystroke in the sheet editor', () => {
  it('re-renders the field typed into, the figures that follow it and a problem list whose text changes; nothing else', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    await context.addInitScript(installRenderRecorder);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${url}#/sheet/${JOHOKA}`);
      await expect.poll(() => field(page, '事務事業名').inputValue()).toBe('情報化推進事業');
      // Start-up has finished: the totals are shown and nothing waits to be saved.
      await page.getByText('政策局の合計').waitFor();
      await page.locator('[data-save-state="saved"]').waitFor();

      // The recorder sees the editor: opening it renders the whole form.
      const amount = field(page, '予算額');
      expect(await amount.inputValue()).toBe('2,732,796');
      await amount.click();
      await amount.press('End');

      // 2,732,796 → 27,327,967: 増減, 前年度比 and 一般財源 follow; 主な事業の計 no longer matches (a new warning).
      // 未配分 stays blank (every item states its amount), the other fields and the form around them stay as they were.
      const typedAmount = await editorRendersDuring(page, async () => {
        await amount.press('7');
        await expect.poll(() => field(page, '増減').textContent()).toBe('24,281,185');
      });
      expect(await field(page, '前年度比').textContent()).toBe('896.9%');
      expect(await page.locator('.items-section .field-problems').textContent()).toContain('一致しません');
      expect(typedAmount).toEqual(['field amount', 'output 一般財源', 'output 前年度比', 'output 増減', 'problems in section.form-section.items-section']);

      // Back to 2,732,796: the warning goes away again.
      const erased = await editorRendersDuring(page, async () => {
        await amount.press('Backspace');
        await expect.poll(() => page.locator('.items-section .field-problems').count()).toBe(0);
      });
      expect(erased).toEqual(['field amount', 'nothing in section.form-section.items-section', 'output 一般財源', 'output 前年度比', 'output 増減']);

      // A row's field: only that field, 主な事業の計 and the 主な事業 problems; not its row, the other rows or 一般財源.
      const itemAmount = field(page, '主な事業2の金額');
      await itemAmount.click();
      await itemAmount.press('End');
      const typedItem = await editorRendersDuring(page, async () => {
        await itemAmount.press('7');
        await expect.poll(() => field(page, '主な事業の計').textContent()).toBe('6,507,304');
      });
      expect(typedItem).toEqual(['field items[1].amount', 'output 主な事業の計', 'problems in section.form-section.items-section']);

      // The name: the field, and the two things named after it (the editor's accessible name and the 履歴 button).
      const name = field(page, '事務事業名');
      await name.click();
      await name.press('End');
      const typedName = await editorRendersDuring(page, async () => {
        await name.press('A');
        await expect.poll(() => page.getByRole('article', { name: '事務事業シート 情報化推進事業A' }).count()).toBe(1);
      });
      expect(typedName).toEqual(['article.sheet-editor', 'button.history-button', 'field name']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
