// Every error and warning of the chosen 年度 and 局 (and 未配分 notes); a click opens the sheet at the field.
import { useMemo } from 'react';
import { severityLabel } from '../../../../shared/domain/problem';
import { useSheets } from '../../store/context';
import { selectScopeSheets, sheetProblems, type SheetProblem } from '../../store/selectors';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function ProblemsPanel({ onJump }: { onJump: (sheetId: string, fieldPath: string) => void }) {
  const sheets = useSheets(selectScopeSheets);
  const problems = useMemo(() => {
    const all: (SheetProblem & { sheetName: string })[] = [];
    for (const sheet of sheets) for (const p of sheetProblems(sheet)) all.push({ ...p, sheetName: sheet.name || '（名称未入力）' });
    return all.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  }, [sheets]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return (
    <section className="problems-panel" aria-label="チェック結果">
      <h2>
        チェック <span className="counts">エラー {errors}・警告 {warnings}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="no-problems">問題はありません。</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.sheetId}-${p.path}-${i}`} className={`problem problem-${p.severity}`}>
              <button type="button" onClick={() => onJump(p.sheetId, p.fieldPath)}>
                <span className="problem-kind">{severityLabel[p.severity]}</span>
                <span className="problem-sheet">{p.sheetName}</span>
                <span className="problem-message">
                  {p.field ? `${p.field}: ` : ''}
                  {p.message}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
