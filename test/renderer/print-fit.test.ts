import { describe, expect, it } from 'vitest';
import { charCount, cuttableTexts, FONT_STEPS_PT, initialFit, MIN_FONT_PT, nextFit, printedText } from '../../renderer/src/features/print/fit';
import { makeSheet } from '../helpers/sheet';

describe('fitting a sheet on one page', () => {
  const sheet = makeSheet({ purpose: 'あ'.repeat(3000), notes: 'い'.repeat(100), items: [{ name: 'x', amount: 1, description: 'う'.repeat(500) }] });
  const texts = cuttableTexts(sheet);

  it('a page that fits is done at once, at the largest font', () => {
    expect(nextFit(initialFit, false, texts)).toEqual({ fontIndex: 0, cuts: {}, done: true });
  });

  it('an overflowing page steps the font down to 7.5 pt before cutting anything', () => {
    let state = initialFit;
    for (let i = 1; i < FONT_STEPS_PT.length; i++) {
      state = nextFit(state, true, texts);
      expect(state.fontIndex).toBe(i);
      expect(state.cuts).toEqual({});
    }
    expect(FONT_STEPS_PT[state.fontIndex]).toBe(MIN_FONT_PT);
    expect(MIN_FONT_PT).toBe(7.5);
  });

  it('then cuts the longest text first, by a quarter each time, never below 40 characters', () => {
    let state = { ...initialFit, fontIndex: FONT_STEPS_PT.length - 1 };
    state = nextFit(state, true, texts);
    expect(state.cuts).toEqual({ purpose: 2250 });
    for (let i = 0; i < 200 && !state.done; i++) state = nextFit(state, true, texts);
    expect(state.done).toBe(true);
    expect(Object.values(state.cuts).every((kept) => kept >= 40)).toBe(true);
    expect(Object.keys(state.cuts).sort()).toEqual(['items[0].description', 'notes', 'purpose']);
  });

  it('a cut text says so and never splits a character', () => {
    expect(printedText('𠮷野家の牛丼', 2)).toEqual({ text: '𠮷野…', cut: true });
    expect(printedText('短い', undefined)).toEqual({ text: '短い', cut: false });
    expect(charCount('𠮷')).toBe(1);
  });
});
