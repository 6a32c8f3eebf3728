// A keystroke in an amount lays out that input alone, not the window: Chromium starts a layout at a relayout boundary
// (a box on its own layer, of fixed size, that is no flex or grid item) and otherwise at the root. Read from a
// Chromium trace of the key: every layout done while the key is handled (editing, key events) and its size.
// Before, the input was a flex item of its field and the digit's own layout covered the whole window.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string }; beginData?: { partialLayout?: boolean; dirtyObjects?: number; totalObjects?: number } };
}

/** The layouts run inside the key's own events (keydown, keypress, textInput, input): how many objects each covered. */
function layoutsWhileHandlingKeys(traceJson: string): { partial: boolean; objects: number }[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const keyEvents = events.filter(
    (e) => e.ph === 'X' && e.name === 'EventDispatch' && ['keydown', 'keypress', 'textInput', 'input'].includes(e.args?.data?.type ?? ''),
  );
  return events
    .filter((e) => e.ph === 'X' && e.name === 'Layout')
    .filter((layout) => keyEvents.some((k) => k.pid === layout.pid && k.tid === layout.tid && k.ts <= layout.ts && layout.ts <= k.ts + (k.dur ?? 0)))
    .map((layout) => ({ partial: layout.args?.beginData?.partialLayout === true, objects: layout.args?.beginData?.totalObjects ?? Infinity }));
}

describe('typing into an amount', () => {
  it('lays out the input typed into, not the whole window (予算額, 前年度予算額, a 特定財源 and a 主な事業 amount)', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openApp(browser, url, `#/sheet/${JOHOKA}`);
    try {
      await page.locator('[data-save-state="saved"]').waitFor();
      for (const path of ['amount', 'previousAmount', 'specificFunding[0].amount', 'items[0].amount']) {
        const input = page.locator(`input[data-field-path="${path}"]`);
        await input.click();
        await input.press('End');
        const before = await input.inputValue();
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await input.press('7');
        await expect.poll(() => input.inputValue()).toBe(`${before}7`);
        const layouts = layoutsWhileHandlingKeys((await browser.stopTracing()).toString('utf8'));
        // Inserting the digit needs a layout (the caret moves): the input's own few boxes, not the window's ~900.
        // The figures that follow (増減, 一般財源, a problem line) then change outside the input: one layout of the window.
        expect(layouts[0], path).toEqual({ partial: true, objects: expect.any(Number) });
        expect(layouts[0]!.objects, path).toBeLessThan(10);
        expect(layouts.filter((l) => !l.partial).length, path).toBeLessThanOrEqual(1);
        await input.press('Backspace');
        await expect.poll(() => input.inputValue()).toBe(before);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
