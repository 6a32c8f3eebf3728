// The window's shortcuts of UX.md: Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, Ctrl+S save, Ctrl+F search, Ctrl+P print.
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  undo: () => void;
  redo: () => void;
  save: () => void;
  find: () => void;
  print: () => void;
}

/**
 * Undo/redo take over from the browser's own, so the store and the fields stay in step. Nothing fires while the IME
 * is composing. The listener is added once and calls the latest handlers.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || event.keyCode === 229) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      const on = latest.current;
      if (key === 'z' && !event.shiftKey) on.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') on.redo();
      else if (key === 's') on.save();
      else if (key === 'f') on.find();
      else if (key === 'p') on.print();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
