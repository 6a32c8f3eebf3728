// Typed messages from main to the window: only the contract's events, only with a payload its schema accepts.
import type { MainEvent } from '../../../shared/ipc/channels';
import { events, type EventArgs } from '../../../shared/ipc/contract';

/** The parts of a webContents that receive a message (Electron's WebContents has them). */
export interface MessageTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Sends the contract's events to one window; the sender of an invocation, or the main window. */
export interface WindowEvents {
  /** False when nothing was sent: the window is gone, or the payload is not what the contract says. */
  send<E extends MainEvent>(event: E, ...payload: EventArgs<E>): boolean;
}

/** Whether a value can receive messages; an invocation's `sender` is checked with this where it enters. */
export function isMessageTarget(value: unknown): value is MessageTarget {
  return (
    typeof value === 'object' &&
    value !== null &&
    'send' in value &&
    typeof value.send === 'function' &&
    'isDestroyed' in value &&
    typeof value.isDestroyed === 'function'
  );
}

/**
 * Sends one event. A closed window is skipped (a job may outlive it); a payload the schema refuses is not sent, so
 * the renderer never sees a malformed progress, and the job goes on: a lost progress update is no reason to fail.
 */
export function sendEvent<E extends MainEvent>(target: MessageTarget, event: E, ...payload: EventArgs<E>): boolean {
  if (target.isDestroyed()) return false;
  const parsed = events[event].payload.safeParse(payload[0]);
  if (!parsed.success) return false;
  if (parsed.data === undefined) target.send(event);
  else target.send(event, parsed.data);
  return true;
}

/** The typed events of one window; a sender that cannot receive messages gets none (and nothing throws). */
export function windowEvents(sender: unknown): WindowEvents {
  return {
    send: (event, ...payload) => isMessageTarget(sender) && sendEvent(sender, event, ...payload),
  };
}
