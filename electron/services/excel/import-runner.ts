// Runs the Excel import away from the caller's thread with limits on time and memory: in a worker thread (command
// line, tests) or, in the desktop app, a utility process (electron/main/import-process.ts), both behind ImportJob.
import path from 'node:path';
import type { ImportResult } from './import';
import { DEFAULT_READ_LIMITS, importWorkbookFile, type ReadLimits } from './import-file';
import { excelMessages } from './messages';

export interface ImportLimits extends ReadLimits {
  /** Wall time for the whole import, after which the job is stopped. */
  timeoutMs: number;
  /** Heap of the job (V8 old generation), in MB; a file that needs more is stopped. */
  maxHeapMb: number;
}

/**
 * Our 1,500-sheet workbook imports in well under a second with under 100 MB of heap; the reading limits stop anything
 * much larger before it is parsed, and time and heap stop whatever slips past them (slow PCs get room to spare).
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  ...DEFAULT_READ_LIMITS,
  timeoutMs: 30_000,
  maxHeapMb: 512,
};

export interface ImportWorkerRequest {
  filePath: string;
  limits: ReadLimits;
}

export type ImportJobMessage = { kind: 'result'; result: ImportResult } | { kind: 'crashed' };

/** What a job's side of the import does with one request: the whole import, then one message back. */
export async function answerImportRequest(request: ImportWorkerRequest): Promise<ImportJobMessage> {
  try {
    return { kind: 'result', result: await importWorkbookFile(request.filePath, request.limits) };
  } catch {
    return { kind: 'crashed' };
  }
}

/** What the runner needs of a running import: a worker thread satisfies it as it is; the utility process adapts to it. */
export interface ImportJob {
  on(event: 'message', listener: (message: ImportJobMessage) => void): unknown;
  /** `code` ERR_WORKER_OUT_OF_MEMORY when the heap limit stopped it. */
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Stops it for good, whatever it is doing. */
  terminate(): unknown;
}

export interface ImportJobOptions {
  workerData: ImportWorkerRequest;
  resourceLimits: { maxOldGenerationSizeMb: number };
}

/** Starts a job with these options: a Worker (the source under tsx, the bundle) or a utility process. */
export type SpawnImportWorker = (options: ImportJobOptions) => ImportJob;

export interface RunImportOptions {
  spawn: SpawnImportWorker;
  limits?: Partial<ImportLimits>;
  /** Aborting stops the job at once; the import then answers with the canceled message. */
  signal?: AbortSignal;
}

function failure(message: string): ImportResult {
  return { ok: false, problems: [{ severity: 'error', path: '', message }] };
}

/**
 * Imports an .xlsx we exported, in a job of its own. Resolves with the exchange file or with problems in Japanese
 * (unreadable, foreign, damaged, too large, too slow, out of memory, canceled); it never rejects, never half-applies,
 * and the job never outlives the answer.
 */
export function runImport(filePath: string, options: RunImportOptions): Promise<ImportResult> {
  const { timeoutMs, maxHeapMb, ...readLimits } = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const fileName = path.basename(filePath);
  const request: ImportWorkerRequest = { filePath: path.resolve(filePath), limits: readLimits };
  if (options.signal?.aborted) return Promise.resolve(failure(excelMessages.importCanceled(fileName)));
  return new Promise<ImportResult>((resolve) => {
    let settled = false;
    let job: ImportJob;
    try {
      job = options.spawn({ workerData: request, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    } catch {
      // The job's file is missing or unreadable (a broken installation): still an answer, not a rejection.
      resolve(failure(excelMessages.unexpected(fileName)));
      return;
    }
    const onAbort = () => finish(failure(excelMessages.importCanceled(fileName)));
    const finish = (result: ImportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void job.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish(failure(excelMessages.timedOut(fileName, Math.round(timeoutMs / 1000)))), timeoutMs);
    options.signal?.addEventListener('abort', onAbort);
    job.on('message', (message) => {
      finish(message.kind === 'result' ? message.result : failure(excelMessages.unexpected(fileName)));
    });
    job.on('error', (error) => {
      finish(failure(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? excelMessages.outOfMemory(fileName) : excelMessages.unexpected(fileName)));
    });
    job.on('exit', () => finish(failure(excelMessages.unexpected(fileName))));
  });
}
