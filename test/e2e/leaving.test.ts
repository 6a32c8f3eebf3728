// Leaving the app in Debian's Chromium (real UI, real IndexedDB): the flush on leaving, not the 250 ms autosave
// timer, saves the keystrokes typed just before; and undo on a 確定 sheet.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');

beforeAll(async () => {
  browser = await launchBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
});

/** 情報化推進事業: 前年度予算額 3,046,782. */
const JOHOKA = '#/sheet/5a1e0000-0000-4000-8000-000000000008';
/** renderer/src/persistence/autosave.ts: the timer that writes 250 ms after the first unsaved change. */
const AUTOSAVE_DELAY_MS = 250;
/** Each attempt starts a context; a loaded 2-core machine may take 5 s for one. */
const LEAVING_TIMEOUT_MS = 120_000;

const list = (page: Page) => page.getByRole('listbox', { name: '事務事業シート' });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** What the probe saw in the page that was left, in that document's clock (performance.now()). */
interface Probe {
  /** The last keystroke: its `input` event, before React's handler (and so the autosave) sees it. */
  lastInput: number | null;
  /** The first sign of leaving: beforeunload, pagehide or visibilitychange to hidden (the event's own timeStamp). */
  left: number | null;
  /** When a 250 ms timer set after the last keystroke ran: the autosave's timer. */
  timerFired: number | null;
  /** When the first IndexedDB put after the last keystroke was made: the write that saved it. */
  firstWrite: number | null;
}

/**
 * Watches the page about to be left, from just before the last keystroke: when that keystroke came, when the page
 * began to leave, whether the autosave's 250 ms timer ran, and when a write to IndexedDB began. setTimeout and
 * IDBObjectStore.prototype.put are looked up when called (Dexie calls store[type](...)), so wrapping them now sees
 * the app's calls; they still do what they did. At pagehide the probe goes to localStorage for the next page to read.
 */
const PROBE = `(() => {
  const probe = { lastInput: null, left: null, timerFired: null, firstWrite: null };
  window.__leavingProbe = probe;
  document.addEventListener('input', () => { probe.lastInput = performance.now(); }, true);
  const leaving = (event) => { if (probe.left === null) probe.left = event.timeStamp; };
  window.addEventListener('beforeunload', leaving, true);
  window.addEventListener('pagehide', (event) => {
    leaving(event);
    localStorage.setItem('leaving-probe', JSON.stringify(probe));
  }, true);
  document.addEventListener('visibilitychange', (event) => { if (document.visibilityState === 'hidden') leaving(event); }, true);
  const setTimeout = window.setTimeout;
  window.setTimeout = function (handler, delay, ...rest) {
    if (delay !== ${AUTOSAVE_DELAY_MS} || typeof handler !== 'function' || probe.lastInput === null) return setTimeout(handler, delay, ...rest);
    return setTimeout(function (...args) {
      if (probe.timerFired === null) probe.timerFired = performance.now();
      return handler.apply(this, args);
    }, delay, ...rest);
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (probe.lastInput !== null && probe.firstWrite === null) probe.firstWrite = performance.now();
    return put.apply(this, args);
  };
})()`;

/**
 * Headless Chromium never hides a page on its own: bringing another page or tab to the front, minimising the window
 * (Browser.setWindowBounds), Page.setWebLifecycleState 'frozen' and Emulation.setFocusEmulationEnabled(false) all
 * leave document.visibilityState 'visible' with no visibilitychange (Chromium 156); it fires only while the page
 * unloads, after pagehide. So the tab switch is emulated: the document says it is hidden and gets the event a browser
 * fires, which the app's own listener handles as it would the real one.
 */
const HIDE = `(() => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
})()`;

/**
 * Types 2,800,000 into 予算額 the way a user does, so that the very last keystroke is the only change the autosave
 * has not written: 280000 first, wait until that is saved (nothing pending, no write running: a running write would
 * also write what is typed meanwhile, without the timer), then the probe. The caller types the last 0.
 */
async function typeAllButTheLastKeystroke(page: Page): Promise<void> {
  const amount = field(page, '予算額');
  await amount.click();
  await amount.press('Control+A');
  await amount.pressSequentially('280000');
  await expect.poll(() => field(page, '増減').textContent()).toBe('△ 2,766,782');
  // The indicator turns to 保存中 within the keystroke's event (a discrete React update), so 'saved' here is the
  // write of 280000 finished, not the state before it.
  await page.locator('[data-save-state="saved"]').waitFor();
  await page.evaluate(PROBE);
}

async function expectTypedFigureSaved(page: Page): Promise<void> {
  expect(await field(page, '予算額').inputValue()).toBe('2,800,000');
  expect(await field(page, '増減').textContent()).toBe('△ 246,782');
}

/**
 * Whether this run shows that leaving, not the timer, wrote the last keystroke. The proof does not depend on how
 * fast the machine is, only on the order of events in the page: if the page began to leave before the autosave's
 * timer ran, the write must have begun before that timer (the app's flush writes at once and clears the timer; a
 * timer callback cannot run after the page is gone). Without a flush on leaving, either nothing is written (the
 * figure is lost) or the write begins when the timer runs, after leaving: both fail here. Only when a loaded machine
 * delivered the leaving more than 250 ms after the keystroke did the timer rightly run first; that run proves nothing
 * (it must still keep the figure) and the caller tries again.
 */
function leftBeforeTheTimer(probe: Probe): boolean {
  expect(probe.lastInput, 'the probe saw the last keystroke').not.toBeNull();
  expect(probe.left, 'the probe saw the page leave').not.toBeNull();
  if (probe.timerFired !== null && probe.timerFired <= probe.left!) return false;
  expect(probe.firstWrite, 'a write to IndexedDB began after the last keystroke').not.toBeNull();
  expect(probe.firstWrite!, 'the write began before the autosave timer ran').toBeLessThan(probe.timerFired ?? Infinity);
  return true;
}

/**
 * Up to 3 attempts, each in a fresh profile: the figure must be kept every time; the test is done when an attempt
 * left before the timer (see leftBeforeTheTimer). If none did, the machine was too slow to show anything about the
 * flush, and the test passes with a warning rather than fail spuriously.
 */
async function leaveRightAfterTheLastKeystroke(
  what: string,
  leave: (page: Page, context: BrowserContext) => Promise<{ again: Page; probe: Probe }>,
): Promise<void> {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { context, page, errors } = await openApp(browser, url, JOHOKA);
    await typeAllButTheLastKeystroke(page);
    await page.keyboard.press('0'); // the last keystroke: 2,800,000
    const { again, probe } = await leave(page, context); // at once
    await expectTypedFigureSaved(again);
    const proved = leftBeforeTheTimer(probe);
    expect(errors).toEqual([]);
    await context.close();
    if (proved) return;
    seen.push(`left ${Math.round(probe.left! - probe.lastInput!)} ms after the keystroke, timer at ${Math.round(probe.timerFired! - probe.lastInput!)} ms`);
  }
  console.warn(`${what}: the figure was kept, but the machine was too slow to leave before the autosave timer (${seen.join('; ')}): this run does not show that the flush on leaving saved it.`);
}

describe('leaving right after typing', () => {
  it(
    'a reload right after the last keystroke keeps it (written on leaving, before the autosave timer): 予算額 2,800,000, 増減 △ 246,782',
    async () => {
      await leaveRightAfterTheLastKeystroke('reload', async (page) => {
        await page.reload();
        await list(page).waitFor();
        const probe = JSON.parse((await page.evaluate(() => localStorage.getItem('leaving-probe'))) ?? 'null') as Probe | null;
        expect(probe, 'the probe recorded the pagehide of the page that was left').not.toBeNull();
        return { again: page, probe: probe! };
      });
    },
    LEAVING_TIMEOUT_MS,
  );

  it(
    'hidden (a tab switch) right after the last keystroke, it is written at once; the page closed then, it is kept',
    async () => {
      await leaveRightAfterTheLastKeystroke('hide and close', async (page, context) => {
        await page.evaluate(HIDE);
        // Before the app committed its leaving write in the handler, closing at once lost the figure 1 run in 20;
        // the next test proves the commit. Here: close once the app says 保存済み; leftBeforeTheTimer checks that
        // this write began on hiding, not with the timer.
        await page.locator('[data-save-state="saved"]').waitFor();
        const probe = (await page.evaluate(() => (window as unknown as { __leavingProbe: Probe }).__leavingProbe)) as Probe;
        await page.close();
        const again = await context.newPage();
        await again.goto(`${url}${JOHOKA}`);
        await list(again).waitFor();
        return { again, probe };
      });
    },
    LEAVING_TIMEOUT_MS,
  );
});

describe('a page going away', () => {
  it(
    'has its last keystroke written and committed before the leaving event returns (nothing left to wait for)',
    async () => {
      const { context, page, errors } = await openApp(browser, url, JOHOKA);
      try {
        await typeAllButTheLastKeystroke(page);
        await field(page, '予算額').press('0');
        // In one task: watch commit(), hide the page, report. An async flush would not have committed by then.
        const committedInTheHandler = await page.evaluate(`(() => {
          let committed = 0;
          const commit = IDBTransaction.prototype.commit;
          IDBTransaction.prototype.commit = function () { committed += 1; return commit.call(this); };
          ${HIDE};
          return committed;
        })()`);
        expect(committedInTheHandler).toBe(1);
        await page.close();
        const again = await context.newPage();
        await again.goto(`${url}${JOHOKA}`);
        await list(again).waitFor();
        await expect.poll(() => field(again, '予算額').inputValue()).toBe('2,800,000');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    LEAVING_TIMEOUT_MS,
  );
});

describe('undo and 確定', () => {
  it(
    'Ctrl+Z on a 確定 sheet does nothing; reopened as 作成中, Ctrl+Z takes back the edit and the sheet stays 作成中',
    async () => {
      const { context, page, errors } = await openApp(browser, url, JOHOKA);
      const amount = field(page, '予算額');
      const status = page.getByLabel('状態', { exact: true });
      const undoButton = page.getByRole('button', { name: '元に戻す', exact: true });
      const redoButton = page.getByRole('button', { name: 'やり直し', exact: true });
      /** Lets a render the key may have scheduled happen before asserting that nothing changed. */
      const settle = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

      // An edit, then 確定.
      await amount.click();
      await amount.press('Control+A');
      await amount.pressSequentially('2800000');
      await amount.press('Tab');
      await expect.poll(() => field(page, '増減').textContent()).toBe('△ 246,782');
      expect(await undoButton.isEnabled()).toBe(true);
      await status.selectOption({ label: '確定' });
      await expect.poll(() => amount.getAttribute('readonly')).not.toBeNull();

      const expectFinal = async () => {
        expect(await status.inputValue()).toBe('final');
        expect(await amount.inputValue()).toBe('2,800,000');
        expect(await field(page, '増減').textContent()).toBe('△ 246,782');
        expect(await amount.getAttribute('readonly')).not.toBeNull();
        expect(await field(page, '事務事業名').getAttribute('readonly')).not.toBeNull();
        expect(await page.getByRole('note').textContent()).toMatch(/確定済みのため編集できません/);
        expect(await undoButton.isDisabled()).toBe(true);
        expect(await redoButton.isDisabled()).toBe(true);
      };
      await expectFinal();

      // Ctrl+Z from the status select (focused after choosing 確定), then from the read-only 予算額: nothing.
      await page.keyboard.press('Control+Z');
      await settle();
      await expectFinal();
      await amount.focus();
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
      await settle();
      await expectFinal();

      // Reopened: editable, 元に戻す available. A status change is no undo step, and undo keeps the status: Ctrl+Z
      // takes back the edit made before 確定 (it never re-finalises the sheet), Ctrl+Y brings it back.
      await status.selectOption({ label: '作成中' });
      await expect.poll(() => amount.getAttribute('readonly')).toBeNull();
      expect(await undoButton.isEnabled()).toBe(true);
      expect(await amount.inputValue()).toBe('2,800,000');
      await status.focus();
      await page.keyboard.press('Control+Z');
      await expect.poll(() => amount.inputValue()).toBe('2,732,796');
      expect(await field(page, '増減').textContent()).toBe('△ 313,986');
      expect(await status.inputValue()).toBe('draft');
      expect(await amount.getAttribute('readonly')).toBeNull();
      await page.keyboard.press('Control+Y');
      await expect.poll(() => amount.inputValue()).toBe('2,800,000');
      expect(await status.inputValue()).toBe('draft');
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
