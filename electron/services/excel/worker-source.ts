// Starts the import worker from its TypeScript source (command line and tests, run by tsx or vitest); the desktop app
// runs the import in a utility process instead (electron/main/import-process.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const WORKER_SOURCE = new URL('./import-worker.ts', import.meta.url).href;

/**
 * Loader hooks registered by `--import tsx` do not reach worker threads on Node 20, so the worker loads tsx's API
 * itself and imports the source through it.
 */
export function spawnSourceWorker(options: WorkerOptions): Worker {
  // The ESM build of tsx's API (require.resolve would give the CommonJS one).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(WORKER_SOURCE)}, ${JSON.stringify(WORKER_SOURCE)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
