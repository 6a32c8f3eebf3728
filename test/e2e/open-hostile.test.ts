// 開く in the browser with issue 13's hostile exchange files (generated here): each is refused with its Japanese
// message on screen, the page stays usable, nothing is logged as an error. Before, 125,000 zeros showed nothing at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sampleText } from '../helpers/sample';
import { launchBrowser, openApp } from './browser';

let browser: Browser;
const url = inject('appUrl');
const dir = mkdtempSync(join(tmpdir(), 'yosan-hostile-'));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('開く with hostile files in the browser', () => {
  it('125,000 zeros, a 16 MiB nesting, a key twice and bytes cut inside a character: each refused with its message', { timeout: 120_000 }, async () => {
    const doc = JSON.parse(sampleText()) as { sheets: Record<string, unknown>[] };
    doc.sheets[0]!['items'] = Array.from({ length: 125_000 }, () => 0);
    const bytes = new TextEncoder().encode(sampleText());
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['zeros.yosan.json', JSON.stringify(doc), /シート1 の 主な事業（1 行目）: 一覧の数が多すぎます（100 件まで）/],
      ['nested.yosan.json', '['.repeat(16 * 1024 * 1024), /入れ子（\{ \} や \[ \]）が深すぎます（32 段まで）/],
      ['twice.yosan.json', sampleText().replace('"municipality"', '"municipality": "重複市",\n  "municipality"'), /項目「municipality」が同じまとまりに2回書かれています（4 行目と 5 行目）/],
      ['cut.yosan.json', bytes.subarray(0, bytes.indexOf(0xe3) + 2), /ファイル「cut\.yosan\.json」が途中で切れています（最後の文字が欠けています）/],
    ];
    const { context, page, errors } = await openApp(browser, url);
    for (const [name, content, message] of cases) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '開く', exact: true }).click();
      await (await chooser).setFiles(write(name, content));
      const notice = page.getByRole('alert').filter({ hasText: `「${name}」を開けません` });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(message);
    }
    // Still usable: the list answers and nothing was replaced.
    expect(await page.getByRole('listbox', { name: '事務事業シート' }).getByRole('option').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
