// The 局運営方針 print route in Debian's Chromium: page.pdf (A4) of the sample's 政策局 2015 policy, checked with
// pdfinfo and pdftotext (the seed's headings in order, every table row whole on one page, the 見直し total), and the
// message when there is no policy. Each test makes at most one PDF and has its own measured time limit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatAmount } from '../../shared/domain/money';
import type { KeyProgram } from '../../shared/domain/schema';
import { writeExchangeFile } from '../../shared/exchange/write';
import { printPolicyHash } from '../../shared/routes';
import { loadSample } from '../helpers/sample';
import { openExchangeFileInApp } from './browser';
import { pdfPageCount, pdfText, squeeze, usePrintHarness } from './print-harness';

/*
 * Time limits, from measurements on the 2-core development machine (Debian's Chromium, poppler), as the range over
 * runs of `npx vitest run --config test/vitest.config.ts test/e2e/print-policy.test.ts test/e2e/print.test.ts`:
 *   launching Chromium (beforeAll)                   0.2–0.6 s
 *   the policy PDF (loads the app, lays out, PDF)    1.1–2.3 s (pdftotext per page and pdftoppm included)
 *   the empty message (loads the app)                0.4–0.7 s
 *   the 40-row policy (開く a file, lays out, PDF)   1.8–2.1 s
 * Each limit is 14× or more the slowest figure measured; one playwright wait gives up after WAIT_MS first, so a
 * stuck page reports what it was waiting for rather than a bare time-out.
 */
const LAUNCH_TIMEOUT_MS = 30_000;
const POLICY_PDF_TIMEOUT_MS = 60_000;
const EMPTY_TIMEOUT_MS = 30_000;
const LONG_POLICY_TIMEOUT_MS = 60_000;
const WAIT_MS = 20_000;
/** Where the pages are saved as pictures, to look at them as a user would. */
const SHOTS_DIR = '/tmp/shots';

const url = inject('appUrl');
const { tempDir, newPage } = usePrintHarness('yosan-print-policy-', { launchMs: LAUNCH_TIMEOUT_MS, waitMs: WAIT_MS });


/**
 * The sample's key-program rows as the seed prints them (No, 事業名, 〔課〕, 27年度, （一般財源）, 26年度), written out by
 * hand, not computed by the code under test; rows 1, 3, 4, 5 and 10 follow their sheets, 2 and 6 one 主な事業.
 */
const PRINTED_ROWS: readonly [number, string, string, string, string, string][] = [
  [1, '総合振興計画推進事業', '企画調整課', '16,682', '(16,682)', '16,081'],
  [2, '本庁舎整備審議会の開催', '企画調整課', '6,688', '(6,688)', '6,692'],
  [3, '庁舎整備基金積立金', '企画調整課', '506,954', '(500,000)', '505,949'],
  [4, '情報システム最適化事業', 'ICT政策課', '74,081', '(74,081)', '108,513'],
  [5, '社会保障・税番号制度整備事業', '番号制度整備室', '12,449', '(12,449)', '23,525'],
  [6, '情報システム更改事業', '情報システム課', '419,389', '(369,553)', '577,872'],
  [7, '情報システム運用管理事業', '情報システム運用管理室', '764,859', '(764,859)', '773,626'],
  [8, '浦和美園・岩槻地域間成長発展事業', '東部地域・鉄道戦略室', '58,032', '(58,032)', '60,468'],
  [9, '地下鉄7号線延伸促進事業', '東部地域・鉄道戦略室', '18,609', '(12,550)', '27,108'],
  [10, '東京事務所管理運営事業', '東京事務所', '10,298', '(10,298)', '10,019'],
];

/** The rows with the end of each 説明 (from the sample's text): on the row's page only if the row was not cut. */
function expectedRows() {
  const policy = loadSample().policies.find((p) => p.bureau === '政策局' && p.fiscalYear === 2015);
  if (!policy) throw new Error('the sample has no 政策局 2015 policy');
  const descriptions = policy.goals.flatMap((g) => g.programs.map((p) => p.description));
  return PRINTED_ROWS.map(([no, name, section, amount, fund, previous], i) => ({
    no,
    name,
    section: `〔${section}〕`,
    descriptionEnd: squeeze(descriptions[i] ?? '').slice(-8),
    amount,
    fund,
    previous,
  }));
}

describe('printing the 局運営方針 (PDF through Chromium, A4)', () => {
  it(
    'prints 政策局 平成27年度 on A4 pages like the seed, every row whole on one page',
    async () => {
      const rows = expectedRows();
      expect(rows).toHaveLength(10);
      const page = await newPage();
      await page.goto(`${url}${printPolicyHash('政策局', 2015)}`);
      await page.waitForSelector('html[data-print-ready="true"] .print-page[data-fitted="true"]');
      const domPages = await page.locator('.print-page').count();
      const pdf = join(tempDir(), 'policy.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });

      // What main reports (it counts .print-page) is what the PDF holds.
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThan(1);
      expect(pages).toBe(domPages);

      const all = squeeze(pdfText(pdf));
      expect(all).toContain('政策局平成27年度局運営方針（案）');
      const headings = ['1.主な現状と課題', '2.基本方針・区分別主要事業', '3.見直し事業一覧'].map((h) => all.indexOf(h));
      expect(headings.every((i) => i >= 0), `headings at ${headings.join(', ')}`).toBe(true);
      expect([...headings].sort((a, b) => a - b)).toEqual(headings);
      expect(all).toContain('*（）内は一般財源');
      expect(all).toContain('(単位:千円)');
      expect(all).toContain(squeeze('△ 3,591'));
      expect(all).toContain(squeeze('△ 70,200'));
      expect(all).toContain(squeeze('△ 143,791'));

      // Each row on exactly one page: its 事業名 with its 〔課〕 (the same name also appears in 1.'s paragraphs), with
      // its 27年度 figure and 一般財源, 26年度 figure and the end of its 説明 on that same page.
      const perPage = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1));
      for (const row of rows) {
        const on = perPage
          .map((t, i) => (squeeze(t).includes(squeeze(row.name)) && squeeze(t).includes(row.section) ? i + 1 : 0))
          .filter((n) => n > 0);
        expect(on, `No.${row.no} ${row.name}`).toHaveLength(1);
        const text = perPage[on[0]! - 1]!;
        expect(text, `No.${row.no} ${row.name} 27年度`).toContain(row.amount);
        expect(text, `No.${row.no} ${row.name} 27年度 一般財源`).toContain(row.fund);
        expect(text, `No.${row.no} ${row.name} 26年度`).toContain(row.previous);
        expect(squeeze(text), `No.${row.no} ${row.name} 説明`).toContain(row.descriptionEnd);
      }
      // The 見直し total sits on the last page with the table's end.
      expect(squeeze(perPage[pages - 1]!)).toContain(squeeze('△ 143,791'));

      // The pages as pictures, to look at as a user would.
      mkdirSync(SHOTS_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(SHOTS_DIR, 'policy-print')]);
    },
    POLICY_PDF_TIMEOUT_MS,
  );

  it(
    'says so in Japanese when the 局 has no policy for the year, and never reports ready',
    async () => {
      const page = await newPage();
      await page.goto(`${url}${printPolicyHash('政策局', 2016)}`);
      const empty = page.locator('.print-empty');
      await empty.waitFor();
      expect(await empty.textContent()).toContain('政策局の平成28年度の局運営方針はありません');
      expect(await page.locator('html').getAttribute('data-print-ready')).toBeNull();
      expect(await page.locator('.print-page').count()).toBe(0);
    },
    EMPTY_TIMEOUT_MS,
  );
  it(
    'a table of 40 rows continues over pages with its header row repeated, never cutting a row',
    async () => {
      const sample = loadSample();
      const base = sample.policies.find((p) => p.bureau === '政策局' && p.fiscalYear === 2015);
      if (!base) throw new Error('the sample has no 政策局 2015 policy');
      const programs: KeyProgram[] = Array.from({ length: 40 }, (_, i) => ({
        marks: i % 3 === 0 ? ['総', '行'] : [],
        name: `長期試験事業${String(i + 1).padStart(2, '0')}`,
        section: '企画調整課',
        amount: 100_000 + i,
        generalFund: 90_000 + i,
        previousAmount: 80_000 + i,
        previousGeneralFund: 70_000 + i,
        description: `${'市民サービスの向上のため、情報システムの再構築を行います。'.repeat(1 + (i % 3))}終わり${i + 1}。`,
        link: null,
      }));
      const policy = { ...base, goals: [...base.goals, { heading: '長い表の試験を行います。', programs }] };
      const file = join(tempDir(), 'long-policy.yosan.json');
      writeFileSync(file, writeExchangeFile({ ...sample, policies: [policy] }));
      const page = await newPage();
      await page.goto(url);
      await openExchangeFileInApp(page, file);
      await page.goto(`${url}${printPolicyHash('政策局', 2015)}`);
      await page.waitForSelector('html[data-print-ready="true"] .print-page[data-fitted="true"]');
      const domPages = await page.locator('.print-page').count();
      const pdf = join(tempDir(), 'long-policy.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const pages = pdfPageCount(pdf);
      expect(pages).toBe(domPages);
      expect(pages).toBeGreaterThan(5);

      const perPage = Array.from({ length: pages }, (_, i) => squeeze(pdfText(pdf, i + 1)));
      const rowPages = new Set<number>();
      programs.forEach((program, i) => {
        const on = perPage.map((t, n) => (t.includes(program.name) ? n : -1)).filter((n) => n >= 0);
        expect(on, program.name).toHaveLength(1);
        const text = perPage[on[0]!]!;
        expect(text, program.name).toContain(formatAmount(program.amount));
        expect(text, program.name).toContain(`(${formatAmount(program.generalFund)})`);
        expect(text, `${program.name} 説明`).toContain(`終わり${i + 1}。`);
        rowPages.add(on[0]!);
      });
      // The table spans several pages, and each of them starts its part with the header row.
      expect(rowPages.size).toBeGreaterThan(1);
      for (const n of rowPages) {
        // (The footer's 平成27年度 does not count: the header reads No 区分 事業名 in its own cells.)
        expect(perPage[n], `page ${n + 1}`).toContain('No区分事業名');
        expect(perPage[n], `page ${n + 1}`).toContain('26年度');
      }
      // The 見直し事業一覧 still ends the document with its total.
      expect(perPage[pages - 1]).toContain(squeeze('△ 143,791'));
    },
    LONG_POLICY_TIMEOUT_MS,
  );
});
