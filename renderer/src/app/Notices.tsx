// The notice under the toolbar: an info as a status, an error as an alert, with up to 20 of a file's problems.
import type { Notice } from './useNotices';

export function Notices({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
      {notice.problems && (
        <ul>
          {notice.problems.slice(0, 20).map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onDismiss} aria-label="お知らせを閉じる">
        ×
      </button>
    </div>
  );
}
