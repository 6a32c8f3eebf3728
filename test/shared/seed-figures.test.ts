// Every figure the seed (政策局 平成27年度 局運営方針（案）) prints, recomputed from the sample's typed data.
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../shared/domain/check';
import { formatAmount } from '../../shared/domain/money';
import { formatSaving, numberedPrograms, programFigures, reviewsTotal, sheetsById } from '../../shared/domain/policy';
import { formatSheetYearOverYear, generalFund, itemsTotal, sheetChange, unallocated } from '../../shared/domain/sheet';
import { loadSample, sampleSheet } from '../helpers/sample';

// As printed: 事務事業名, 予算額, 前年度予算額, 増減, 一般財源, 主な事業の計 (stated amounts), 未配分.
const printedSheets: [string, string, string, string, string, string, string][] = [
  ['企画調整事務事業', '37,524', '16,432', '21,092', '37,524', '37,524', ''],
  ['広域行政推進事業', '259', '341', '△ 82', '259', '259', ''],
  ['合併振興基金積立金', '8,000', '8,000', '0', '0', '8,000', ''],
  ['庁舎整備基金積立金', '506,954', '505,949', '1,005', '500,000', '506,954', ''],
  ['総合振興計画推進事業', '16,682', '16,081', '601', '16,682', '16,682', ''],
  ['情報システム最適化事業', '74,081', '108,513', '△ 34,432', '74,081', '62,077', '12,004'],
  ['社会保障・税番号制度整備事業', '12,449', '23,525', '△ 11,076', '12,449', '0', '12,449'],
  ['情報化推進事業', '2,732,796', '3,046,782', '△ 313,986', '2,682,720', '2,732,796', ''],
  ['情報システム運用管理事業', '873,169', '799,860', '73,309', '873,169', '873,169', ''],
  ['東京事務所管理運営事業', '10,298', '10,019', '279', '10,298', '10,298', ''],
];

describe('each sheet of the seed', () => {
  it.each(printedSheets)('%s', (name, amount, previous, change, fund, items, rest) => {
    const sheet = sampleSheet(name);
    expect(formatAmount(sheet.amount)).toBe(amount);
    expect(formatAmount(sheet.previousAmount)).toBe(previous);
    expect(formatAmount(sheetChange(sheet))).toBe(change);
    expect(formatAmount(generalFund(sheet))).toBe(fund);
    expect(formatAmount(itemsTotal(sheet))).toBe(items);
    expect(formatAmount(unallocated(sheet))).toBe(rest);
  });

  it('前年度比 of 企画調整事務事業 is 228.4%', () => {
    expect(formatSheetYearOverYear(sampleSheet('企画調整事務事業'))).toBe('228.4%');
  });

  it('sheets whose items are all stated add up to their 予算額 exactly', () => {
    for (const sheet of loadSample().sheets) {
      if (sheet.items.every((i) => i.amount !== null)) expect(itemsTotal(sheet)).toBe(sheet.amount);
    }
  });
});

describe('checks on the sample', () => {
  it('no errors or warnings on the sheets; 未配分 is reported for the two sheets with blank item amounts', () => {
    const problems = checkDocument(loadSample()).filter((p) => p.path.startsWith('sheets'));
    expect(problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      '主な事業2件（2、5）の金額が未記入です。未配分 12,004',
      '主な事業2件（1、2）の金額が未記入です。未配分 12,449',
    ]);
  });

  it('the policy: only row 7 is flagged, typed as printed (764,859) while its sheet says 873,169, with both figures', () => {
    const problems = checkDocument(loadSample()).filter((p) => p.path.startsWith('policies'));
    expect(problems.map((p) => [p.severity, p.path, p.message])).toEqual([
      ['warning', 'policies[0].goals[5].programs[0].amount', '主要事業 No.7「情報システム運用管理事業」の予算額 764,859 は、同じ名前の事務事業シートでは 873,169 です。シートに連動させるか、どちらかを直してください。'],
      ['warning', 'policies[0].goals[5].programs[0].generalFund', '主要事業 No.7「情報システム運用管理事業」の一般財源 764,859 は、同じ名前の事務事業シートでは 873,169 です。シートに連動させるか、どちらかを直してください。'],
      ['warning', 'policies[0].goals[5].programs[0].previousAmount', '主要事業 No.7「情報システム運用管理事業」の前年度予算額 773,626 は、同じ名前の事務事業シートでは 799,860 です。シートに連動させるか、どちらかを直してください。'],
    ]);
  });

  it('a typed row that agrees with its namesake sheet, or one with no namesake, is not flagged; spaces in the name do not matter', () => {
    const file = loadSample();
    const policy = file.policies[0]!;
    const row7 = policy.goals[5]!.programs[0]!;
    const agreeing = { ...row7, name: '情報システム運用管理 事業', amount: 873_169, generalFund: 873_169, previousAmount: 799_860 };
    const fixed = { ...file, policies: [{ ...policy, goals: policy.goals.map((g, i) => (i === 5 ? { ...g, programs: [agreeing] } : g)) }] };
    expect(checkDocument(fixed).filter((p) => p.path.startsWith('policies'))).toEqual([]);
    const disagreeing = { ...agreeing, amount: 900_000 };
    const spaced = { ...file, policies: [{ ...policy, goals: policy.goals.map((g, i) => (i === 5 ? { ...g, programs: [disagreeing] } : g)) }] };
    expect(checkDocument(spaced).filter((p) => p.path.startsWith('policies')).map((p) => p.path)).toEqual(['policies[0].goals[5].programs[0].amount']);
  });
});

describe('the 局運営方針 of the seed', () => {
  // As printed: No, 事業名, 27年度 (一般財源), 26年度 (一般財源).
  const printedPrograms: [number, string, string, string, string, string][] = [
    [1, '総合振興計画推進事業', '16,682', '16,682', '16,081', '16,081'],
    [2, '本庁舎整備審議会の開催', '6,688', '6,688', '6,692', '6,692'],
    [3, '庁舎整備基金積立金', '506,954', '500,000', '505,949', '500,000'],
    [4, '情報システム最適化事業', '74,081', '74,081', '108,513', '108,513'],
    [5, '社会保障・税番号制度整備事業', '12,449', '12,449', '23,525', '23,525'],
    [6, '情報システム更改事業', '419,389', '369,553', '577,872', '452,832'],
    [7, '情報システム運用管理事業', '764,859', '764,859', '773,626', '773,626'],
    [8, '浦和美園・岩槻地域間成長発展事業', '58,032', '58,032', '60,468', '60,468'],
    [9, '地下鉄7号線延伸促進事業', '18,609', '12,550', '27,108', '21,050'],
    [10, '東京事務所管理運営事業', '10,298', '10,298', '10,019', '10,019'],
  ];

  it('key-program tables: numbering across tables and every figure, linked rows computed from their sheets', () => {
    const file = loadSample();
    const policy = file.policies[0]!;
    const byId = sheetsById(file.sheets);
    const rows = numberedPrograms(policy).map(({ no, program }) => {
      const f = programFigures(program, byId);
      return [
        no,
        program.name,
        formatAmount(f.amount),
        formatAmount(f.generalFund),
        formatAmount(f.previousAmount),
        formatAmount(f.previousGeneralFund),
      ];
    });
    expect(rows).toEqual(printedPrograms);
    const linked = numberedPrograms(policy).filter((r) => programFigures(r.program, byId).source === 'sheet');
    expect(linked.map((r) => r.no)).toEqual([1, 3, 4, 5, 10]);
  });

  it('a linked row follows its sheet when the sheet changes', () => {
    const file = loadSample();
    const policy = file.policies[0]!;
    const sheets = file.sheets.map((s) => (s.name === '庁舎整備基金積立金' ? { ...s, amount: 600_000 } : s));
    const row3 = numberedPrograms(policy)[2]!;
    const f = programFigures(row3.program, sheetsById(sheets));
    expect([f.amount, f.generalFund]).toEqual([600_000, 593_046]);
  });

  it('見直し事業一覧: コスト削減額 and their total △ 143,791', () => {
    const policy = loadSample().policies[0]!;
    expect(policy.reviews.map((r) => formatSaving(r.saving))).toEqual(['△ 3,591', '△ 70,000', '△ 70,200']);
    expect(formatSaving(reviewsTotal(policy))).toBe('△ 143,791');
  });
});
