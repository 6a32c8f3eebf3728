// The exchange reader stays bounded and honest: every attack of issue 13 (generated here, never committed) is refused
// in Japanese naming the place; the pre-scan agrees with JSON.parse and with the schema's limits; nothing throws.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { openExchangeFileAt } from '../../electron/services/files';
import { exchangeFileSchema } from '../../shared/domain/schema';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import {
  EXCHANGE_ARRAY_LIMITS,
  MAX_CONTAINERS,
  MAX_KEY_NAMES,
  MAX_KEYS_PER_OBJECT,
  MAX_NESTING_DEPTH,
  MAX_VALUES,
} from '../../shared/exchange/limits';
import { migrateToCurrent } from '../../shared/exchange/migrations';
import { MAX_COUNTED_PROBLEMS, MAX_PROBLEMS, readExchangeFile } from '../../shared/exchange/read';
import { scanExchangeText } from '../../shared/exchange/scan';
import { firstUtf8Error } from '../../shared/exchange/utf8';
import { ipcMessages } from '../../shared/ipc/messages';
import { describeUndecodable, exchangeOpenResultFromText } from '../../shared/ipc/open-result';
import { sampleText } from '../helpers/sample';

type Json = Record<string, unknown> & { sheets: Record<string, unknown>[]; policies: Record<string, unknown>[] };
const sampleJson = (): Json => JSON.parse(sampleText()) as Json;
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
const MiB = 1024 * 1024;

function refusal(text: string) {
  const read = readExchangeFile(text);
  if (read.ok) throw new Error('expected a refusal');
  for (const p of read.problems) expect(p.message).toMatch(japanese);
  return read;
}

const dir = mkdtempSync(join(tmpdir(), 'yosan-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the limits in one place', () => {
  /** Every array of the schema's JSON Schema with the property that holds it, and the deepest nesting. */
  function schemaArrays(): { arrays: Map<string, number | undefined>; depth: number; widest: number } {
    const arrays = new Map<string, number | undefined>();
    let depth = 0;
    let widest = 0;
    type Node = { type?: string; maxItems?: number; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[] };
    const walk = (node: Node, key: string, level: number) => {
      if (node.type === 'array' || node.type === 'object') depth = Math.max(depth, level + 1);
      if (node.type === 'array') arrays.set(key, node.maxItems);
      if (node.properties) {
        widest = Math.max(widest, Object.keys(node.properties).length);
        for (const [k, v] of Object.entries(node.properties)) walk(v, k, level + 1);
      }
      if (node.items) walk(node.items, key, level + 1);
      for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(alt, key, level);
    };
    walk(z.toJSONSchema(exchangeFileSchema) as Node, '', 0);
    return { arrays, depth, widest };
  }

  it('every array of the schema has the pre-scan’s limit for its property, and the pre-scan knows no other', () => {
    const { arrays } = schemaArrays();
    expect(Object.fromEntries(arrays)).toEqual(EXCHANGE_ARRAY_LIMITS);
  });

  it('our deepest and widest objects are well inside the nesting and key limits', () => {
    const { depth, widest } = schemaArrays();
    expect(depth).toBe(8);
    expect(depth * 2).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    expect(widest).toBe(17);
    expect(widest * 2).toBeLessThanOrEqual(MAX_KEYS_PER_OBJECT);
  });

  it('the document read part by part is exactly what the whole schema parses, key order included', () => {
    for (const text of [sampleText(), readFileSync(new URL('../fixtures/sample-v1.yosan.json', import.meta.url), 'utf8')]) {
      const read = readExchangeFile(text);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      const raw = JSON.parse(text) as Record<string, unknown>;
      const whole = exchangeFileSchema.parse(raw['version'] === 3 ? raw : migrateToCurrent(raw, raw['version'] as number));
      expect(JSON.stringify(read.file)).toBe(JSON.stringify(whole));
    }
  });

  it('a file at every array limit is read whole (the limits refuse nothing the schema accepts)', () => {
    const doc = sampleJson();
    const sheet = doc.sheets[0]!;
    const item = (sheet['items'] as Record<string, unknown>[])[0]!;
    sheet['items'] = Array.from({ length: EXCHANGE_ARRAY_LIMITS.items }, (_, i) => ({ ...item, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    sheet['specificFunding'] = Array.from({ length: EXCHANGE_ARRAY_LIMITS.specificFunding }, () => ({ source: '国庫支出金', revenueKan: 15, amount: 1 }));
    const read = readExchangeFile(JSON.stringify(doc));
    if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
    expect(read.file.sheets[0]!.items).toHaveLength(EXCHANGE_ARRAY_LIMITS.items);
  });
});

describe('the attacks of issue 13, refused in Japanese naming the place', () => {
  it('a 16 MiB file of nested [[[ (under the 20 MiB limit) is refused at depth 32, before JSON.parse', async () => {
    const text = '['.repeat(16 * MiB);
    const read = refusal(text);
    expect(read.reason).toBe('unreadable');
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.message).toBe(
      `ファイル全体（1 行目）: 入れ子（{ } や [ ]）が深すぎます（${MAX_NESTING_DEPTH} 段まで）。予算デスクの交換ファイルではないか、壊れています。`,
    );
    // The same through main's 開く: the file is under the size limit and read from disk.
    const path = join(dir, 'nested.yosan.json');
    writeFileSync(path, text);
    expect(text.length).toBeLessThan(MAX_EXCHANGE_FILE_BYTES);
    const opened = await openExchangeFileAt(path, MAX_EXCHANGE_FILE_BYTES);
    expect(opened.status === 'problems' && opened.problems[0]!.message).toMatch(/入れ子.*深すぎます/);
  });

  it('objects nested inside a sheet name the sheet and the field', () => {
    const text = sampleText().replace('"notes": "', `"notes": ${'{"a":'.repeat(40)}1${'}'.repeat(40)}, "x": "`);
    expect(refusal(text).problems[0]!.message).toMatch(/^シート1 の 特記事項（\d+ 行目）: 入れ子（\{ \} や \[ \]）が深すぎます（32 段まで）。/);
  });

  it('主な事業 of 125,000 zeros (266 KB) is refused as too many, not a stack overflow', () => {
    const doc = sampleJson();
    doc.sheets[0]!['items'] = Array.from({ length: 125_000 }, () => 0);
    const read = refusal(JSON.stringify(doc));
    expect(read.problems).toEqual([
      {
        severity: 'error',
        path: 'sheets[0].items',
        message: 'シート1 の 主な事業（1 行目）: 一覧の数が多すぎます（100 件まで）。予算デスクの交換ファイルではないか、壊れています。',
      },
    ]);
  });

  it('the same file through the command line: exit 2 with that message, not 予期しないエラー', async () => {
    const doc = sampleJson();
    doc.sheets[0]!['items'] = Array.from({ length: 125_000 }, () => 0);
    const path = join(dir, 'zeros.yosan.json');
    writeFileSync(path, JSON.stringify(doc));
    const err: string[] = [];
    const code = await runCli(['check', path], { out: () => undefined, err: (line) => err.push(line) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('シート1 の 主な事業（1 行目）: 一覧の数が多すぎます（100 件まで）');
    expect(err.join('\n')).not.toMatch(/予期しない/);
  });

  it.each([100_000, 800_000])('%i empty sheets are refused at 20,000 without validating any', (count) => {
    const doc = sampleJson();
    doc.sheets = Array.from({ length: count }, () => ({}));
    const read = refusal(JSON.stringify(doc));
    expect(read.problems.map((p) => [p.path, p.message])).toEqual([
      ['sheets', '事務事業シート（1 行目）: 一覧の数が多すぎます（20,000 件まで）。予算デスクの交換ファイルではないか、壊れています。'],
    ]);
  });

  it('20,000 empty sheets (within the limit): 200 problems listed, counting stops at 10,000 and says so', () => {
    const doc = sampleJson();
    doc.sheets = Array.from({ length: EXCHANGE_ARRAY_LIMITS.sheets }, () => ({}));
    const read = refusal(JSON.stringify(doc));
    expect(read.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(read.problems[0]!.message).toBe('シート1 の ID: 必要な項目がありません。');
    expect(read.problems.at(-1)!.message).toMatch(new RegExp(`^ほかに \\d+ 件以上の問題があります（${MAX_COUNTED_PROBLEMS} 件を超えたため、残りは確かめていません）。$`));
  });

  it('4,000 sheets of 100 empty 主な事業 (400,000 objects, within every limit) stop at the count too', () => {
    const doc = sampleJson();
    doc.sheets = Array.from({ length: 4_000 }, () => ({ items: Array.from({ length: 100 }, () => ({})) }));
    const read = refusal(JSON.stringify(doc));
    expect(read.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(read.problems.at(-1)!.message).toMatch(/件以上の問題があります/);
  });

  it('one 局運営方針 of 100 基本方針 × 500 empty rows (450,000 issues at once, before) stops at the count too', () => {
    const doc = sampleJson();
    doc.policies = [{ goals: Array.from({ length: 100 }, () => ({ programs: Array.from({ length: 500 }, () => ({})) })) }];
    const read = refusal(JSON.stringify(doc));
    expect(read.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(read.problems[0]!.message).toBe('局運営方針1 の ID: 必要な項目がありません。');
    expect(read.problems.at(-1)!.message).toMatch(/件以上の問題があります/);
  });

  it('a file of more objects than any real one is refused before JSON.parse builds them', () => {
    const doc = sampleJson();
    doc['x'] = Array.from({ length: Math.ceil(MAX_CONTAINERS / 10_000) + 1 }, () => Array.from({ length: 10_000 }, () => ({})));
    expect(refusal(JSON.stringify(doc)).problems[0]!.message).toMatch(/まとまり（\{ \} や \[ \]）が多すぎます（500,000 個まで）/);
    const values = sampleJson();
    values['x'] = Array.from({ length: Math.ceil(MAX_VALUES / 20_000) + 1 }, () => Array.from({ length: 20_000 }, () => 0));
    expect(refusal(JSON.stringify(values)).problems[0]!.message).toMatch(/値が多すぎます（2,000,000 個まで）/);
  });

  it('more different key names than a file of ours could have are refused (each costs JSON.parse hidden classes)', () => {
    const doc = sampleJson();
    let k = 0;
    doc['x'] = Array.from({ length: 40 }, () => Object.fromEntries(Array.from({ length: 30 }, () => [`k${k++}`, 0])));
    expect(refusal(JSON.stringify(doc)).problems[0]!.message).toBe(
      `ファイル全体（1 行目）: 項目の名前が多すぎます（ファイル全体で ${MAX_KEY_NAMES.toLocaleString('en-US')} 種類まで）。予算デスクの交換ファイルではないか、壊れています。`,
    );
  });

  it('a key of a million characters written twice is named clipped, in the message and in the path', () => {
    const key = '予'.repeat(1_000_000);
    const read = refusal(sampleText().replace('"municipality"', `"${key}": 1, "${key}": 2, "municipality"`));
    expect(read.problems[0]!.message.length).toBeLessThan(300);
    expect(read.problems[0]!.path.length).toBeLessThan(40);
  });

  it('an object of thousands of keys is refused; a name of 100,000 characters is quoted clipped', () => {
    const doc = sampleJson();
    for (let i = 0; i < 1000; i++) doc.sheets[0]![`k${i}`] = 0;
    expect(refusal(JSON.stringify(doc)).problems[0]!.message).toBe(`シート1（1 行目）: 項目が多すぎます（${MAX_KEYS_PER_OBJECT} 個まで）。予算デスクの交換ファイルではないか、壊れています。`);
    const long = sampleJson();
    long.sheets.forEach((s) => {
      s['name'] = 'あ'.repeat(100_000);
      s['amount'] = -1;
    });
    const read = refusal(JSON.stringify(long));
    for (const p of read.problems) expect(p.message.length).toBeLessThan(200);
    expect(read.problems[0]!.message).toBe(`シート1「${'あ'.repeat(40)}…」 の 予算額: 0 以上でなければなりません。`);
  });

  it('a key written twice is refused naming the key and both lines, also when one is escaped', () => {
    const dup = refusal(sampleText().replace('"municipality"', '"municipality": "重複市",\n  "municipality"'));
    expect(dup.reason).toBe('invalid');
    expect(dup.problems).toEqual([
      {
        severity: 'error',
        path: 'municipality',
        message:
          '団体名（5 行目）: 項目「municipality」が同じまとまりに2回書かれています（4 行目と 5 行目）。どちらの値が正しいか分からないため読み込みません。予算デスクで保存し直したファイルを選んでください。',
      },
    ]);
    const escaped = refusal(sampleText().replace('"amount": 37524,', '"amount": 37524, "\\u0061mount": 1,'));
    expect(escaped.problems[0]!.path).toBe('sheets[0].amount');
    expect(escaped.problems[0]!.message).toMatch(/^シート1 の 予算額（32 行目）: 項目「amount」が同じまとまりに2回書かれています（32 行目）。/);
  });

  it('duplicate ids are capped: 2,000 copies of one sheet list 200 and count the rest', () => {
    const doc = sampleJson();
    doc.sheets = Array.from({ length: 2_000 }, () => doc.sheets[2]!);
    const read = refusal(JSON.stringify(doc));
    expect(read.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(read.problems[0]).toEqual({ severity: 'error', path: 'sheets[1].id', message: 'シート2「合併振興基金積立金」の ID がシート1と重複しています。' });
    expect(read.problems.at(-1)!.message).toBe(`ほかに ${1_999 - MAX_PROBLEMS} 件の問題があります。`);
  });
});

describe('each kind of damage has its own message', () => {
  const at = (replacement: string) => refusal(sampleText().replace('"amount": 37524', `"amount": ${replacement}`)).problems.map((p) => p.message);

  it.each([
    ['NaN', 'シート1 の 予算額（32 行目）: 「NaN」は数値として読めません。'],
    ['-Infinity', 'シート1 の 予算額（32 行目）: 「-Infinity」は数値として読めません。'],
    ['0x10', 'シート1 の 予算額（32 行目）: 「0x10」は数値として読めません。'],
    ['01', 'シート1 の 予算額（32 行目）: 「01」は数値として読めません。'],
    ['1e999', 'シート1 の 予算額（32 行目）: 数値「1e999」は大きすぎて読めません。'],
    ['abc', 'シート1 の 予算額（32 行目）: 「abc」は値として読めません。'],
    ['"37,524"', 'シート1「企画調整事務事業」 の 予算額: 数値でなければなりません。'],
    ['37524.5', 'シート1「企画調整事務事業」 の 予算額: 千円単位の整数でなければなりません。'],
  ])('予算額 %s', (replacement, start) => {
    const messages = at(replacement);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.startsWith(start), messages[0]).toBe(true);
  });

  it('text cut off mid-document says so, naming where it ends', () => {
    expect(refusal(sampleText().slice(0, 1200)).problems[0]!.message).toMatch(/^ファイルが途中で切れています（\d+ 行目、シート1 の .+の途中で終わっています）。/);
    expect(refusal(sampleText().trimEnd().slice(0, -1)).problems[0]!.message).toMatch(/^ファイルが途中で切れています（\d+ 行目、ファイル全体の途中で終わっています）/);
  });

  it('bytes cut inside a multi-byte character are a cut-off file, not another encoding', () => {
    const bytes = new TextEncoder().encode(sampleText());
    const inCharacter = bytes.indexOf(0xe3) + 1; // the second byte of the first kana or kanji
    const cut = bytes.subarray(0, inCharacter + 1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cut)).toThrow();
    expect(describeUndecodable('政策局.yosan.json', cut)).toBe(ipcMessages.cutOffInCharacter('政策局.yosan.json'));
    expect(describeUndecodable('政策局.yosan.json', cut)).toMatch(/途中で切れています/);
    // Shift_JIS (here "予算" in it) is not UTF-8, wherever it is.
    const sjis = new Uint8Array([...bytes.subarray(0, 100), 0x97, 0x5c, 0x8e, 0x5a, ...bytes.subarray(100)]);
    expect(describeUndecodable('政策局.yosan.json', sjis)).toBe(ipcMessages.notUtf8('政策局.yosan.json'));
  });

  it('the UTF-8 check agrees with TextDecoder on random bytes and on damaged Japanese text', () => {
    const decodes = (b: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const japaneseBytes = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new TextEncoder().encode(s));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.tuple(japaneseBytes, fc.nat()).map(([b, cut]) => b.subarray(0, b.length === 0 ? 0 : cut % b.length)),
      fc.tuple(japaneseBytes, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([b, at, value]) => {
        const copy = new Uint8Array(b);
        if (copy.length > 0) copy[at % copy.length] = value;
        return copy;
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const error = firstUtf8Error(b);
        expect(error === null).toBe(decodes(b));
        // Cut off: the bytes before the cut decode, and some continuation would complete the character.
        if (error?.cutOff) expect(decodes(b.subarray(0, error.at))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the pre-scan agrees with JSON.parse', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  /** What JSON.parse takes and the scan refuses on purpose: a key twice (the last would win), a number read as ±Infinity. */
  const refusedOnPurpose = new Set(['duplicate-key', 'number-too-large']);

  it('accepts whatever JSON.parse accepts (within the limits, no key twice) and refuses the rest', () => {
    const jsonText = fc.json({ depthSize: 'small' });
    // One character inserted, deleted or replaced, from the characters that make JSON what it is.
    const edited = fc.tuple(jsonText, fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...'{}[]",:\\-+.0123456789eEtrufalsn \n\t\u0000\u001fxあ'.split(''))).map(([text, at, how, c]) => {
      const p = text.length === 0 ? 0 : at % (text.length + 1);
      if (how === 0) return text.slice(0, p) + c + text.slice(p);
      if (how === 1) return text.slice(0, p) + text.slice(p + 1);
      return text.slice(0, p) + c + text.slice(p + 1);
    });
    fc.assert(
      fc.property(fc.oneof(jsonText, edited), (text) => {
        const scan = scanExchangeText(text);
        if (scan.ok) expect(parses(text), text).toBe(true);
        else if (!refusedOnPurpose.has(scan.kind)) expect(parses(text), `${text}: ${scan.message}`).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });

  it('every string escape, number form and whitespace JSON allows', () => {
    const text = ' \t\r\n{"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00": [0, -0, 1.5, -2e10, 3E+2, 4e-3, 1e308, true, false, null, "\u007f\ud800"], "": {}}\n';
    expect(parses(text)).toBe(true);
    expect(scanExchangeText(text)).toEqual({ ok: true });
  });
});

describe('nothing throws', () => {
  it('a reader failure no check foresaw is a message in Japanese, in the reader and in 開く', () => {
    const hostile = { charCodeAt: () => { throw new RangeError('Maximum call stack size exceeded'); } } as unknown as string;
    const read = readExchangeFile(hostile);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.message).toMatch(/予期しないエラー.*読み込みませんでした/);
    const opened = exchangeOpenResultFromText('a.yosan.json', hostile);
    expect(opened.status).toBe('problems');
  });
});
