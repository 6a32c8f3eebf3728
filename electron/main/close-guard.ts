// Closing the window waits for the renderer's autosave flush, at most a few seconds, then closes for real.
// No electron import: index.ts wires it to BrowserWindow and ipcMain, tests to fakes.

export interface CloseGuardPorts {
  /** Ask the renderer to flush (webContents.send of CLOSE_FLUSH.request). */
  requestFlush: () => void;
  /** Resolve when the renderer answers (ipcMain.once of CLOSE_FLUSH.done from our window). */
  waitForFlush: () => Promise<void>;
  /** Close without asking again (BrowserWindow.destroy). */
  closeNow: () => void;
  timeoutMs: number;
}

export interface PreventableEvent {
  preventDefault: () => void;
}

/** Returns the window's 'close' handler. The first close is held back until the flush or the timeout. */
export function createCloseGuard(ports: CloseGuardPorts): (event: PreventableEvent) => void {
  let state: 'open' | 'flushing' | 'closing' = 'open';
  return (event) => {
    if (state === 'closing') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ports.timeoutMs);
    });
    void Promise.race([ports.waitForFlush(), timeout]).then(() => {
      clearTimeout(timer);
      state = 'closing';
      ports.closeNow();
    });
    ports.requestFlush();
  };
}
