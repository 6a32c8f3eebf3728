// Keystroke-to-paint latency in Chromium, shared by the editor and policy benches: a probe installed in the page, a
// typist of about 10 keys a second, keys sent back to back, and quantiles.
import type { Page } from 'playwright-core';

export const KEYSTROKES = 200;
const TYPING_GAP_MS = 100;

interface LatencyWindow {
  latencies: number[];
  t0: number;
  /** Resolves once `latencies` holds n entries (no polling in the page: it would show in the trace). */
  latencyWaiters: { n: number; resolve: () => void }[];
  /** Removes the previous probe's listener and observer, so a second install does not count every paint twice. */
  disposeProbe?: () => void;
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
  w.disposeProbe?.();
  w.latencies = [];
  w.latencyWaiters = [];
  const input = inputSelector ? document.querySelector<HTMLElement>(inputSelector)! : (document.activeElement as HTMLElement);
  // Page functions avoid named function bindings: tsx's keepNames would wrap them in a helper the page lacks.
  const onKeyDown = {
    handleEvent(e: Event) {
      w.t0 = e.timeStamp;
    },
  };
  input.addEventListener('keydown', onKeyDown, true);
  const output: Node = outputLabel
    ? Array.from(document.querySelectorAll('output')).find((o) => o.labels[0]?.textContent === outputLabel)!
    : outputIsInput
      ? input
      : document.querySelector('output')!;
  const observer = new MutationObserver(() => {
    const t0 = w.t0;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        w.latencies.push(performance.now() - t0);
        w.latencyWaiters = w.latencyWaiters.filter((waiter) => (w.latencies.length >= waiter.n ? (waiter.resolve(), false) : true));
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(output, { childList: true, characterData: true, subtree: true });
  w.disposeProbe = () => {
    input.removeEventListener('keydown', onKeyDown, true);
    observer.disconnect();
  };
}

/**
 * Types `keystrokes` keys (7 and Backspace in turn, so an even count leaves the field as it was) at about 10 a second:
 * each key once the previous one is painted, then a pause. Returns each key's latency.
 */
export async function typeAndMeasure(page: Page, { keystrokes = KEYSTROKES, gapMs = TYPING_GAP_MS }: { keystrokes?: number; gapMs?: number } = {}): Promise<number[]> {
  // A fast typist: the deferred list and totals update between keys, as they would.
  for (let i = 0; i < keystrokes; i++) {
    await page.keyboard.press(i % 2 === 0 ? '7' : 'Backspace');
    await page.evaluate(
      (n) =>
        new Promise<void>((resolve) => {
          const w = window as unknown as LatencyWindow;
          if (w.latencies.length >= n) resolve();
          else w.latencyWaiters.push({ n, resolve });
        }),
      i + 1,
    );
    await page.waitForTimeout(gapMs);
  }
  return page.evaluate(() => (window as unknown as LatencyWindow).latencies);
}

interface BurstWindow {
  burstKeys: { t: number; counts: boolean }[];
  burstPaints: { t: number; text: string }[];
  disposeBurstProbe?: () => void;
}

/**
 * For keys sent back to back into the focused element: every key event's time (`counts`: not a modifier or a
 * shortcut, so it changes the value) and every frame in which the `<output>` labelled `outputLabel` changed, with the
 * text it painted. Runs in the page: self-contained.
 */
export function installBurstProbe({ outputLabel }: { outputLabel: string }): void {
  const w = window as unknown as BurstWindow;
  w.disposeBurstProbe?.();
  w.burstKeys = [];
  w.burstPaints = [];
  const input = document.activeElement as HTMLElement;
  const onKeyDown = {
    handleEvent(e: Event) {
      const key = e as KeyboardEvent;
      w.burstKeys.push({ t: key.timeStamp, counts: !(key.ctrlKey || key.altKey || key.metaKey || key.key === 'Control') });
    },
  };
  input.addEventListener('keydown', onKeyDown, true);
  const output = Array.from(document.querySelectorAll('output')).find((o) => o.labels[0]?.textContent === outputLabel)!;
  let frameRequested = false;
  const observer = new MutationObserver(() => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      // What this frame paints: read in the frame itself, after every change made before it.
      const text = (output.textContent ?? '').trim();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => w.burstPaints.push({ t: performance.now(), text });
      channel.port2.postMessage(null);
    });
  });
  observer.observe(output, { childList: true, characterData: true, subtree: true });
  w.disposeBurstProbe = () => {
    input.removeEventListener('keydown', onKeyDown, true);
    observer.disconnect();
  };
}

export interface BurstResult {
  /** Per value-changing key: from its key event to the first frame that painted its result or a later key's. */
  latencies: number[];
  /** From the first key event of the burst to the frame that painted the final value. */
  total: number;
}

/**
 * Presses `keys` one after another as fast as Playwright sends them (no wait for a paint), with a burst probe
 * installed; `expected[i]` is the output's text once the i-th value-changing key is applied, all distinct, so a
 * painted text tells which key it shows even when frames skip keys.
 */
export async function typeBackToBack(page: Page, keys: readonly string[], expected: readonly string[], outputLabel: string): Promise<BurstResult> {
  await page.evaluate(installBurstProbe, { outputLabel });
  for (const key of keys) await page.keyboard.press(key);
  const final = expected[expected.length - 1]!;
  await page.waitForFunction((text) => (window as unknown as BurstWindow).burstPaints.some((p) => p.text === text), final, { timeout: 60_000, polling: 50 });
  const { burstKeys, burstPaints } = await page.evaluate(() => {
    const w = window as unknown as BurstWindow;
    w.disposeBurstProbe?.();
    return { burstKeys: w.burstKeys, burstPaints: w.burstPaints };
  });
  const changing = burstKeys.filter((k) => k.counts);
  if (changing.length !== expected.length) throw new Error(`burst: ${changing.length} value-changing keys seen, ${expected.length} expected`);
  const indexOf = new Map(expected.map((text, i) => [text, i]));
  const start = burstKeys[0]!.t;
  // The furthest key each frame shows; keys are applied in order, so every key up to it has been painted.
  const frames = burstPaints.filter((p) => p.t >= start && indexOf.has(p.text)).map((p) => ({ t: p.t, upTo: indexOf.get(p.text)! }));
  const latencies = changing.map((key, i) => {
    const frame = frames.find((f) => f.t >= key.t && f.upTo >= i);
    return frame ? frame.t - key.t : NaN;
  });
  const last = frames.find((f) => f.upTo === expected.length - 1);
  return { latencies, total: last ? last.t - start : NaN };
}

export const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
