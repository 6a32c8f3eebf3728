// 削除済み: sheets deleted in this project, restorable until the list is emptied.
import { formatAmount } from '../../../shared/domain/money';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { useSheets } from '../store/context';

export function TrashPanel({ onRestore, onEmpty, onClose }: { onRestore: (id: string) => void; onEmpty: () => void; onClose: () => void }) {
  const deleted = useSheets((s) => s.deleted);
  const entries = Object.entries(deleted).sort(([, a], [, b]) => (a.deletedAt < b.deletedAt ? 1 : -1));
  return (
    <section className="trash-panel" aria-label="削除済み">
      <header>
        <h2>削除済み（{entries.length}件）</h2>
        <button type="button" onClick={onClose}>
          閉じる
        </button>
      </header>
      {entries.length === 0 ? (
        <p>削除済みのシートはありません。</p>
      ) : (
        <>
          <ul>
            {entries.map(([id, { sheet, deletedAt }]) => (
              <li key={id}>
                <span className="trash-name">{sheet.name || '（名称未入力）'}</span>
                <span className="trash-meta">
                  {sheet.org.bureau} {fiscalYearLabel(sheet.fiscalYear)} 予算額 {formatAmount(sheet.amount) || '未入力'}・
                  {new Date(deletedAt).toLocaleString('ja-JP')} 削除
                </span>
                <button type="button" onClick={() => onRestore(id)} aria-label={`「${sheet.name || '名称未入力'}」を元に戻す`}>
                  元に戻す
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="danger" onClick={onEmpty}>
            削除済みを空にする
          </button>
        </>
      )}
    </section>
  );
}
