// Keystroke-to-paint latency in Chromium, shared by the editor and policy benches: a probe installed in the page, a
// typist of about 10 keys a second, and quantiles.
import type { Page } from 'playwright-core';

export const KEYSTROKES = 200;
const TYPING_GAP_MS = 100;

interface LatencyWindow {
  latencies: number[];
  t0: number;
}

/**
 * Records, for each key pressed in the input (`inputSelector`, or the focused element), the time from the key event to
 * the frame after the output changed. The output is the `<output>` labelled `outputLabel`; with null, the first
 * `<output>` of the page, or with `outputIsInput` the input itself (React writes a controlled textarea's value back
 * into its text, so its own DOM changes when the value is rendered). Runs in the page: self-contained.
 */
export function installLatencyProbe({
  inputSelector,
  outputLabel,
  outputIsInput,
}: {
  inputSelector: string | null;
  outputLabel: string | null;
  outputIsInput?: boolean;
}): void {
  const w = window as unknown as LatencyWindow;
  w.latencies = [];
  const input = inputSelector ? document.querySelector<HTMLElement>(inputSelector)! : (document.activeElement as HTMLElement);
  input.addEventListener('keydown', (e) => (w.t0 = e.timeStamp), true);
  const output: Node = outputLabel
    ? Array.from(document.querySelectorAll('output')).find((o) => o.labels[0]?.textContent === outputLabel)!
    : outputIsInput
      ? input
      : document.querySelector('output')!;
  new MutationObserver(() => {
    const t0 = w.t0;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => w.latencies.push(performance.now() - t0);
      channel.port2.postMessage(null);
    });
  }).observe(output, { childList: true, characterData: true, subtree: true });
}

/** Types KEYSTROKES keys (7 and Backspace in turn) at about 10 a second and returns each key's latency. */
export async function typeAndMeasure(page: Page): Promise<number[]> {
  // A fast typist: the deferred list and totals update between keys, as they would.
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(i % 2 === 0 ? '7' : 'Backspace');
    await page.waitForFunction((n) => (window as unknown as LatencyWindow).latencies.length >= n, i + 1);
    await page.waitForTimeout(TYPING_GAP_MS);
  }
  return page.evaluate(() => (window as unknown as LatencyWindow).latencies);
}

export const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
