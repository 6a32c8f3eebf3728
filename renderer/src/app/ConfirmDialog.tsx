// A modal question in plain Japanese (the native <dialog>: focus is trapped and Esc cancels).
import { useEffect, useRef } from 'react';

export interface Confirmation {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
}

export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) dialog.showModal();
    if (!confirmation && dialog.open) dialog.close();
  }, [confirmation]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="confirm-title" onClose={onClose}>
      {confirmation && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            confirmation.onConfirm();
            onClose();
          }}
        >
          <h2 id="confirm-title">{confirmation.title}</h2>
          <p>{confirmation.message}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={onClose} autoFocus>
              キャンセル
            </button>
            <button type="submit" className="danger">
              {confirmation.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
