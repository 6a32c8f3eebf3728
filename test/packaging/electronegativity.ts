// Electronegativity 1.10.3 over what the app ships, offline, and the allow-list its findings are held to.
// `npm run audit:electron` prints the report; test/packaging/electronegativity.test.ts fails on anything not allowed.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRenderer, ROOT } from '../helpers/fresh-build';

const require = createRequire(import.meta.url);

export interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
  manualReview: boolean;
}

export interface AllowEntry {
  id: string;
  file: string;
  severity: Finding['severity'];
  reason: string;
  /** For HIGH only: the test that proves the finding false. */
  proof?: string;
}

export interface AuditResult {
  findings: Finding[];
  /** Files Electronegativity could not parse: their findings would be missing, so any is a failure. */
  errors: Array<{ file: string; message: string }>;
}

export const ALLOW_LIST_FILE = path.join(ROOT, 'test', 'packaging', 'electronegativity-allow.json');

/**
 * Its update check for Electron releases needs the network and is left out: test/main/electron-version.test.ts holds
 * the Electron version instead.
 */
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

/**
 * The scanned tree: the TypeScript that goes into main.cjs, preload.cjs and the renderer bundle, and the built
 * index.html (its CSP meta is added at build time). Not the bundles themselves: esbuild turns `new BrowserWindow`
 * into `new import_electron.BrowserWindow`, which Electronegativity does not recognise, so a scan of dist/electron
 * reports nothing and proves nothing. The CLI (not in the app) and the tests are left out.
 */
async function stage(builtIndexHtml: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yosan-electronegativity-'));
  for (const folder of ['electron/main', 'electron/preload', 'electron/services', 'shared', 'renderer/src']) {
    await cp(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  }
  await writeFile(path.join(dir, 'renderer', 'index.html'), builtIndexHtml);
  // Read for the Electron version.
  await cp(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  await cp(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  return dir;
}

interface RawIssue {
  id: string;
  severity: { name: Finding['severity'] };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}
type Runner = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

/**
 * Runs Electronegativity's own runner on `dir`. It fetches translations and Electron's release list with `got`;
 * this machine (and CI) has no such network, so `got` is replaced by one that fails at once: the English messages
 * it ships are used and nothing leaves the machine.
 */
async function scan(dir: string): Promise<AuditResult> {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  const offline = Object.assign(() => Promise.reject(new Error('offline')), { head: () => Promise.reject(new Error('offline')) });
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'got' ? offline : load.call(this, request, ...rest);
  };
  const lang = process.env.LANG;
  process.env.LANG = 'en-US';
  const log = console.log;
  console.log = () => {};
  try {
    const runnerModule = require('@doyensec/electronegativity/dist/runner.js') as { default?: Runner } & Runner;
    const run = runnerModule.default ?? runnerModule;
    const result = await run(
      { input: dir, isRelative: true, customScan: [], excludeFromScan: EXCLUDED_CHECKS, parserPlugins: [] },
      false,
    );
    return {
      findings: result.issues
        .map((issue) => ({
          id: issue.id,
          severity: issue.severity.name,
          confidence: issue.confidence.name,
          file: issue.file.split(path.sep).join('/'),
          line: issue.location.line,
          column: issue.location.column,
          sample: (issue.sample ?? '').slice(0, 120),
          description: issue.description,
          manualReview: issue.manualReview === true,
        }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id)),
      errors: result.errors.map(({ file, message }) => ({ file: path.relative(dir, file), message })),
    };
  } finally {
    console.log = log;
    loader._load = load;
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
  }
}

/** The index.html of a fresh renderer build. */
export async function buildIndexHtml(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'yosan-audit-renderer-'));
  try {
    await buildRenderer(outDir);
    return await readFile(path.join(outDir, 'index.html'), 'utf8');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The sources staged with the built index.html (the tests pass the one their global setup built) and scanned. */
export async function auditApp(builtIndexHtml?: string): Promise<AuditResult> {
  const staged = await stage(builtIndexHtml ?? (await buildIndexHtml()));
  try {
    return await scan(staged);
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

export async function readAllowList(): Promise<AllowEntry[]> {
  return JSON.parse(await readFile(ALLOW_LIST_FILE, 'utf8')) as AllowEntry[];
}

/** A finding is allowed by an entry of the same check, file and severity (a finding that grows more severe is new). */
export function isAllowed(finding: Finding, entry: AllowEntry): boolean {
  return entry.id === finding.id && entry.file === finding.file && entry.severity === finding.severity;
}

async function main(): Promise<void> {
  const [result, allowList] = await Promise.all([auditApp(), readAllowList()]);
  let unlisted = 0;
  for (const finding of result.findings) {
    const entry = allowList.find((candidate) => isAllowed(finding, candidate));
    if (!entry) unlisted += 1;
    console.log(
      `${entry ? 'allowed ' : 'NEW     '} ${finding.severity.padEnd(6)} ${finding.id} ${finding.file}:${finding.line}:${finding.column}` +
        `\n         ${finding.description}${entry ? `\n         why: ${entry.reason}` : ''}`,
    );
  }
  for (const error of result.errors) console.log(`NOT READ ${error.file}: ${error.message}`);
  const unused = allowList.filter((entry) => !result.findings.some((finding) => isAllowed(finding, entry)));
  for (const entry of unused) console.log(`STALE    ${entry.id} ${entry.file} (allowed, no longer found: remove it)`);
  console.log(`${result.findings.length} findings, ${unlisted} not in the allow-list, ${result.errors.length} files not read, ${unused.length} stale entries`);
  process.exitCode = unlisted + result.errors.length + unused.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
