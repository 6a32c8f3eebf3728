// The exported workbook read back with exceljs: values and number formats, formulas with cached results, merges, fonts,
// print setup; names that look like formulas stay text; the file is written atomically or not at all.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  exportWorkbook,
  exportWorkbookToFile,
  saveWorkbookBytes,
  withWorkbookExtension,
} from '../../electron/services/excel/export';
import type { ExchangeFile } from '../../shared/domain/schema';
import { loadSample } from '../helpers/sample';
import { makeSheet } from '../helpers/sheet';

const AMOUNT_FORMAT = '#,##0;"△ "#,##0';

async function exportBytes(file: ExchangeFile, selection = {}): Promise<Buffer> {
  const result = await exportWorkbook(file, selection, { now: new Date('2015-02-01T00:00:00Z') });
  if (result.status !== 'ok') throw new Error(`export failed: ${JSON.stringify(result)}`);
  return result.bytes;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetNamed(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`no worksheet ${name}`);
  return ws;
}

describe('the exported sample, read back by exceljs', () => {
  const sample = loadSample();
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await load(await exportBytes(sample));
  });

  it('has the 一覧, one worksheet per 事務事業 and a very hidden metadata worksheet', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['一覧', ...sample.sheets.map((s) => s.name), '_yosan']);
    expect(workbook.worksheets.map((w) => w.state)).toEqual([...Array(11).fill('visible'), 'veryHidden']);
  });

  it('企画調整事務事業: the form’s values with their number formats, in the Japanese font', () => {
    const ws = sheetNamed(workbook, '企画調整事務事業');
    expect(ws.getCell('A1').value).toBe('一般会計');
    expect(ws.getCell('A1').numFmt).toBe('"("@")"');
    expect(ws.getCell('G1').value).toBe('(単位：千円)');
    expect(ws.getCell('A2').value).toBe('事務事業名');
    expect(ws.getCell('C2').value).toBe('企画調整事務事業');
    expect(ws.getCell('C2').font).toMatchObject({ name: 'ＭＳ ゴシック', bold: true, charset: 128 });
    expect(ws.getCell('L2').value).toBe(37_524);
    expect(ws.getCell('L2').numFmt).toBe(AMOUNT_FORMAT);
    expect([ws.getCell('C3').value, ws.getCell('E3').value, ws.getCell('G3').value]).toEqual(['政策局', '政策企画部', '企画調整課']);
    expect([ws.getCell('C4').value, ws.getCell('C4').numFmt, ws.getCell('D4').value]).toEqual([2, '0"款"', '総務費']);
    expect([ws.getCell('F4').numFmt, ws.getCell('C5').numFmt, ws.getCell('H5').value]).toEqual(['0"項"', '0"目"', 89]);
    expect(ws.getCell('I3').value).toBe('〔財源内訳〕');
    expect(ws.getCell('I4').value).toBe('- 一般財源');
    expect(ws.getCell('L4').value).toEqual({ formula: 'IF(L2="","",L2)', result: 37_524 });
    expect([ws.getCell('I5').value, ws.getCell('L5').value]).toEqual(['前年度予算額', 16_432]);
    expect(ws.getCell('L6').value).toEqual({ formula: 'IF(OR(L2="",L5=""),"",L2-L5)', result: 21_092 });
    expect(ws.getCell('L6').numFmt).toBe(AMOUNT_FORMAT);
    expect(ws.getCell('A6').value).toBe('〈事業の目的・内容〉');
    expect(ws.getCell('A7').value).toBe(sample.sheets[0]!.purpose);
    expect(ws.getCell('A7').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('A9').value).toBe(sample.sheets[0]!.notes);
  });

  it('the numbered 主な事業 in two halves, with amounts and descriptions', () => {
    const ws = sheetNamed(workbook, '企画調整事務事業');
    expect(ws.getCell('A10').value).toBe('〈主な事業〉');
    expect([ws.getCell('A11').value, ws.getCell('B11').value, ws.getCell('F11').value]).toEqual([1, '本庁舎整備審議会の開催', 6_688]);
    expect([ws.getCell('G11').value, ws.getCell('H11').value, ws.getCell('L11').value]).toEqual([4, 'ユニバーサルデザインの推進', 119]);
    expect(ws.getCell('A12').value).toBe(sample.sheets[0]!.items[0]!.description);
    expect(ws.getCell('G12').value).toBe(sample.sheets[0]!.items[3]!.description);
    expect([ws.getCell('A15').value, ws.getCell('G15').value, ws.getCell('L15').value]).toEqual([3, 6, 5_833]);
  });

  it('merges the form’s boxes; every cell of a merged box carries the box’s borders', () => {
    const ws = sheetNamed(workbook, '企画調整事務事業');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:F1', 'C2:H2', 'I2:K2', 'A4:B5', 'A7:H7', 'A10:L10', 'B11:E11', 'A12:F12', 'G12:L12']));
    for (const address of ['C2', 'E2', 'H2']) {
      expect(ws.getCell(address).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    }
  });

  it('print setup: A4 portrait, one page wide and tall, margins, print area, a footer with 局 and 年度', () => {
    for (const sheet of sample.sheets) {
      const ws = sheetNamed(workbook, sheet.name);
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 1,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      });
      expect(ws.pageSetup.printArea).toMatch(/^A1:L\d+$/);
      expect(ws.headerFooter.oddFooter).toMatch(/&L.*政策局.*&R.*平成27年度/);
      expect(ws.views[0]?.showGridLines).toBe(false);
    }
    const summary = sheetNamed(workbook, '一覧');
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it('rows have heights computed from their text; columns have the form’s widths', () => {
    const ws = sheetNamed(workbook, '社会保障・税番号制度整備事業');
    expect(ws.getRow(7).height).toBeGreaterThanOrEqual(4 * 14.5);
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(18);
    expect(ws.getColumn(1).width).toBe(4.5);
    expect(ws.getColumn(12).width).toBe(11);
  });

  it('一覧: live references, 増減 △ 82, 前年度比 and the totals as formulas with cached results', () => {
    const ws = sheetNamed(workbook, '一覧');
    expect(ws.getCell('A1').value).toBe('平成27年度 政策局 事務事業一覧');
    expect([3, 4, 5, 6, 7, 8].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['事務事業名', '予算額', '前年度予算額', '増減', '前年度比', '一般財源']);
    expect(ws.getCell('D5').value).toEqual({ formula: `IF('広域行政推進事業'!L2="","",'広域行政推進事業'!L2)`, result: 259 });
    expect(ws.getCell('F5').value).toMatchObject({ result: -82 });
    expect(ws.getCell('F5').numFmt).toBe(AMOUNT_FORMAT);
    expect(ws.getCell('G4').value).toMatchObject({ result: 228.4 });
    expect(ws.getCell('G4').numFmt).toBe('0.0"%";"△ "0.0"%"');
    expect(ws.getCell('D14').value).toEqual({ formula: 'SUM(D4:D13)', result: 4_272_212 });
    expect(ws.getCell('H14').value).toEqual({ formula: 'SUM(H4:H13)', result: 4_207_182 });
    expect(ws.getCell('F14').value).toEqual({ formula: 'D14-E14', result: -263_290 });
  });
});

describe('hostile names', () => {
  it('a 事務事業名 that looks like a formula stays text; worksheet names are valid and unique', async () => {
    const names = ['=SUM(A1:A9)', '+1', '-1', '@cmd', '=SUM(A1:A9)', '本庁舎:整備/審議会?[案]*', 'あ'.repeat(40), "'引用'", '一覧'];
    const sheets = names.map((name) => makeSheet({ name, items: [{ name: '=HYPERLINK("http://x")', amount: 1, description: '-2+3' }] }));
    const bytes = await exportBytes({ ...loadSample(), sheets });
    const workbook = await load(bytes);
    const visible = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible).toEqual([
      '一覧',
      '=SUM(A1＿A9)',
      '+1',
      '-1',
      '@cmd',
      '=SUM(A1＿A9) (2)',
      '本庁舎＿整備＿審議会＿＿案＿＿',
      'あ'.repeat(31),
      '＇引用＇',
      '一覧 (2)',
    ]);
    for (const [i, name] of names.entries()) {
      const ws = workbook.worksheets[i + 1]!;
      expect(ws.getCell('C2').value).toBe(name);
      expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell('C2').numFmt).toBe('@');
      expect(ws.getCell('B11').value).toBe('=HYPERLINK("http://x")');
      expect(ws.getCell('B11').type).toBe(ExcelJS.ValueType.String);
    }
    // The 一覧 refers to the renamed worksheets correctly.
    expect(workbook.getWorksheet('一覧')!.getCell('D4').value).toMatchObject({ formula: `IF('=SUM(A1＿A9)'!L2="","",'=SUM(A1＿A9)'!L2)` });
  });

  it('a name longer than one cell holds is refused with a message, not written', async () => {
    const result = await exportWorkbook({ ...loadSample(), sheets: [makeSheet({ name: 'あ'.repeat(40_000) })] });
    expect(result).toEqual({
      status: 'error',
      message: expect.stringMatching(/事務事業名が長すぎるため Excel に出力できません（1つのセルは 32,767 文字まで）/),
    });
  });
});

describe('progress and cancel', () => {
  it('reports each 事務事業 sheet written, up to the total', async () => {
    const file = loadSample();
    const seen: string[] = [];
    const result = await exportWorkbook(file, {}, { onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(result.status).toBe('ok');
    expect(seen.at(-1)).toBe('10/10');
    expect(seen).toContain('5/10');
  });

  it('an aborted export stops between worksheets and returns canceled', async () => {
    const controller = new AbortController();
    const result = await exportWorkbook(loadSample(), {}, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 3) controller.abort();
      },
    });
    expect(result).toEqual({ status: 'canceled' });
  });
});

describe('writing the file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yosan-xlsx-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a workbook that opens, leaving no temporary file', async () => {
    const target = join(dir, '政策局.xlsx');
    const result = await exportWorkbookToFile(target, loadSample(), { bureau: '政策局' });
    expect(result).toEqual({ status: 'saved', path: target, fileName: '政策局.xlsx', sheetCount: 10 });
    expect((await load(await readFile(target))).worksheets).toHaveLength(12);
    expect(await readdir(dir)).toEqual(['政策局.xlsx']);
    expect(withWorkbookExtension(join(dir, '政策局'))).toBe(join(dir, '政策局.xlsx'));
  });

  it.each([
    ['EBUSY', 'ファイル「政策局.xlsx」は Excel で開かれているため保存できません。Excel で閉じてからもう一度出力するか、別の名前で保存してください。'],
    ['EPERM', 'ファイル「政策局.xlsx」は Excel で開かれているため保存できません。Excel で閉じてからもう一度出力するか、別の名前で保存してください。'],
    ['EROFS', 'フォルダー「yosan-xlsx-'],
    ['ENOSPC', 'ディスクの空き容量が足りないため「政策局.xlsx」を保存できません。不要なファイルを削除するか、別の場所に保存してください。'],
  ])('%s: a Japanese message with what to do; the old file untouched, no temporary file left', async (code, message) => {
    const target = join(dir, '政策局.xlsx');
    await writeFile(target, 'the old workbook');
    const bytes = await exportBytes(loadSample());
    const result = await saveWorkbookBytes(target, bytes, 10, {
      rename: async () => {
        throw Object.assign(new Error(code), { code });
      },
    });
    expect(result).toMatchObject({ status: 'error', code });
    expect(result.status === 'error' && result.message).toContain(message);
    expect(await readFile(target, 'utf8')).toBe('the old workbook');
    expect(await readdir(dir)).toEqual(['政策局.xlsx']);
  });

  it('a folder that does not exist: a message, nothing written', async () => {
    const result = await exportWorkbookToFile(join(dir, 'nai', 'x.xlsx'), loadSample());
    expect(result).toEqual({ status: 'error', message: expect.stringMatching(/保存先のフォルダー「nai」が見つからない/) });
  });
});
