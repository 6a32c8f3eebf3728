// The ports the handler factories take: the few parts of Electron they use, as small interfaces tests can fake.
// index.ts passes the real ones (dialogs.ts, print-window.ts, app paths); nothing here imports electron.

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The subset of Electron's OpenDialogOptions we set. */
export interface OpenDialogOptions {
  title: string;
  buttonLabel: string;
  properties: Array<'openFile' | 'openDirectory' | 'createDirectory' | 'multiSelections'>;
  filters: FileFilter[];
  /** The folder (or file) the dialog starts in. */
  defaultPath?: string;
}

/** The subset of Electron's SaveDialogOptions we set. */
export interface SaveDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: FileFilter[];
}

/** The subset of Electron's MessageBoxOptions we set. */
export interface MessageBoxOptions {
  type: 'warning';
  title: string;
  message: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

/** Native dialogs, modal to the main window (dialogs.ts decides the owner). */
export interface DialogPort {
  open(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** Electron answers `filePath: ''` when canceled. */
  save(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** `response` is the index of the button pressed. */
  message(options: MessageBoxOptions): Promise<{ response: number }>;
}

/** Where the save dialogs start. Read on each call: the user may move the folder while the app runs. */
export type DocumentsFolder = () => string;
