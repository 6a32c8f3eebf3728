// Every error and warning of the chosen 年度 and 局, its sheets' and its 局運営方針's (and 未配分 notes); a click opens
// the sheet or the 局運営方針 at the field.
import { memo, useMemo, useState } from 'react';
import { severityLabel } from '../../../../shared/domain/problem';
import { policyHash } from '../../../../shared/routes';
import { navigate } from '../../app/useHashRoute';
import { useSheets } from '../../store/context';
import { PolicyEditor } from '../policy/lazy';
import { policyProblems, sheetsMap, type PolicyProblem } from '../policy/policy-edits';
import { selectScopeSheets, sheetProblems, type SheetProblem } from '../../store/selectors';
import type { SheetsState } from '../../store/sheets-store';
import { useAfterFirstPaint } from '../../hooks/useAfterFirstPaint';
import { useSummary } from '../../hooks/useSummary';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
/** Rows shown at first and added per 「さらに表示」: a bureau of thousands of sheets can have a thousand warnings. */
export const PROBLEMS_PAGE = 200;

const selectAllSheets = (s: SheetsState) => s.sheets;

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

/** How long a jump into the 局運営方針 looks for its field (the editor's chunk may still be loading). */
const POLICY_FOCUS_WAIT_MS = 5000;

/** Opens the 局運営方針 and, once it shows, focuses the field at `fieldPath` (or the first under it). */
function openPolicyAt(bureau: string, fiscalYear: number, fieldPath: string): void {
  const hash = policyHash(bureau, fiscalYear);
  navigate(hash);
  const giveUpAt = performance.now() + POLICY_FOCUS_WAIT_MS;
  const focus = () => {
    const editor = document.querySelector('[data-policy-editor]');
    const fields = editor ? Array.from(editor.querySelectorAll<HTMLElement>('[data-field-path]')) : [];
    const target = fields.find((f) => f.dataset['fieldPath'] === fieldPath) ?? fields.find((f) => (f.dataset['fieldPath'] ?? '').startsWith(fieldPath));
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
      // Until it shows, unless the user has gone elsewhere meanwhile.
    } else if (performance.now() < giveUpAt && window.location.hash === hash) requestAnimationFrame(focus);
  };
  requestAnimationFrame(focus);
}

const PolicyProblemItem = memo(function PolicyProblemItem({ problem, bureau, fiscalYear }: { problem: PolicyProblem; bureau: string; fiscalYear: number }) {
  return (
    <li className={`problem problem-${problem.severity}`}>
      <button type="button" onClick={() => openPolicyAt(bureau, fiscalYear, problem.fieldPath)} onPointerEnter={PolicyEditor.preload} onFocus={PolicyEditor.preload}>
        <span className="problem-kind">{severityLabel[problem.severity]}</span>
        <span className="problem-sheet">局運営方針</span>
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
  // Checking every sheet of the 局 waits until the list and the editor are on screen.
  if (!useAfterFirstPaint()) {
    return (
      <section className="problems-panel" aria-label="チェック結果" aria-busy="true">
        <h2>チェック</h2>
        <p className="no-problems">チェック中…</p>
      </section>
    );
  }
  return <CheckedProblems onJump={onJump} />;
});

function CheckedProblems({ onJump }: { onJump: (sheetId: string, fieldPath: string) => void }) {
  const sheets = useSummary(selectScopeSheets);
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
  // The scope's 局運営方針, checked against every sheet once typing pauses (links may reach any sheet).
  const policy = useSheets((s) => s.policies.find((p) => p.bureau === s.bureau && p.fiscalYear === s.fiscalYear));
  const allSheets = useSummary(selectAllSheets);
  const ofPolicy = useMemo(() => (policy ? policyProblems(policy, sheetsMap(allSheets)) : []), [policy, allSheets]);
  const { errors, warnings } = useMemo(() => {
    const count = (severity: SheetProblem['severity']) =>
      problems.filter(({ problem }) => problem.severity === severity).length + ofPolicy.filter((p) => p.severity === severity).length;
    return { errors: count('error'), warnings: count('warning') };
  }, [problems, ofPolicy]);
  const [limit, setLimit] = useState(PROBLEMS_PAGE);
  const hidden = problems.length - limit;
  return (
    <section className="problems-panel" aria-label="チェック結果">
      <h2>
        チェック <span className="counts">エラー {errors}・警告 {warnings}</span>
      </h2>
      {problems.length + ofPolicy.length === 0 ? (
        <p className="no-problems">問題はありません。</p>
      ) : (
        <ul>
          {problems.slice(0, limit).map(({ key, problem }) => (
            <ProblemItem key={key} problem={problem} onJump={onJump} />
          ))}
          {policy &&
            ofPolicy.map((problem, i) => (
              <PolicyProblemItem key={`policy|${problem.path}|${problem.field ?? ''}|${i}`} problem={problem} bureau={policy.bureau} fiscalYear={policy.fiscalYear} />
            ))}
        </ul>
      )}
      {hidden > 0 && (
        <button type="button" className="more-problems" onClick={() => setLimit((l) => l + PROBLEMS_PAGE)}>
          さらに表示（ほかに {hidden} 件）
        </button>
      )}
    </section>
  );
}
