// Key-program rows that follow a sheet or one 主な事業: the figures they show, and the flags when the source is gone.
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../shared/domain/check';
import { formatAmount } from '../../shared/domain/money';
import { numberedPrograms, programFigures, sheetsById } from '../../shared/domain/policy';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import { loadSample } from '../helpers/sample';

const rowsOf = (file: ExchangeFile) => numberedPrograms(file.policies[0]!);
const shown = (file: ExchangeFile, no: number) => {
  const row = rowsOf(file)[no - 1]!;
  const f = programFigures(row.program, sheetsById(file.sheets));
  return [f.source, formatAmount(f.amount), formatAmount(f.generalFund), formatAmount(f.previousAmount), formatAmount(f.previousGeneralFund)];
};
const editSheet = (file: ExchangeFile, name: string, edit: (s: Sheet) => Sheet): ExchangeFile => ({
  ...file,
  sheets: file.sheets.map((s) => (s.name === name ? edit(s) : s)),
});
const policyProblems = (file: ExchangeFile) => checkDocument(file).filter((p) => p.path.startsWith('policies'));

describe('key-program rows of the sample', () => {
  it.each([
    // No, source, 27年度, (一般財源), 26年度, (一般財源): as the seed prints them.
    [1, 'sheet', '16,682', '16,682', '16,081', '16,081'],
    [2, 'item', '6,688', '6,688', '6,692', '6,692'],
    [3, 'sheet', '506,954', '500,000', '505,949', '500,000'],
    [6, 'item', '419,389', '369,553', '577,872', '452,832'],
    [7, 'typed', '764,859', '764,859', '773,626', '773,626'],
    [10, 'sheet', '10,298', '10,298', '10,019', '10,019'],
  ])('row %i shows %s figures %s (%s), %s (%s)', (no, source, amount, fund, previous, previousFund) => {
    expect(shown(loadSample(), no)).toEqual([source, amount, fund, previous, previousFund]);
  });

  it('a row that follows a sheet follows its 予算額 and 一般財源 live', () => {
    const file = editSheet(loadSample(), '総合振興計画推進事業', (s) => ({ ...s, amount: 20_000 }));
    expect(shown(file, 1)).toEqual(['sheet', '20,000', '20,000', '16,081', '16,081']);
  });

  it('a row that follows a 主な事業 follows its amount, and keeps following it when the items are reordered', () => {
    const file = editSheet(loadSample(), '情報化推進事業', (s) => ({
      ...s,
      items: [{ ...s.items[1]!, amount: 420_000 }, s.items[0]!],
    }));
    expect(shown(file, 6)).toEqual(['item', '420,000', '369,553', '577,872', '452,832']);
  });

  it('deleting the linked sheet or 主な事業 keeps the last figures and flags the row', () => {
    const sample = loadSample();
    const noSheet = { ...sample, sheets: sample.sheets.filter((s) => s.name !== '総合振興計画推進事業') };
    expect(shown(noSheet, 1)).toEqual(['missing-sheet', '16,682', '16,682', '16,081', '16,081']);
    expect(policyProblems(noSheet).map((p) => [p.path, p.message])).toContainEqual([
      'policies[0].goals[0].programs[0].link',
      '主要事業 No.1「総合振興計画推進事業」が連動する事務事業シートが見つかりません。最後の金額を表示しています。',
    ]);
    const noItem = editSheet(sample, '企画調整事務事業', (s) => ({ ...s, items: s.items.slice(1) }));
    expect(shown(noItem, 2)).toEqual(['missing-item', '6,688', '6,688', '6,692', '6,692']);
    expect(policyProblems(noItem).map((p) => p.path)).toContain('policies[0].goals[1].programs[0].link');
  });
});
