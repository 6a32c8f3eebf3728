// The exported workbook in a real spreadsheet: LibreOffice (headless) prints each 事務事業 worksheet on exactly one
// A4 page, shows 増減 as `△ 82`, and computes the same figures from our formulas when a reviewer edits a cell.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../electron/services/excel/export';
import { LibreOffice } from '../helpers/libreoffice';
import { loadSample } from '../helpers/sample';

const run = promisify(execFile);
const sample = loadSample();
let dir: string;

/** One conversion per call, with a private profile so it never meets a user's or another test's LibreOffice. */
async function soffice(format: string, files: string[]): Promise<void> {
  await new LibreOffice(dir).convert(format, files);
}

/** Rows of a CSV as LibreOffice writes it: `"2,732,796"` quoted, `△ 82` not, line feeds inside quotes kept. */
async function csvRows(name: string): Promise<string[][]> {
  const text = (await readFile(join(dir, name), 'utf8')).trimEnd();
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      rows.at(-1)!.push(cell);
      cell = '';
      if (ch === '\n') rows.push([]);
    } else if (ch !== '\r') cell += ch;
  }
  rows.at(-1)!.push(cell);
  return rows;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yosan-lo-'));
  const exported = await exportWorkbook(sample);
  if (exported.status !== 'ok') throw new Error('export failed');
  await writeFile(join(dir, 'seisaku.xlsx'), exported.bytes);

  // A reviewer's edit: 広域行政推進事業's 予算額 259 → 300, and every cached result thrown away, so what LibreOffice
  // shows can only come from our formulas.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported.bytes as unknown as ExcelJS.Buffer);
  workbook.getWorksheet('広域行政推進事業')!.getCell('L2').value = 300;
  for (const ws of workbook.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (value && typeof value === 'object' && 'formula' in value) cell.value = { formula: value.formula } as ExcelJS.CellFormulaValue;
      }),
    );
  }
  await writeFile(join(dir, 'edited.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));

  await soffice('pdf', ['seisaku.xlsx']);
  await soffice('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', ['seisaku.xlsx', 'edited.xlsx']);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('printing to PDF', () => {
  it('the 一覧 and each 事務事業 worksheet print on exactly one page each, A4 portrait', async () => {
    const { stdout } = await run('pdfinfo', [join(dir, 'seisaku.pdf')]);
    expect(stdout).toMatch(/^Pages:\s+11$/m);
    // 595 × 842 points is A4 portrait.
    expect(stdout).toMatch(/^Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/m);
  });

  it('page n + 1 is the n-th sheet, with its 局 and 年度 in the footer', async () => {
    const pages: string[] = [];
    for (let page = 1; page <= 11; page++) {
      const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', join(dir, 'seisaku.pdf'), '-']);
      pages.push(stdout);
    }
    expect(pages[0]).toMatch(/平成27年度 政策局 事務事業一覧/);
    expect(pages[0]).toMatch(/合計/);
    sample.sheets.forEach((sheet, i) => {
      const page = pages[i + 1]!;
      expect(page).toContain(sheet.name);
      expect(page).toMatch(/政策局[\s\S]*平成27年度/);
      // No other sheet's name is on this page (each sheet is on a page of its own).
      for (const other of sample.sheets) if (!other.name.includes(sheet.name) && !sheet.name.includes(other.name)) expect(page).not.toContain(other.name);
    });
  });
});

describe('what LibreOffice shows', () => {
  it('広域行政推進事業: 増減 △ 82 in its worksheet and in the 一覧', async () => {
    const sheet = await csvRows('seisaku-広域行政推進事業.csv');
    const changeRow = sheet.find((row) => row[8] === '増減');
    expect(changeRow?.[11]).toBe('△ 82');
    expect(sheet[1]?.[11]).toBe('259');
    const summary = await csvRows('seisaku-一覧.csv');
    expect(summary.find((row) => row[2] === '広域行政推進事業')).toEqual(['2', '企画調整課', '広域行政推進事業', '259', '341', '△ 82', '76.0%', '259']);
    expect(summary.find((row) => row[0] === '合計')).toEqual(['合計', '', '', '4,272,212', '4,535,502', '△ 263,290', '94.2%', '4,207,182']);
  });

  it('情報化推進事業: - 一般財源 2,682,720 below its two 特定財源', async () => {
    const sheet = await csvRows('seisaku-情報化推進事業.csv');
    expect(sheet.find((row) => row[8] === '- 一般財源')?.[11]).toBe('2,682,720');
    expect(sheet.find((row) => row[9] === '国庫支出金')?.slice(8)).toEqual(['15款', '国庫支出金', '', '49,836']);
  });

  it('after a reviewer edits 予算額, our formulas give the new 増減, 前年度比 and totals', async () => {
    const sheet = await csvRows('edited-広域行政推進事業.csv');
    expect(sheet.find((row) => row[8] === '増減')?.[11]).toBe('△ 41');
    expect(sheet.find((row) => row[8] === '- 一般財源')?.[11]).toBe('300');
    const summary = await csvRows('edited-一覧.csv');
    expect(summary.find((row) => row[2] === '広域行政推進事業')).toEqual(['2', '企画調整課', '広域行政推進事業', '300', '341', '△ 41', '88.0%', '300']);
    expect(summary.find((row) => row[2] === '企画調整事務事業')?.slice(3)).toEqual(['37,524', '16,432', '21,092', '228.4%', '37,524']);
    expect(summary.find((row) => row[0] === '合計')).toEqual(['合計', '', '', '4,272,253', '4,535,502', '△ 263,249', '94.2%', '4,207,223']);
  });
});
