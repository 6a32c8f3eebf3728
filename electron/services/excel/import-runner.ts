// Runs the Excel import in a worker thread with limits on time and memory; the caller's thread never parses the file.
import path from 'node:path';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import type { ImportResult } from './import';
import { excelMessages } from './messages';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard';

export interface ImportLimits extends ZipLimits {
  /** Wall time for the whole import, after which the worker is stopped. */
  timeoutMs: number;
  /** Heap of the worker (V8 old generation), in MB; a file that needs more is stopped. */
  maxHeapMb: number;
}

/** 1,500 sheets import in a few seconds with a few hundred MB of heap; the limits leave room, and stop a file that is not ours. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  ...DEFAULT_ZIP_LIMITS,
  timeoutMs: 60_000,
  maxHeapMb: 1536,
};

export interface ImportWorkerRequest {
  filePath: string;
  limits: ZipLimits;
}

type WorkerMessage = { kind: 'result'; result: ImportResult } | { kind: 'crashed' };

/** Starts the worker with these options: the bundled `excel-import-worker.cjs` in the app, the source under tsx. */
export type SpawnImportWorker = (options: WorkerOptions) => Worker;

export interface RunImportOptions {
  spawn: SpawnImportWorker;
  limits?: Partial<ImportLimits>;
}

function failure(message: string): ImportResult {
  return { ok: false, problems: [{ severity: 'error', path: '', message }] };
}

/**
 * Imports an .xlsx we exported, in a worker thread. Resolves with the exchange file or with problems in Japanese
 * (unreadable, foreign, damaged, too large, too slow, out of memory); it never rejects and never half-applies.
 */
export function runImport(filePath: string, options: RunImportOptions): Promise<ImportResult> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const fileName = path.basename(filePath);
  const request: ImportWorkerRequest = {
    filePath: path.resolve(filePath),
    limits: {
      maxFileBytes: limits.maxFileBytes,
      maxEntries: limits.maxEntries,
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxEntryRatio: limits.maxEntryRatio,
      ratioFloorBytes: limits.ratioFloorBytes,
    },
  };
  return new Promise<ImportResult>((resolve) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = options.spawn({
        workerData: request,
        resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      });
    } catch {
      // The worker's file is missing or unreadable (a broken installation): still an answer, not a rejection.
      resolve(failure(excelMessages.unexpected(fileName)));
      return;
    }
    const finish = (result: ImportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(failure(excelMessages.timedOut(fileName, Math.round(limits.timeoutMs / 1000)))),
      limits.timeoutMs,
    );
    worker.on('message', (message: WorkerMessage) => {
      finish(message.kind === 'result' ? message.result : failure(excelMessages.unexpected(fileName)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish(failure(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? excelMessages.outOfMemory(fileName) : excelMessages.unexpected(fileName)));
    });
    worker.on('exit', () => finish(failure(excelMessages.unexpected(fileName))));
  });
}
