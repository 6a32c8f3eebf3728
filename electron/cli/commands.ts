// The command line (`npm run cli -- check|export|import|next-year …`): parses arguments, runs a command, returns the exit code.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { countBySeverity, checkDocument } from '../../shared/domain/check';
import { draftNextYear, newestYear } from '../../shared/domain/next-year';
import { severityLabel, type Problem } from '../../shared/domain/problem';
import type { ExchangeFile } from '../../shared/domain/schema';
import { fiscalYearLabel, parseFiscalYear } from '../../shared/domain/wareki';
import { writeExchangeFile } from '../../shared/exchange/write';
import { MAX_EXCHANGE_FILE_BYTES, newExchangeFile } from '../../shared/exchange/format';
import { exportWorkbookToFile, withWorkbookExtension } from '../services/excel/export';
import { runImport, type ImportLimits, type SpawnImportWorker } from '../services/excel/import-runner';
import { spawnSourceWorker } from '../services/excel/worker-source';
import { nonRegularFileProblem, openExchangeFileAt, withExchangeExtension, writeFileAtomic } from '../services/files';

/** Exit codes shared by every command: 0 fine (warnings allowed), 1 errors in the data, 2 input unreadable. */
export const EXIT_OK = 0;
export const EXIT_DATA_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Shown while a long export runs (the terminal gets `35 / 120 シート`); optional. */
  progress?: (done: number, total: number) => void;
}

/** What the Excel commands may be given instead of the defaults (tests: small limits, a worker). */
export interface CliOptions {
  spawnImportWorker?: SpawnImportWorker;
  importLimits?: Partial<ImportLimits>;
  now?: Date;
  /** Ids of the sheets and policies next-year drafts (tests: predictable ones). */
  newId?: () => string;
}

export const USAGE = [
  '使い方:',
  '  npm run cli -- check ファイル.yosan.json [ファイル2 …]   交換ファイルを検査します',
  '  npm run cli -- export ファイル.yosan.json -o 出力.xlsx [--bureau 局名] [--sheet ID …]',
  '                                                          事務事業シートを Excel に出力します',
  '  npm run cli -- import 入力.xlsx -o 出力.yosan.json      予算デスクで出力した Excel を交換ファイルに戻します',
  '  npm run cli -- next-year 入力.yosan.json -o 出力.yosan.json [--year 2015] [--bureau 局名]',
  '                                                          次年度の案を作ります（元の年度は確定済みに）',
  '',
  '終了コード: 0 問題なし（警告のみを含む）、1 データにエラーあり（出力はします。import でセルが読めないときは出力しません）、',
  '            2 ファイルを読み込めない・書き込めない、指定の誤り',
].join('\n');

export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'export':
      return runExport(rest, io, options);
    case 'import':
      return runImportCommand(rest, io, options);
    case 'next-year':
      return runNextYear(rest, io, options);
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
  let opened: Awaited<ReturnType<typeof openExchangeFileAt>>;
  try {
    opened = await openExchangeFileAt(path, MAX_EXCHANGE_FILE_BYTES);
  } catch {
    // Defence in depth: the reader answers every text with a value; a throw here still ends in exit 2 and a message.
    const message = `${path} を読み込む途中で予期しないエラーが起きたため、読み込みませんでした。予算デスクで保存し直したファイルを選んでください。`;
    return { ok: false, problems: [{ severity: 'error', path: '', message }] };
  }
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


// ── export / import ──────────────────────────────────────────────────────────

interface ParsedArgs {
  files: string[];
  output?: string;
  bureau?: string;
  /** next-year's `--year`, as typed (平成27年度, H27, 2015). */
  year?: string;
  sheetIds: string[];
  errors: string[];
}

/**
 * `FILE -o OUT [--bureau 局] [--sheet ID …]` (export), `FILE -o OUT` (import), `FILE -o OUT [--year 年度] [--bureau 局]`
 * (next-year); `--sheet` takes every following word that is not an option.
 */
export function parseExcelArgs(command: 'export' | 'import' | 'next-year', args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { files: [], sheetIds: [], errors: [] };
  const allowed = {
    export: ['-o', '--output', '--bureau', '--sheet'],
    import: ['-o', '--output'],
    'next-year': ['-o', '--output', '--year', '--bureau'],
  }[command];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!flag.startsWith('-') || flag === '-') {
      parsed.files.push(arg);
      continue;
    }
    if (!allowed.includes(flag)) {
      parsed.errors.push(`${command} に「${flag}」というオプションはありません。`);
      continue;
    }
    const value = () => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('-')) {
        parsed.errors.push(`「${flag}」のあとに値を指定してください。`);
        return undefined;
      }
      i += 1;
      return next;
    };
    if (flag === '-o' || flag === '--output') {
      const v = value();
      if (v !== undefined) parsed.output = v;
    } else if (flag === '--bureau') {
      const v = value();
      if (v !== undefined) parsed.bureau = v;
    } else if (flag === '--year') {
      const v = value();
      if (v !== undefined) parsed.year = v;
    } else if (flag === '--sheet') {
      if (inline !== undefined) parsed.sheetIds.push(...inline.split(',').filter((id) => id !== ''));
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) parsed.sheetIds.push(args[++i]!);
      if (inline === undefined && parsed.sheetIds.length === 0) parsed.errors.push('「--sheet」のあとに事務事業シートの ID を指定してください。');
    }
  }
  return parsed;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** What a command that reads one file and writes `-o` another calls its input and output in its messages. */
interface OneToOneWords {
  missingInput: string;
  inputKind: string;
  missingOutput: string;
  sameAsInput: string;
}

/**
 * The one input and the `-o` output of `export`, `import` and `next-year`, or null after saying what is wrong (usage
 * included) when the arguments are not that, or when the output would overwrite the input.
 */
function oneInputOneOutput(parsed: ParsedArgs, io: CliIo, words: OneToOneWords, outputName: (output: string) => string = (o) => o): { input: string; output: string } | null {
  const input = parsed.files[0];
  if (parsed.errors.length > 0 || input === undefined || parsed.files.length > 1 || parsed.output === undefined) {
    for (const e of parsed.errors) io.err(e);
    if (input === undefined) io.err(words.missingInput);
    if (parsed.files.length > 1) io.err(`${words.inputKind}は1つだけ指定してください（${parsed.files.join('、')}）。`);
    if (parsed.output === undefined) io.err(words.missingOutput);
    io.err(USAGE);
    return null;
  }
  const output = outputName(parsed.output);
  if (samePath(input, output)) {
    io.err(words.sameAsInput);
    return null;
  }
  return { input, output };
}

async function runExport(args: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const parsed = parseExcelArgs('export', args);
  const paths = oneInputOneOutput(
    parsed,
    io,
    {
      missingInput: '出力する交換ファイル（.yosan.json）を指定してください。',
      inputKind: '交換ファイル',
      missingOutput: '出力先の Excel ファイルを「-o 出力.xlsx」で指定してください。',
      sameAsInput: '出力先が入力の交換ファイルと同じです。別のファイル名を指定してください。',
    },
    withWorkbookExtension,
  );
  if (!paths) return EXIT_UNREADABLE;
  const { input, output } = paths;
  const loaded = await loadExchangeFile(input);
  if (!loaded.ok) {
    io.err(`${input}: 読み込めません。`);
    for (const p of loaded.problems) io.err(`  ${p.path ? `${p.path}: ` : ''}${p.message}`);
    return EXIT_UNREADABLE;
  }
  const { file } = loaded;
  const result = await exportWorkbookToFile(
    output,
    file,
    { bureau: parsed.bureau, sheetIds: parsed.sheetIds, includePolicy: true },
    { ...(io.progress ? { onProgress: io.progress } : {}), ...(options.now ? { now: options.now } : {}) },
  );
  if (result.status !== 'saved') {
    io.err(result.status === 'error' ? result.message : '出力を中止しました。');
    return EXIT_UNREADABLE;
  }
  io.out(`${output}: 事務事業 ${result.sheetCount} 件を出力しました（${file.municipality} ${fiscalYearLabel(file.fiscalYear)}）。`);
  // The data's own errors are reported as `check` reports them, for the sheets that were exported.
  const exported = new Set(
    file.sheets
      .filter((s) => (parsed.bureau ? s.org.bureau === parsed.bureau : true))
      .filter((s) => (parsed.sheetIds.length > 0 ? parsed.sheetIds.includes(s.id) : true))
      .map((s) => s.id),
  );
  const errors = checkDocument(file).filter((p) => p.severity === 'error' && p.sheetId !== undefined && exported.has(p.sheetId));
  if (errors.length === 0) return EXIT_OK;
  for (const line of formatProblems(errors, file)) io.out(line);
  io.out(`エラー ${errors.length} 件: 出力した Excel にもそのまま入っています。直してから出力し直してください。`);
  return EXIT_DATA_ERRORS;
}

async function runImportCommand(args: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const parsed = parseExcelArgs('import', args);
  const paths = oneInputOneOutput(parsed, io, {
    missingInput: '読み込む Excel ファイル（.xlsx）を指定してください。',
    inputKind: 'Excel ファイル',
    missingOutput: '出力先の交換ファイルを「-o 出力.yosan.json」で指定してください。',
    sameAsInput: '出力先が入力の Excel ファイルと同じです。別のファイル名を指定してください。',
  });
  if (!paths) return EXIT_UNREADABLE;
  const { input, output } = paths;
  // A pipe or device would hang the worker's open (and the process's exit with it): refused before the runner starts.
  const notRegular = await nonRegularFileProblem(input);
  if (notRegular) {
    io.err(`${input}: 読み込めません。交換ファイルは作成していません。`);
    io.err(`  ${notRegular.message}`);
    return EXIT_UNREADABLE;
  }
  const imported = await runImport(input, {
    spawn: options.spawnImportWorker ?? spawnSourceWorker,
    ...(options.importLimits ? { limits: options.importLimits } : {}),
  });
  if (!imported.ok) {
    // A file we cannot read at all is 2; a workbook of ours with cells that do not read is the data's error, 1.
    const cellLevel = imported.problems.some((p) => p.path.startsWith('sheets['));
    io.err(`${input}: 読み込めません。${cellLevel ? '' : '交換ファイルは作成していません。'}`);
    for (const p of imported.problems) io.err(`  ${p.message}`);
    if (cellLevel) io.err('交換ファイルは作成していません。');
    return cellLevel ? EXIT_DATA_ERRORS : EXIT_UNREADABLE;
  }
  const { file } = imported;
  const written = await writeFileAtomic(output, writeExchangeFile(file));
  if (!written.ok) {
    io.err(written.message);
    return EXIT_UNREADABLE;
  }
  io.out(`${output}: 事務事業 ${file.sheets.length} 件を読み込みました（${file.municipality} ${fiscalYearLabel(file.fiscalYear)}）。`);
  const problems = checkDocument(file);
  const counts = countBySeverity(problems);
  if (counts.error === 0) return EXIT_OK;
  for (const line of formatProblems(problems.filter((p) => p.severity === 'error'), file)) io.out(line);
  io.out(`エラー ${counts.error} 件、警告 ${counts.warning} 件、情報 ${counts.info} 件`);
  return EXIT_DATA_ERRORS;
}

// ── next-year ────────────────────────────────────────────────────────────────

/**
 * `next-year IN -o OUT [--year 年度] [--bureau 局]`: OUT holds IN unchanged plus the next year's draft, the source year
 * locked (確定済み) and the file's 年度 the new one. The year defaults to the newest held. IN itself is never written.
 */
async function runNextYear(args: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const parsed = parseExcelArgs('next-year', args);
  const paths = oneInputOneOutput(
    parsed,
    io,
    {
      missingInput: '元にする交換ファイル（.yosan.json）を指定してください。',
      inputKind: '交換ファイル',
      missingOutput: '出力先の交換ファイルを「-o 出力.yosan.json」で指定してください。',
      sameAsInput: '出力先が入力の交換ファイルと同じです。元のファイルは残すため、別のファイル名を指定してください。',
    },
    withExchangeExtension,
  );
  if (!paths) return EXIT_UNREADABLE;
  const { input, output } = paths;
  let year: number | undefined;
  if (parsed.year !== undefined) {
    const read = parseFiscalYear(parsed.year);
    if (!read.ok) {
      io.err(`--year「${parsed.year}」: ${read.message}`);
      return EXIT_UNREADABLE;
    }
    year = read.value;
  }
  const loaded = await loadExchangeFile(input);
  if (!loaded.ok) {
    io.err(`${input}: 読み込めません。`);
    for (const p of loaded.problems) io.err(`  ${p.path ? `${p.path}: ` : ''}${p.message}`);
    return EXIT_UNREADABLE;
  }
  const { file } = loaded;
  const fromYear = year ?? newestYear(file) ?? file.fiscalYear;
  const draft = draftNextYear(
    file,
    fromYear,
    { newId: options.newId ?? (() => randomUUID()), now: options.now ?? new Date() },
    parsed.bureau,
  );
  if (!draft.ok) {
    io.err(`${input}: ${draft.message}`);
    return EXIT_UNREADABLE;
  }
  const next = newExchangeFile({
    municipality: file.municipality,
    fiscalYear: draft.toYear,
    sheets: [...file.sheets, ...draft.sheets],
    policies: [...file.policies, ...draft.policies],
    lockedYears: [...file.lockedYears, fromYear],
  });
  const written = await writeFileAtomic(output, writeExchangeFile(next));
  if (!written.ok) {
    io.err(written.message);
    return EXIT_UNREADABLE;
  }
  const from = fiscalYearLabel(fromYear);
  const to = fiscalYearLabel(draft.toYear);
  const policies = draft.policies.length > 0 ? `と局運営方針 ${draft.policies.length} 件` : '';
  io.out(`${output}: ${from}の事務事業 ${draft.sheets.length} 件${policies}から${to}の案を作りました。${from}は確定済みにしました。`);
  io.out(`${to}の予算額・特定財源・主な事業の金額は未入力です。予算デスクで開いて入力してください。`);
  return EXIT_OK;
}
