// The toolbar's 年度 and 局 selects: every year and bureau held (a 確定済み year marked 🔒); choosing one opens that
// scope's first sheet.
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { useSheets } from '../store/context';
import { selectScopes } from '../store/selectors';
import { useScope } from './useScope';

export function ScopeSwitcher() {
  const scopes = useSheets(selectScopes);
  const lockedYears = useSheets((s) => s.lockedYears);
  const { fiscalYear, bureau, switchScope } = useScope();
  return (
    <>
      <label>
        <span className="scope-label">年度</span>
        <select value={fiscalYear} onChange={(e) => switchScope(Number(e.target.value), bureau)}>
          {scopes.fiscalYears.map((y) => (
            <option key={y} value={y}>
              {`${fiscalYearLabel(y)}${lockedYears.includes(y) ? ' 🔒 確定済み' : ''}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="scope-label">局</span>
        <select value={bureau} onChange={(e) => switchScope(fiscalYear, e.target.value)}>
          {scopes.bureaus.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
