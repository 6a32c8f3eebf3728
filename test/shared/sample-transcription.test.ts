// The built-in sample (assets/sample/seisakukyoku-h27.yosan.json) is a faithful transcription of the seed print.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { exchangeFileSchema, type ExchangeFile } from '../../shared/domain/schema';

const root = new URL('../../', import.meta.url);
const seedText = readFileSync(new URL('test/fixtures/seed-seisakukyoku-h27.txt', root), 'utf8');
const sampleRaw: unknown = JSON.parse(
  readFileSync(new URL('assets/sample/seisakukyoku-h27.yosan.json', root), 'utf8'),
);

/** Removes every kind of whitespace, including full-width spaces (U+3000) and no-break spaces. */
const strip = (s: string): string => s.replace(/[\s\u3000\u00a0\ufeff]/g, '');
const seed = strip(seedText);

function loadSample(): ExchangeFile {
  const parsed = exchangeFileSchema.safeParse(sampleRaw);
  if (!parsed.success) throw new Error(`sample does not match the schema: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

interface Text {
  path: string;
  text: string;
}

/** Every free text of the sample, with where it lives. */
function allTexts(file: ExchangeFile): Text[] {
  const out: Text[] = [];
  const add = (path: string, text: string): void => {
    out.push({ path, text });
  };
  file.sheets.forEach((s, i) => {
    const p = `sheets[${i}]`;
    add(`${p}.name`, s.name);
    add(`${p}.org.section`, s.org.section);
    add(`${p}.purpose`, s.purpose);
    add(`${p}.notes`, s.notes);
    add(`${p}.reference`, s.reference);
    s.items.forEach((item, j) => {
      add(`${p}.items[${j}].name`, item.name);
      add(`${p}.items[${j}].description`, item.description);
    });
  });
  file.policies.forEach((pol, i) => {
    const p = `policies[${i}]`;
    add(`${p}.issues.intro`, pol.issues.intro);
    pol.issues.sections.forEach((sec, j) => {
      add(`${p}.issues.sections[${j}].heading`, sec.heading);
      add(`${p}.issues.sections[${j}].body`, sec.body);
    });
    add(`${p}.basicPolicy`, pol.basicPolicy);
    pol.goals.forEach((g, j) => {
      add(`${p}.goals[${j}].heading`, g.heading);
      g.programs.forEach((prog, k) => {
        add(`${p}.goals[${j}].programs[${k}].name`, prog.name);
        add(`${p}.goals[${j}].programs[${k}].section`, prog.section);
        add(`${p}.goals[${j}].programs[${k}].description`, prog.description);
      });
    });
    pol.reviews.forEach((r, j) => {
      add(`${p}.reviews[${j}].section`, r.section);
      add(`${p}.reviews[${j}].name`, r.name);
      add(`${p}.reviews[${j}].reason`, r.reason);
    });
  });
  return out.filter((t) => t.text !== '');
}

/**
 * The one place where cells were reformatted: the マイナンバーの利用範囲 table in issue section (4),
 * one row a line, cells joined with "：" (the 社会保障分野 label spans three rows in the print and is
 * repeated on each of them).
 */
const TABLE_PATH = 'policies[0].issues.sections[3].body';
const TABLE_ROW = /^[^：]+分野：/;

/** The pieces of one line that must each occur in the seed. */
function piecesOf(path: string, line: string): string[] {
  if (path === TABLE_PATH && TABLE_ROW.test(line)) return line.split('：');
  return [line];
}

/** The seed (whitespace removed) between the first occurrence of `from` and the next `to`, both excluded. */
function seedBetween(from: string, to: string): string {
  const start = seed.indexOf(strip(from));
  if (start < 0) throw new Error(`not in seed: ${from}`);
  const bodyStart = start + strip(from).length;
  const end = seed.indexOf(strip(to), bodyStart);
  if (end < 0) throw new Error(`not in seed after ${from}: ${to}`);
  return seed.slice(bodyStart, end);
}

/** What is left of `region` once every piece of every line of `text` is taken out (first occurrence each). */
function leftover(region: string, path: string, text: string): string {
  let rest = region;
  for (const line of text.split('\n')) {
    for (const piece of piecesOf(path, line)) rest = rest.replace(strip(piece), '');
  }
  return rest;
}

describe('sample exchange file: 政策局 平成27年度', () => {
  it('matches the exchange schema and holds the whole seed', () => {
    const parsed = exchangeFileSchema.safeParse(sampleRaw);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    const file = loadSample();
    expect(file.format).toBe('yosan-desk');
    expect(file.version).toBe(3);
    expect(file.municipality).toBe('さいたま市');
    expect(file.fiscalYear).toBe(2015);
    expect(file.sheets).toHaveLength(10);
    expect(file.policies).toHaveLength(1);
    const policy = file.policies[0]!;
    expect(policy.bureau).toBe('政策局');
    expect(policy.fiscalYear).toBe(2015);
    expect(policy.issues.sections).toHaveLength(8);
    expect(policy.goals).toHaveLength(8);
    expect(policy.goals.flatMap((g) => g.programs)).toHaveLength(10);
    expect(policy.reviews).toHaveLength(3);
    expect(new Set(file.sheets.map((s) => s.id)).size).toBe(10);
  });

  it('stores only text that the seed prints', () => {
    const file = loadSample();
    const texts = allTexts(file);
    expect(texts.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const { path, text } of texts) {
      text.split('\n').forEach((line, i) => {
        expect(strip(line), `${path} line ${i} is blank`).not.toBe('');
        for (const piece of piecesOf(path, line)) {
          const p = strip(piece);
          if (p === '' || !seed.includes(p)) missing.push(`${path} line ${i}: ${piece}`);
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it('keeps every word of the policy texts (nothing but list dashes is left over)', () => {
    const policy = loadSample().policies[0]!;
    const p = 'policies[0]';
    expect(leftover(seedBetween('1. 主な現状と課題', '（1）総合振興計画の推進'), `${p}.issues.intro`, policy.issues.intro)).toBe(
      '',
    );
    const headings = policy.issues.sections.map((s, i) => {
      const n = i + 1;
      const plain = `(${n})${s.heading}`;
      return seed.includes(strip(plain)) ? plain : `（${n}）${s.heading}`;
    });
    headings.push('2. 基本方針・区分別主要事業');
    policy.issues.sections.forEach((s, i) => {
      const path = `${p}.issues.sections[${i}].body`;
      const rest = leftover(seedBetween(headings[i]!, headings[i + 1]!), path, s.body);
      expect(rest, path).toMatch(/^-*$/);
    });
    expect(
      leftover(seedBetween('2. 基本方針・区分別主要事業', '(1) 総合振興計画後期基本計画'), `${p}.basicPolicy`, policy.basicPolicy),
    ).toBe('');
    // Each goal statement is printed as "(n) statement".
    policy.goals.forEach((g, i) => expect(seed, `goal ${i + 1}`).toContain(strip(`(${i + 1}) ${g.heading}`)));
  });

  it('keeps every cell of the マイナンバーの利用範囲 table', () => {
    const body = loadSample().policies[0]!.issues.sections[3]!.body;
    const rows = body.split('\n').filter((l) => TABLE_ROW.test(l)).map((l) => l.split('：'));
    expect(rows.map((r) => r.slice(0, -1).join('/'))).toEqual([
      '社会保障分野/年金分野',
      '社会保障分野/労働分野',
      '社会保障分野/福祉・医療その他分野',
      '税分野',
      '災害対策分野',
    ]);
    expect(rows.map((r) => r.at(-1))).toEqual([
      '年金の資格取得・確認、給付を受ける際に利用',
      '雇用保険等の資格取得・確認、給付を受ける際等に利用',
      '医療保険等の保険料徴収等の医療保険者における手続き、福祉分野の給付、生活保護の実施等、低所得者対策の事務等に利用',
      '国民が税務当局に提出する確定申告書、届出書、調書等の記載に利用',
      '被災者生活再建支援金の支給に関する事務等に利用',
    ]);
  });

  it('has each sheet’s printed figures', () => {
    // Copied by hand from the seed print: 予算額, 前年度予算額, 特定財源 [款, 名称, 額], Σ stated 主な事業 amounts, number of 主な事業.
    const printed: [string, number, number, [number, string, number][], number, number][] = [
      ['企画調整事務事業', 37_524, 16_432, [], 6_688 + 4_065 + 2_099 + 119 + 18_720 + 5_833, 6],
      ['広域行政推進事業', 259, 341, [], 70 + 68 + 70 + 29 + 22, 5],
      ['合併振興基金積立金', 8_000, 8_000, [[17, '財産収入', 8_000]], 8_000, 1],
      ['庁舎整備基金積立金', 506_954, 505_949, [[17, '財産収入', 6_954]], 506_954, 1],
      ['総合振興計画推進事業', 16_682, 16_081, [], 16_105 + 577, 2],
      ['情報システム最適化事業', 74_081, 108_513, [], 22_810 + 36_233 + 3_034, 5],
      ['社会保障・税番号制度整備事業', 12_449, 23_525, [], 0, 2],
      [
        '情報化推進事業',
        2_732_796,
        3_046_782,
        [
          [15, '国庫支出金', 49_836],
          [21, '諸収入', 240],
        ],
        2_313_407 + 419_389,
        2,
      ],
      ['情報システム運用管理事業', 873_169, 799_860, [], 414_030 + 459_139, 2],
      ['東京事務所管理運営事業', 10_298, 10_019, [], 1_938 + 729 + 1_263 + 6_368, 4],
    ];
    const file = loadSample();
    expect(file.sheets.map((s) => s.name)).toEqual(printed.map((p) => p[0]));
    file.sheets.forEach((s, i) => {
      const [name, amount, previousAmount, funding, itemSum, itemCount] = printed[i]!;
      expect(s.amount, name).toBe(amount);
      expect(s.previousAmount, name).toBe(previousAmount);
      expect(
        s.specificFunding.map((f) => [f.revenueKan, f.source, f.amount]),
        name,
      ).toEqual(funding);
      expect(
        s.items.reduce((sum, item) => sum + (item.amount ?? 0), 0),
        name,
      ).toBe(itemSum);
      expect(s.items, name).toHaveLength(itemCount);
    });
  });

  it('has the sheet header fields and the seed’s item order', () => {
    const file = loadSample();
    for (const s of file.sheets) {
      expect(s.fiscalYear, s.name).toBe(2015);
      expect(s.account, s.name).toBe('一般会計');
      expect(s.budgetBookPage, s.name).toBe(89);
      expect(s.classification, s.name).toEqual({
        kan: { no: 2, name: '総務費' },
        kou: { no: 2, name: '企画費' },
        moku: { no: 1, name: '企画総務費' },
      });
      expect(s.org.bureau, s.name).toBe('政策局');
    }
    const byName = new Map(file.sheets.map((s) => [s.name, s]));
    expect(byName.get('東京事務所管理運営事業')!.org).toEqual({ bureau: '政策局', department: '', section: '東京事務所' });
    expect(byName.get('社会保障・税番号制度整備事業')!.org.section).toBe('ICT政策課番号制度整備室');
    expect(byName.get('情報システム運用管理事業')!.org.section).toBe('情報システム課情報システム運用管理室');
    // The two-column print interleaves items; they are stored in number order.
    expect(byName.get('東京事務所管理運営事業')!.items.map((it) => it.amount)).toEqual([1_938, 729, 1_263, 6_368]);
    expect(byName.get('企画調整事務事業')!.items.map((it) => it.amount)).toEqual([6_688, 4_065, 2_099, 119, 18_720, 5_833]);
    expect(byName.get('情報システム最適化事業')!.items.map((it) => it.amount)).toEqual([22_810, null, 36_233, 3_034, null]);
    expect(byName.get('社会保障・税番号制度整備事業')!.items.map((it) => it.amount)).toEqual([null, null]);
  });

  it('has the policy rows’ printed figures and their links (a sheet, one 主な事業 of a sheet, or typed)', () => {
    const file = loadSample();
    const policy = file.policies[0]!;
    const nameOf = new Map(file.sheets.map((s) => [s.id, s.name]));
    // Copied by hand: 区分, 事業名, 〔課〕, 27年度 (一般財源), 26年度 (一般財源), what the row follows.
    const printed: [string[], string, string, number, number, number, number, string | null][] = [
      [[], '総合振興計画推進事業', '企画調整課', 16_682, 16_682, 16_081, 16_081, '総合振興計画推進事業'],
      [[], '本庁舎整備審議会の開催', '企画調整課', 6_688, 6_688, 6_692, 6_692, '企画調整事務事業 の 主な事業1'],
      [[], '庁舎整備基金積立金', '企画調整課', 506_954, 500_000, 505_949, 500_000, '庁舎整備基金積立金'],
      [['総', '行', '業'], '情報システム最適化事業', 'ICT政策課', 74_081, 74_081, 108_513, 108_513, '情報システム最適化事業'],
      [[], '社会保障・税番号制度整備事業', '番号制度整備室', 12_449, 12_449, 23_525, 23_525, '社会保障・税番号制度整備事業'],
      [[], '情報システム更改事業', '情報システム課', 419_389, 369_553, 577_872, 452_832, '情報化推進事業 の 主な事業2'],
      [[], '情報システム運用管理事業', '情報システム運用管理室', 764_859, 764_859, 773_626, 773_626, null],
      [['総', '成'], '浦和美園・岩槻地域間成長発展事業', '東部地域・鉄道戦略室', 58_032, 58_032, 60_468, 60_468, null],
      [['総', '成'], '地下鉄7号線延伸促進事業', '東部地域・鉄道戦略室', 18_609, 12_550, 27_108, 21_050, null],
      [[], '東京事務所管理運営事業', '東京事務所', 10_298, 10_298, 10_019, 10_019, '東京事務所管理運営事業'],
    ];
    expect(policy.goals.map((g) => g.programs.length)).toEqual([1, 2, 1, 1, 1, 1, 2, 1]);
    const rows = policy.goals.flatMap((g) => g.programs);
    rows.forEach((r, i) => {
      const [marks, name, section, amount, generalFund, previousAmount, previousGeneralFund, sheet] = printed[i]!;
      const label = `No ${i + 1}`;
      expect(r.marks, label).toEqual(marks);
      expect(r.name, label).toBe(name);
      expect(r.section, label).toBe(section);
      expect([r.amount, r.generalFund, r.previousAmount, r.previousGeneralFund], label).toEqual([
        amount,
        generalFund,
        previousAmount,
        previousGeneralFund,
      ]);
      const link = r.link;
      const follows =
        link === null
          ? null
          : link.kind === 'sheet'
            ? nameOf.get(link.sheetId)
            : `${nameOf.get(link.sheetId)} の 主な事業${(file.sheets.find((s) => s.id === link.sheetId)?.items.findIndex((it) => it.id === link.itemId) ?? -2) + 1}`;
      expect(follows, label).toBe(sheet);
    });
    expect(policy.reviews.map((r) => [r.section, r.name, r.saving])).toEqual([
      ['情報システム運用管理室', 'WAN・自動交付機停電対応業務委託の廃止', 3_591],
      ['東部地域・鉄道戦略室', '埼玉高速鉄道(株)貸付金事業の廃止', 70_000],
      ['東部地域・鉄道戦略室', '埼玉高速鉄道(株)出資金事業の廃止', 70_200],
    ]);
  });
});
