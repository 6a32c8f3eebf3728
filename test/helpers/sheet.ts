// A valid sheet to vary in tests. Items may be given without ids: they get the ids a version-1 file would.
import type { Item, Sheet } from '../../shared/domain/schema';
import { createEmptySheet } from '../../shared/domain/sheet';
import { derivedItemId } from '../../shared/exchange/migrations';

let counter = 0;

export type ItemWithoutId = Omit<Item, 'id'> & { id?: string };

/** Items with an id each (kept when given, derived from the sheet and position when not). */
export function withItemIds(sheetId: string, items: readonly ItemWithoutId[]): Item[] {
  return items.map((item, i) => ({ ...item, id: item.id ?? derivedItemId(sheetId, i) }));
}

export function makeSheet(overrides: Partial<Omit<Sheet, 'items'>> & { items?: readonly ItemWithoutId[] } = {}): Sheet {
  counter += 1;
  const id = overrides.id ?? `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  const { items, ...rest } = overrides;
  return {
    ...createEmptySheet({ id, fiscalYear: 2015, bureau: '政策局', now: new Date('2015-02-01T00:00:00Z') }),
    name: '試験事業',
    org: { bureau: '政策局', department: '政策企画部', section: '企画調整課' },
    classification: {
      kan: { no: 2, name: '総務費' },
      kou: { no: 2, name: '企画費' },
      moku: { no: 1, name: '企画総務費' },
    },
    amount: 1000,
    previousAmount: 900,
    ...rest,
    id,
    items: withItemIds(id, items ?? []),
  };
}
