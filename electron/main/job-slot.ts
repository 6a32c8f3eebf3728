// One job at a time, cancellable, with throttled progress: the pattern behind excel:export/cancel and print:*/cancel.
// No electron import: handlers get a slot from their factory, tests drive it directly.

export type ProgressReport = (done: number, total: number) => void;

/** What a job is given: the signal `cancel()` aborts, and where to report progress (throttled on the way out). */
export type JobWork<R> = (signal: AbortSignal, progress: ProgressReport) => Promise<R>;

export interface JobSlot<B> {
  /**
   * Runs `work` unless a job is running already, in which case it answers the busy value at once and `work` never
   * runs. The slot is free again when `work` settles, whether it resolved or threw (the error is rethrown).
   * `onProgress` receives at most about `maxProgressUpdates` reports per job, always including the last one.
   */
  run<R>(work: JobWork<R>, onProgress?: ProgressReport): Promise<R | B>;
  /** Aborts the running job's signal; false when none was running. */
  cancel(): boolean;
  readonly busy: boolean;
}

export interface JobSlotOptions<B> {
  /** The answer while a job is running (a Japanese message saying to wait). */
  busy: () => B;
  /** About this many progress updates per job whatever its size (`35 / 120 シート`); 100 unless told. */
  maxProgressUpdates?: number;
}

/**
 * A progress report that passes about `maxUpdates` of the calls: every `total / maxUpdates`-th, and the last one.
 * A window redrawn a thousand times for a thousand sheets would only slow the export down.
 */
export function throttleProgress(report: ProgressReport, maxUpdates: number): ProgressReport {
  return (done, total) => {
    const step = Math.max(1, Math.floor(total / maxUpdates));
    if (done % step === 0 || done === total) report(done, total);
  };
}

export function createJobSlot<B>(options: JobSlotOptions<B>): JobSlot<B> {
  const maxUpdates = options.maxProgressUpdates ?? 100;
  let running: AbortController | null = null;
  return {
    async run<R>(work: JobWork<R>, onProgress?: ProgressReport): Promise<R | B> {
      if (running) return options.busy();
      const controller = new AbortController();
      running = controller;
      const report = onProgress ? throttleProgress(onProgress, maxUpdates) : () => undefined;
      try {
        return await work(controller.signal, report);
      } finally {
        if (running === controller) running = null;
      }
    },
    cancel() {
      const job = running;
      job?.abort();
      return job !== null;
    },
    get busy() {
      return running !== null;
    },
  };
}
