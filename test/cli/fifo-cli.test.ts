// The command line given what is not a regular file: a named pipe (FIFO) as the input of every command, or as the
// output, is refused with exit 2 and a Japanese message, and the process ends (opening a FIFO would wait forever for
// a writer, and the stuck thread kept even a finished command from exiting).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/commands';
import { SAMPLE_PATH } from '../helpers/sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yosan-cli-fifo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

const NOT_REGULAR = (name: string) => `「${name}」は通常のファイルではない（パイプやデバイスなど）ため読み込めません。保存されたファイルを選んでください。`;

/** A generous guard, not a measurement: a process still running after it is killed and reported as such. */
const GUARD_MS = 60_000;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runProcess(args: string[]): Promise<Finished> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, timeout: GUARD_MS, killSignal: 'SIGKILL' }, (_error, stdout, stderr) => {
      resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
    });
  });
}

const COMMANDS: Array<[string, (input: string) => string[]]> = [
  ['check', (input) => ['check', input]],
  ['export', (input) => ['export', input, '-o', join(dir, 'out.xlsx')]],
  ['import', (input) => ['import', input, '-o', join(dir, 'out.yosan.json')]],
  ['next-year', (input) => ['next-year', input, '-o', join(dir, 'next.yosan.json')]],
];

describe('a FIFO as the input', () => {
  it('every command, as a real process: exits by itself with 2 and the message, writes nothing', async () => {
    const runs = await Promise.all(
      COMMANDS.map(async ([command, args]) => ({ command, finished: await runProcess(args(fifo(`${command}.pipe`))) })),
    );
    for (const { command, finished } of runs) {
      expect({ command, signal: finished.signal, code: finished.code }).toEqual({ command, signal: null, code: 2 });
      expect(finished.stderr).toContain(`${command}.pipe: 読み込めません。`);
      expect(finished.stderr).toContain(NOT_REGULAR(`${command}.pipe`));
      expect(finished.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    for (const out of ['out.xlsx', 'out.yosan.json', 'next.yosan.json']) expect(() => statSync(join(dir, out))).toThrow();
  }, GUARD_MS * 2);

  it.each(COMMANDS)('%s in-process: exit 2, the message on stderr, nothing on stdout', async (command, args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args(fifo(`in-${command}.pipe`)), { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(NOT_REGULAR(`in-${command}.pipe`));
    expect(out).toEqual([]);
  });
});

describe('a FIFO as the output', () => {
  it('next-year -o a FIFO: exit 2 with a message; the FIFO stays a FIFO', async () => {
    const output = fifo('next-out.yosan.json');
    const err: string[] = [];
    const code = await runCli(['next-year', SAMPLE_PATH, '-o', output], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('「next-out.yosan.json」は通常のファイルではない（パイプやデバイスなど）ため保存できません。');
    expect(statSync(output).isFIFO()).toBe(true);
  });
});
