// Killing the browser (SIGKILL of its whole process group, like a power cut) loses nothing that was saved, and a kill
// in the middle of typing leaves a profile that opens with one of the figures the user had on screen.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { amountField, JOHOKA_ID, makeProfile, startKillableBrowser, typeAmount } from './kill-harness';

const url = inject('appUrl');
const sheetUrl = `${url}#/sheet/${JOHOKA_ID}`;
const profile = makeProfile();
afterAll(() => profile.remove());

/** Starting Chromium and the app took about 1.5 s alone here and 4 s with the whole suite running on 2 cores. */
const TIMEOUT_MS = 120_000;

describe('a killed browser', () => {
  it(
    'keeps every figure the save indicator said was saved (3 kills, each right after 保存済み)',
    async () => {
      for (const digits of ['2800000', '2900001', '3000002']) {
        const run = await startKillableBrowser(profile.dir, sheetUrl);
        await typeAmount(run.page, digits);
        await run.page.locator('[data-save-state="saved"]').waitFor();
        await run.kill();
        const again = await startKillableBrowser(profile.dir, sheetUrl);
        expect(await amountField(again.page).inputValue()).toBe(Number(digits).toLocaleString('en-US'));
        await again.kill();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'killed while typing, it opens again with a figure that was on screen (the last saved one), never anything else',
    async () => {
      const typed = '12345678';
      // Keystrokes before the kill: the autosave has written some prefix of them, or not yet the first.
      for (const keystrokes of [2, 6]) {
        const run = await startKillableBrowser(profile.dir, sheetUrl);
        const before = await amountField(run.page).inputValue();
        await typeAmount(run.page, typed.slice(0, keystrokes));
        await run.kill();
        const again = await startKillableBrowser(profile.dir, sheetUrl);
        const onScreen = [before, ...Array.from({ length: keystrokes }, (_, i) => Number(typed.slice(0, i + 1)).toLocaleString('en-US'))];
        expect(onScreen).toContain(await amountField(again.page).inputValue());
        await again.kill();
      }
    },
    TIMEOUT_MS,
  );
});
