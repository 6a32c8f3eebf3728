// The pure half of the failure surfaces: which failures are benign, the notice's words, the 詳細をコピー report.
import { describe, expect, it } from 'vitest';
import {
  buildFailureReport,
  describeFailure,
  failureMessages,
  formatReportTime,
  isBenignFailure,
  type FailureReportInput,
} from '../../renderer/src/app/failure-report';

// Built from local fields, so the expected text holds in any time zone the tests run in.
const time = new Date(2015, 3, 1, 9, 30, 5);

function input(overrides: Partial<FailureReportInput> = {}): FailureReportInput {
  return {
    appVersion: '0.1.0',
    route: '#/sheet/5a1e0000-0000-4000-8000-000000000008',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140',
    failures: [{ where: '事務事業シート', reason: new TypeError("Cannot read properties of undefined (reading 'amount')"), time }],
    ...overrides,
  };
}

describe('describeFailure: any thrown value becomes something printable', () => {
  it('an Error keeps its name, message, stack and cause chain', () => {
    const error = new RangeError('bad', { cause: new Error('root') });
    const details = describeFailure(error);
    expect(details.name).toBe('RangeError');
    expect(details.message).toBe('bad');
    expect(details.stack).toContain('RangeError: bad');
    expect(details.cause?.message).toBe('root');
  });

  it('strings, null, undefined, plain and cyclic objects do not throw', () => {
    expect(describeFailure('文字列で投げた')).toEqual({ name: 'string', message: '文字列で投げた', stack: null, cause: null });
    expect(describeFailure(null).name).toBe('null');
    expect(describeFailure(undefined).name).toBe('undefined');
    expect(describeFailure({ code: 42 })).toMatchObject({ name: 'object', message: '{"code":42}' });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(describeFailure(cyclic)).toMatchObject({ name: 'object', message: '[object Object]' });
    expect(describeFailure(10n)).toMatchObject({ name: 'bigint', message: '[object BigInt]' });
  });

  it('an object with a message (a DOMException, an IndexedDB error) is read like an Error', () => {
    expect(describeFailure(new DOMException('The transaction was aborted', 'AbortError'))).toMatchObject({
      name: 'AbortError',
      message: 'The transaction was aborted',
    });
    expect(describeFailure({ name: 'QuotaExceededError', message: 'full' })).toMatchObject({ name: 'QuotaExceededError', message: 'full' });
  });

  it('a cause chain that points at itself stops after a few levels', () => {
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    let depth = 0;
    for (let d = describeFailure(error).cause; d; d = d.cause) depth++;
    expect(depth).toBe(3);
  });

  it('a huge message and stack are clipped', () => {
    const error = new Error('x'.repeat(10_000));
    error.stack = 'y'.repeat(20_000);
    const details = describeFailure(error);
    expect(details.message.length).toBeLessThan(2_100);
    expect(details.message.endsWith('…（以下省略）')).toBe(true);
    expect(details.stack!.length).toBeLessThan(6_100);
  });
});

describe('isBenignFailure: what must not alarm the user', () => {
  it("ResizeObserver's loop messages (both wordings) are benign", () => {
    expect(isBenignFailure({ message: 'ResizeObserver loop completed with undelivered notifications.', reason: null })).toBe(true);
    expect(isBenignFailure({ message: 'ResizeObserver loop limit exceeded', reason: null })).toBe(true);
    expect(isBenignFailure({ reason: new Error('ResizeObserver loop completed with undelivered notifications.') })).toBe(true);
  });

  it('an AbortError (a cancelled operation) is benign', () => {
    expect(isBenignFailure({ reason: new DOMException('The user aborted a request.', 'AbortError') })).toBe(true);
  });

  it('"Script error." without an error (a cross-origin script) is benign; with one it is not', () => {
    expect(isBenignFailure({ message: 'Script error.', reason: null })).toBe(true);
    expect(isBenignFailure({ message: 'Script error.', reason: new Error('Script error.') })).toBe(false);
  });

  it('real failures are not benign: errors, rejections with any value, a message mentioning ResizeObserver elsewhere', () => {
    expect(isBenignFailure({ message: 'Uncaught TypeError: x is undefined', reason: new TypeError('x is undefined') })).toBe(false);
    expect(isBenignFailure({ reason: new Error('IndexedDB write failed') })).toBe(false);
    expect(isBenignFailure({ reason: undefined })).toBe(false);
    expect(isBenignFailure({ reason: 'a string' })).toBe(false);
    expect(isBenignFailure({ reason: new Error('our ResizeObserver loop crashed') })).toBe(false);
    expect(isBenignFailure({ reason: new DOMException('quota', 'QuotaExceededError') })).toBe(false);
  });
});

describe('buildFailureReport: the text 詳細をコピー puts on the clipboard', () => {
  it('holds the version, the time, the route, the error and the browser, in that order', () => {
    const report = buildFailureReport(input());
    const lines = report.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '予算デスク 不具合の詳細',
      'バージョン: 0.1.0',
      '画面: #/sheet/5a1e0000-0000-4000-8000-000000000008',
      'ブラウザ: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140',
    ]);
    expect(report).toContain('場所: 事務事業シート');
    expect(report).toMatch(/日時: 2015-04-01 09:30:05 \(UTC[+-]\d\d:\d\d\)/);
    expect(report).toContain("エラー: TypeError: Cannot read properties of undefined (reading 'amount')");
    expect(report).toContain('スタック:');
    expect(report.endsWith('\n')).toBe(true);
  });

  it('no version and no hash are said plainly', () => {
    const report = buildFailureReport(input({ appVersion: null, route: '' }));
    expect(report).toContain('バージョン: 不明');
    expect(report).toContain('画面: #/');
  });

  it("includes React's component stack when a boundary caught the failure", () => {
    const report = buildFailureReport(
      input({ failures: [{ where: 'シート一覧', reason: new Error('x'), time, componentStack: '\n    at SheetList\n    at ErrorBoundary' }] }),
    );
    expect(report).toContain('画面部品:\n  at SheetList\n  at ErrorBoundary');
  });

  it('several failures are numbered, the newest five kept, the rest counted', () => {
    const failures = Array.from({ length: 7 }, (_, i) => ({ where: '画面全体', reason: new Error(`failure ${i}`), time }));
    const report = buildFailureReport(input({ failures }));
    expect(report).toContain('（ほかに古い 2 件は省略）');
    expect(report).not.toContain('failure 1\n');
    expect(report).toContain('[1] 画面全体');
    expect(report).toContain('[5] 画面全体');
    expect(report).toContain('エラー: Error: failure 6');
    expect(report).not.toContain('エラー: Error: failure 1');
  });

  it('a rejection with a non-Error value and a cause chain are both reported', () => {
    const withCause = new Error('保存に失敗', { cause: new DOMException('disk full', 'QuotaExceededError') });
    const report = buildFailureReport(
      input({ failures: [{ where: 'a', reason: 42, time }, { where: 'b', reason: withCause, time }] }),
    );
    expect(report).toContain('エラー: number: 42');
    expect(report).toMatch(/原因:\n {2}エラー: QuotaExceededError: disk full/);
  });
});

describe('formatReportTime', () => {
  it('is the local clock with its UTC offset', () => {
    const offset = -time.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    expect(formatReportTime(time)).toBe(`2015-04-01 09:30:05 (UTC${sign}${hh}:${mm})`);
  });
});

describe('the notice never claims a save that failed', () => {
  it('says 自動保存されています while saved or saving, and says otherwise after a failed save', () => {
    expect(failureMessages.saved('saved')).toBe('入力内容は自動保存されています。');
    expect(failureMessages.saved('saving')).toBe('入力内容は自動保存されています。');
    expect(failureMessages.saved('error')).not.toContain('自動保存されています');
    expect(failureMessages.saved('error')).toContain('保存できていない入力があります');
  });

  it('every message is Japanese (apart from key names, no ASCII word: no English leaks to the user)', () => {
    for (const text of Object.values(failureMessages).map((m) => (typeof m === 'function' ? m('error') + m('saved') : m))) {
      expect(text.replace(/Ctrl\+[A-Z]/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
