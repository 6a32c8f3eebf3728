// Entry of the utility process the desktop app runs each Excel import in (import-process.ts forks it): one request,
// the whole import, one answer; main kills the process after. No Electron module: only process.parentPort.
import { answerImportRequest, type ImportWorkerRequest } from '../services/excel/import-runner';

const port = process.parentPort;
port.once('message', (event) => {
  void answerImportRequest(event.data as ImportWorkerRequest).then((message) => port.postMessage(message));
});
