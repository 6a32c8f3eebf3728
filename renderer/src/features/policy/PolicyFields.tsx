// Small fields of the 局運営方針 screen: a figure that follows a sheet (read-only, opens it).
import { formatAmount } from '../../../../shared/domain/money';
import { sheetHash } from '../../../../shared/routes';
import { navigate } from '../../app/useHashRoute';

/** A figure that follows a sheet or one of its 主な事業: read-only here; a click opens its source. */
export function LinkedFigure({ label, value, sheetId, bracket }: { label: string; value: number | null; sheetId: string; bracket?: boolean }) {
  const text = formatAmount(value) || '—';
  return (
    <button type="button" className="linked-figure" aria-label={label} title="連動元のシートを開く" onClick={() => navigate(sheetHash(sheetId))}>
      {bracket ? `(${text})` : text}
    </button>
  );
}
