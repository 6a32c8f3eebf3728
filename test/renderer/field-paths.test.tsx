// The sheet editor's typed field paths: wrong paths and wrong value types must not compile (`npm run typecheck`).
import { describe, expect, it } from 'vitest';
import { rowIndexOf, setSheetField, type SheetFieldPathOf } from '../../shared/domain/path';
import type { Sheet } from '../../shared/domain/schema';
import { AmountInput } from '../../renderer/src/features/fields/AmountInput';
import { NumberInput, TextArea, TextInput } from '../../renderer/src/features/fields/TextInput';
import type { Commit } from '../../renderer/src/features/sheets/SheetEditor';
import { makeSheet } from '../helpers/sheet';

/** Never called: each `@ts-expect-error` fails the typecheck if the line below it compiles. */
export function typeOnly(sheet: Sheet, commit: Commit, index: number) {
  commit('amount', 2_800_000);
  commit('amount', null);
  commit(`items[${index}].description`, '説明');
  commit(`classification.kou.no`, 2);
  commit('org.section', '情報システム課');
  // @ts-expect-error: a string where an amount goes
  commit('amount', '2,800,000');
  // @ts-expect-error: a path the sheet does not have
  commit('amout', 1);
  // @ts-expect-error: a field a row does not have
  commit(`items[${index}].amount2`, 1);
  // @ts-expect-error: not a row index
  commit('items[x].name', '');
  // @ts-expect-error: a number where text goes
  commit(`specificFunding[${index}].source`, 15);
  // @ts-expect-error: the editor does not write ids or timestamps
  commit('updatedAt', '');
  // @ts-expect-error: a level that does not exist
  commit('classification.setsu.no', 1);
  // @ts-expect-error: status has its own action (setStatus)
  setSheetField(sheet, 'status', 'final');

  const amountPath: SheetFieldPathOf<number | null> = 'budgetBookPage';
  // @ts-expect-error: a text path is not an amount path
  const notAmountPath: SheetFieldPathOf<number | null> = 'name';

  return [
    amountPath,
    notAmountPath,
    <AmountInput key="a" label="予算額" value={null} fieldPath="amount" onCommit={commit} />,
    <TextInput key="b" label="事務事業名" value="" fieldPath="name" onCommit={commit} />,
    <TextArea key="c" label="参考" value="" fieldPath="reference" onCommit={commit} />,
    <NumberInput key="d" label="予算書P." value={null} max={99_999} fieldPath="budgetBookPage" onCommit={commit} />,
    // @ts-expect-error: an amount field bound to a text path
    <AmountInput key="e" label="予算額" value={null} fieldPath="name" onCommit={commit} />,
    // @ts-expect-error: a text field bound to an amount path
    <TextInput key="f" label="事務事業名" value="" fieldPath="amount" onCommit={commit} />,
    // @ts-expect-error: a misspelt path
    <TextInput key="g" label="事務事業名" value="" fieldPath="nmae" onCommit={commit} />,
  ];
}

describe('typed sheet field paths', () => {
  it('set the value at the path, sharing the rest, and find a row index', () => {
    const items = [
      { name: '一', amount: 1, description: '' },
      { name: '二', amount: 2, description: '' },
    ];
    const sheet = makeSheet({ items });
    const next = setSheetField(sheet, 'items[1].amount', 5);
    expect(next.items[1]?.amount).toBe(5);
    expect(next.items[0]).toBe(sheet.items[0]);
    expect(setSheetField(sheet, 'amount', sheet.amount)).toBe(sheet);
    expect(rowIndexOf('specificFunding[12].source')).toBe(12);
    expect(typeof typeOnly).toBe('function');
  });
});
