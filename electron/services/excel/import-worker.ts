// Worker entry of the Excel import: runs the whole import off the main thread and posts back one result.
import { parentPort, workerData } from 'node:worker_threads';
import { importWorkbookFile } from './import-file';
import type { ImportWorkerRequest } from './import-runner';

const request = workerData as ImportWorkerRequest;
void importWorkbookFile(request.filePath, request.limits).then(
  (result) => parentPort?.postMessage({ kind: 'result', result }),
  () => parentPort?.postMessage({ kind: 'crashed' }),
);
