// `npm run cli -- next-year`: the next year's draft in a new file, the source year byte for byte as it was and locked.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { canonicalJson } from '../../shared/domain/diff';
import { formatAmount } from '../../shared/domain/money';
import { numberedPrograms, programFigures, sheetsById } from '../../shared/domain/policy';
import type { ExchangeFile } from '../../shared/domain/schema';
import { readExchangeFile } from '../../shared/exchange/read';
import { SAMPLE_PATH, sampleText } from '../helpers/sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yosan-next-year-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2016-01-15T00:00:00.000Z');
// Predictable ids, distinct across runs (a file drafted twice holds both runs' ids).
let lastId = 0;
const newId = () => `00000000-0000-4000-8000-${(++lastId).toString(16).padStart(12, '0')}`;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { now: NOW, newId });
  return { code, out, err };
}

function read(path: string): ExchangeFile {
  const result = readExchangeFile(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.file;
}

/** A checksum of one year's sheets and policies as canonical JSON. */
function yearChecksum(file: ExchangeFile, year: number): string {
  const content = { sheets: file.sheets.filter((s) => s.fiscalYear === year), policies: file.policies.filter((p) => p.fiscalYear === year) };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

const temp = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('npm run cli -- next-year', () => {
  it('the sample: 平成28年度 drafted beside an unchanged, locked 平成27年度', async () => {
    const output = join(dir, 'h28.yosan.json');
    const sampleBefore = sampleText();
    const { code, out, err } = await cli('next-year', SAMPLE_PATH, '-o', output);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`${output}: 平成27年度の事務事業 10 件と局運営方針 1 件から平成28年度の案を作りました。平成27年度は確定済みにしました。`);

    const source = read(SAMPLE_PATH);
    const next = read(output);
    expect(sampleText()).toBe(sampleBefore);
    expect(yearChecksum(next, 2015)).toBe(yearChecksum(source, 2015));
    // The source records come first, in their order, exactly as they were.
    expect(next.sheets.slice(0, 10).map(canonicalJson)).toEqual(source.sheets.map(canonicalJson));
    expect(next.fiscalYear).toBe(2016);
    expect(next.lockedYears).toEqual([2015]);
    expect(next.sheets.filter((s) => s.fiscalYear === 2016)).toHaveLength(10);
    expect(next.policies.map((p) => p.fiscalYear)).toEqual([2015, 2016]);

    const johoka = next.sheets.find((s) => s.fiscalYear === 2016 && s.name === '情報化推進事業')!;
    expect(formatAmount(johoka.previousAmount)).toBe('2,732,796');
    expect(johoka.amount).toBeNull();
    expect(johoka.carriedFrom).toBe('5a1e0000-0000-4000-8000-000000000008');

    const row1 = numberedPrograms(next.policies[1]!)[0]!.program;
    expect([formatAmount(row1.previousAmount), formatAmount(row1.previousGeneralFund)]).toEqual(['16,682', '16,682']);
    const shown = programFigures(row1, sheetsById(next.sheets));
    expect(shown).toMatchObject({ source: 'sheet', amount: null, previousAmount: 16_682, previousGeneralFund: 16_682 });

    // The output checks as a valid file whose only errors are the amounts still to type.
    const checked = await cli('check', output);
    expect(checked.code).toBe(1);
    expect(checked.out.filter((l) => / エラー /.test(l)).every((l) => /予算額が入力されていません/.test(l))).toBe(true);
  });

  it('--year and --bureau choose what is carried; 和暦 is accepted; a .yosan.json ending is added', async () => {
    const first = join(dir, 'first.yosan.json');
    expect((await cli('next-year', SAMPLE_PATH, '-o', first)).code).toBe(0);
    // From the file holding 平成27・28年度: the default is the newest year, 平成28年度.
    const second = await cli('next-year', first, '-o', join(dir, 'second'), '--bureau', '政策局');
    expect(second.code).toBe(0);
    const h29 = read(join(dir, 'second.yosan.json'));
    expect(h29.fiscalYear).toBe(2017);
    expect(h29.lockedYears).toEqual([2015, 2016]);
    expect(yearChecksum(h29, 2016)).toBe(yearChecksum(read(first), 2016));
    // 平成29年度's 前年度予算額 is 平成28年度's 予算額, not yet typed.
    expect(h29.sheets.find((s) => s.fiscalYear === 2017 && s.name === '情報化推進事業')!.previousAmount).toBeNull();

    const byEra = await cli('next-year', SAMPLE_PATH, '-o', join(dir, 'era.yosan.json'), '--year', 'H27');
    expect(byEra.code).toBe(0);
    expect(read(join(dir, 'era.yosan.json')).fiscalYear).toBe(2016);
  });

  it.each<[string, () => string[], RegExp]>([
    ['no output', () => ['next-year', SAMPLE_PATH], /出力先の交換ファイルを「-o 出力\.yosan\.json」で指定してください。/],
    ['no input', () => ['next-year', '-o', join(dir, 'x.yosan.json')], /元にする交換ファイル（\.yosan\.json）を指定してください。/],
    ['an unknown option', () => ['next-year', SAMPLE_PATH, '-o', join(dir, 'x.yosan.json'), '--sheet', 'a'], /next-year に「--sheet」というオプションはありません。/],
    ['the input as output', () => ['next-year', SAMPLE_PATH, '-o', SAMPLE_PATH], /^出力先が入力の交換ファイルと同じです。/],
    ['an unreadable year', () => ['next-year', SAMPLE_PATH, '-o', join(dir, 'x.yosan.json'), '--year', '去年'], /--year「去年」: 年度が読み取れません。/],
    ['a year with nothing', () => ['next-year', SAMPLE_PATH, '-o', join(dir, 'x.yosan.json'), '--year', '2014'], /平成26年度には事務事業シートも局運営方針もないため、次年度の案を作れません。/],
    ['a 局 with nothing', () => ['next-year', SAMPLE_PATH, '-o', join(dir, 'x.yosan.json'), '--bureau', '財政局'], /平成27年度の財政局には事務事業シートも局運営方針もない/],
    ['a truncated file', () => ['next-year', temp('cut.yosan.json', sampleText().slice(0, 3000)), '-o', join(dir, 'x.yosan.json')], /読み込めません。[\s\S]*ファイルが途中で切れています/],
    ['a missing file', () => ['next-year', join(dir, 'nai.yosan.json'), '-o', join(dir, 'x.yosan.json')], /nai\.yosan\.json/],
  ])('%s: exit 2 with a message, nothing written', async (_name, args, message) => {
    const { code, err, out } = await cli(...args());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    expect(existsSync(join(dir, 'x.yosan.json'))).toBe(false);
  });

  it('refuses when the next year is begun already, and leaves the output it would have replaced alone', async () => {
    const output = join(dir, 'begun.yosan.json');
    expect((await cli('next-year', SAMPLE_PATH, '-o', output)).code).toBe(0);
    const again = join(dir, 'again.yosan.json');
    writeFileSync(again, 'earlier content');
    const { code, err } = await cli('next-year', output, '-o', again, '--year', '平成27年度');
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/平成28年度には政策局の事務事業シート 10 件と局運営方針がすでにあります。上書きしないよう、次年度の案は作りませんでした。/);
    expect(readFileSync(again, 'utf8')).toBe('earlier content');
  });

  it('an output folder that does not exist: exit 2 with the file-system message', async () => {
    const { code, err } = await cli('next-year', SAMPLE_PATH, '-o', join(dir, 'nai', 'h28.yosan.json'));
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/保存先のフォルダー「nai」が見つからないため「h28\.yosan\.json」を保存できません。/);
  });

  it('as a real process: exit 0 and the file, no stack trace on a bad year', async () => {
    const run = promisify(execFile);
    const output = join(dir, 'process.yosan.json');
    const ok = await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'next-year', SAMPLE_PATH, '-o', output], { cwd: ROOT });
    expect(ok.stdout).toMatch(/平成28年度の案を作りました/);
    expect(read(output).lockedYears).toEqual([2015]);
    const failed = await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'next-year', SAMPLE_PATH, '-o', output, '--year', '1900'], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/年度は平成元年度（1989）から/);
    expect(failed.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
