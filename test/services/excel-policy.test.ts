// The 局運営方針 in a bureau workbook: the worksheets 局運営方針 and 見直し事業一覧 with numeric figures and a live total,
// their way back into the same policy (links included), older workbooks still importing, and LibreOffice printing △.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook, type ExportSelection } from '../../electron/services/excel/export';
import { importWorkbookBytes } from '../../electron/services/excel/import-file';
import { programFigures, sheetsById } from '../../shared/domain/policy';
import type { ExchangeFile, Policy } from '../../shared/domain/schema';
import { loadSample } from '../helpers/sample';

const run = promisify(execFile);
const sample = loadSample();
const policy = sample.policies[0]!;
const BUREAU: ExportSelection = { bureau: '政策局', includePolicy: true };
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

async function exportBytes(file: ExchangeFile, selection: ExportSelection = BUREAU): Promise<Buffer> {
  const result = await exportWorkbook(file, selection, { now: new Date('2015-02-01T00:00:00Z') });
  if (result.status !== 'ok') throw new Error(`export failed: ${JSON.stringify(result)}`);
  return result.bytes;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

async function reSave(bytes: Buffer, edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = await load(bytes);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importBack(bytes: Buffer) {
  return importWorkbookBytes(bytes, '政策局.xlsx');
}

function messages(result: Awaited<ReturnType<typeof importBack>>): string {
  if (result.ok) throw new Error('expected problems');
  for (const p of result.problems) expect(p.message).toMatch(japanese);
  return result.problems.map((p) => p.message).join('\n');
}

let bytes: Buffer;
let workbook: ExcelJS.Workbook;
beforeAll(async () => {
  bytes = await exportBytes(sample);
  workbook = await load(bytes);
});

describe('the bureau workbook of the sample', () => {
  it('has 一覧, 局運営方針, 見直し事業一覧, the sheets and the hidden metadata, in that order', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['一覧', '局運営方針', '見直し事業一覧', ...sample.sheets.map((s) => s.name), '_yosan']);
  });

  it('局運営方針: title, 1. and 2., ten key-program rows with numeric figures as programFigures shows them', () => {
    const ws = workbook.getWorksheet('局運営方針')!;
    expect(ws.getCell('A1').value).toBe('政策局 平成27年度 局運営方針（案）');
    // Merged ranges repeat their master's value in exceljs: one text per cell that is not a merge's slave.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => (cell.isMerged && cell.master !== cell ? null : texts.push(String(cell.value)))));
    expect(texts).toContain('1. 主な現状と課題');
    expect(texts).toContain('2. 基本方針・区分別主要事業');
    expect(texts.filter((t) => t === '*（）内は一般財源')).toHaveLength(8);
    expect(texts.filter((t) => t === '(単位:千円)')).toHaveLength(8);
    expect(texts.filter((t) => t === '27年度')).toHaveLength(8);
    expect(texts.filter((t) => t === '26年度')).toHaveLength(8);
    expect(texts.filter((t) => t === '（一般財源）')).toHaveLength(16);
    const byId = sheetsById(sample.sheets);
    const programs = policy.goals.flatMap((g) => g.programs);
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => {
      const no = row.getCell(1).value;
      if (typeof no === 'number') rows.push(row);
    });
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    rows.forEach((row, i) => {
      const f = programFigures(programs[i]!, byId);
      expect([4, 5, 6, 7].map((c) => row.getCell(c).value)).toEqual([f.amount, f.generalFund, f.previousAmount, f.previousGeneralFund]);
      expect(row.getCell(4).numFmt).toBe('#,##0;"△ "#,##0');
      expect(row.getCell(5).numFmt).toMatch(/^"\("#,##0"\)"/);
      expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(3).value).toBe(`${programs[i]!.name}\n〔${programs[i]!.section}〕`);
      expect(row.getCell(2).value ?? '').toBe(programs[i]!.marks.join(' '));
    });
    expect(rows[0]!.getCell(4).value).toBe(16682);
    expect(rows[3]!.getCell(2).value).toBe('総 行 業');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 });
  });

  it('見直し事業一覧: three rows, stored positive with a △ format, and a SUM whose cached result is 143,791', () => {
    const ws = workbook.getWorksheet('見直し事業一覧')!;
    expect([1, 2, 3, 4].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['課名', '見直し事業名', '見直しの理由及び内容\n(代替事業等があれば記載)', 'コスト削減額']);
    expect([4, 5, 6].map((r) => ws.getCell(`D${r}`).value)).toEqual([3591, 70000, 70200]);
    expect(ws.getCell('D4').numFmt).toMatch(/^"△ "#,##0/);
    expect(ws.getCell('A7').value).toBe('合計');
    expect(ws.getCell('D7').value).toEqual({ formula: 'SUM(D4:D6)', result: 143791 });
    expect(ws.getCell('D7').numFmt).toMatch(/^"△ "#,##0/);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
  });

  it('without includePolicy, or without a policy of that 局 and 年度, there are no policy worksheets; all of one 局 carries its policy', async () => {
    for (const selection of [{}, { bureau: '政策局' }]) {
      const all = await load(await exportBytes(sample, selection));
      expect(all.worksheets.map((w) => w.name)).not.toContain('局運営方針');
    }
    // The sample's sheets are all 政策局: asked for, its policy comes along without naming the 局.
    const oneBureau = await load(await exportBytes(sample, { includePolicy: true }));
    expect(oneBureau.worksheets.map((w) => w.name)).toContain('局運営方針');
    const other = await load(await exportBytes({ ...sample, policies: [{ ...policy, fiscalYear: 2016 }] }));
    expect(other.worksheets.map((w) => w.name)).not.toContain('見直し事業一覧');
  });
});

describe('export → import', () => {
  it('gives back the same policy (links included) and the same sheets', async () => {
    const result = await importBack(bytes);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.file.policies).toEqual([policy]);
    expect(result.file.sheets).toEqual(sample.sheets);
  });

  it('a linked row keeps its own figures though the cells show its sheet’s; a typed row takes the edited cells', async () => {
    const edited = structuredClone(policy);
    edited.goals[0]!.programs[0]!.amount = 1; // linked to a sheet: the cell shows the sheet's 予算額
    const file = { ...sample, policies: [edited] };
    const round = await importBack(await exportBytes(file));
    if (!round.ok) throw new Error(JSON.stringify(round.problems));
    expect(round.file.policies[0]).toEqual(edited);

    // No.7 (情報システム運用管理事業) is typed: a reviewer's 予算額 and 説明 come back; the totals row of 見直し is ignored.
    const reviewed = await reSave(bytes, (wb) => {
      const ws = wb.getWorksheet('局運営方針')!;
      ws.eachRow((row) => {
        if (row.getCell(1).value === 7) {
          row.getCell(4).value = 873169;
          row.getCell(8).value = '=書き換えた説明';
          row.getCell(3).value = '新しい事業名 〔新しい課〕';
        }
      });
      wb.getWorksheet('見直し事業一覧')!.getCell('D4').value = 4000;
    });
    const back = await importBack(reviewed);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    const program = back.file.policies[0]!.goals[5]!.programs[0]!;
    expect(program).toMatchObject({ amount: 873169, description: '=書き換えた説明', name: '新しい事業名', section: '新しい課', link: null });
    expect(back.file.policies[0]!.reviews[0]!.saving).toBe(4000);
  });

  it('hostile texts stay text and come back exactly', async () => {
    const hostile: Policy = structuredClone(policy);
    hostile.basicPolicy = '=SUM(A1:A9)\r\n改行_x0041_';
    hostile.issues.sections[0]!.heading = '+81-3';
    hostile.goals[0]!.heading = '@cmd';
    hostile.goals[1]!.programs[0]!.name = '名前〔偽の課〕';
    hostile.goals[1]!.programs[0]!.marks = ['総 行', '=1+1'];
    hostile.reviews[0]!.reason = '-1';
    hostile.reviews[1]!.section = '';
    const file = { ...sample, policies: [hostile] };
    const out = await exportBytes(file);
    const wb = await load(out);
    const ws = wb.getWorksheet('局運営方針')!;
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const result = await importBack(out);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.file.policies).toEqual([hostile]);
  });

  it('a workbook exported without a policy, or before policies were exported, still imports with policies: []', async () => {
    const plain = await exportBytes(sample, {});
    const result = await importBack(plain);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.file.policies).toEqual([]);
    expect(result.file.sheets).toEqual(sample.sheets);
    // What version 1 wrote: no itemIds column and no policy block.
    const older = await reSave(plain, (wb) => {
      const meta = wb.getWorksheet('_yosan')!;
      for (let r = 7; r <= 8 + sample.sheets.length; r++) meta.getCell(r, 7).value = null;
    });
    const back = await importBack(older);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.file.sheets).toEqual(sample.sheets);
    expect(back.file.policies).toEqual([]);
  });

  it('tampered metadata or moved rows: a Japanese message, nothing imported', async () => {
    const metaRow = 8 + sample.sheets.length + 1;
    let step = 0;
    const tamper = async (edit: (wb: ExcelJS.Workbook) => void) => {
      step += 1;
      const result = await importBack(await reSave(bytes, edit));
      if (result.ok) throw new Error(`step ${step} imported`);
      return messages(result);
    };
    expect(await tamper((wb) => (wb.getWorksheet('_yosan')!.getCell(metaRow, 6).value = '{"intro":1e9}'))).toMatch(/隠しシート/);
    expect(await tamper((wb) => (wb.getWorksheet('_yosan')!.getCell(metaRow, 1).value = 'policy?'))).toMatch(/隠しシート/);
    expect(await tamper((wb) => (wb.getWorksheet('_yosan')!.getCell(metaRow + 1, 2).value = '{"link":{"kind":"web"}}'))).toMatch(/隠しシート/);
    expect(await tamper((wb) => (wb.getWorksheet('_yosan')!.getCell(metaRow, 3).value = 1200))).toMatch(/隠しシート/);
    expect(await tamper((wb) => (wb.getWorksheet('_yosan')!.getCell(8, 7).value = '["x"]'))).toMatch(/隠しシート/);
    expect(await tamper((wb) => wb.removeWorksheet(wb.getWorksheet('見直し事業一覧')!.id))).toMatch(/見直し事業一覧.*見つかりません/);
    expect(await tamper((wb) => wb.getWorksheet('局運営方針')!.spliceRows(5, 1))).toMatch(/局運営方針.*行や列/);
    const typedRow = (ws: ExcelJS.Worksheet) => {
      let found = 0;
      ws.eachRow((row, n) => (row.getCell(1).value === 7 ? (found = n) : null));
      return found;
    };
    expect(
      await tamper((wb) => {
        const ws = wb.getWorksheet('局運営方針')!;
        ws.getCell(typedRow(ws), 4).value = 'たくさん';
      }),
    ).toMatch(/局運営方針.*D\d+（主要事業 No\.7の予算額）/);
  });
});

describe('in LibreOffice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yosan-policy-lo-'));
    await writeFile(join(dir, 'policy.xlsx'), bytes);
    await run(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, 'policy.xlsx'],
      { cwd: dir, timeout: 90_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the 見直し total prints △ 143,791 and the bracketed 一般財源 as (16,682)', async () => {
    const reviews = await readFile(join(dir, 'policy-見直し事業一覧.csv'), 'utf8');
    expect(reviews).toMatch(/^合計,,,"△ 143,791"$/m);
    expect(reviews).toContain('△ 3,591');
    const table = await readFile(join(dir, 'policy-局運営方針.csv'), 'utf8');
    expect(table).toMatch(/"16,682","\(16,682\)","16,081","\(16,081\)"/);
  });
});
