// Kill soak across several sheets (`npm run soak`, KILLS=200 by default, SEED for another sequence): random edits of
// 予算額, 前年度予算額, 主な事業1の金額, 事務事業名 and 特記事項 on five sheets, the browser's process group SIGKILLed at
// random moments (mid-typing, idle, right after 保存済み), then started again on the same profile and every field
// compared with what was typed. Prints the figures; the soak reports, it does not decide pass or fail by speed.
import { JOHOKA_ID, makeProfile } from '../e2e/kill-harness';
import { seeded } from '../helpers/random';
import { KillSoak, type FieldCheck, type KillMode, type LostEdit } from '../e2e/kill-soak';
import { buildAndServe } from '../e2e/serve-app';

const KILLS = Number(process.env['KILLS'] ?? 200);
const SEED = Number(process.env['SEED'] ?? 20261201);

/** The autosave writes 250 ms after the first unsaved change (renderer/src/persistence/autosave.ts). */
const AUTOSAVE_DELAY_MS = 250;
/**
 * Room for the write itself: the timer firing late on a busy main thread, one IndexedDB transaction of a few sheet
 * records committing, and a write already under way finishing first. Generous on purpose (2 shared cores).
 */
const WRITE_ALLOWANCE_MS = 750;
const WINDOW_MS = AUTOSAVE_DELAY_MS + WRITE_ALLOWANCE_MS;

const SHEETS = [
  '5a1e0000-0000-4000-8000-000000000001', // 企画調整事務事業
  '5a1e0000-0000-4000-8000-000000000003', // 合併振興基金積立金
  '5a1e0000-0000-4000-8000-000000000006', // 情報システム最適化事業
  JOHOKA_ID, // 情報化推進事業
  '5a1e0000-0000-4000-8000-00000000000a', // 東京事務所管理運営事業
];

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const server = await buildAndServe();
  const profile = makeProfile();
  const soak = new KillSoak({ url: server.url, profileDir: profile.dir, sheetIds: SHEETS, next: seeded(SEED) });
  const modes: Record<KillMode, number> = { typing: 0, idle: 0, saved: 0 };
  let midKeystroke = 0;
  let starts = 0;
  let opened = 0;
  const failures: string[] = [];
  const driverErrors: string[] = [];
  const pageErrors = new Map<string, number>();
  const checks: FieldCheck[] = [];
  const lost: LostEdit[] = [];
  let killsWithLoss = 0;
  let keystrokes = 0;
  const started = Date.now();
  try {
    await soak.begin();
    for (let k = 1; k <= KILLS; k++) {
      const kill = await soak.editAndKill();
      modes[kill.mode] += 1;
      if (kill.midKeystroke) midKeystroke += 1;
      keystrokes += kill.keystrokes;
      if (kill.driverError) driverErrors.push(`kill ${k}: ${kill.driverError}`);
      let reopening;
      for (let attempt = 0; ; attempt++) {
        starts += 1;
        reopening = await soak.reopenAndCheck(kill.killedAt);
        for (const e of reopening.pageErrors) pageErrors.set(e, (pageErrors.get(e) ?? 0) + 1);
        if (reopening.opened) break;
        failures.push(`kill ${k}, start ${attempt + 1}: ${reopening.shown ?? ''}`);
        if (attempt >= 2) throw new Error(`the app did not open three times in a row after kill ${k}`);
      }
      opened += 1;
      checks.push(...reopening.checks);
      const lostNow = reopening.checks.flatMap((c) => c.lost);
      lost.push(...lostNow);
      if (lostNow.length > 0) killsWithLoss += 1;
      const bad = reopening.checks.filter((c) => !c.wasOnScreen || c.lost.some((l) => l.confirmed || l.ageMs > WINDOW_MS));
      for (const c of bad) console.log(`kill ${k} (${kill.mode}): ${c.field} of ${c.sheetId} holds "${c.actual}"; lost ${JSON.stringify(c.lost)}`);
      if (k % 10 === 0) console.log(`… ${k} kills, ${lost.length} lost keystrokes so far, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await soak.end();
    profile.remove();
    await server.close();
  }
  const ages = lost.map((l) => l.ageMs).sort((a, b) => a - b);
  const fieldsTouched = checks.filter((c) => c.keystrokes > 0).length;
  console.log(`\n${KILLS} kills (seed ${SEED}): SIGKILL of the browser's process group; ${modes.typing} at a random moment while editing (${midKeystroke} with a keystroke in flight), ${modes.idle} 0–1.5 s after the last keystroke, ${modes.saved} right after 保存済み`);
  console.log(`app opened: ${opened}/${starts} starts after a kill${failures.length > 0 ? `; failures: ${failures.join(' | ')}` : ''}`);
  console.log(`edits checked: ${keystrokes} keystrokes in ${fieldsTouched} field edits (5 fields × 5 sheets read back after every kill: ${checks.length} field checks)`);
  console.log(`sheets opened while editing: ${soak.navigations.list} by a click in the list, ${soak.navigations.route} by their address #/sheet/<id>${soak.navigations.listMissed > 0 ? ` (${soak.navigations.listMissed} list clicks missed, opened by address)` : ''}`);
  console.log(`fields holding a value never on screen (half-written): ${checks.filter((c) => !c.wasOnScreen).length}`);
  console.log(`lost keystrokes: ${lost.length} in ${killsWithLoss} kills; age at the kill median ${quantile(ages, 0.5)} ms, p95 ${quantile(ages, 0.95)} ms, max ${ages.at(-1) ?? 0} ms`);
  console.log(`lost keystrokes older than the window (${AUTOSAVE_DELAY_MS} ms autosave + ${WRITE_ALLOWANCE_MS} ms for the write = ${WINDOW_MS} ms): ${lost.filter((l) => l.ageMs > WINDOW_MS).length}`);
  console.log(`lost keystrokes the app had said were saved (保存済み seen after them): ${lost.filter((l) => l.confirmed).length}`);
  console.log(`driver errors: ${driverErrors.length}${driverErrors.length > 0 ? `: ${driverErrors.slice(0, 5).join(' | ')}` : ''}`);
  console.log(`console errors in the page: ${[...pageErrors].map(([e, n]) => `${n}× ${e.slice(0, 120)}`).join(' | ') || 'none'}`);
  console.log(`time: ${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
