// Worker-thread entry of the Excel import (command line, tests, benches): runs the whole import off the caller's
// thread and posts back one answer. The desktop app runs the same in a utility process (electron/main/import-process-entry.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { answerImportRequest, type ImportWorkerRequest } from './import-runner';

void answerImportRequest(workerData as ImportWorkerRequest).then((message) => parentPort?.postMessage(message));
