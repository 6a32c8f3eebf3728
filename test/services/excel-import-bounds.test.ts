// The import accepts only what our export could have written, and refuses everything else cheaply: the bombs of issue 13
// (generated here) are refused from the zip's directory and xl/workbook.xml before any worksheet is parsed; a tampered
// metadata sheet, swapped tab names and odd cells are refused naming the file, the worksheet or the cell; nothing is
// written. Our own 1,500-sheet workbook passes the default limits.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { DEFAULT_READ_LIMITS, importWorkbookBytes } from '../../electron/services/excel/import-file';
import { runImport } from '../../electron/services/excel/import-runner';
import { excelMessages } from '../../electron/services/excel/messages';
import { spawnSourceWorker } from '../../electron/services/excel/worker-source';
import { isDateFormatCode, openWorkbook } from '../../electron/services/excel/xlsx-read';
import { END, OPEN, XmlError, XmlScanner } from '../../electron/services/excel/xml-scan';
import { readCentralDirectory } from '../../electron/services/excel/zip-guard';
import { checkDocument } from '../../shared/domain/check';
import type { ExchangeFile } from '../../shared/domain/schema';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { generateDocument } from '../bench/generate';
import { loadSample } from '../helpers/sample';
import {
  bigSharedStrings,
  exportBytes,
  hugeTextCell,
  manyMetadataRows,
  manyWorksheets,
  partOf,
  rezip,
  text,
  unzipParts,
} from '../helpers/xlsx-bombs';

const FILE = '政策局.xlsx';
const sample = loadSample();
const dir = mkdtempSync(join(tmpdir(), 'yosan-import-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let exported: Buffer;
beforeAll(async () => {
  exported = await exportBytes(sample);
});

/** The one message of a refusal naming the whole file. */
async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await importWorkbookBytes(bytes, FILE);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.problems).toHaveLength(1);
  expect(result.problems[0]!.path).toBe('');
  return result.problems[0]!.message;
}

async function problems(bytes: Uint8Array): Promise<string[]> {
  const result = await importWorkbookBytes(bytes, FILE);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => p.message);
}

/** Our workbook with one part's XML edited. */
function edited(part: (parts: Map<string, Buffer>) => string, edit: (xml: string) => string): Buffer {
  const parts = unzipParts(exported);
  const name = part(parts);
  parts.set(name, Buffer.from(edit(text(parts, name))));
  return rezip(parts);
}

const METADATA = (parts: Map<string, Buffer>) => partOf(parts, '_yosan');
const WORKBOOK = () => 'xl/workbook.xml';

/** Replaces the cell at `ref` (whatever it holds) with `cell`. */
const setCell = (ref: string, cell: string) => (xml: string) => {
  const replaced = xml.replace(new RegExp(`<c r="${ref}"(?:[^>]*?/>|[^>]*?>.*?</c>)`), cell);
  if (replaced === xml) throw new Error(`no cell ${ref}`);
  return replaced;
};

describe('the bombs of issue 13 are refused before any worksheet is parsed', () => {
  it('480 worksheets of 1 MB (480 MB of XML in a small file): too large, from the zip directory alone', async () => {
    const bomb = manyWorksheets(480, 1024 * 1024);
    // The file itself is within the file size limit: the directory's sizes refuse it.
    expect(bomb.byteLength).toBeLessThan(DEFAULT_READ_LIMITS.maxFileBytes);
    expect(readCentralDirectory(bomb, DEFAULT_READ_LIMITS)).toMatchObject({ ok: false, problem: 'limits' });
    expect(await refusal(bomb)).toBe(excelMessages.zipLimits(FILE));
  });

  it('fewer, smaller worksheets that fit the size limits but have no _yosan: not ours, from xl/workbook.xml alone', async () => {
    expect(await refusal(manyWorksheets(40, 1024 * 1024))).toBe(excelMessages.foreign(FILE));
  });

  it('more worksheets than any workbook of ours (4,001), even claiming to be ours: refused by their count', async () => {
    expect(await refusal(manyWorksheets(4_001, 100, true))).toBe(excelMessages.tooManyWorksheets(FILE, 4_000));
  });

  it('our workbook with a 416 MB shared-strings part (honest sizes, compressed 51×, 9 MB): too large', async () => {
    const bomb = bigSharedStrings(exported);
    expect(bomb.byteLength).toBeLessThan(DEFAULT_READ_LIMITS.maxFileBytes);
    expect(await refusal(bomb)).toBe(excelMessages.zipLimits(FILE));
  });

  it('shared strings over their own limit, the whole file within the total: too large, before they are parsed', async () => {
    const bomb = bigSharedStrings(exported, 3 * 1024 * 1024);
    // 3 MB of strings nobody uses is within the default limits…
    expect((await importWorkbookBytes(bomb, FILE)).ok).toBe(true);
    // …and refused by a shared-strings limit below it.
    const limits = { ...DEFAULT_READ_LIMITS, maxSharedStringsBytes: 2 * 1024 * 1024 };
    const result = await importWorkbookBytes(bomb, FILE, limits);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([excelMessages.zipLimits(FILE)]);
  });

  it('100,000 metadata rows pointing at one worksheet: the metadata is too large for the worksheets listed', async () => {
    expect(await refusal(manyMetadataRows(exported, 100_000))).toBe(excelMessages.metadataTooLarge(FILE));
  });

  it('a few hundred metadata rows (under the size bound) pointing at one worksheet: the row count does not match', async () => {
    const message = (await problems(manyMetadataRows(exported, 300))).join('\n');
    expect(message).toBe(excelMessages.duplicateIds(FILE));
  });

  it('a 21 MB text in a cell: refused naming the cell, nothing imported', async () => {
    const result = await importWorkbookBytes(hugeTextCell(exported, '広域行政推進事業'), FILE);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          path: 'sheets[1].purpose',
          message: excelMessages.cellInvalid(
            '広域行政推進事業',
            'A7',
            '事業の目的・内容',
            '文字が多すぎます（21,000,000 文字。1つのセルは 32,767 文字まで）。短くしてから読み込んでください。',
          ),
        },
      ],
    });
  });
});

describe('only what export could have written', () => {
  it('two worksheet tab names swapped: both worksheets named, not their contents swapped between the ids', async () => {
    const swapped = edited(WORKBOOK, (xml) =>
      xml.replace('name="合併振興基金積立金"', 'name="@"').replace('name="庁舎整備基金積立金"', 'name="合併振興基金積立金"').replace('name="@"', 'name="庁舎整備基金積立金"'),
    );
    expect(await problems(swapped)).toEqual([excelMessages.worksheetSwapped('合併振興基金積立金'), excelMessages.worksheetSwapped('庁舎整備基金積立金')]);
  });

  it('tabs moved (Excel keeps each sheetId with its worksheet): read as before', async () => {
    const moved = edited(WORKBOOK, (xml) => {
      const a = /<sheet [^>]*name="合併振興基金積立金"[^>]*\/>/.exec(xml)![0];
      const b = /<sheet [^>]*name="庁舎整備基金積立金"[^>]*\/>/.exec(xml)![0];
      return xml.replace(a + b, b + a);
    });
    const result = await importWorkbookBytes(moved, FILE);
    expect(result.ok && result.file.sheets).toEqual(sample.sheets);
  });

  it('a workbook exported before sheetIds were recorded (no column I in the metadata) still imports', async () => {
    const older = edited(METADATA, (xml) => xml.replace(/<c r="I\d+"(?:[^>]*?\/>|[^>]*?>.*?<\/c>)/g, ''));
    const result = await importWorkbookBytes(older, FILE);
    expect(result.ok && result.file.sheets).toEqual(sample.sheets);
  });

  it('a sheetId in the metadata that is not a whole number: the metadata is broken', async () => {
    expect(await refusal(edited(METADATA, setCell('I8', '<c r="I8"><v>2.5</v></c>')))).toBe(excelMessages.metadataBroken(FILE));
  });

  it('a metadata count of 9 for 10 sheets: refused naming the worksheet left out, not silently dropped', async () => {
    const nine = edited(METADATA, setCell('B6', '<c r="B6"><v>9</v></c>'));
    expect(await problems(nine)).toEqual([excelMessages.sheetCountMismatch(FILE, 9, 10), excelMessages.worksheetNotRecorded('東京事務所管理運営事業')]);
  });

  it('a worksheet a reviewer added: named, with what to do', async () => {
    const parts = unzipParts(exported);
    const copy = partOf(parts, '広域行政推進事業');
    parts.set('xl/worksheets/extra.xml', parts.get(copy)!);
    parts.set('xl/workbook.xml', Buffer.from(text(parts, 'xl/workbook.xml').replace('</sheets>', '<sheet name="メモ" sheetId="99" r:id="rIdExtra"/></sheets>')));
    parts.set(
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        text(parts, 'xl/_rels/workbook.xml.rels').replace(
          '</Relationships>',
          '<Relationship Id="rIdExtra" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra.xml"/></Relationships>',
        ),
      ),
    );
    expect(await problems(rezip(parts))).toEqual([excelMessages.sheetCountMismatch(FILE, 10, 11), excelMessages.worksheetNotRecorded('メモ')]);
  });

  it('two metadata rows with one id: refused', async () => {
    const parts = unzipParts(exported);
    const meta = partOf(parts, '_yosan');
    const xml = text(parts, meta);
    const id8 = /<c r="B8"[^>]*>.*?<\/c>/.exec(xml)![0];
    parts.set(meta, Buffer.from(setCell('B9', id8.replace('B8', 'B9'))(xml)));
    expect(await refusal(rezip(parts))).toBe(excelMessages.duplicateIds(FILE));
  });

  it.each([
    ['0', '<v>0</v>'],
    ['−1', '<v>-1</v>'],
    ['NaN', '<v>NaN</v>'],
    ['1.5', '<v>1.5</v>'],
    ['a date', '<v>2015-04-01T00:00:00</v>', ' t="d"'],
  ])('metadata version %s (of the workbook or of the exchange file): the metadata is broken', async (_label, v, type = '') => {
    expect(await refusal(edited(METADATA, setCell('B2', `<c r="B2"${type}>${v}</c>`)))).toBe(excelMessages.metadataBroken(FILE));
    expect(await refusal(edited(METADATA, setCell('B3', `<c r="B3"${type}>${v}</c>`)))).toBe(excelMessages.metadataBroken(FILE));
  });

  it('a sheet’s 年度 in the metadata as a date (2015-04-01 is not the year 2015): the metadata is broken', async () => {
    expect(await refusal(edited(METADATA, setCell('C8', '<c r="C8" t="d"><v>2015-04-01T00:00:00</v></c>')))).toBe(excelMessages.metadataBroken(FILE));
  });

  it('_yosan shown (unhidden by a reviewer): refused with what to do; hidden, as LibreOffice saves it: read', async () => {
    const shown = edited(WORKBOOK, (xml) => xml.replace('state="veryHidden"', 'state="visible"'));
    expect(await refusal(shown)).toBe(excelMessages.metadataVisible(FILE));
    const hidden = edited(WORKBOOK, (xml) => xml.replace('state="veryHidden"', 'state="hidden"'));
    expect((await importWorkbookBytes(hidden, FILE)).ok).toBe(true);
  });

  it('what import accepts, check accepts: the written file is under the exchange file limit and reads back', async () => {
    const result = await importWorkbookBytes(exported, FILE);
    if (!result.ok) throw new Error('the sample should import');
    const written = writeExchangeFile(result.file);
    expect(readExchangeFile(written).ok).toBe(true);
    expect(checkDocument(result.file).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('amount cells: not a number, not an integer, a date — each said so', () => {
  const at = (cell: string) => edited((parts) => partOf(parts, '広域行政推進事業'), setCell('L2', cell));
  const notNumber = excelMessages.cellNotNumber('広域行政推進事業', 'L2', '予算額');

  it.each([
    ['0x10 in a number cell', '<c r="L2"><v>0x10</v></c>', notNumber],
    ['0x10 typed as text', '<c r="L2" t="inlineStr"><is><t>0x10</t></is></c>', notNumber],
    ['NaN', '<c r="L2"><v>NaN</v></c>', notNumber],
    ['Infinity', '<c r="L2"><v>Infinity</v></c>', notNumber],
    ['1E+400 (Infinity)', '<c r="L2"><v>1E+400</v></c>', notNumber],
    ['"abc" in a number cell', '<c r="L2"><v>abc</v></c>', notNumber],
    ['abc typed as text', '<c r="L2" t="inlineStr"><is><t>abc</t></is></c>', notNumber],
    ['TRUE', '<c r="L2" t="b"><v>1</v></c>', notNumber],
    ['#REF!', '<c r="L2" t="e"><v>#REF!</v></c>', notNumber],
    ['1.5 in a number cell', '<c r="L2"><v>1.5</v></c>', excelMessages.cellNotInteger('広域行政推進事業', 'L2', '予算額')],
    [
      '1.5 typed as text',
      '<c r="L2" t="inlineStr"><is><t>1.5</t></is></c>',
      excelMessages.cellInvalid('広域行政推進事業', 'L2', '予算額', '予算額は千円単位の整数で入力してください（小数点は使えません）。'),
    ],
    ['a date cell', '<c r="L2" t="d"><v>2015-04-01T00:00:00</v></c>', excelMessages.cellIsDate('広域行政推進事業', 'L2', '予算額')],
  ])('%s', async (_label, cell, message) => {
    const result = await importWorkbookBytes(at(cell), FILE);
    expect(result).toEqual({ ok: false, problems: [{ severity: 'error', path: 'sheets[1].amount', message }] });
  });

  it('a number shown in a date format (a reviewer typed 4/1): a date, not 42095', async () => {
    const parts = unzipParts(exported);
    const styles = text(parts, 'xl/styles.xml');
    const xfs = /<cellXfs count="(\d+)">/.exec(styles)!;
    const dateStyle = Number(xfs[1]);
    parts.set(
      'xl/styles.xml',
      Buffer.from(styles.replace(xfs[0], `<cellXfs count="${dateStyle + 1}">`).replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>')),
    );
    const part = partOf(parts, '広域行政推進事業');
    parts.set(part, Buffer.from(setCell('L2', `<c r="L2" s="${dateStyle}"><v>42095</v></c>`)(text(parts, part))));
    expect(await problems(rezip(parts))).toEqual([excelMessages.cellIsDate('広域行政推進事業', 'L2', '予算額')]);
  });

  it('款 typed as 0x10 text is not 16', async () => {
    const result = await importWorkbookBytes(
      edited((parts) => partOf(parts, '広域行政推進事業'), (xml) => setCell('C4', '<c r="C4" t="inlineStr"><is><t>0x10</t></is></c>')(xml)),
      FILE,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.message).toMatch(/セル C4（款）: 1 から 999 までの整数を入力してください/);
  });

  it.each([
    ['yyyy/m/d', true],
    ['[$-411]ggge"年"m"月"d"日"', true],
    ['h:mm', true],
    ['#,##0;"△ "#,##0', false],
    ['0"千円"', false],
    ['General', false],
    ['@', false],
    ['0.00E+00', false],
  ])('number format %s is a date: %s', (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});

describe('the XML scanner', () => {
  const pieces = fc.constantFrom(
    '<', '>', '/', '/>', '</', 'c', 'x:c', ' r="A1"', " t='s'", '"', "'", '=', '&amp;', '&#x41;', '&#0;', '&', '&bogus;',
    '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x>', 'あ', '\r\n', '<c r="A1"><v>1</v></c>', '<row>', '</row>',
  );

  it('any input: tokens to the end, or an XmlError; nothing else is thrown and every call moves forward', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const x = new XmlScanner(parts.join(''), 'test.xml');
        try {
          let tokens = 0;
          while (x.next() !== END) {
            tokens += 1;
            if (tokens > 10_000) throw new Error('no progress');
          }
        } catch (error) {
          if (!(error instanceof XmlError)) throw error;
        }
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('reads what a workbook part holds: names with prefixes, attributes in either quotes, entities, CDATA', () => {
    const x = new XmlScanner(`<?xml version="1.0"?><x:c r='B2' t="s"><!-- note --><x:v>a&amp;b&#x3042;<![CDATA[<raw>]]></x:v></x:c>`, 'p');
    expect(x.next()).toBe(OPEN);
    expect([x.name, x.local, x.attr('r'), x.attr('t')]).toEqual(['x:c', 'c', 'B2', 's']);
    expect(x.next()).toBe(OPEN);
    expect(x.content()).toEqual({ text: 'a&bあ<raw>', length: 9 });
    const mismatched = new XmlScanner('<a></b>', 'p');
    mismatched.next();
    expect(() => mismatched.next()).toThrow(XmlError);
  });
});

describe('nothing is written, and the command line ends on every path', () => {
  it('a bomb: exit 2, the message, no output file', async () => {
    const input = join(dir, 'bomb.xlsx');
    writeFileSync(input, bigSharedStrings(exported));
    const err: string[] = [];
    const code = await runCli(['import', input, '-o', join(dir, 'bomb.yosan.json')], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(excelMessages.zipLimits('bomb.xlsx'));
    expect(existsSync(join(dir, 'bomb.yosan.json'))).toBe(false);
  });

  it('a 21 MB cell: exit 1, the cell named, no output file', async () => {
    const input = join(dir, 'huge.xlsx');
    writeFileSync(input, hugeTextCell(exported, '広域行政推進事業'));
    const err: string[] = [];
    const code = await runCli(['import', input, '-o', join(dir, 'huge.yosan.json')], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/セル A7（事業の目的・内容）: 文字が多すぎます/);
    expect(existsSync(join(dir, 'huge.yosan.json'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('a FIFO given to the runner itself: refused by the worker at once, not waited on', async () => {
    const fifo = join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const result = await runImport(fifo, { spawn: spawnSourceWorker, limits: { timeoutMs: 20_000 } });
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/通常のファイルではない/) }] });
  });
});

describe('our own largest workbook fits the default limits', () => {
  it('1,500 sheets: within every limit, and imported exactly', async () => {
    const big: ExchangeFile = generateDocument(sample, 1_500);
    const bytes = await exportBytes(big);
    const directory = readCentralDirectory(bytes, DEFAULT_READ_LIMITS);
    if (!directory.ok) throw new Error(directory.detail);
    const total = directory.entries.reduce((n, e) => n + e.uncompressedSize, 0);
    // Room to spare: what the limits allow is several times what we write.
    expect(total * 4).toBeLessThan(DEFAULT_READ_LIMITS.maxUncompressedBytes);
    expect(directory.entries.length * 4).toBeLessThan(DEFAULT_READ_LIMITS.maxEntries);
    expect(openWorkbook(bytes, directory.entries, DEFAULT_READ_LIMITS).ok).toBe(true);
    const result = await importWorkbookBytes(bytes, FILE);
    expect(result.ok && result.file.sheets).toEqual(big.sheets);
  }, 60_000);
});
