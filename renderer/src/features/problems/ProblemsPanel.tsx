// Every error and warning of the chosen 年度 and 局 (and 未配分 notes); a click opens the sheet at the field.
import { memo, useMemo } from 'react';
import { severityLabel } from '../../../../shared/domain/problem';
import { useSheets } from '../../store/context';
import { selectScopeSheets, sheetProblems, type SheetProblem } from '../../store/selectors';
import { useSummaryValue } from '../../hooks/useSummaryValue';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Same problem object in, same decorated object out: memoised rows then skip unchanged problems. */
const namedCache = new WeakMap<SheetProblem, SheetProblem & { sheetName: string }>();
function named(problem: SheetProblem, sheetName: string): SheetProblem & { sheetName: string } {
  let out = namedCache.get(problem);
  if (!out) {
    out = { ...problem, sheetName: sheetName || '（名称未入力）' };
    namedCache.set(problem, out);
  }
  return out;
}

const ProblemItem = memo(function ProblemItem({ problem, onJump }: { problem: SheetProblem & { sheetName: string }; onJump: (sheetId: string, fieldPath: string) => void }) {
  return (
    <li className={`problem problem-${problem.severity}`}>
      <button type="button" onClick={() => onJump(problem.sheetId, problem.fieldPath)}>
        <span className="problem-kind">{severityLabel[problem.severity]}</span>
        <span className="problem-sheet">{problem.sheetName}</span>
        <span className="problem-message">
          {problem.field ? `${problem.field}: ` : ''}
          {problem.message}
        </span>
      </button>
    </li>
  );
});

/** Memoised, and fed the list once typing pauses: a keystroke paints the editor first, the panel follows when idle. */
export const ProblemsPanel = memo(function ProblemsPanel({ onJump }: { onJump: (sheetId: string, fieldPath: string) => void }) {
  const sheets = useSummaryValue(useSheets(selectScopeSheets));
  const problems = useMemo(() => {
    const all: (SheetProblem & { sheetName: string })[] = [];
    for (const sheet of sheets) for (const p of sheetProblems(sheet)) all.push(named(p, sheet.name));
    all.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
    // Keys from what the problem is, not where it stands: a new warning must not remount every row below it.
    const seen = new Map<string, number>();
    return all.map((p) => {
      const base = `${p.sheetId}|${p.path}|${p.field ?? ''}|${p.severity}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { key: n === 0 ? base : `${base}|${n}`, problem: p };
    });
  }, [sheets]);
  const errors = problems.filter(({ problem }) => problem.severity === 'error').length;
  const warnings = problems.filter(({ problem }) => problem.severity === 'warning').length;
  return (
    <section className="problems-panel" aria-label="チェック結果">
      <h2>
        チェック <span className="counts">エラー {errors}・警告 {warnings}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="no-problems">問題はありません。</p>
      ) : (
        <ul>
          {problems.map(({ key, problem }) => (
            <ProblemItem key={key} problem={problem} onJump={onJump} />
          ))}
        </ul>
      )}
    </section>
  );
});
