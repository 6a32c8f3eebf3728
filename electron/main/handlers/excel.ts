// excel:export, excel:cancel and excel:import: one export at a time with progress, 別の名前で保存 when a write fails,
// the import in a process of its own that excel:cancel stops too. The workbook itself is services/excel's business.
import path from 'node:path';
import type { ExcelExportResult, IpcError } from '../../../shared/ipc/contract';
import { safeWorkbookFileName } from '../../../shared/ipc/file-names';
import type { Handlers } from '../ipc/register';
import { windowEvents } from '../ipc/events';
import { createJobSlot, type JobSlot } from '../job-slot';
import {
  defaultWorkbookName,
  exportWorkbook,
  saveWorkbookBytes,
  selectSheets,
  withWorkbookExtension,
  type SaveBytesResult,
} from '../../services/excel/export';
import type { ImportResult } from '../../services/excel/import';
import { nonRegularFileProblem } from '../../services/files';
import type { DialogPort, DocumentsFolder, FileFilter, OpenDialogOptions } from './ports';

export interface ExcelPorts {
  dialogs: DialogPort;
  documentsFolder: DocumentsFolder;
  /** Written into the workbook's properties (`予算デスク 0.1.0`). */
  appVersion: string;
  /**
   * Reads a workbook away from this process (services/excel/import-runner.ts in a utility process,
   * electron/main/import-process.ts); aborting the signal stops it at once.
   */
  importWorkbook: (filePath: string, signal: AbortSignal) => Promise<ImportResult>;
  /** Writes the built bytes atomically; saveWorkbookBytes unless a test needs a write that fails like Windows. */
  saveBytes?: (filePath: string, bytes: Uint8Array, sheetCount: number) => Promise<SaveBytesResult>;
}

export const EXCEL_BUSY = 'Excel出力を実行中です。終わってからもう一度出力してください。';

const WORKBOOK_FILTERS: FileFilter[] = [{ name: 'Excel ブック', extensions: ['xlsx'] }];

export const EXCEL_IMPORT_DIALOG: OpenDialogOptions = {
  title: 'Excel から読み込む',
  buttonLabel: '読み込む',
  properties: ['openFile'],
  filters: WORKBOOK_FILTERS,
};

type Save = NonNullable<ExcelPorts['saveBytes']>;

/** Writes the exported bytes; when that fails, says why and offers 別の名前で保存 until it works or the user stops. */
async function saveWithRetry(
  dialogs: DialogPort,
  save: Save,
  firstPath: string,
  bytes: Uint8Array,
  sheetCount: number,
): Promise<ExcelExportResult> {
  let target = firstPath;
  for (;;) {
    const saved = await save(target, bytes, sheetCount);
    if (saved.status === 'saved') return saved;
    const answer = await dialogs.message({
      type: 'warning',
      title: 'Excel出力',
      message: saved.message,
      buttons: ['別の名前で保存…', 'キャンセル'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (answer.response !== 0) return { status: 'error', message: saved.message };
    const chosen = await dialogs.save({
      title: '別の名前で保存',
      buttonLabel: '保存',
      defaultPath: target,
      filters: WORKBOOK_FILTERS,
    });
    if (chosen.canceled || !chosen.filePath) return { status: 'error', message: saved.message };
    target = withWorkbookExtension(chosen.filePath);
  }
}

export function createExcelHandlers(
  ports: ExcelPorts,
): Pick<Handlers, 'excel:export' | 'excel:cancel' | 'excel:import'> {
  const save: Save = ports.saveBytes ?? ((filePath, bytes, sheetCount) => saveWorkbookBytes(filePath, bytes, sheetCount));
  const exports: JobSlot<IpcError> = createJobSlot({ busy: () => ({ status: 'error', message: EXCEL_BUSY }) });
  /** The import running now, if any: excel:cancel stops it too. */
  let importing: AbortController | null = null;
  return {
    'excel:export': ({ file, sheetIds, bureau, suggestedName }, event) => {
      const events = windowEvents(event.sender);
      // The slot is taken before the dialog: a second click while the dialog is open is told to wait.
      return exports.run(
        async (signal, progress) => {
          // The bureau workbook carries its 局運営方針 (when there is one) before the sheets.
          const selection = { sheetIds, bureau, includePolicy: true };
          const selected = selectSheets(file, selection);
          if (!selected.ok) return { status: 'error', message: selected.message };
          const name = suggestedName ?? safeWorkbookFileName(defaultWorkbookName(selected.sheets, file.fiscalYear));
          const chosen = await ports.dialogs.save({
            title: 'Excel出力',
            buttonLabel: '出力',
            defaultPath: path.join(ports.documentsFolder(), name),
            filters: WORKBOOK_FILTERS,
          });
          if (chosen.canceled || !chosen.filePath || signal.aborted) return { status: 'canceled' };
          const built = await exportWorkbook(file, selection, {
            creator: `予算デスク ${ports.appVersion}`,
            signal,
            onProgress: progress,
          });
          if (built.status !== 'ok') return built;
          return saveWithRetry(ports.dialogs, save, withWorkbookExtension(chosen.filePath), built.bytes, built.sheetCount);
        },
        (done, total) => events.send('excel:progress', { done, total }),
      );
    },
    'excel:cancel': () => {
      const exportCanceled = exports.cancel();
      const importCanceled = importing !== null && !importing.signal.aborted;
      importing?.abort();
      return { status: 'ok', canceled: exportCanceled || importCanceled };
    },
    'excel:import': async () => {
      const chosen = await ports.dialogs.open(EXCEL_IMPORT_DIALOG);
      const filePath = chosen.filePaths[0];
      if (chosen.canceled || filePath === undefined) return { status: 'canceled' };
      const fileName = path.basename(filePath);
      // A pipe or device would hang whatever opens it; refused before the import runner is involved.
      const notRegular = await nonRegularFileProblem(filePath);
      if (notRegular) return { status: 'problems', fileName, problems: [{ severity: 'error', path: '', message: notRegular.message }] };
      const controller = new AbortController();
      importing = controller;
      let imported: ImportResult;
      try {
        imported = await ports.importWorkbook(filePath, controller.signal);
      } finally {
        if (importing === controller) importing = null;
      }
      if (controller.signal.aborted) return { status: 'canceled' };
      return imported.ok
        ? { status: 'opened', fileName, file: imported.file }
        : { status: 'problems', fileName, problems: imported.problems };
    },
  };
}
