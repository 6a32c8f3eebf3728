// Failures as plain data: which ones the user must hear about, the words of the notice, and the 詳細をコピー report.
import type { SaveState } from '../persistence/autosave';

/** Any thrown value, reduced to what a report can print. */
export interface FailureDetails {
  name: string;
  message: string;
  stack: string | null;
  cause: FailureDetails | null;
}

/** One failure as caught: where (in the user's words), what was thrown, when, and React's component stack if any. */
export interface CaughtFailure {
  where: string;
  reason: unknown;
  time: Date;
  componentStack?: string | null;
}

export interface FailureReportInput {
  appVersion: string | null;
  route: string;
  userAgent: string;
  failures: readonly CaughtFailure[];
}

// A report is pasted into a mail or a ticket: long enough to find the bug, short enough to paste anywhere.
const MAX_MESSAGE_CHARS = 2_000;
const MAX_STACK_CHARS = 6_000;
const MAX_FAILURES_IN_REPORT = 5;
const MAX_CAUSE_DEPTH = 3;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…（以下省略）` : text;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Errors, DOMExceptions, strings, plain objects and nothing at all: a rejection can carry any value. */
export function describeFailure(reason: unknown, depth = 0): FailureDetails {
  if (reason instanceof Error || (typeof reason === 'object' && reason !== null && 'message' in reason)) {
    const r = reason as { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
    const cause = r.cause !== undefined && depth < MAX_CAUSE_DEPTH ? describeFailure(r.cause, depth + 1) : null;
    return {
      name: stringOr(r.name, 'Error'),
      message: clip(typeof r.message === 'string' ? r.message : String(r.message), MAX_MESSAGE_CHARS),
      stack: typeof r.stack === 'string' && r.stack !== '' ? clip(r.stack, MAX_STACK_CHARS) : null,
      cause,
    };
  }
  if (typeof reason === 'string') return { name: 'string', message: clip(reason, MAX_MESSAGE_CHARS), stack: null, cause: null };
  if (reason === undefined || reason === null) return { name: String(reason), message: '', stack: null, cause: null };
  let text: string;
  try {
    text = JSON.stringify(reason) ?? String(reason);
  } catch {
    // Cyclic objects and BigInts cannot be serialised; their type is still worth reporting.
    text = Object.prototype.toString.call(reason);
  }
  return { name: typeof reason, message: clip(text, MAX_MESSAGE_CHARS), stack: null, cause: null };
}

/** What a window `error` or `unhandledrejection` event carried, as plain data. */
export interface GlobalFailureEvent {
  /** ErrorEvent.message; absent for a rejection. */
  message?: string;
  /** ErrorEvent.error or PromiseRejectionEvent.reason. */
  reason: unknown;
}

const RESIZE_OBSERVER_LOOP = /^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/;

/**
 * Failures that cost the user nothing and must not alarm them:
 * - ResizeObserver's loop warning: the browser only postponed a resize notification to the next frame;
 * - AbortError: an operation we (or the user, with 中止) cancelled on purpose;
 * - "Script error." without an error: a cross-origin script (a browser extension in web mode); our own scripts are
 *   same-origin and always give the error itself, so this carries nothing of ours.
 */
export function isBenignFailure(event: GlobalFailureEvent): boolean {
  const details = event.reason === undefined || event.reason === null ? null : describeFailure(event.reason);
  const message = event.message ?? details?.message ?? '';
  if (RESIZE_OBSERVER_LOOP.test(message) || (details !== null && RESIZE_OBSERVER_LOOP.test(details.message))) return true;
  if (details?.name === 'AbortError') return true;
  if (event.message === 'Script error.' && details === null) return true;
  return false;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local time with its offset, as the user's clock showed it: `2015-04-01 09:30:05 (UTC+09:00)`. */
export function formatReportTime(time: Date): string {
  const offset = -time.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ` +
    `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())} ` +
    `(UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
  );
}

function detailLines(details: FailureDetails, indent: string): string[] {
  const lines = [`${indent}エラー: ${details.name}${details.message ? `: ${details.message}` : ''}`];
  if (details.stack) lines.push(`${indent}スタック:`, ...details.stack.split('\n').map((l) => `${indent}  ${l.trim()}`));
  if (details.cause) lines.push(`${indent}原因:`, ...detailLines(details.cause, `${indent}  `));
  return lines;
}

/** The plain text 詳細をコピー puts on the clipboard, for the user to paste into a mail to whoever supports the app. */
export function buildFailureReport(input: FailureReportInput): string {
  const shown = input.failures.slice(-MAX_FAILURES_IN_REPORT);
  const lines = [
    '予算デスク 不具合の詳細',
    `バージョン: ${input.appVersion ?? '不明'}`,
    `画面: ${input.route === '' ? '#/' : input.route}`,
    `ブラウザ: ${input.userAgent}`,
  ];
  if (input.failures.length > shown.length) lines.push(`（ほかに古い ${input.failures.length - shown.length} 件は省略）`);
  shown.forEach((failure, i) => {
    lines.push('', shown.length > 1 ? `[${i + 1}] ${failure.where}` : `場所: ${failure.where}`);
    lines.push(`日時: ${formatReportTime(failure.time)}`);
    lines.push(...detailLines(describeFailure(failure.reason), ''));
    const componentStack = failure.componentStack?.trim();
    if (componentStack) lines.push('画面部品:', ...componentStack.split('\n').map((l) => `  ${l.trim()}`));
  });
  return `${lines.join('\n')}\n`;
}

/** The notice's words, the same for a pane and for the whole window. */
export const failureMessages = {
  /** Said only while it is true: a failed autosave (the red indicator) must not be contradicted. */
  saved: (state: SaveState): string =>
    state === 'error'
      ? '保存できていない入力があります。画面上部の保存の表示を確かめてください。'
      : '入力内容は自動保存されています。',
  paneWhatToDo: '「もう一度表示」を押してください。直らないときは「再読み込み」を押してください。',
  globalTitle: '予期しない問題が起きました。',
  globalWhatToDo: '画面の表示や動きがおかしいときは「再読み込み」を押してください。',
  reportHint: '何度も起きるときは「詳細をコピー」を押し、貼り付けて担当者に送ってください。',
  copied: '詳細をコピーしました。メールなどに貼り付けて担当者に送ってください。',
  copyRefused: 'クリップボードにコピーできませんでした。下の枠をクリックし、Ctrl+A で全体を選んでから Ctrl+C でコピーしてください。',
  reloading: '保存してから再読み込みします…',
  reloadHeld:
    '保存できていない入力があるため、再読み込みを止めました（再読み込みするとその入力は失われます）。保存の表示が「保存済み」になってから、もう一度押してください。',
  reloadAnyway: '保存せずに再読み込み',
} as const;
