import { describe, expect, it } from 'vitest';
import { parsePath, setPath } from '../../shared/domain/path';
import { makeSheet } from '../helpers/sheet';

describe('setPath', () => {
  it('parses the exchange format paths', () => {
    expect(parsePath('items[1].amount')).toEqual(['items', 1, 'amount']);
    expect(parsePath('classification.kan.no')).toEqual(['classification', 'kan', 'no']);
    expect(parsePath('specificFunding[0]')).toEqual(['specificFunding', 0]);
  });

  it('replaces one value and shares every untouched branch', () => {
    const sheet = makeSheet({ items: [{ name: 'a', amount: 1, description: '' }, { name: 'b', amount: 2, description: '' }] });
    const next = setPath(sheet, 'items[1].amount', 5);
    expect(next.items[1]!.amount).toBe(5);
    expect(sheet.items[1]!.amount).toBe(2);
    expect(next.items[0]).toBe(sheet.items[0]);
    expect(next.org).toBe(sheet.org);
    expect(setPath(next, 'org.section', '東京事務所').org.section).toBe('東京事務所');
  });

  it('returns the same object when nothing changes, so no undo step or save is made', () => {
    const sheet = makeSheet();
    expect(setPath(sheet, 'amount', sheet.amount)).toBe(sheet);
  });

  it('refuses paths that do not exist', () => {
    expect(() => setPath(makeSheet(), 'items[3].amount', 1)).toThrow();
    expect(() => setPath(makeSheet(), 'nope', 1)).toThrow();
  });
});
