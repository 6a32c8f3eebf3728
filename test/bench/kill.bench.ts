// Kill soak (`npm run bench -- kill`, KILLS=50 by default): types bursts into 予算額 and SIGKILLs the browser's process
// group at random moments, then starts it again on the same profile and looks at what came back. Reports how old the
// newest lost keystroke was; nothing older than the autosave window (250 ms after a change, plus the write) may be lost.
import { amountField, JOHOKA_ID, makeProfile, startKillableBrowser } from '../e2e/kill-harness';
import { buildAndServe } from '../e2e/serve-app';

const KILLS = Number(process.env['KILLS'] ?? 50);
/** The autosave writes at most this long after a change (renderer/src/persistence/autosave.ts). */
const AUTOSAVE_DELAY_MS = 250;

/** A small deterministic generator, so a run can be repeated. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const shown = (digits: string) => Number(digits).toLocaleString('en-US');

export default async function benchKill(): Promise<void> {
  const server = await buildAndServe();
  const profile = makeProfile();
  const next = random(20261130);
  const lostAges: number[] = [];
  let lostBeyondWindow = 0;
  let unreadable = 0;
  try {
    for (let k = 0; k < KILLS; k++) {
      const run = await startKillableBrowser(profile.dir, `${server.url}#/sheet/${JOHOKA_ID}`);
      const amount = amountField(run.page);
      const before = await amount.inputValue();
      await amount.click();
      await amount.press('Control+A');
      const digits = String(1 + Math.floor(next() * 8)).repeat(9);
      const typedAt: number[] = [];
      // Kill somewhere from the first keystroke to 800 ms after the last, typing ~10 keys a second.
      const killAfter = next() * (9 * 100 + 800);
      const started = Date.now();
      const killed = new Promise<number>((resolve) =>
        setTimeout(() => {
          const at = Date.now();
          void run.kill().then(() => resolve(at));
        }, killAfter),
      );
      for (let i = 0; i < digits.length; i++) {
        if (Date.now() - started > killAfter) break;
        try {
          await run.page.keyboard.type(digits[i]!);
        } catch {
          break;
        }
        typedAt.push(Date.now());
        await new Promise((r) => setTimeout(r, 50 + next() * 100));
      }
      const killedAt = await killed;
      const again = await startKillableBrowser(profile.dir, `${server.url}#/sheet/${JOHOKA_ID}`);
      const stored = await amountField(again.page).inputValue();
      await again.kill();
      // Which keystroke's figure came back: -1 for the figure before the burst.
      let index = -1;
      for (let i = typedAt.length - 1; i >= 0 && index === -1; i--) if (shown(digits.slice(0, i + 1)) === stored) index = i;
      if (index === -1 && stored !== before) {
        unreadable += 1;
        continue;
      }
      const firstLost = typedAt[index + 1];
      const age = firstLost === undefined ? 0 : killedAt - firstLost;
      lostAges.push(age);
      if (age > AUTOSAVE_DELAY_MS + 250) lostBeyondWindow += 1;
    }
  } finally {
    profile.remove();
    await server.close();
  }
  lostAges.sort((a, b) => a - b);
  const q = (p: number) => lostAges[Math.min(lostAges.length - 1, Math.floor(p * lostAges.length))] ?? 0;
  console.log(`${KILLS} kills (SIGKILL of the browser's process group at random moments while typing into 予算額)`);
  console.log(`age of the newest lost keystroke at the kill: median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  console.log(`kills that lost a keystroke older than ${AUTOSAVE_DELAY_MS + 250} ms: ${lostBeyondWindow}`);
  console.log(`kills after which 予算額 held a figure never on screen: ${unreadable}`);
}
