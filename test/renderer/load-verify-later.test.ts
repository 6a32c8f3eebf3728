// Start-up shows the stored sheets before their full check and checks them right after: a record damaged on disk is
// still set aside (kept in the quarantine, named in the notice), and what was typed in the meantime is kept.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../renderer/src/store/context';

const JOHOKA = '5a1e0000-0000-4000-8000-000000000008';
const KOIKI = '5a1e0000-0000-4000-8000-000000000002';

// createServices runs in a page: give it the few browser globals it touches (no Web Locks: it is the only window).
vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined });
vi.stubGlobal('document', { addEventListener: () => undefined, visibilityState: 'visible' });

const started: AppServices[] = [];
async function start(): Promise<AppServices> {
  const { createServices } = await import('../../renderer/src/app/bootstrap');
  const services = createServices();
  await services.start();
  started.push(services);
  return services;
}
afterAll(() => {
  for (const s of started) s.database()?.close();
  vi.unstubAllGlobals();
});

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
};

describe('start-up with a damaged record in the current format', () => {
  it('shows the sheets at once, then sets the damaged one aside and keeps an edit typed meanwhile', async () => {
    // First run stores the sample; then the 予算額 of 情報化推進事業 is damaged on disk (text where a number belongs).
    const first = await start();
    const db = first.database()!;
    const stored = (await db.sheets.get(JOHOKA))!;
    await db.sheets.put({ ...stored, sheet: { ...stored.sheet, amount: '2,732,796' as unknown as number } });
    first.database()!.close();

    const services = await start();
    const store = services.store;
    // The list has every sheet before the check ends; an edit typed at once is taken.
    expect(store.getState().sheets.get(KOIKI)).toBeDefined();
    expect(store.getState().updateSheet(KOIKI, (s) => ({ ...s, notes: '起動直後に入力した特記事項' }), 'notes')).toBe(true);

    await until(() => store.getState().setAside.length > 0 && store.getState().readOnly === null);
    expect(store.getState().setAside.map((s) => s.label)).toEqual(['事務事業「情報化推進事業」']);
    expect(store.getState().sheets.get(JOHOKA)).toBeUndefined();
    expect(store.getState().sheets.get(KOIKI)?.notes).toBe('起動直後に入力した特記事項');
    const again = services.database()!;
    const kept = await again.quarantine.toArray();
    expect(kept.map((k) => k.key)).toEqual([JOHOKA]);
    expect(await again.sheets.get(JOHOKA)).toBeUndefined();
    expect((await again.sheets.get(KOIKI))?.sheet.notes).toBe('起動直後に入力した特記事項');
    // Editing goes on as usual, with the autosave of the careful load.
    expect(store.getState().updateSheet(KOIKI, (s) => ({ ...s, amount: 12_345 }), 'amount')).toBe(true);
    expect(await services.flush()).toBe(true);
    expect((await again.sheets.get(KOIKI))?.sheet.amount).toBe(12_345);
  });
});
