// One job at a time: busy answers, cancel, the slot freed on throw, progress thinned to about a hundred updates.
import { describe, expect, it } from 'vitest';
import { createJobSlot, throttleProgress } from '../../electron/main/job-slot';

const BUSY = { status: 'error', message: '実行中です。' } as const;

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createJobSlot', () => {
  it('answers busy while a job runs, without running the second; runs again once the first is done', async () => {
    const slot = createJobSlot({ busy: () => BUSY });
    const first = deferred<string>();
    const running = slot.run(() => first.promise);
    expect(slot.busy).toBe(true);
    let secondRan = false;
    await expect(
      slot.run(async () => {
        secondRan = true;
        return 'second';
      }),
    ).resolves.toEqual(BUSY);
    expect(secondRan).toBe(false);
    first.resolve('first');
    await expect(running).resolves.toBe('first');
    expect(slot.busy).toBe(false);
    await expect(slot.run(async () => 'third')).resolves.toBe('third');
  });

  it('cancel aborts the running job and says so; with nothing running it says false', async () => {
    const slot = createJobSlot({ busy: () => BUSY });
    expect(slot.cancel()).toBe(false);
    const running = slot.run(
      (signal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('canceled'))),
    );
    expect(slot.cancel()).toBe(true);
    await expect(running).resolves.toBe('canceled');
    expect(slot.cancel()).toBe(false);
  });

  it('a cancel after a job has finished does not reach the next one', async () => {
    const slot = createJobSlot({ busy: () => BUSY });
    await slot.run(async () => 'done');
    expect(slot.cancel()).toBe(false);
    await expect(slot.run(async (signal) => signal.aborted)).resolves.toBe(false);
  });

  it('frees the slot when the job throws, and passes the error on', async () => {
    const slot = createJobSlot({ busy: () => BUSY });
    await expect(slot.run(async () => Promise.reject(new Error('壊れた')))).rejects.toThrow('壊れた');
    expect(slot.busy).toBe(false);
    await expect(slot.run(async () => 'again')).resolves.toBe('again');
  });

  it('reports progress to the given listener, thinned to about a hundred updates and always the last', async () => {
    const slot = createJobSlot({ busy: () => BUSY });
    const seen: Array<[number, number]> = [];
    await slot.run(
      async (_signal, progress) => {
        for (let done = 0; done <= 1500; done += 1) progress(done, 1500);
      },
      (done, total) => seen.push([done, total]),
    );
    expect(seen.length).toBeGreaterThanOrEqual(100);
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen.at(-1)).toEqual([1500, 1500]);
  });
});

describe('throttleProgress', () => {
  it.each([
    // total, updates passed
    [10, 11], // every sheet, 0 to 10
    [99, 100],
    [250, 126], // every second, 0 … 250
    [1001, 102], // every tenth, and the last
  ])('of %i sheets passes %i updates', (total, expected) => {
    const seen: number[] = [];
    const report = throttleProgress((done) => seen.push(done), 100);
    for (let done = 0; done <= total; done += 1) report(done, total);
    expect(seen).toHaveLength(expected);
    expect(seen.at(-1)).toBe(total);
  });
});
