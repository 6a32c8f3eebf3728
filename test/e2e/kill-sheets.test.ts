// Killing the browser while editing several sheets (the small version of `npm run soak`): it opens every time, every
// field holds a value that was on screen (nothing half-written), and nothing the app said was saved is lost.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seeded } from '../helpers/random';
import { JOHOKA_ID, makeProfile } from './kill-harness';
import { EditJournal, KillSoak, SOAK_FIELDS, type KillMode } from './kill-soak';

const url = inject('appUrl');
const profile = makeProfile();
afterAll(() => profile.remove());

/** Six browser starts and a few dozen keystrokes; a loaded 2-core machine needs room, and nothing here is timed. */
const TIMEOUT_MS = 240_000;
const KIKAKU_ID = '5a1e0000-0000-4000-8000-000000000001'; // 企画調整事務事業

describe('a killed browser, with edits across two sheets', () => {
  it(
    'opens after each of 3 kills (after 保存済み, mid-typing, idle) with every field as it was on screen and nothing saved lost',
    async () => {
      const soak = new KillSoak({ url, profileDir: profile.dir, sheetIds: [JOHOKA_ID, KIKAKU_ID], next: seeded(7), editsPerRound: [3, 4] });
      const modes: KillMode[] = ['saved', 'typing', 'idle'];
      let keystrokes = 0;
      try {
        await soak.begin();
        for (const mode of modes) {
          const kill = await soak.editAndKill(mode);
          expect(kill.driverError).toBeNull();
          keystrokes += kill.keystrokes;
          const reopened = await soak.reopenAndCheck(kill.killedAt);
          expect(reopened.opened, reopened.shown).toBe(true);
          expect(reopened.checks).toHaveLength(2 * SOAK_FIELDS.length);
          for (const check of reopened.checks) {
            expect(check.wasOnScreen, `${check.field} of ${check.sheetId} holds "${check.actual}"`).toBe(true);
            expect(check.lost.filter((l) => l.confirmed)).toEqual([]);
          }
          // Killed right after 保存済み: everything typed is there.
          if (mode === 'saved') expect(reopened.checks.flatMap((c) => c.lost)).toEqual([]);
        }
      } finally {
        await soak.end();
      }
      expect(keystrokes).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});

describe('the soak’s bookkeeping', () => {
  const amount = SOAK_FIELDS[0]!;
  const t0 = 1_000_000;
  function journalWith(values: string[], shownAt: (number | null)[]) {
    const journal = new EditJournal();
    journal.setBaseline('s', amount, '100');
    values.forEach((v, i) => {
      const k = journal.typed('s', amount, v, t0 + i * 100);
      k.shownAt = shownAt[i] ?? null;
    });
    return journal;
  }
  const actual = (value: string) => new Map([[`s|${amount.key}`, value]]);

  it('takes the newest value on screen that came back as saved, and counts the later ones lost with their age', () => {
    const journal = journalWith(['1', '12', '123'], [t0 + 10, t0 + 110, t0 + 210]);
    const [check] = journal.check(actual('12'), t0 + 1000);
    expect(check).toMatchObject({ wasOnScreen: true, keystrokes: 3 });
    expect(check!.lost).toEqual([{ sheetId: 's', field: 'amount', value: '123', ageMs: 790, confirmed: false }]);
  });

  it('a value never on screen is half-written; a keystroke in flight at the kill may be there or not', () => {
    expect(journalWith(['1', '12'], [t0, t0 + 100]).check(actual('2'), t0 + 500)[0]!.wasOnScreen).toBe(false);
    const inFlight = journalWith(['1', '12'], [t0, null]).check(actual('12'), t0 + 500)[0]!;
    expect(inFlight).toMatchObject({ wasOnScreen: true, lost: [] });
    expect(journalWith(['1', '12'], [t0, null]).check(actual('1'), t0 + 500)[0]!.lost).toEqual([]);
  });

  it('after a check the value that came back is the new baseline', () => {
    const journal = journalWith(['1'], [t0]);
    journal.check(actual('100'), t0 + 100);
    expect(journal.check(actual('100'), t0 + 200)[0]).toMatchObject({ wasOnScreen: true, keystrokes: 0, lost: [] });
  });
});
