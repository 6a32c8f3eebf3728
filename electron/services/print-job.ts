// A print job's waiting, without electron: poll the hidden print page until every sheet is laid out on its page,
// reporting progress, giving up on cancel or after a time limit.

export interface PrintLayoutStatus {
  /** True once the page has set data-print-ready: every sheet fitted on its A4 page. */
  ready: boolean;
  /** Pages laid out so far, and in all. */
  fitted: number;
  total: number;
  /** The page's own message when it has nothing to print (a sheet not found, an empty 局). */
  empty: string | null;
}

/** The status script run in the hidden page; it reads only what the print view exposes. */
export const LAYOUT_STATUS_SCRIPT = `(() => ({
  ready: document.documentElement.getAttribute('data-print-ready') === 'true',
  fitted: document.querySelectorAll('.print-page[data-fitted="true"]').length,
  total: document.querySelectorAll('.print-page').length,
  empty: document.querySelector('.print-empty')?.textContent ?? null,
}))()`;

export type LayoutOutcome =
  | { status: 'ready'; pages: number }
  | { status: 'canceled' }
  | { status: 'error'; message: string };

export interface WaitOptions {
  readStatus: () => Promise<PrintLayoutStatus>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForLayout(options: WaitOptions): Promise<LayoutOutcome> {
  const { readStatus, onProgress, signal } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pollMs = options.pollMs ?? 100;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const start = now();
  let reported = -1;
  for (;;) {
    if (signal?.aborted) return { status: 'canceled' };
    const status = await readStatus();
    if (status.empty !== null && status.total === 0) return { status: 'error', message: status.empty };
    if (status.total > 0 && status.fitted !== reported) {
      reported = status.fitted;
      onProgress?.(status.fitted, status.total);
    }
    if (status.ready && status.total > 0) return { status: 'ready', pages: status.total };
    if (now() - start > timeoutMs) {
      return { status: 'error', message: '印刷の準備に時間がかかりすぎたため中止しました。シートの数を減らしてもう一度お試しください。' };
    }
    await sleep(pollMs);
  }
}
