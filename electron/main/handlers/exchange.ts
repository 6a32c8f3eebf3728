// exchange:open and exchange:save: the dialogs (titles, filters in Japanese, 別の名前で保存 when a write is refused) and
// the file work in services/files.ts.
import path from 'node:path';
import type { ExchangeFile } from '../../../shared/domain/schema';
import { MAX_EXCHANGE_FILE_BYTES } from '../../../shared/exchange/format';
import type { ExchangeSaveResult } from '../../../shared/ipc/contract';
import { ipcMessages } from '../../../shared/ipc/messages';
import { MAX_FILES_OPENED_AT_ONCE } from '../../../shared/ipc/schemas';
import type { Handlers } from '../ipc/register';
import { openExchangeFileAt, saveExchangeFileAt, withExchangeExtension } from '../../services/files';
import type { DialogPort, DocumentsFolder, FileFilter, OpenDialogOptions } from './ports';

export interface ExchangePorts {
  dialogs: DialogPort;
  documentsFolder: DocumentsFolder;
  /** The largest file `exchange:open` reads; the format's limit unless a test says otherwise. */
  maxFileBytes?: number;
}

export const EXCHANGE_OPEN_DIALOG: OpenDialogOptions = {
  title: 'ファイルを開く',
  buttonLabel: '開く',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: '予算デスクのファイル', extensions: ['yosan.json'] },
    { name: 'JSON ファイル', extensions: ['json'] },
  ],
};

const EXCHANGE_FILTERS: FileFilter[] = [{ name: '予算デスクのファイル', extensions: ['yosan.json'] }];

/**
 * Saves; when the write is refused (read-only, open in another app, a full disk), says why and offers 別の名前で保存
 * until it works or the user stops, as the Excel export does. The old file is untouched each time.
 */
async function saveWithRetry(dialogs: DialogPort, firstPath: string, file: ExchangeFile): Promise<ExchangeSaveResult> {
  let target = firstPath;
  for (;;) {
    const saved = await saveExchangeFileAt(target, file);
    if (saved.status !== 'error') return saved;
    const answer = await dialogs.message({
      type: 'warning',
      title: '名前を付けて保存',
      message: saved.message,
      buttons: ['別の名前で保存…', 'キャンセル'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (answer.response !== 0) return saved;
    const chosen = await dialogs.save({ title: '別の名前で保存', buttonLabel: '保存', defaultPath: target, filters: EXCHANGE_FILTERS });
    if (chosen.canceled || !chosen.filePath) return saved;
    target = withExchangeExtension(chosen.filePath);
  }
}

export function createExchangeHandlers(ports: ExchangePorts): Pick<Handlers, 'exchange:open' | 'exchange:save'> {
  const maxFileBytes = ports.maxFileBytes ?? MAX_EXCHANGE_FILE_BYTES;
  return {
    // Several files at once (the 財政課 brings the bureaus' files together): each read on its own, one after another
    // (a file that cannot be read does not stop the others), in the order chosen.
    'exchange:open': async () => {
      const chosen = await ports.dialogs.open(EXCHANGE_OPEN_DIALOG);
      if (chosen.canceled || chosen.filePaths.length === 0) return { status: 'canceled' };
      if (chosen.filePaths.length > MAX_FILES_OPENED_AT_ONCE) return { status: 'error', message: ipcMessages.tooManyFiles(MAX_FILES_OPENED_AT_ONCE) };
      const files = [];
      for (const filePath of chosen.filePaths) files.push(await openExchangeFileAt(filePath, maxFileBytes));
      return { status: 'chosen', files };
    },
    'exchange:save': async ({ file, suggestedName }) => {
      const chosen = await ports.dialogs.save({
        title: '名前を付けて保存',
        buttonLabel: '保存',
        defaultPath: path.join(ports.documentsFolder(), suggestedName),
        filters: EXCHANGE_FILTERS,
      });
      if (chosen.canceled || !chosen.filePath) return { status: 'canceled' };
      return saveWithRetry(ports.dialogs, withExchangeExtension(chosen.filePath), file);
    },
  };
}
