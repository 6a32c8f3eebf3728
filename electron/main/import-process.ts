// The desktop app's Excel import job: an Electron utility process (a separate OS process with its own heap limit,
// killed on time-out, cancel or answer) behind the runner's ImportJob, so import-runner.ts is the same for a worker.
import { EventEmitter } from 'node:events';
import type { ImportJob, ImportJobMessage, SpawnImportWorker } from '../services/excel/import-runner';

/** The part of Electron's UtilityProcess the job uses (a test passes a fake). */
export interface UtilityChild {
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** A V8 fatal error (Electron ≥ 33); `exit` follows it. */
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export interface UtilityForkOptions {
  execArgv: string[];
  serviceName: string;
  stdio: 'ignore';
}

/** `utilityProcess` from 'electron', as far as the job needs it. */
export interface UtilityProcessApi {
  fork(modulePath: string, args: string[], options: UtilityForkOptions): UtilityChild;
}

/** Shown in the Task Manager and in app.getAppMetrics(). */
export const IMPORT_SERVICE_NAME = 'Yosan Desk Excel import';

/** A V8 fatal error out of heap space: the runner reports it as "too much memory" (ERR_WORKER_OUT_OF_MEMORY). */
function isOutOfMemory(location: string, report: string): boolean {
  return /heap limit|out of memory|allocation failed/i.test(`${location}\n${report.slice(0, 4096)}`);
}

/** The runner's view of one utility process: its events re-emitted, terminate() kills it. */
class UtilityJob extends EventEmitter implements ImportJob {
  private alive = true;

  constructor(private readonly child: UtilityChild) {
    super();
  }

  exited(): void {
    this.alive = false;
  }

  terminate(): void {
    if (this.alive) this.child.kill();
    this.alive = false;
  }
}

/**
 * Starts each import in a utility process running `modulePath` (the bundled import-process-entry.ts, inside app.asar),
 * its old-generation heap capped with `--max-old-space-size` as a worker's `resourceLimits` would be. The request goes
 * over once the process is up; its one answer comes back as the worker's message would.
 */
export function utilityProcessSpawner(utility: UtilityProcessApi, modulePath: string): SpawnImportWorker {
  return (options) => {
    const child = utility.fork(modulePath, [], {
      execArgv: [`--max-old-space-size=${options.resourceLimits.maxOldGenerationSizeMb}`],
      serviceName: IMPORT_SERVICE_NAME,
      stdio: 'ignore',
    });
    const job = new UtilityJob(child);
    child.on('spawn', () => child.postMessage(options.workerData));
    child.on('message', (message) => job.emit('message', message as ImportJobMessage));
    child.on('error', (type, location, report) => {
      const code = isOutOfMemory(location, report) ? 'ERR_WORKER_OUT_OF_MEMORY' : 'ERR_IMPORT_PROCESS';
      job.emit('error', Object.assign(new Error(`${type} at ${location}`), { code }));
    });
    child.on('exit', (code) => {
      job.exited();
      job.emit('exit', code);
    });
    return job;
  };
}
