// Main's typed messages to the window: only contract events, only valid payloads, never to a closed window.
import { describe, expect, it } from 'vitest';
import { isMessageTarget, sendEvent, windowEvents } from '../../electron/main/ipc/events';
import { CHANNELS, EVENT_LISTENERS, FLUSH_DONE, MAIN_EVENTS, type Channel } from '../../shared/ipc/channels';
import { events } from '../../shared/ipc/contract';

function fakeWindow(destroyed = false) {
  const sent: unknown[][] = [];
  return { sent, target: { send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]), isDestroyed: () => destroyed } };
}

describe('sendEvent', () => {
  it('sends progress with exactly the contract payload, and a payload-less event with no argument', () => {
    const { sent, target } = fakeWindow();
    expect(sendEvent(target, 'excel:progress', { done: 35, total: 120 })).toBe(true);
    expect(sendEvent(target, 'window:flush-request')).toBe(true);
    expect(sent).toEqual([['excel:progress', { done: 35, total: 120 }], ['window:flush-request']]);
  });

  it('does not send a payload the schema refuses', () => {
    const { sent, target } = fakeWindow();
    expect(sendEvent(target, 'print:progress', { done: 1.5, total: 3 })).toBe(false);
    expect(sendEvent(target, 'print:progress', { done: -1, total: 3 })).toBe(false);
    // Past the types, as a bug would be: an extra field is refused too (the schema is strict).
    expect(sendEvent(target, 'print:progress', { done: 1, total: 3, path: 'C:\\' } as never)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('sends nothing to a closed window', () => {
    const { sent, target } = fakeWindow(true);
    expect(sendEvent(target, 'excel:progress', { done: 1, total: 1 })).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('windowEvents', () => {
  it('sends to an invocation sender that can receive messages, and quietly to nothing otherwise', () => {
    const { sent, target } = fakeWindow();
    expect(windowEvents(target).send('excel:progress', { done: 1, total: 2 })).toBe(true);
    expect(sent).toEqual([['excel:progress', { done: 1, total: 2 }]]);
    for (const sender of [null, undefined, { id: 1 }, { send: 'x', isDestroyed: () => false }]) {
      expect(isMessageTarget(sender)).toBe(false);
      expect(windowEvents(sender).send('excel:progress', { done: 1, total: 2 })).toBe(false);
    }
  });
});

describe('the events contract', () => {
  it('has a payload schema for every event named in channels.ts, each distinct from the calls', () => {
    expect(Object.keys(events).sort()).toEqual([...MAIN_EVENTS].sort());
    expect(new Set(Object.values(EVENT_LISTENERS)).size).toBe(MAIN_EVENTS.length);
    for (const name of [...MAIN_EVENTS, FLUSH_DONE]) {
      expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
      expect(CHANNELS).not.toContain(name as Channel);
    }
  });
});
