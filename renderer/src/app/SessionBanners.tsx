// Banners about this window's data: read-only because another window edits (with 編集を引き継ぐ), the 年度 shown is
// 確定済み (with 確定を解除), and records that were kept aside on load because they failed validation (with how to get
// them back).
import { useState } from 'react';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { useServices, useSheets } from '../store/context';
import { isYearLocked } from '../store/document';

export function ReadOnlyBanner() {
  const { takeOver } = useServices();
  const reason = useSheets((s) => s.readOnly);
  const [busy, setBusy] = useState(false);
  if (reason === null) return null;
  return (
    <div className="notice notice-info read-only-banner" role="status" data-read-only-banner>
      <p>{reason}</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void takeOver().finally(() => setBusy(false));
        }}
      >
        {busy ? '引き継いでいます…' : '編集を引き継ぐ'}
      </button>
    </div>
  );
}

/** The 年度 shown is 確定済み: everything of it is read-only until the lock is lifted on purpose (asks once). */
export function YearLockedBanner({ onUnlock }: { onUnlock: () => void }) {
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const locked = useSheets((s) => isYearLocked(s, s.fiscalYear));
  const windowReadOnly = useSheets((s) => s.readOnly !== null);
  if (!locked) return null;
  return (
    <div className="notice notice-info year-locked-banner" role="status" data-year-locked-banner>
      <p>🔒 {fiscalYearLabel(fiscalYear)}は確定済みのため閲覧のみです。</p>
      <button type="button" onClick={onUnlock} disabled={windowReadOnly}>
        確定を解除
      </button>
    </div>
  );
}

export function SetAsideNotice() {
  const { store, exportSetAside } = useServices();
  const records = useSheets((s) => s.setAside);
  if (records.length === 0) return null;
  const names = records
    .slice(0, 5)
    .map((r) => r.label)
    .join('、');
  const more = records.length > 5 ? ` ほか ${records.length - 5} 件` : '';
  return (
    <div className="notice notice-error" role="alert" data-set-aside-notice>
      <p>
        保存データのうち {records.length} 件（{names}
        {more}）は形式が正しくないため読み込まず、別に保管しました（削除はしていません）。「保管データを書き出す」でファイルに保存し、内容を確かめて入力し直すか、システム担当者に渡してください。
      </p>
      <ul>
        {records.slice(0, 5).map((r) => (
          <li key={r.label}>
            {r.label}: {r.problems.slice(0, 3).join(' / ')}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void exportSetAside()}>
        保管データを書き出す
      </button>
      <button type="button" onClick={() => store.getState().setSetAside([])} aria-label="お知らせを閉じる">
        ×
      </button>
    </div>
  );
}
