// Always visible: 保存中… / 保存済み (time) / a red failure saying what to do.
import { useSaveStatus } from '../store/context';

// One formatter for the app's life (creating one per render costs more than the render itself), made at the first
// save rather than at start-up, where setting up a Japanese date formatter would delay the list.
let timeFormat: Intl.DateTimeFormat | null = null;
const formatTime = (at: Date) =>
  (timeFormat ??= new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit' })).format(at);

export function SaveIndicator() {
  const status = useSaveStatus();
  const time = status.savedAt ? formatTime(status.savedAt) : undefined;
  return (
    <span className="save-indicator-slot">
      <span className={`save-indicator save-${status.state}`} role="status" aria-live="polite" data-save-state={status.state}>
        {status.state === 'saving' && '保存中…'}
        {status.state === 'saved' && (time ? `保存済み ✓ ${time}` : '保存済み ✓')}
        {status.state === 'error' && `保存できません: ${status.message ?? ''}`}
      </span>
    </span>
  );
}
