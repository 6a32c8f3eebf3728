// The command line (`npm run cli -- check|export|import …`): parses arguments, runs a command, returns the exit code.
import { countBySeverity, checkDocument } from '../../shared/domain/check';
import { severityLabel, type Problem } from '../../shared/domain/problem';
import type { ExchangeFile } from '../../shared/domain/schema';
import { fiscalYearLabel } from '../../shared/domain/wareki';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/ipc/contract';
import { openExchangeFileAt } from '../main/services/files';

/** Exit codes shared by every command: 0 fine (warnings allowed), 1 errors in the data, 2 input unreadable. */
export const EXIT_OK = 0;
export const EXIT_DATA_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const USAGE = [
  '使い方:',
  '  npm run cli -- check ファイル.yosan.json [ファイル2 …]   交換ファイルを検査します',
  '',
  '終了コード: 0 問題なし（警告のみを含む）、1 データにエラーあり、2 ファイルを読み込めない',
].join('\n');

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? EXIT_UNREADABLE : EXIT_OK;
    default:
      io.err(`「${command}」というコマンドはありません。`);
      io.err(USAGE);
      return EXIT_UNREADABLE;
  }
}

async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) {
    io.err(`check に「${unknown.join(' ')}」というオプションはありません。`);
    return EXIT_UNREADABLE;
  }
  if (files.length === 0) {
    io.err('検査する交換ファイル（.yosan.json）を指定してください。');
    io.err(USAGE);
    return EXIT_UNREADABLE;
  }
  let exit = EXIT_OK;
  for (const path of files) exit = Math.max(exit, await checkOne(path, io));
  return exit;
}

async function checkOne(path: string, io: CliIo): Promise<number> {
  const loaded = await loadExchangeFile(path);
  if (!loaded.ok) {
    io.err(`${path}: 読み込めません。`);
    for (const p of loaded.problems) io.err(`  ${p.path ? `${p.path}: ` : ''}${p.message}`);
    return EXIT_UNREADABLE;
  }
  const { file } = loaded;
  io.out(
    `${path}: ${file.municipality} ${fiscalYearLabel(file.fiscalYear)}、事務事業 ${file.sheets.length} 件、局運営方針 ${file.policies.length} 件`,
  );
  const problems = checkDocument(file);
  for (const line of formatProblems(problems, file)) io.out(line);
  const counts = countBySeverity(problems);
  io.out(`エラー ${counts.error} 件、警告 ${counts.warning} 件、情報 ${counts.info} 件`);
  return counts.error > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}

export type LoadResult = { ok: true; file: ExchangeFile } | { ok: false; problems: Problem[] };

/** Reads and validates an exchange file from disk, with the same size limit and messages as the app. */
export async function loadExchangeFile(path: string): Promise<LoadResult> {
  const opened = await openExchangeFileAt(path, MAX_EXCHANGE_FILE_BYTES);
  switch (opened.status) {
    case 'opened':
      return { ok: true, file: opened.file };
    case 'problems':
      return { ok: false, problems: opened.problems };
    default:
      return { ok: false, problems: [{ severity: 'error', path: '', message: `${path} を読み込めませんでした。` }] };
  }
}

/** One line a problem: `[事務事業名] 種別 項目: message (path)`, grouped by sheet in file order. */
export function formatProblems(problems: readonly Problem[], file: ExchangeFile): string[] {
  const names = new Map(file.sheets.map((s, i) => [s.id, s.name || `シート${i + 1}（名称未入力）`]));
  return problems.map((p) => {
    const owner = p.sheetId !== undefined ? names.get(p.sheetId) : p.path.startsWith('policies') ? '局運営方針' : undefined;
    const where = owner ? `[${owner}] ` : '';
    const field = p.field ? `${p.field}: ` : '';
    return `${where}${severityLabel[p.severity]} ${field}${p.message} (${p.path})`;
  });
}

