// Native dialogs, modal to the main window when there is one: the one place that decides a dialog's owner.
import { dialog, type BrowserWindow } from 'electron';

export interface Dialogs {
  open(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
  save(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  message(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>;
}

export function dialogsFor(owner: () => BrowserWindow | null): Dialogs {
  return {
    open: (options) => {
      const window = owner();
      return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
    },
    save: (options) => {
      const window = owner();
      return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
    },
    message: (options) => {
      const window = owner();
      return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
    },
  };
}
