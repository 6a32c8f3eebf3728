// Reading back workbooks we exported: exactly the same sheets (a property over hostile texts), a reviewer's edits, and
// for damaged, foreign, encrypted, oversized or zip-bomb files a Japanese message and nothing else.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../electron/services/excel/export';
import { DEFAULT_READ_LIMITS, importWorkbookBytes } from '../../electron/services/excel/import-file';
import { runImport } from '../../electron/services/excel/import-runner';
import { spawnSourceWorker } from '../../electron/services/excel/worker-source';
import { checkXlsxZip } from '../../electron/services/excel/zip-guard';
import { MAX_AMOUNT, type ExchangeFile, type Sheet } from '../../shared/domain/schema';
import { newExchangeFile } from '../../shared/exchange/format';
import { loadSample } from '../helpers/sample';
import { makeSheet, withItemIds } from '../helpers/sheet';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

async function exportBytes(file: ExchangeFile): Promise<Buffer> {
  const result = await exportWorkbook(file);
  if (result.status !== 'ok') throw new Error(`export failed: ${JSON.stringify(result)}`);
  return result.bytes;
}

/** Opens a workbook in exceljs's in-memory model, lets a test edit it as a reviewer would, and saves it again. */
async function reSave(bytes: Buffer, edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function messages(result: Awaited<ReturnType<typeof importWorkbookBytes>>): string {
  if (result.ok) throw new Error('expected problems');
  for (const p of result.problems) expect(p.message).toMatch(japanese);
  return result.problems.map((p) => p.message).join('\n');
}

/** A zip written by hand, so tests can make one that lies (declared sizes, ratios, counts). */
function zip(entries: { name: string; data: Uint8Array; declaredSize?: number; flags?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.byteLength;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.byteLength + packed.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const spreadsheetParts = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];

describe('export → import gives the same sheets', () => {
  it('the sample, through the worker thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yosan-import-'));
    try {
      const sample = loadSample();
      const path = join(dir, '政策局.xlsx');
      await writeFile(path, await exportBytes(sample));
      const result = await runImport(path, { spawn: spawnSourceWorker });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.file.sheets).toEqual(sample.sheets);
      expect(result.file).toMatchObject({ format: 'yosan-desk', version: 3, municipality: 'さいたま市', fiscalYear: 2015, policies: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const hostile = fc.constantFrom(
    '=SUM(A1:A9)', '+81-3', '-1', '@cmd', "'", '  前後に空白  ', '\t', '𠮷野家', '改行\nあり', 'CR\r\nLF', 'CRだけ\r',
    '_x0041_', '_x005f_', '<b>&amp;</b>', '"引用"', '\u0001制御\u001f', '\ud800壊れた', '一覧', '予算額', '0123', '1e3', 'TRUE', '',
  );
  const text = (max: number) =>
    fc.oneof(
      { weight: 3, arbitrary: hostile },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('あ', '漢', '𠮷', 'A', '1', ' ', '\n', '、', '。'), minLength: max / 2, maxLength: max }) },
    );
  const amount = fc.option(fc.integer({ min: 0, max: MAX_AMOUNT }), { nil: null });
  const numbered = fc.record({ no: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }), name: text(60) });
  const sheetArb = fc.record({
    fiscalYear: fc.integer({ min: 1989, max: 2200 }),
    account: text(40),
    name: text(300),
    org: fc.record({ bureau: text(40), department: text(40), section: text(40) }),
    classification: fc.record({ kan: numbered, kou: numbered, moku: numbered }),
    budgetBookPage: fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: null }),
    amount,
    previousAmount: amount,
    specificFunding: fc.array(fc.record({ source: text(30), revenueKan: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }), amount }), { maxLength: 4 }),
    purpose: text(3000),
    notes: text(1500),
    items: fc.array(fc.record({ name: text(80), amount, description: text(2500) }), { maxLength: 7 }),
    reference: text(2000),
    status: fc.constantFrom('draft', 'review', 'final') as fc.Arbitrary<Sheet['status']>,
    updatedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString()),
    carriedFrom: fc.option(fc.uuid({ version: 4 }), { nil: null }),
  });

  it('generated sheets with hostile names, 𠮷, empty and very long texts come back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 4 }), text(30), async (generated, municipality) => {
        const sheets = generated.map((g, i) => {
          const id = `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`;
          // A workbook carries no 主な事業 ids: they come back derived from the position, as a version-1 file's do.
          // A workbook is one year's submission: every sheet in the file's 年度.
          return { ...g, id, fiscalYear: generated[0]!.fiscalYear, items: withItemIds(id, g.items) };
        });
        const file: ExchangeFile = newExchangeFile({ municipality, fiscalYear: generated[0]!.fiscalYear, sheets, policies: [] });
        const result = await importWorkbookBytes(await exportBytes(file), 'x.xlsx');
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.file).toEqual(file);
      }),
      { numRuns: 40, seed: 20150401 },
    );
  });
});

describe('a reviewer’s edits come back; a changed layout is named', () => {
  const sample = loadSample();
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await exportBytes(sample);
  });

  it('an amount and a text changed in Excel are what the import reads', async () => {
    const edited = await reSave(bytes, (wb) => {
      const ws = wb.getWorksheet('広域行政推進事業')!;
      ws.getCell('L2').value = 300;
      ws.getCell('A7').value = '国・県と連携します。';
      ws.getCell('F11').value = '1,234'; // typed as text, the way staff type amounts
    });
    const result = await importWorkbookBytes(edited, 'x.xlsx');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sheet = result.file.sheets[1]!;
    expect(sheet).toMatchObject({ name: '広域行政推進事業', amount: 300, purpose: '国・県と連携します。' });
    expect(sheet.items[0]!.amount).toBe(1234);
    expect(result.file.sheets.filter((_, i) => i !== 1)).toEqual(sample.sheets.filter((_, i) => i !== 1));
  });

  it.each([
    ['abc', 'シート「広域行政推進事業」のセル L2（予算額）は数字ではありません。千円単位の整数を入力してください（例: 1,234）。'],
    ['0x10', 'シート「広域行政推進事業」のセル L2（予算額）は数字ではありません。千円単位の整数を入力してください（例: 1,234）。'],
    ['1.5', 'シート「広域行政推進事業」のセル L2（予算額）: 予算額は千円単位の整数で入力してください（小数点は使えません）。'],
    [12.5, 'シート「広域行政推進事業」のセル L2（予算額）に小数が入っています。千円単位の整数で入力してください。'],
    [-5, 'シート「広域行政推進事業」のセル L2（予算額）: 0 以上 1,000,000,000,000 以下の金額を入力してください。'],
  ])('予算額 %j: the cell is named, nothing is imported', async (value, message) => {
    const edited = await reSave(bytes, (wb) => {
      wb.getWorksheet('広域行政推進事業')!.getCell('L2').value = value;
    });
    const result = await importWorkbookBytes(edited, 'x.xlsx');
    expect(result).toEqual({ ok: false, problems: [{ severity: 'error', path: 'sheets[1].amount', message }] });
  });

  it('a row inserted above the form, or a renamed worksheet: says what to undo', async () => {
    const inserted = await reSave(bytes, (wb) => wb.getWorksheet('広域行政推進事業')!.spliceRows(2, 0, []));
    expect(messages(await importWorkbookBytes(inserted, 'x.xlsx'))).toBe(
      'シート「広域行政推進事業」のセル A2 に「事務事業名」がありません。行や列を挿入・削除した場合は元に戻してから読み込んでください。',
    );
    const renamed = await reSave(bytes, (wb) => {
      wb.getWorksheet('広域行政推進事業')!.name = '広域';
    });
    expect(messages(await importWorkbookBytes(renamed, 'x.xlsx'))).toMatch(/シート「広域行政推進事業」が見つかりません/);
  });

  it('a workbook that is not ours, or from a newer version, is refused with a message', async () => {
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').getCell('A1').value = '予算額';
    expect(messages(await importWorkbookBytes(Buffer.from(await foreign.xlsx.writeBuffer()), '他課の様式.xlsx'))).toMatch(
      /ファイル「他課の様式.xlsx」は予算デスクで出力した Excel ファイルではありません/,
    );
    const newer = await reSave(bytes, (wb) => {
      wb.getWorksheet('_yosan')!.getCell('B2').value = 99;
    });
    expect(messages(await importWorkbookBytes(newer, 'x.xlsx'))).toMatch(/新しい版の予算デスク（Excel 形式 99）.*形式 1 まで/);
  });
});

describe('the package we write', () => {
  it('is a plain zip: every part deflated with a correct CRC, one part per worksheet, the parts Excel needs', async () => {
    const bytes = await exportBytes(loadSample());
    const check = checkXlsxZip(bytes);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const names = check.entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml']));
    expect(names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toHaveLength(12);
    expect(check.entries.every((e) => e.method === 8 && !e.name.startsWith('/'))).toBe(true);
  });
});

describe('damaged, foreign, encrypted, oversized and zip-bomb files: a message, no crash', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await exportBytes(loadSample());
  });

  it.each([
    ['cut in half', () => bytes.subarray(0, bytes.length / 2), /壊れているか、途中で切れている/],
    ['missing its last bytes', () => bytes.subarray(0, bytes.length - 10), /壊れているか、途中で切れている/],
    ['empty', () => Buffer.alloc(0), /Excel ブック（.xlsx）ではありません/],
    ['text', () => Buffer.from('事務事業名,予算額\n企画調整事務事業,37524\n'), /Excel ブック（.xlsx）ではありません/],
    ['a zip that is not a spreadsheet', () => zip([{ name: 'readme.txt', data: Buffer.from('hello') }]), /Excel ブック（.xlsx）ではありません/],
    ['an old .xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /古い形式（.xls）/],
    [
      'password protected',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64)]),
      /パスワードで保護（暗号化）されている/,
    ],
    ['an encrypted zip entry', () => zip([...spreadsheetParts, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), flags: 1 }]), /パスワードで保護/],
  ])('%s', async (_name, make, message) => {
    expect(messages(await importWorkbookBytes(make(), 'x.xlsx'))).toMatch(message);
  });

  it('a flipped bit inside the compressed data is caught by the CRC, before any XML is parsed', async () => {
    const check = checkXlsxZip(bytes);
    if (!check.ok) throw new Error('the export should pass');
    const biggest = [...check.entries].sort((a, b) => b.compressedSize - a.compressedSize)[0]!;
    const flipped = Buffer.from(bytes);
    const at = biggest.localOffset + 30 + biggest.name.length + Math.floor(biggest.compressedSize / 2);
    flipped[at]! ^= 0x10;
    expect(messages(await importWorkbookBytes(flipped, 'x.xlsx'))).toMatch(/壊れているか/);
  });

  it('any flipped byte: either the same sheets or a message, never an exception', async () => {
    const sample = loadSample();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const flipped = Buffer.from(bytes);
        flipped[at]! ^= mask;
        const result = await importWorkbookBytes(flipped, 'x.xlsx');
        if (result.ok) expect(result.file.sheets).toEqual(sample.sheets);
        else expect(result.problems[0]!.message).toMatch(japanese);
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('a zip bomb (30 MB of zeros in a few KB) is refused by its ratio before it is inflated', async () => {
    const bomb = zip([...spreadsheetParts, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(checkXlsxZip(bomb)).toMatchObject({ ok: false, problem: 'limits' });
    expect(messages(await importWorkbookBytes(bomb, 'bomb.xlsx'))).toMatch(/安全のための上限を超えています/);
  });

  it('an entry that lies about its size is stopped one byte past what it declared', async () => {
    const liar = zip([...spreadsheetParts, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(500_000, 0x41), declaredSize: 1000 }]);
    expect(checkXlsxZip(liar)).toMatchObject({ ok: false, problem: 'limits' });
    // Not ours (no _yosan in its workbook.xml): refused before the lying entry is inflated at all.
    expect(messages(await importWorkbookBytes(liar, 'x.xlsx'))).toMatch(/予算デスクで出力した Excel ファイルではありません/);
  });

  it.each([
    ['file size', { maxFileBytes: 1000 }, /大きすぎるため読み込めません（上限 0 MB）/],
    ['entry count', { maxEntries: 5 }, /部品の数が多すぎる/],
    ['uncompressed total', { maxUncompressedBytes: 50_000 }, /中身が大きすぎる/],
  ])('over the %s limit: a message', async (_name, limits, message) => {
    expect(messages(await importWorkbookBytes(bytes, 'x.xlsx', { ...DEFAULT_READ_LIMITS, ...limits }))).toMatch(message);
  });
});

describe('the worker’s own limits', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yosan-import-'));
    path = join(dir, '政策局.xlsx');
    await writeFile(path, await exportBytes(loadSample()));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('too slow: the worker is stopped and the message says so', async () => {
    const result = await runImport(path, { spawn: spawnSourceWorker, limits: { timeoutMs: 0 } });
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/時間がかかりすぎたため.*中止しました/) }] });
  });

  it('too much memory: the worker is stopped and the message says so', async () => {
    const result = await runImport(path, { spawn: spawnSourceWorker, limits: { maxHeapMb: 4 } });
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/メモリが多すぎるため、中止しました/) }] });
  });

  it('a worker that cannot start (a broken installation): a message, not a rejection', async () => {
    const result = await runImport(path, {
      spawn: () => {
        throw new Error('ERR_WORKER_PATH');
      },
    });
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/読み込めませんでした/) }] });
  });

  it('a file that is not there: a message naming it', async () => {
    const result = await runImport(join(dir, 'nai.xlsx'), { spawn: spawnSourceWorker });
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/ファイル「nai.xlsx」が見つかりません/) }] });
  });

  it('a sheet made by makeSheet round-trips through the worker too', async () => {
    const file = { ...loadSample(), sheets: [makeSheet({ name: '=1+1', purpose: '𠮷'.repeat(3000) })] };
    const other = join(dir, 'one.xlsx');
    await writeFile(other, await exportBytes(file));
    const result = await runImport(other, { spawn: spawnSourceWorker });
    expect(result.ok && result.file.sheets).toEqual(file.sheets);
  });
});
