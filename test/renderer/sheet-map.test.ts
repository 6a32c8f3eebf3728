// The store's map of sheets behaves as a Map by id under any sequence of changes, and a change never alters the map
// it was made from (undo, the autosave and selectors rely on an old state staying as it was).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sheet } from '../../shared/domain/schema';
import { SheetMap } from '../../renderer/src/store/sheet-map';
import { loadSample } from '../helpers/sample';

const base = loadSample().sheets[0]!;
const sheetWith = (id: string, amount: number): Sheet => ({ ...base, id, amount });

const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 0, max: 300 }), amount: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 300 }) }),
);

describe('SheetMap', () => {
  it('agrees with a Map after any sequence of set and delete, and leaves every earlier version unchanged', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        let map = SheetMap.empty;
        const model = new Map<string, Sheet>();
        const history: { map: SheetMap; snapshot: [string, Sheet][] }[] = [];
        for (const o of ops) {
          const id = `id-${o.id}`;
          history.push({ map, snapshot: [...model.entries()] });
          if (o.kind === 'set') {
            const sheet = sheetWith(id, o.amount);
            map = map.set(id, sheet);
            model.set(id, sheet);
          } else {
            map = map.delete(id);
            model.delete(id);
          }
          expect(map.size).toBe(model.size);
        }
        expect(map.toRecord()).toEqual(Object.fromEntries(model));
        for (const [id, sheet] of model) expect(map.get(id)).toBe(sheet);
        expect(map.get('id-absent')).toBeUndefined();
        expect(map.toArray()).toHaveLength(model.size);
        expect(new Set(map.keys())).toEqual(new Set(model.keys()));
        for (const { map: old, snapshot } of history) expect(old.toRecord()).toEqual(Object.fromEntries(snapshot));
      }),
      { numRuns: 200 },
    );
  });

  it('builds from sheets by their own ids, and deleting what it lacks gives the same map', () => {
    const sheets = loadSample().sheets;
    const map = SheetMap.of(sheets);
    expect(map.size).toBe(sheets.length);
    for (const s of sheets) expect(map.get(s.id)).toBe(s);
    expect(map.delete('nothing-here')).toBe(map);
  });
});
