import { describe, expect, it } from 'vitest';
import { waitForLayout, type PrintLayoutStatus } from '../../electron/services/print-job';

function page(statuses: PrintLayoutStatus[]) {
  let i = 0;
  return () => Promise.resolve(statuses[Math.min(i++, statuses.length - 1)]!);
}
const s = (fitted: number, total: number, ready = false, empty: string | null = null) => ({ fitted, total, ready, empty });

describe('waiting for the print layout', () => {
  it('reports each new count of laid-out pages and answers with the page count', async () => {
    const progress: string[] = [];
    const outcome = await waitForLayout({
      readStatus: page([s(0, 0), s(3, 10), s(3, 10), s(10, 10), s(10, 10, true)]),
      onProgress: (d, t) => progress.push(`${d}/${t}`),
      sleep: async () => undefined,
    });
    expect(outcome).toEqual({ status: 'ready', pages: 10 });
    expect(progress).toEqual(['3/10', '10/10']);
  });

  it('stops when canceled', async () => {
    const controller = new AbortController();
    let polls = 0;
    const outcome = await waitForLayout({
      readStatus: async () => {
        if (++polls === 3) controller.abort();
        return s(1, 10);
      },
      signal: controller.signal,
      sleep: async () => undefined,
    });
    expect(outcome).toEqual({ status: 'canceled' });
  });

  it('gives up after the time limit, with a Japanese message', async () => {
    let t = 0;
    const outcome = await waitForLayout({
      readStatus: page([s(1, 10)]),
      timeoutMs: 1000,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.message).toMatch(/時間がかかりすぎた/);
  });

  it("passes on the page's own message when there is nothing to print", async () => {
    const outcome = await waitForLayout({ readStatus: page([s(0, 0, false, 'この事務事業シートは見つかりません。')]), sleep: async () => undefined });
    expect(outcome).toEqual({ status: 'error', message: 'この事務事業シートは見つかりません。' });
  });
});
