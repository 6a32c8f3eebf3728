// The desktop app's import job: an Electron utility process behind the runner's ImportJob. A fake utilityProcess shows
// what is forked (heap limit, name, no stdio), when the request goes over, and that the process is killed on answer,
// time-out and cancel; then the real entry runs in a forked Node process (parentPort shimmed) and answers.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_SERVICE_NAME, utilityProcessSpawner, type UtilityChild, type UtilityForkOptions } from '../../electron/main/import-process';
import type { ImportResult } from '../../electron/services/excel/import';
import { runImport } from '../../electron/services/excel/import-runner';
import { excelMessages } from '../../electron/services/excel/messages';
import { exportBytes } from '../helpers/xlsx-bombs';
import { loadSample } from '../helpers/sample';

const ENTRY = fileURLToPath(new URL('../../electron/main/import-process-entry.ts', import.meta.url));
const SHIM = fileURLToPath(new URL('./fixtures/parent-port-shim.mjs', import.meta.url));

/** A utility process that does only what a test tells it to. */
class FakeChild extends EventEmitter implements UtilityChild {
  readonly posted: unknown[] = [];
  kills = 0;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  kill(): boolean {
    this.kills += 1;
    return true;
  }
}

function fakeUtility() {
  const forks: { modulePath: string; args: string[]; options: UtilityForkOptions; child: FakeChild }[] = [];
  return {
    forks,
    api: {
      fork: (modulePath: string, args: string[], options: UtilityForkOptions) => {
        const child = new FakeChild();
        forks.push({ modulePath, args, options, child });
        return child;
      },
    },
  };
}

const answer: ImportResult = { ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.foreign('x.xlsx') }] };

describe('utilityProcessSpawner, with a fake utilityProcess', () => {
  it('forks the entry with the heap limit and no stdio, sends the request once it is up, and kills it after the answer', async () => {
    const { forks, api } = fakeUtility();
    const imported = runImport('/docs/x.xlsx', { spawn: utilityProcessSpawner(api, '/app/excel-import-process.cjs'), limits: { maxHeapMb: 300 } });
    const { modulePath, args, options, child } = forks[0]!;
    expect({ modulePath, args, options }).toEqual({
      modulePath: '/app/excel-import-process.cjs',
      args: [],
      options: { execArgv: ['--max-old-space-size=300'], serviceName: IMPORT_SERVICE_NAME, stdio: 'ignore' },
    });
    expect(child.posted).toEqual([]);
    child.emit('spawn');
    expect(child.posted).toEqual([{ filePath: path.resolve('/docs/x.xlsx'), limits: expect.objectContaining({ maxWorksheets: 4_000 }) }]);
    child.emit('message', { kind: 'result', result: answer });
    await expect(imported).resolves.toEqual(answer);
    expect(child.kills).toBe(1);
  });

  it('too slow: killed, and the message says so', async () => {
    const { forks, api } = fakeUtility();
    const result = await runImport('/docs/x.xlsx', { spawn: utilityProcessSpawner(api, 'entry.cjs'), limits: { timeoutMs: 10 } });
    expect(result).toEqual({ ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.timedOut('x.xlsx', 0) }] });
    expect(forks[0]!.child.kills).toBe(1);
  });

  it('canceled: killed at once, the canceled message', async () => {
    const { forks, api } = fakeUtility();
    const controller = new AbortController();
    const imported = runImport('/docs/x.xlsx', { spawn: utilityProcessSpawner(api, 'entry.cjs'), signal: controller.signal });
    controller.abort();
    await expect(imported).resolves.toEqual({ ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.importCanceled('x.xlsx') }] });
    expect(forks[0]!.child.kills).toBe(1);
  });

  it('out of heap (a V8 fatal error, then the exit): the memory message', async () => {
    const { forks, api } = fakeUtility();
    const imported = runImport('/docs/x.xlsx', { spawn: utilityProcessSpawner(api, 'entry.cjs') });
    const { child } = forks[0]!;
    child.emit('error', 'FatalError', 'Reached heap limit', '{"header":{}}');
    child.emit('exit', 133);
    await expect(imported).resolves.toEqual({ ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.outOfMemory('x.xlsx') }] });
  });

  it('gone without an answer (a crash): a message, not a hang, and nothing left to kill', async () => {
    const { forks, api } = fakeUtility();
    const imported = runImport('/docs/x.xlsx', { spawn: utilityProcessSpawner(api, 'entry.cjs') });
    forks[0]!.child.emit('exit', 1);
    await expect(imported).resolves.toEqual({ ok: false, problems: [{ severity: 'error', path: '', message: excelMessages.unexpected('x.xlsx') }] });
    expect(forks[0]!.child.kills).toBe(0);
  });
});

describe('the real entry, in a process of its own', () => {
  let dir: string;
  let workbook: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'yosan-import-process-'));
    workbook = path.join(dir, '政策局.xlsx');
    await writeFile(workbook, await exportBytes(loadSample()));
  }, 30_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill();
    await rm(dir, { recursive: true, force: true });
  });

  /** utilityProcess.fork as Node's child_process.fork, with parentPort shimmed and the entry run by tsx. */
  const nodeUtility = {
    fork: (modulePath: string, args: string[], options: UtilityForkOptions): UtilityChild => {
      const child = fork(modulePath, args, {
        execArgv: ['--import', SHIM, '--import', 'tsx', ...options.execArgv],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      children.push(child);
      const adapted = Object.assign(new EventEmitter(), {
        postMessage: (message: unknown) => void child.send(message as object),
        kill: () => child.kill(),
      });
      child.on('spawn', () => adapted.emit('spawn'));
      child.on('message', (message) => adapted.emit('message', message));
      child.on('exit', (code) => adapted.emit('exit', code ?? 1));
      return adapted;
    },
  };

  it('imports the sample and is gone afterwards', async () => {
    const result = await runImport(workbook, { spawn: utilityProcessSpawner(nodeUtility, ENTRY) });
    expect(result.ok && result.file.sheets).toEqual(loadSample().sheets);
    const child = children.at(-1)!;
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode ?? child.exitCode).not.toBeNull();
  }, 30_000);
});
