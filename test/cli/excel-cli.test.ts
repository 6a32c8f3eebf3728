// `npm run cli -- export|import`: exit codes as `check` (0 fine, 1 errors in the data, 2 unreadable or not written),
// Japanese messages, and nothing written when an import fails.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExcelArgs, runCli } from '../../electron/cli/commands';
import { readExchangeFile } from '../../shared/exchange/read';
import { loadSample, SAMPLE_PATH, sampleText } from '../helpers/sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yosan-excel-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function readSheets(path: string) {
  const read = readExchangeFile(readFileSync(path, 'utf8'));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.file.sheets;
}

describe('npm run cli -- export', () => {
  it('the sample: exit 0, a workbook of 10 sheets and the 局運営方針, one line saying so', async () => {
    const { code, out, err } = await cli('export', SAMPLE_PATH, '-o', at('政策局.xlsx'));
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([`${at('政策局.xlsx')}: 事務事業 10 件を出力しました（さいたま市 平成27年度）。`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(at('政策局.xlsx')) as unknown as ExcelJS.Buffer);
    // 一覧, 局運営方針, 見直し事業一覧, ten sheets and the hidden metadata.
    expect(workbook.worksheets).toHaveLength(14);
    expect(workbook.worksheets.slice(0, 3).map((w) => w.name)).toEqual(['一覧', '局運営方針', '見直し事業一覧']);
  });

  it('--bureau and --sheet choose the sheets; .xlsx is added to a bare name', async () => {
    const sample = loadSample();
    const ids = [sample.sheets[7]!.id, sample.sheets[1]!.id];
    const { code } = await cli('export', SAMPLE_PATH, '-o', at('two'), '--bureau', '政策局', '--sheet', ...ids);
    expect(code).toBe(0);
    const back = await cli('import', at('two.xlsx'), '-o', at('two.yosan.json'));
    expect(back.code).toBe(0);
    expect(readSheets(at('two.yosan.json')).map((s) => s.name)).toEqual(['広域行政推進事業', '情報化推進事業']);
  });

  it('errors in the data: the workbook is still written, the errors listed, exit 1', async () => {
    const doc = JSON.parse(sampleText()) as { sheets: { specificFunding: { amount: number }[] }[] };
    doc.sheets[2]!.specificFunding[0]!.amount = 9000;
    writeFileSync(at('over.yosan.json'), JSON.stringify(doc));
    const { code, out } = await cli('export', at('over.yosan.json'), '-o', at('over.xlsx'));
    expect(code).toBe(1);
    expect(existsSync(at('over.xlsx'))).toBe(true);
    expect(out.join('\n')).toMatch(/\[合併振興基金積立金\] エラー 一般財源: 特定財源の合計（9,000）が予算額（8,000）を超えている/);
  });

  it.each([
    [['export', SAMPLE_PATH], /「-o 出力.xlsx」で指定してください/],
    [['export', '-o', 'x.xlsx'], /交換ファイル（.yosan.json）を指定してください/],
    [['export', SAMPLE_PATH, '-o', 'x.xlsx', '--frobnicate'], /export に「--frobnicate」というオプションはありません/],
    [['export', SAMPLE_PATH, '-o', 'x.xlsx', '--bureau'], /「--bureau」のあとに値を指定してください/],
    [['export', SAMPLE_PATH, '-o', 'x.xlsx', '--bureau', '財政局'], /「財政局」の事務事業シートがありません。このファイルにある局: 政策局/],
    [['export', SAMPLE_PATH, '-o', 'x.xlsx', '--sheet', '00000000-0000-4000-8000-00000000ffff'], /ID: 00000000-0000-4000-8000-00000000ffff）がファイルにありません/],
    [['export', join(dir, 'nai.yosan.json'), '-o', 'x.xlsx'], /nai\.yosan\.json/],
  ])('%j: exit 2 with a message', async (args, message) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('a target that cannot be written: exit 2, a message naming it', async () => {
    writeFileSync(at('file'), 'not a folder');
    const { code, err } = await cli('export', SAMPLE_PATH, '-o', join(at('file'), 'x.xlsx'));
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/x\.xlsx/);
  });
});

describe('npm run cli -- import', () => {
  it('export → import gives the same sheets: exit 0', async () => {
    await cli('export', SAMPLE_PATH, '-o', at('round.xlsx'));
    const { code, out } = await cli('import', at('round.xlsx'), '-o', at('round.yosan.json'));
    expect(code).toBe(0);
    expect(out).toEqual([`${at('round.yosan.json')}: 事務事業 10 件を読み込みました（さいたま市 平成27年度）。`]);
    expect(readSheets(at('round.yosan.json'))).toEqual(loadSample().sheets);
  });

  it('not a workbook: exit 2, a message, and an existing output file untouched', async () => {
    writeFileSync(at('notes.xlsx'), '予算額 37,524');
    writeFileSync(at('keep.yosan.json'), 'the old file');
    const { code, err } = await cli('import', at('notes.xlsx'), '-o', at('keep.yosan.json'));
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/Excel ブック（.xlsx）ではありません/);
    expect(readFileSync(at('keep.yosan.json'), 'utf8')).toBe('the old file');
  });

  it('a cell that does not read as an amount: exit 1, the cell named, nothing written', async () => {
    await cli('export', SAMPLE_PATH, '-o', at('edited.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(at('edited.xlsx')) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('広域行政推進事業')!.getCell('L2').value = '二百五十九';
    writeFileSync(at('edited.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
    const { code, err } = await cli('import', at('edited.xlsx'), '-o', at('edited.yosan.json'));
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/シート「広域行政推進事業」のセル L2（予算額）は数字ではありません/);
    expect(existsSync(at('edited.yosan.json'))).toBe(false);
  });

  it('missing -o, or the output the same as the input: exit 2', async () => {
    expect((await cli('import', at('round.xlsx'))).code).toBe(2);
    expect((await cli('import', at('round.xlsx'), '-o', at('round.xlsx'))).code).toBe(2);
    expect((await cli('import', at('round.xlsx'), '-o', at('x'), '--bureau', '政策局')).err.join('\n')).toMatch(
      /import に「--bureau」というオプションはありません/,
    );
  });

  it('as a real process (tsx, the worker thread loading TypeScript): exit codes and no stack trace', async () => {
    const run = promisify(execFile);
    const args = ['--import', 'tsx', 'electron/cli/main.ts'];
    await run(process.execPath, [...args, 'export', SAMPLE_PATH, '-o', at('real.xlsx')], { cwd: ROOT });
    const ok = await run(process.execPath, [...args, 'import', at('real.xlsx'), '-o', at('real.yosan.json')], { cwd: ROOT });
    expect(ok.stdout).toMatch(/事務事業 10 件を読み込みました/);
    expect(readSheets(at('real.yosan.json'))).toEqual(loadSample().sheets);
    const failed = await run(process.execPath, [...args, 'import', SAMPLE_PATH, '-o', at('x.yosan.json')], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/Excel ブック（.xlsx）ではありません/);
    expect(failed.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('argument parsing', () => {
  it('--sheet takes the ids that follow it; --opt=value works too', () => {
    expect(parseExcelArgs('export', ['a.yosan.json', '--sheet', 'x', 'y', '-o', 'b.xlsx', '--bureau=政策局'])).toEqual({
      files: ['a.yosan.json'],
      output: 'b.xlsx',
      bureau: '政策局',
      sheetIds: ['x', 'y'],
      errors: [],
    });
  });
});
