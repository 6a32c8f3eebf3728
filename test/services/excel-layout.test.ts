// The pure decisions of the Excel export: text widths and line breaks, worksheet names, escaping, where every field
// goes, formulas with their cached results, row heights and print setup. No exceljs here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { totalsOf } from '../../shared/domain/totals';
import {
  cellAddress,
  layoutMetadata,
  layoutSheet,
  layoutSummary,
  MAX_ROW_HEIGHT,
  planSheet,
  rowHeightFor,
  SHEET_COLUMNS,
  spanCapacity,
  type LayoutCell,
  type SheetShape,
  type WorksheetLayout,
} from '../../electron/services/excel/layout';
import { escapeCellText, unescapeCellText } from '../../electron/services/excel/ooxml-text';
import {
  assignSheetNames,
  cleanSheetName,
  MAX_SHEET_NAME_LENGTH,
  quoteSheetName,
  sheetNameKey,
} from '../../electron/services/excel/sheet-names';
import { planWorkbook, selectSheets, summaryTitle } from '../../electron/services/excel/export';
import { STYLES } from '../../electron/services/excel/styles';
import { lineCount, lineStarts, pieceLineCount, splitByLines, textUnits } from '../../electron/services/excel/text-width';
import { loadSample, sampleSheet } from '../helpers/sample';
import { makeSheet } from '../helpers/sheet';

const cellAt = (layout: WorksheetLayout, address: string): LayoutCell | undefined =>
  layout.cells.find((c) => cellAddress(c.row, c.col) === address);

describe('text widths and line breaks', () => {
  it.each([
    ['情報化推進事業', 14],
    ['𠮷野家', 6],
    ['ｱｲｳ', 3],
    ['△ 82', 2 + 1 + 2 * 1.3],
    ['', 0],
  ])('textUnits(%j) = %d (full width 2, half-width kana 1, Latin a little more than 1)', (text, units) => {
    expect(textUnits(text)).toBeCloseTo(units);
  });

  it('breaks at line feeds, and at the width', () => {
    expect(lineStarts('一二三\n四五', 100)).toEqual([0, 4]);
    expect(lineStarts('一二三四五六', 6)).toEqual([0, 3]);
    expect(lineCount('', 10)).toBe(1);
    expect(lineCount('\r\n', 10)).toBe(2);
  });

  it('keeps a number like 2,732,796 whole on the next line rather than splitting it', () => {
    const text = '金額は2,732,796です';
    const starts = lineStarts(text, 14);
    const cut = starts[1]!;
    expect(text.slice(cut)).toMatch(/^2,732,796/);
  });

  it('keeps 。 and 、 off the start of a line', () => {
    const starts = lineStarts('一二三。四五六', 6);
    expect(starts.every((s) => s === 0 || !'。、'.includes('一二三。四五六'[s]!))).toBe(true);
  });

  it('never cuts inside a surrogate pair (𠮷)', () => {
    const text = '𠮷'.repeat(40);
    for (const s of lineStarts(text, 7)) expect(s % 2).toBe(0);
  });

  it('splitting a long text gives pieces that join back exactly, each within the line limit', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('あ', '漢', '𠮷', 'A', '1', ',', ' ', '\n', '\r\n', '、', '。'), maxLength: 400 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.integer({ min: 2, max: 90 }), fc.integer({ min: 1, max: 30 }), (parts, capacity, maxLines) => {
        const text = parts.join('');
        const pieces = splitByLines(text, capacity, maxLines);
        expect(pieces.join('')).toBe(text);
        for (const p of pieces) expect(pieceLineCount(p, capacity)).toBeLessThanOrEqual(maxLines);
      }),
      { numRuns: 2000 },
    );
  });

  // Counterexamples the property once found: a piece laid out alone wrapped to one more line than the text it came from.
  it.each([
    ['あ,1', 2],
    ['11,A', 3],
    ['ɐ A,1A', 5],
  ])('%j at %i units: every one-line piece stays one line when printed alone', (text, capacity) => {
    const pieces = splitByLines(text, capacity, 1);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(pieceLineCount(p, capacity)).toBe(1);
  });
});

describe('worksheet names', () => {
  it.each([
    ['情報化推進事業', '情報化推進事業'],
    ['本庁舎:整備/審議会?[案]*\\', '本庁舎＿整備＿審議会＿＿案＿＿＿'],
    ["'引用'", '＇引用＇'],
    ['都市計画&交通', '都市計画＆交通'],
    ['  空白  の\t名前 ', '空白 の 名前'],
    ['あ'.repeat(40), 'あ'.repeat(31)],
    [`${'あ'.repeat(30)}𠮷`, 'あ'.repeat(30)],
    ['\ud800壊れた', '壊れた'],
  ])('cleanSheetName(%j) → %j', (raw, expected) => {
    expect(cleanSheetName(raw)).toBe(expected);
  });

  it('blank names become シートn, clashes get (2), (3) within 31 characters, 一覧 and History are ours', () => {
    const long = 'あ'.repeat(40);
    expect(assignSheetNames(['', '企画', '企画', 'ＡＢＣ', 'abc', long, long, '一覧', 'history'])).toEqual([
      'シート1',
      '企画',
      '企画 (2)',
      'ＡＢＣ',
      'abc (2)',
      'あ'.repeat(31),
      `${'あ'.repeat(27)} (2)`,
      '一覧 (2)',
      'history (2)',
    ]);
  });

  it('every assigned name is valid in Excel and unique, whatever the 事務事業名', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom("'", '[]', '一覧', '=A1', '')), { maxLength: 30 }), (raw) => {
        const names = assignSheetNames(raw);
        expect(names).toHaveLength(raw.length);
        expect(new Set(names.map(sheetNameKey)).size).toBe(names.length);
        for (const name of names) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME_LENGTH);
          expect(name).not.toMatch(/[:\\/?*[\]]/);
          expect(name).not.toMatch(/['&]/);
          expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        }
      }),
    );
  });

  it('quotes names in formulas, doubling apostrophes', () => {
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
  });
});

describe('text escaping for cells', () => {
  it('escapes what XML cannot hold the way Excel does, and reads it back', () => {
    expect(escapeCellText('a\r\nb')).toBe('a_x000D_\nb');
    expect(escapeCellText('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeCellText('\u0001\ud800')).toBe('_x0001__xD800_');
    expect(escapeCellText('情報化推進事業 𠮷 =SUM(A1)')).toBe('情報化推進事業 𠮷 =SUM(A1)');
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('', '\ud800', '_x0041_', '_x005f_', '\r'), (text, extra) => {
        const s = text + extra + text;
        expect(unescapeCellText(escapeCellText(s))).toBe(s);
      }),
    );
  });
});

describe('a 事務事業 worksheet', () => {
  const sample = loadSample();

  it('puts every field where the plan says, as the seed prints the sheet', () => {
    const sheet = sampleSheet('情報化推進事業');
    const { layout, plan } = layoutSheet(sheet, '情報化推進事業');
    const value = (a: { row: number; col: number }) => cellAt(layout, cellAddress(a.row, a.col))?.value;
    expect(value(plan.account)).toEqual({ kind: 'text', text: '一般会計' });
    expect(value(plan.name)).toEqual({ kind: 'text', text: '情報化推進事業' });
    expect(value(plan.amount)).toEqual({ kind: 'number', value: 2_732_796 });
    expect(value(plan.section)).toEqual({ kind: 'text', text: '情報システム課' });
    expect(value(plan.kanNo)).toEqual({ kind: 'number', value: 2 });
    expect(value(plan.mokuName)).toEqual({ kind: 'text', text: '企画総務費' });
    expect(value(plan.page)).toEqual({ kind: 'number', value: 89 });
    expect(plan.funding.map((f) => [value(f.kan), value(f.source), value(f.amount)])).toEqual([
      [{ kind: 'number', value: 15 }, { kind: 'text', text: '国庫支出金' }, { kind: 'number', value: 49_836 }],
      [{ kind: 'number', value: 21 }, { kind: 'text', text: '諸収入' }, { kind: 'number', value: 240 }],
    ]);
    expect(value(plan.generalFund)).toEqual({ kind: 'formula', formula: 'IF(L2="","",L2-SUM(L4:L5))', result: 2_682_720 });
    expect(value(plan.previousAmount)).toEqual({ kind: 'number', value: 3_046_782 });
    expect(value(plan.change)).toEqual({ kind: 'formula', formula: `IF(OR(L2="",L7=""),"",L2-L7)`, result: -313_986 });
    expect(plan.items.map((i) => value(i.no))).toEqual([
      { kind: 'number', value: 1 },
      { kind: 'number', value: 2 },
    ]);
    expect(value(plan.items[1]!.amount)).toEqual({ kind: 'number', value: 419_389 });
    for (const label of plan.labels) expect(value(label.at)).toEqual({ kind: 'text', text: label.text });
    expect(cellAt(layout, 'G1')?.value).toEqual({ kind: 'text', text: '(単位：千円)' });
  });

  it('広域行政推進事業: 増減 △ 82 and - 一般財源 259 without 特定財源', () => {
    const { layout, plan } = layoutSheet(sampleSheet('広域行政推進事業'), '広域行政推進事業');
    const at = (a: { row: number; col: number }) => cellAt(layout, cellAddress(a.row, a.col))?.value;
    expect(at(plan.change)).toMatchObject({ kind: 'formula', result: -82 });
    expect(at(plan.generalFund)).toEqual({ kind: 'formula', formula: 'IF(L2="","",L2)', result: 259 });
  });

  it('amounts not entered are empty cells and their formulas show nothing', () => {
    const { layout, plan } = layoutSheet(makeSheet({ amount: null, previousAmount: null }), 'x');
    const at = (a: { row: number; col: number }) => cellAt(layout, cellAddress(a.row, a.col));
    expect(at(plan.amount)?.value).toBeNull();
    expect(at(plan.change)?.value).toMatchObject({ kind: 'formula', result: '' });
    expect(at(plan.generalFund)?.value).toMatchObject({ kind: 'formula', result: '' });
  });

  it('no two fields share a cell, and every field lies inside the print area', () => {
    fc.assert(
      fc.property(
        fc.record({
          funding: fc.integer({ min: 0, max: 12 }),
          purpose: fc.integer({ min: 1, max: 4 }),
          notes: fc.integer({ min: 1, max: 4 }),
          reference: fc.integer({ min: 0, max: 4 }),
          items: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 9 }),
        }),
        (shape: SheetShape) => {
          const plan = planSheet(shape);
          const addresses = [
            plan.account, plan.name, plan.amount, plan.bureau, plan.department, plan.section, plan.kanNo, plan.kanName,
            plan.kouNo, plan.kouName, plan.mokuNo, plan.mokuName, plan.page, plan.generalFund, plan.previousAmount, plan.change,
            ...plan.funding.flatMap((f) => [f.kan, f.source, f.amount]),
            ...plan.purpose, ...plan.notes, ...plan.reference,
            ...plan.items.flatMap((i) => [i.no, i.name, i.amount, ...i.description]),
            ...plan.labels.map((l) => l.at),
          ];
          const keys = addresses.map((a) => cellAddress(a.row, a.col));
          expect(new Set(keys).size).toBe(keys.length);
          for (const a of addresses) {
            expect(a.row).toBeLessThanOrEqual(plan.lastRow);
            expect(a.col).toBeLessThanOrEqual(12);
          }
        },
      ),
    );
  });

  it('rows are tall enough for their wrapped text, and never above Excel’s 409 points', () => {
    const long = '情報システムの安定稼働を確保するため、システム改修や情報ネットワークの管理を行います。'.repeat(60);
    const sheets = [
      ...sample.sheets,
      makeSheet({ purpose: long, notes: `${long}\n`.repeat(2), reference: long, items: [{ name: '𠮷'.repeat(80), amount: 1, description: long }] }),
    ];
    for (const sheet of sheets) {
      const { layout } = layoutSheet(sheet, 'x');
      expect(layout.rowHeights).toHaveLength(layout.cells.reduce((m, c) => Math.max(m, c.lastRow), 0));
      for (const cell of layout.cells) {
        if (cell.value?.kind !== 'text' || cell.lastRow !== cell.row) continue;
        const spec = STYLES[cell.style];
        if (!('wrapText' in spec.alignment)) continue;
        const indent = 'indent' in spec.alignment ? spec.alignment.indent : 0;
        const lines = pieceLineCount(cell.value.text, spanCapacity(SHEET_COLUMNS, cell.col, cell.lastCol, spec.font.size, indent));
        const height = layout.rowHeights[cell.row - 1]!;
        expect(height).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
        // Block texts are cut into rows that fit; a one-cell name may only be taller than Excel allows when absurd.
        if (/^block|^item/.test(cell.style) && cell.style !== 'itemName') expect(height).toBeGreaterThanOrEqual(rowHeightFor(lines, spec.font.size));
      }
    }
  });

  it('prints on one A4 page with a footer naming the 局 and 年度 (ampersands doubled)', () => {
    const { layout } = layoutSheet(makeSheet({ org: { bureau: '都市局&港湾局', department: '', section: '課' }, fiscalYear: 2019 }), 'x');
    expect(layout.print).toMatchObject({ fitToHeight: 1 });
    expect(layout.print?.area).toMatch(/^A1:L\d+$/);
    expect(layout.print?.footer).toContain('都市局&&港湾局');
    expect(layout.print?.footer).toContain('令和元年度');
  });
});

describe('the 一覧 and the hidden worksheet', () => {
  const sample = loadSample();
  const plan = planWorkbook(sample, sample.sheets);
  const layouts = [...plan.layouts];
  const summary = layouts[0]!;

  it('comes first, the 事務事業 in file order, the metadata last and veryHidden', () => {
    expect(layouts.map((l) => l.name)).toEqual(['一覧', ...sample.sheets.map((s) => s.name), '_yosan']);
    expect(layouts.at(-1)?.state).toBe('veryHidden');
    expect(layouts.at(-1)?.print).toBeNull();
  });

  it('one row per sheet with live references to its worksheet, 増減 and 前年度比 as formulas', () => {
    expect(cellAt(summary, 'A3')?.value).toEqual({ kind: 'text', text: 'No' });
    expect(cellAt(summary, 'C5')?.value).toEqual({ kind: 'text', text: '広域行政推進事業' });
    expect(cellAt(summary, 'D5')?.value).toEqual({
      kind: 'formula',
      formula: `IF('広域行政推進事業'!L2="","",'広域行政推進事業'!L2)`,
      result: 259,
    });
    expect(cellAt(summary, 'F5')?.value).toMatchObject({ formula: 'IF(OR(D5="",E5=""),"",D5-E5)', result: -82 });
    expect(cellAt(summary, 'G4')?.value).toMatchObject({ result: 228.4 });
    expect(cellAt(summary, 'H11')?.value).toMatchObject({ result: 2_682_720 });
  });

  it('totals are formulas whose cached results are the bureau totals', () => {
    const t = totalsOf(sample.sheets);
    const row = 4 + sample.sheets.length;
    expect(cellAt(summary, `A${row}`)?.value).toEqual({ kind: 'text', text: '合計' });
    expect(cellAt(summary, `D${row}`)?.value).toEqual({ kind: 'formula', formula: 'SUM(D4:D13)', result: t.amount });
    expect(cellAt(summary, `F${row}`)?.value).toEqual({ kind: 'formula', formula: `D${row}-E${row}`, result: t.change });
    expect(cellAt(summary, `H${row}`)?.value).toMatchObject({ result: t.generalFund });
    expect(summary.print).toMatchObject({ fitToHeight: 0, titleRows: '3:3' });
  });

  it('前年度比 is 皆増 for a new program and — when nothing is entered', () => {
    const sheets = [makeSheet({ amount: 500, previousAmount: 0 }), makeSheet({ amount: null, previousAmount: null })];
    const names = assignSheetNames(sheets.map((s) => s.name));
    const s = layoutSummary(
      sheets.map((sheet, i) => ({ sheet, worksheet: names[i]!, plan: layoutSheet(sheet, names[i]!).plan })),
      't',
      'u',
    );
    expect(cellAt(s, 'G4')?.value).toMatchObject({ result: '皆増' });
    expect(cellAt(s, 'G5')?.value).toMatchObject({ result: '—' });
  });

  it('the title names the 局 and the 年度', () => {
    expect(summaryTitle(sample.sheets, 2015)).toBe('平成27年度 政策局 事務事業一覧');
  });

  it('the hidden worksheet carries the format, its version and each sheet’s id, status and shape', () => {
    const meta = layoutMetadata(sample, []);
    expect(cellAt(meta, 'B1')?.value).toEqual({ kind: 'text', text: 'yosan-desk-xlsx' });
    expect(cellAt(meta, 'B2')?.value).toEqual({ kind: 'number', value: 1 });
    const full = layouts.at(-1)!;
    expect(cellAt(full, 'B8')?.value).toEqual({ kind: 'text', text: sample.sheets[0]!.id });
    expect(cellAt(full, 'F8')?.value).toEqual({ kind: 'text', text: '{"funding":0,"purpose":1,"notes":1,"reference":0,"items":[1,1,1,1,1,1]}' });
  });
});

describe('which sheets', () => {
  const sample = loadSample();

  it('all, a 局, or chosen ids in the file’s order; an unknown id or 局 is a message', () => {
    expect(selectSheets(sample)).toMatchObject({ ok: true, sheets: sample.sheets });
    expect(selectSheets(sample, { bureau: '政策局' })).toMatchObject({ ok: true });
    const ids = [sample.sheets[3]!.id, sample.sheets[1]!.id];
    const chosen = selectSheets(sample, { sheetIds: ids });
    expect(chosen.ok && chosen.sheets.map((s) => s.name)).toEqual(['広域行政推進事業', '庁舎整備基金積立金']);
    expect(selectSheets(sample, { bureau: '財政局' })).toEqual({
      ok: false,
      message: '「財政局」の事務事業シートがありません。このファイルにある局: 政策局。局の名前を確かめてください。',
    });
    const unknown = selectSheets(sample, { sheetIds: ['00000000-0000-4000-8000-00000000ffff'] });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(/00000000-0000-4000-8000-00000000ffff.*ありません/);
    expect(selectSheets({ sheets: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/シートがありません/) });
  });

  it('a file holding two 年度 exports only its own year’s sheets', () => {
    const sample = loadSample();
    const nextYear = sample.sheets.map((s, i) => ({ ...s, id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, fiscalYear: 2016 }));
    const both = { ...sample, sheets: [...sample.sheets, ...nextYear] };
    const old = selectSheets(both, { bureau: '政策局' });
    expect(old.ok && old.sheets.map((s) => s.fiscalYear)).toEqual(sample.sheets.map(() => 2015));
    const next = selectSheets({ ...both, fiscalYear: 2016 });
    expect(next.ok && next.sheets.map((s) => s.id)).toEqual(nextYear.map((s) => s.id));
    expect(selectSheets({ ...both, fiscalYear: 2017 })).toMatchObject({ ok: false, message: expect.stringMatching(/平成29年度の事務事業シートがありません/) });
  });
});
