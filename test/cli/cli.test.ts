import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { SAMPLE_PATH, sampleText } from '../helpers/sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yosan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const writeTemp = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run cli -- check', () => {
  it('the sample: exit 0, 未配分 of the two sheets with blank item amounts, a summary line', async () => {
    const { code, out } = await cli('check', SAMPLE_PATH);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/さいたま市 平成27年度、事務事業 10 件、局運営方針 1 件$/);
    expect(out).toContain('[情報システム最適化事業] 情報 未配分: 主な事業2件（2、5）の金額が未記入です。未配分 12,004 (sheets[5].items)');
    expect(out).toContain('[社会保障・税番号制度整備事業] 情報 未配分: 主な事業2件（1、2）の金額が未記入です。未配分 12,449 (sheets[6].items)');
    expect(out).toContain(
      '[局運営方針] 警告 予算額: 主要事業 No.7「情報システム運用管理事業」の予算額 764,859 は、同じ名前の事務事業シートでは 873,169 です。シートに連動させるか、どちらかを直してください。 (policies[0].goals[5].programs[0].amount)',
    );
    expect(out.at(-1)).toBe('エラー 0 件、警告 3 件、情報 2 件');
  });

  it('特定財源 above 予算額: exit 1, naming the sheet and 一般財源', async () => {
    const doc = JSON.parse(sampleText()) as { sheets: { specificFunding: { amount: number }[] }[] };
    doc.sheets[2]!.specificFunding[0]!.amount = 9000; // 合併振興基金積立金, 予算額 8,000
    const { code, out } = await cli('check', writeTemp('over.yosan.json', JSON.stringify(doc)));
    expect(code).toBe(1);
    expect(out).toContain(
      '[合併振興基金積立金] エラー 一般財源: 特定財源の合計（9,000）が予算額（8,000）を超えているため、一般財源が △ 1,000 になります。特定財源か予算額を直してください。 (sheets[2].specificFunding)',
    );
    expect(out.at(-1)).toBe('エラー 1 件、警告 3 件、情報 2 件');
  });

  it('several files: the worst exit code wins, whatever their order', async () => {
    const doc = JSON.parse(sampleText()) as { sheets: { specificFunding: { amount: number }[] }[] };
    doc.sheets[2]!.specificFunding[0]!.amount = 9000;
    const withErrors = writeTemp('errors.yosan.json', JSON.stringify(doc));
    const unreadable = writeTemp('cut.yosan.json', sampleText().slice(0, 100));
    expect((await cli('check', withErrors, SAMPLE_PATH)).code).toBe(1);
    expect((await cli('check', SAMPLE_PATH, withErrors)).code).toBe(1);
    expect((await cli('check', unreadable, withErrors, SAMPLE_PATH)).code).toBe(2);
    expect((await cli('check', SAMPLE_PATH, unreadable)).code).toBe(2);
    expect((await cli('check', SAMPLE_PATH, SAMPLE_PATH)).code).toBe(0);
  });

  it('warnings alone still exit 0', async () => {
    const doc = JSON.parse(sampleText()) as { sheets: { previousAmount: number | null }[] };
    doc.sheets[0]!.previousAmount = null;
    const { code, out } = await cli('check', writeTemp('warn.yosan.json', JSON.stringify(doc)));
    expect(code).toBe(0);
    expect(out.at(-1)).toBe('エラー 0 件、警告 4 件、情報 2 件');
  });

  it.each([
    ['truncated', () => sampleText().slice(0, 5000), /ファイルが途中で切れています/],
    ['foreign JSON', () => '{"name":"yosan-desk","version":"1.0.0"}', /交換ファイルではありません/],
    ['newer version', () => sampleText().replace('"version": 3', '"version": 4'), /version 4.*version 3 まで/],
    ['wrong type', () => sampleText().replace('"amount": 37524', '"amount": "37,524"'), /シート1「企画調整事務事業」 の 予算額: 数値でなければなりません/],
  ])('%s: exit 2 with a message', async (name, make, message) => {
    const { code, err, out } = await cli('check', writeTemp(`${name}.yosan.json`, make()));
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
  });

  it('a missing file or no file: exit 2 with a message', async () => {
    const missing = await cli('check', join(dir, 'nai.yosan.json'));
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/nai\.yosan\.json/);
    expect((await cli('check')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('as a real process: exit codes and no stack trace', async () => {
    const run = promisify(execFile);
    const args = ['--import', 'tsx', 'electron/cli/main.ts', 'check'];
    const ok = await run(process.execPath, [...args, SAMPLE_PATH], { cwd: ROOT });
    expect(ok.stdout).toMatch(/未配分 12,004/);
    const broken = writeTemp('broken.yosan.json', '{"format":"yosan-desk","version":1,"sheets":[{');
    const failed = await run(process.execPath, [...args, broken], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/読み込めません/);
    expect(failed.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
