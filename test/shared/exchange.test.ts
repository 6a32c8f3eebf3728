import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePath } from '../../shared/domain/labels';
import { exchangeFileSchema, type ExchangeFile } from '../../shared/domain/schema';
import { migrateToCurrent } from '../../shared/exchange/migrations';
import { readExchangeFile } from '../../shared/exchange/read';
import { writeExchangeFile } from '../../shared/exchange/write';
import { loadSample, sampleText } from '../helpers/sample';

type Json = Record<string, unknown>;
const sampleJson = (): Json => JSON.parse(sampleText()) as Json;
const mutate = (edit: (doc: Json & { sheets: Json[]; policies: Json[] }) => void): string => {
  const doc = sampleJson() as Json & { sheets: Json[]; policies: Json[] };
  edit(doc);
  return JSON.stringify(doc);
};
const failure = (text: string) => {
  const result = readExchangeFile(text);
  if (result.ok) throw new Error('expected a failure');
  return result;
};

describe('readExchangeFile', () => {
  it('reads the sample whole', () => {
    const result = readExchangeFile(sampleText());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file.sheets).toHaveLength(10);
  });

  it('accepts a UTF-8 BOM (files saved by Windows Notepad)', () => {
    expect(readExchangeFile(`\uFEFF${sampleText()}`).ok).toBe(true);
  });

  it('a truncated file is unreadable, said to be cut off where it ends', () => {
    const text = sampleText();
    const r = failure(text.slice(0, text.length / 2));
    expect(r.reason).toBe('unreadable');
    expect(r.problems).toEqual([
      {
        severity: 'error',
        path: 'sheets[8].org.section',
        message: 'ファイルが途中で切れています（478 行目、シート9 の 課の途中で終わっています）。保存やコピーが最後まで終わったファイルを選び直してください。',
      },
    ]);
  });

  it('text that is not JSON says so, with the line and what is there', () => {
    const r = failure(sampleText().replace('"municipality"', '/* 団体 */ "municipality"'));
    expect(r.reason).toBe('unreadable');
    expect(r.problems[0]!.message).toBe(
      'ファイル全体（4 行目）: JSON の書き方が正しくないため読み取れません（「/* 団体 */ "mu…」のところ）。別の形式のファイルか、手で編集して壊れたファイルです。予算デスクで保存し直したファイルを選んでください。',
    );
  });

  it('foreign JSON is not our file', () => {
    expect(failure('{"name":"package"}').problems[0]!.message).toMatch(/予算デスクの交換ファイルではありません/);
    expect(failure('[1,2,3]').reason).toBe('unreadable');
    expect(failure('').problems[0]!.message).toMatch(/ファイルが空です/);
  });

  it('a newer version is refused naming both versions', () => {
    const r = failure(mutate((d) => (d['version'] = 4)));
    expect(r.reason).toBe('newer-version');
    expect(r.problems[0]!.message).toMatch(/version 4/);
    expect(r.problems[0]!.message).toMatch(/version 3 まで/);
  });

  it('an unknown field is an error naming it and where it is', () => {
    const r = failure(mutate((d) => (d.sheets[7]!['color'] = 'red')));
    expect(r.reason).toBe('invalid');
    expect(r.problems).toEqual([
      {
        severity: 'error',
        path: 'sheets[7]',
        message: 'シート8「情報化推進事業」: 知らない項目（color）があります。別の形式のファイルか、新しい版の予算デスクで作られたファイルです。',
      },
    ]);
  });

  it('wrong types name the path in Japanese words', () => {
    const r = failure(
      mutate((d) => {
        (d.sheets[3]!['items'] as Json[])[0]!['amount'] = '506,954';
        d.sheets[0]!['amount'] = 1.5;
        delete d.sheets[1]!['name'];
      }),
    );
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([
      ['sheets[0].amount', 'シート1「企画調整事務事業」 の 予算額: 千円単位の整数でなければなりません。'],
      ['sheets[1].name', 'シート2 の 事務事業名: 必要な項目がありません。'],
      ['sheets[3].items[0].amount', 'シート4「庁舎整備基金積立金」 の 主な事業1 の 主な事業の金額: 数値でなければなりません。'],
    ]);
  });

  it('duplicate sheet ids and two policies of one bureau and year are refused', () => {
    const r = failure(
      mutate((d) => {
        d.sheets[2]!['id'] = d.sheets[0]!['id'];
        d.policies.push({ ...d.policies[0]!, id: '5a1e0000-0000-4000-8000-000000000999' });
      }),
    );
    expect(r.problems.map((p) => p.path)).toEqual(['sheets[2].id', 'policies[1]']);
  });

  it('lists at most 200 problems of a hopeless file', () => {
    const r = failure(mutate((d) => d.sheets.forEach((s) => (s['items'] = Array.from({ length: 30 }, () => ({ x: 1 }))))));
    expect(r.problems).toHaveLength(201);
    expect(r.problems[200]!.message).toMatch(/ほかに \d+ 件/);
  });
});

describe('writeExchangeFile', () => {
  it('write then read gives the same document, keys in the documented order', () => {
    const file = loadSample();
    const text = writeExchangeFile(file);
    const again = readExchangeFile(text);
    expect(again.ok && again.file).toEqual(file);
    expect(Object.keys(JSON.parse(text) as Json)).toEqual(['format', 'version', 'municipality', 'fiscalYear', 'sheets', 'policies', 'lockedYears']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('the sample on disk is exactly what the writer writes (no drift in the built-in file)', () => {
    expect(writeExchangeFile(loadSample())).toBe(sampleText());
  });

  it('refuses to write a document it could not read back', () => {
    const bad = { ...loadSample(), fiscalYear: 1900 } as ExchangeFile;
    expect(() => writeExchangeFile(bad)).toThrow();
  });

  it('round-trips arbitrary texts (kanji outside the BMP, quotes, newlines)', () => {
    const base = loadSample();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (name, purpose) => {
        const file: ExchangeFile = {
          ...base,
          sheets: [{ ...base.sheets[0]!, name: `𠮷${name}`, purpose }],
          policies: [],
        };
        const r = readExchangeFile(writeExchangeFile(file));
        expect(r.ok && r.file).toEqual(file);
      }),
      { numRuns: 200 },
    );
  });
});

describe('migrations', () => {
  it('a current document passes through unchanged', () => {
    const doc = sampleJson();
    expect(migrateToCurrent(doc, 3)).toBe(doc);
    expect(exchangeFileSchema.safeParse(migrateToCurrent(doc, 3)).success).toBe(true);
  });

  it('version 2 → 3: every sheet gets carriedFrom null, the file no locked years; nothing else changes', () => {
    const v3 = sampleJson() as { version: number; sheets: Json[]; lockedYears?: unknown };
    const v2 = structuredClone(v3);
    v2.version = 2;
    delete v2.lockedYears;
    for (const sheet of v2.sheets) delete sheet['carriedFrom'];
    expect(migrateToCurrent(v2 as unknown as Json, 2)).toEqual(v3);
    const read = readExchangeFile(JSON.stringify(v2));
    expect(read.ok && read.migratedFrom).toBe(2);
    expect(read.ok && read.file.sheets.every((s) => s.carriedFrom === null)).toBe(true);
    // A carriedFrom already there (a hand-edited file) is kept.
    const kept = structuredClone(v2);
    kept.sheets[0]!['carriedFrom'] = '11111111-1111-4111-8111-111111111111';
    expect((migrateToCurrent(kept as unknown as Json, 2) as unknown as ExchangeFile).sheets[0]!.carriedFrom).toBe('11111111-1111-4111-8111-111111111111');
  });

  it('version 1 → 2: the sample as it was (test/fixtures/sample-v1.yosan.json) opens as today’s sample, but for the two rows that now follow a 主な事業', () => {
    const v1Text = readFileSync(new URL('../fixtures/sample-v1.yosan.json', import.meta.url), 'utf8');
    expect((JSON.parse(v1Text) as Json)['version']).toBe(1);
    const read = readExchangeFile(v1Text);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.migratedFrom).toBe(1);
    const today = loadSample();
    expect(read.file.sheets).toEqual(today.sheets);
    const links = (file: ExchangeFile) => file.policies[0]!.goals.flatMap((g) => g.programs.map((p) => p.link?.kind ?? 'typed'));
    expect(links(read.file)).toEqual(['sheet', 'typed', 'sheet', 'sheet', 'sheet', 'typed', 'typed', 'typed', 'typed', 'sheet']);
    expect(links(today)).toEqual(['sheet', 'item', 'sheet', 'sheet', 'sheet', 'item', 'typed', 'typed', 'typed', 'sheet']);
    const withoutLinks = (file: ExchangeFile) => file.policies.map((p) => ({ ...p, goals: p.goals.map((g) => ({ ...g, programs: g.programs.map(({ link: _link, ...rest }) => rest) })) }));
    expect(withoutLinks(read.file)).toEqual(withoutLinks(today));
  });

  it('version 1 → 2 gives every 主な事業 an id, the same each time, unique within its sheet; keeps ids it finds', () => {
    const v1 = JSON.parse(readFileSync(new URL('../fixtures/sample-v1.yosan.json', import.meta.url), 'utf8')) as Json;
    const once = migrateToCurrent(structuredClone(v1), 1) as unknown as ExchangeFile;
    const twice = migrateToCurrent(structuredClone(v1), 1) as unknown as ExchangeFile;
    expect(once).toEqual(twice);
    for (const sheet of once.sheets) {
      expect(new Set(sheet.items.map((i) => i.id)).size).toBe(sheet.items.length);
      for (const item of sheet.items) expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const kept = structuredClone(v1) as { sheets: { items: { id?: string }[] }[] };
    kept.sheets[0]!.items[0]!.id = '11111111-1111-4111-8111-111111111111';
    expect((migrateToCurrent(kept as unknown as Json, 1) as unknown as ExchangeFile).sheets[0]!.items[0]!.id).toBe('11111111-1111-4111-8111-111111111111');
  });
});

describe('describePath', () => {
  it.each([
    [['sheets', 3, 'items', 1, 'amount'], 'シート4 の 主な事業2 の 主な事業の金額'],
    [['sheets', 0, 'specificFunding', 1, 'revenueKan'], 'シート1 の 特定財源2行目 の 歳入の款'],
    [['sheets', 0, 'classification', 'kan', 'no'], 'シート1 の 款'],
    [['sheets', 0, 'org', 'section'], 'シート1 の 課'],
    [['policies', 0, 'goals', 2, 'programs', 0, 'generalFund'], '局運営方針1 の 基本方針(3) の 主要事業1行目 の 一般財源'],
    [['policies', 0, 'reviews', 1, 'saving'], '局運営方針1 の 見直し事業2行目 の コスト削減額'],
    [['fiscalYear'], '年度'],
    [[], 'ファイル全体'],
  ])('%j → %s', (path, words) => {
    expect(describePath(path)).toBe(words);
  });
});
