// Where a renderer's main-thread time goes, from a Chromium performance trace: scripting, style, layout, paint, GC
// and the rest, the way DevTools' summary splits it (self time of each event, so nested events are not counted twice).
import type { Browser, Page } from 'playwright-core';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'v8'];

export type Bucket = 'scripting' | 'style' | 'layout' | 'paint' | 'gc' | 'other';
export const BUCKETS: readonly Bucket[] = ['scripting', 'style', 'layout', 'paint', 'gc', 'other'];

const BUCKET_OF: Record<string, Bucket> = {
  EventDispatch: 'scripting',
  FunctionCall: 'scripting',
  TimerFire: 'scripting',
  FireAnimationFrame: 'scripting',
  FireIdleCallback: 'scripting',
  EvaluateScript: 'scripting',
  'v8.compile': 'scripting',
  'v8.compileModule': 'scripting',
  'V8.Execute': 'scripting',
  'v8.run': 'scripting',
  'v8.callFunction': 'scripting',
  RunMicrotasks: 'scripting',
  XHRReadyStateChange: 'scripting',
  'V8.DeoptimizeCode': 'scripting',
  ParseHTML: 'scripting',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ScheduleStyleRecalculation: 'style',
  InvalidateLayout: 'layout',
  Layout: 'layout',
  HitTest: 'layout',
  'IntersectionObserverController::computeIntersections': 'layout',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCIncrementalMarking': 'gc',
  'V8.GCFinalizeMC': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  'ThreadState::performIdleLazySweep': 'gc',
};

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export type Breakdown = Record<Bucket, number>;

/** Self time per bucket (ms) on the typed page's renderer main thread (CrRendererMain) for the events in the trace. */
export function breakdownOf(traceJson: string): Breakdown {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const rendererMains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The browser traces every renderer: keep the main thread(s) that received the keys (the typed page), not an idle tab's.
  const typedInto = new Set(
    events
      .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown' && rendererMains.has(`${e.pid}:${e.tid}`))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const mainThreads = typedInto.size > 0 ? typedInto : rendererMains;
  const complete = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals: Breakdown = { scripting: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 };
  // A stack of open events per thread; each event's self time is its duration less its direct children's.
  const stacks = new Map<string, { end: number; bucket: Bucket | null; self: number }[]>();
  const close = (stack: { end: number; bucket: Bucket | null; self: number }[], parentBucket: () => Bucket) => {
    const top = stack.pop()!;
    totals[top.bucket ?? parentBucket()] += top.self;
  };
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`;
    const stack = stacks.get(key) ?? [];
    stacks.set(key, stack);
    while (stack.length > 0 && stack[stack.length - 1]!.end <= e.ts) close(stack, () => inherited(stack));
    const dur = e.dur ?? 0;
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= dur;
    stack.push({ end: e.ts + dur, bucket: BUCKET_OF[e.name] ?? null, self: dur });
  }
  for (const stack of stacks.values()) while (stack.length > 0) close(stack, () => inherited(stack));
  for (const b of BUCKETS) totals[b] = Math.max(0, totals[b]) / 1000;
  return totals;
}

/** An unnamed event (a task, a V8 internal) counts as what the nearest named event around it is; 'other' at the top. */
function inherited(stack: readonly { bucket: Bucket | null }[]): Bucket {
  for (let i = stack.length - 1; i >= 0; i--) {
    const b = stack[i]!.bucket;
    if (b) return b;
  }
  return 'other';
}

/** Runs `work` under a Chromium trace of `page` and returns where the main thread's time went. */
export async function traceBreakdown(browser: Browser, page: Page, work: () => Promise<void>): Promise<Breakdown> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await work();
  const buffer = await browser.stopTracing();
  return breakdownOf(buffer.toString('utf8'));
}

export function formatBreakdown(b: Breakdown, per: number): string {
  const total = BUCKETS.reduce((sum, k) => sum + b[k], 0);
  return `${BUCKETS.map((k) => `${k} ${(b[k] / per).toFixed(2)}`).join('  ')}  total ${(total / per).toFixed(2)} ms per keystroke`;
}
