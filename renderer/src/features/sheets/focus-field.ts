// Finding a field of the open sheet editor by its data attributes (never by CSS classes), to focus it.

/** The open editor's field at `fieldPath`, or else the first field under it (`specificFunding` → its first line). */
export function findField(fieldPath: string): HTMLElement | null {
  const editor = document.querySelector('[data-sheet-editor]');
  if (!editor) return null;
  const fields = Array.from(editor.querySelectorAll<HTMLElement>('[data-field-path]'));
  return (
    fields.find((f) => f.dataset['fieldPath'] === fieldPath) ??
    fields.find((f) => (f.dataset['fieldPath'] ?? '').startsWith(fieldPath)) ??
    null
  );
}

/** Focuses the field at `fieldPath` (see findField) and scrolls it to the middle; false when there is none. */
export function focusField(fieldPath: string): boolean {
  const target = findField(fieldPath);
  if (!target) return false;
  target.focus();
  target.scrollIntoView({ block: 'center' });
  return true;
}
