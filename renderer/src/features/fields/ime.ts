// IME awareness: while a composition is in progress, nothing is parsed, committed, reformatted or moved.
import type { KeyboardEvent } from 'react';

/** True while the IME is composing (Chromium reports keyCode 229 for keys the IME consumes). */
export function isComposingKey(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/** Enter in a single-line field moves to the next field, like Tab, but never while the IME is composing. */
export function enterMovesOn(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'Enter' || isComposingKey(event) || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  const form = event.currentTarget.closest('[data-field-scope]') ?? document.body;
  const fields = Array.from(
    form.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])'),
  ).filter((el) => el.tabIndex >= 0);
  const at = fields.indexOf(event.currentTarget);
  const next = fields[event.shiftKey ? at - 1 : at + 1];
  next?.focus();
}
