// When the window's page crashes or stops answering: say so in Japanese, say the data is saved, offer to reload.
// No electron import: index.ts wires it to webContents' render-process-gone and unresponsive events, tests to fakes.
import type { DialogPort, MessageBoxOptions } from './handlers/ports';

export interface RecoveryPorts {
  dialogs: DialogPort;
  /** Loads the app again in the same window (webContents.reload); it reads everything back from IndexedDB. */
  reload: () => void;
  /** Closes the app (the data is already in IndexedDB). */
  quit: () => void;
}

/** The reasons Electron gives in render-process-gone's details. A clean exit is no crash. */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | string;

export const recoveryMessages = {
  goneTitle: '画面の異常終了',
  gone: (reason: GoneReason): string =>
    `${reason === 'oom' ? 'メモリが足りなくなったため、' : ''}予算デスクの画面が異常終了しました。入力内容は自動保存されています（終了の直前 1 秒ほどの入力は失われた可能性があります）。「再読み込み」で保存された内容から再開できます。`,
  unresponsiveTitle: '画面が応答しません',
  unresponsive:
    '予算デスクの画面が応答しません。大きなファイルを処理している場合は、しばらく待つと戻ります。「再読み込み」を押すと保存された内容から再開します（応答しなくなった後の入力は失われることがあります）。',
} as const;

function box(title: string, message: string, buttons: string[]): MessageBoxOptions {
  return { type: 'warning', title, message, buttons, defaultId: 0, cancelId: buttons.length - 1, noLink: true };
}

/**
 * Handlers for the two events. At most one dialog at a time: a page that stays unresponsive fires the event again,
 * and a crash while the "unresponsive" dialog is open should not stack a second one.
 */
export function createRendererRecovery(ports: RecoveryPorts): {
  onGone: (reason: GoneReason) => Promise<void>;
  onUnresponsive: () => Promise<void>;
} {
  let asking = false;
  const ask = async (options: MessageBoxOptions, onAnswer: (response: number) => void) => {
    if (asking) return;
    asking = true;
    try {
      onAnswer((await ports.dialogs.message(options)).response);
    } finally {
      asking = false;
    }
  };
  return {
    onGone: async (reason) => {
      if (reason === 'clean-exit') return;
      await ask(box(recoveryMessages.goneTitle, recoveryMessages.gone(reason), ['再読み込み', '終了']), (response) =>
        response === 0 ? ports.reload() : ports.quit(),
      );
    },
    onUnresponsive: async () => {
      await ask(box(recoveryMessages.unresponsiveTitle, recoveryMessages.unresponsive, ['再読み込み', '待つ']), (response) => {
        if (response === 0) ports.reload();
      });
    },
  };
}
