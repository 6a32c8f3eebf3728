// A valid sheet to vary in tests.
import type { Sheet } from '../../shared/domain/schema';
import { createEmptySheet } from '../../shared/domain/sheet';

let counter = 0;

export function makeSheet(overrides: Partial<Sheet> = {}): Sheet {
  counter += 1;
  const id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
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
    ...overrides,
  };
}
