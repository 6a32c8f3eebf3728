// Native dialogs, modal to the main window when there is one: the one place that decides a dialog's owner.
import { dialog, type BrowserWindow } from 'electron';
import type { DialogPort } from './handlers/ports';

export function dialogsFor(owner: () => BrowserWindow | null): DialogPort {
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
