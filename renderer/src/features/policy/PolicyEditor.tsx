// The 局運営方針 screen of a 局 and 年度 (`#/policy/<局名>?year=<FY>`), laid out like the seed's pages: 1. 主な現状と課題,
// 2. 基本方針・区分別主要事業 (tables of key programs, typed or following sheets), 3. 見直し事業一覧 with its total.
import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import { formatSaving, numberedPrograms, reviewsTotal } from '../../../../shared/domain/policy';
import type { Policy, Review } from '../../../../shared/domain/schema';
import { fiscalYearLabel, shortFiscalYearLabel } from '../../../../shared/domain/wareki';
import { useServices, useSheets } from '../../store/context';
import { isYearLocked } from '../../store/document';
import { sheetsOfScope } from '../../store/selectors';
import { AmountInput } from '../fields/AmountInput';
import { TextArea, TextInput } from '../fields/TextInput';
import { HistoryButton } from '../history/HistoryButton';
import { moveItem, removeItem, setAtPath } from './policy-edits';
import { linkOptions } from './link-options';
import { markListKey, markListOf } from './marks';
import { GoalSection, type FieldCommit, type PolicyEdit } from './ProgramTable';

type IssueSection = Policy['issues']['sections'][number];

export function PolicyEditor({ bureau, fiscalYear }: { bureau: string; fiscalYear: number }) {
  const { store } = useServices();
  // The policy object only: it changes when the policy is edited, never on a sheet keystroke.
  const policy = useSheets((s) => s.policies.find((p) => p.bureau === bureau && p.fiscalYear === fiscalYear));
  // Read-only when another window edits, or when the 年度 is 確定済み (the banner above offers 確定を解除).
  const readOnly = useSheets((s) => s.readOnly !== null || isYearLocked(s, fiscalYear));
  const title = `${bureau} ${fiscalYearLabel(fiscalYear)} 局運営方針（案）`;
  if (!policy) {
    return (
      <div className="editor-empty policy-empty" role="status">
        <p>{title}はまだありません。</p>
        <button type="button" disabled={readOnly} onClick={() => store.getState().createPolicy(bureau, fiscalYear)}>
          局運営方針を作成
        </button>
      </div>
    );
  }
  return <PolicyDocument policy={policy} title={title} readOnly={readOnly} />;
}

function PolicyDocument({ policy, title, readOnly }: { policy: Policy; title: string; readOnly: boolean }) {
  const { store } = useServices();
  const id = policy.id;
  const canUndo = useSheets((s) => (s.policyHistory[id]?.past.length ?? 0) > 0);
  const canRedo = useSheets((s) => (s.policyHistory[id]?.future.length ?? 0) > 0);
  const onEdit = useCallback<PolicyEdit>((edit, key) => void store.getState().updatePolicy(id, edit, key), [store, id]);
  const onCommit = useCallback<FieldCommit>((path, value) => onEdit((p) => setAtPath(p, path, value), path), [onEdit]);
  const undo = useCallback(() => void store.getState().undoPolicy(id), [store, id]);
  const redo = useCallback(() => void store.getState().redoPolicy(id), [store, id]);

  // The 局's sheets for the link pick-list; this screen is not shown while a sheet is typed in.
  const sheets = useSheets((s) => s.sheets);
  const positions = useSheets((s) => s.positions);
  const options = useMemo(
    () => linkOptions(sheetsOfScope(sheets, positions, policy.fiscalYear, policy.bureau)),
    [sheets, positions, policy.fiscalYear, policy.bureau],
  );
  // The 区分 list: defaults plus every mark of the document, as a string so rows re-render only when it changes.
  const markKey = useSheets((s) => markListKey(s.policies));
  const markList = useMemo(() => markListOf(markKey), [markKey]);
  const thisYear = shortFiscalYearLabel(policy.fiscalYear);
  const lastYear = shortFiscalYearLabel(Math.max(policy.fiscalYear - 1, 1989));
  const firstNos = useMemo(() => {
    const nos: number[] = [];
    let next = 1;
    for (const goal of policy.goals) {
      nos.push(next);
      next += goal.programs.length;
    }
    return nos;
  }, [policy.goals]);
  const programCount = numberedPrograms(policy).length;

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.nativeEvent.isComposing) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      undo();
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      event.preventDefault();
      event.stopPropagation();
      redo();
    }
  };

  return (
    <article className={`policy-editor${readOnly ? ' read-only' : ''}`} aria-label={title} data-field-scope data-policy-editor={id} onKeyDown={onKeyDown}>
      <header className="policy-header">
        <h2>{title}</h2>
        <span className="toolbar-group">
          <button type="button" aria-label="局運営方針を元に戻す" onClick={undo} disabled={!canUndo || readOnly} title="Ctrl+Z">
            元に戻す
          </button>
          <button type="button" aria-label="局運営方針をやり直し" onClick={redo} disabled={!canRedo || readOnly} title="Ctrl+Y / Ctrl+Shift+Z">
            やり直し
          </button>
          <HistoryButton kind="policy" recordId={id} title={title} />
        </span>
      </header>

      <section className="policy-part" aria-labelledby="policy-issues">
        <h3 id="policy-issues">1. 主な現状と課題</h3>
        <TextArea label="主な現状と課題" hideLabel rows={6} value={policy.issues.intro} readOnly={readOnly} fieldPath="issues.intro" onCommit={onCommit} />
        {policy.issues.sections.map((section, i) => (
          <IssueSectionEditor key={i} section={section} index={i} count={policy.issues.sections.length} readOnly={readOnly} onCommit={onCommit} onEdit={onEdit} />
        ))}
        <button
          type="button"
          className="add-row"
          disabled={readOnly}
          onClick={() => onEdit((p) => ({ ...p, issues: { ...p.issues, sections: [...p.issues.sections, { heading: '', body: '' }] } }))}
        >
          ＋ 現状と課題を追加
        </button>
      </section>

      <section className="policy-part" aria-labelledby="policy-goals">
        <h3 id="policy-goals">2. 基本方針・区分別主要事業</h3>
        <TextArea label="基本方針" hideLabel rows={6} value={policy.basicPolicy} readOnly={readOnly} fieldPath="basicPolicy" onCommit={onCommit} />
        {policy.goals.map((goal, i) => (
          <GoalSection
            key={i}
            policyId={id}
            goal={goal}
            goalIndex={i}
            firstNo={firstNos[i] ?? 1}
            goalCount={policy.goals.length}
            thisYear={thisYear}
            lastYear={lastYear}
            options={options}
            markList={markList}
            readOnly={readOnly}
            onCommit={onCommit}
            onEdit={onEdit}
          />
        ))}
        <button type="button" className="add-row" disabled={readOnly} onClick={() => onEdit((p) => ({ ...p, goals: [...p.goals, { heading: '', programs: [] }] }))}>
          ＋ 方針を追加
        </button>
        <p className="policy-count" role="status">
          主要事業 {programCount} 件
        </p>
      </section>

      <ReviewsSection reviews={policy.reviews} readOnly={readOnly} onCommit={onCommit} onEdit={onEdit} />
    </article>
  );
}

const IssueSectionEditor = memo(function IssueSectionEditor({
  section,
  index,
  count,
  readOnly,
  onCommit,
  onEdit,
}: {
  section: IssueSection;
  index: number;
  count: number;
  readOnly: boolean;
  onCommit: FieldCommit;
  onEdit: PolicyEdit;
}) {
  const n = `（${index + 1}）`;
  const move = (to: number) => onEdit((p) => ({ ...p, issues: { ...p.issues, sections: moveItem(p.issues.sections, index, to) } }));
  return (
    <div className="issue-section" aria-label={`現状と課題${n}`} role="group">
      <div className="numbered-heading">
        <span className="number">{n}</span>
        <TextInput label={`${n}見出し`} hideLabel value={section.heading} readOnly={readOnly} fieldPath={`issues.sections[${index}].heading`} onCommit={onCommit} />
        <span className="row-actions">
          <button type="button" aria-label={`${n}を上へ`} disabled={readOnly || index === 0} onClick={() => move(index - 1)}>
            ↑
          </button>
          <button type="button" aria-label={`${n}を下へ`} disabled={readOnly || index === count - 1} onClick={() => move(index + 1)}>
            ↓
          </button>
          <button
            type="button"
            aria-label={`${n}を削除`}
            disabled={readOnly}
            onClick={() => onEdit((p) => ({ ...p, issues: { ...p.issues, sections: removeItem(p.issues.sections, index) } }))}
          >
            削除
          </button>
        </span>
      </div>
      <TextArea label={`${n}本文`} hideLabel rows={4} value={section.body} readOnly={readOnly} fieldPath={`issues.sections[${index}].body`} onCommit={onCommit} />
    </div>
  );
});

const ReviewRow = memo(function ReviewRow({
  review,
  index,
  readOnly,
  onCommit,
  onEdit,
}: {
  review: Review;
  index: number;
  readOnly: boolean;
  onCommit: FieldCommit;
  onEdit: PolicyEdit;
}) {
  const n = `見直し${index + 1}`;
  const path = `reviews[${index}]`;
  return (
    <tr aria-label={n}>
      <td>
        <TextInput label={`${n} 課名`} hideLabel value={review.section} readOnly={readOnly} fieldPath={`${path}.section`} onCommit={onCommit} />
      </td>
      <td>
        <TextArea label={`${n} 見直し事業名`} hideLabel rows={2} value={review.name} readOnly={readOnly} fieldPath={`${path}.name`} onCommit={onCommit} />
      </td>
      <td>
        <TextArea label={`${n} 見直しの理由及び内容`} hideLabel rows={3} value={review.reason} readOnly={readOnly} fieldPath={`${path}.reason`} onCommit={onCommit} />
      </td>
      <td className="saving-cell">
        <AmountInput label={`${n} コスト削減額`} hideLabel value={review.saving} readOnly={readOnly} fieldPath={`${path}.saving`} onCommit={onCommit} />
        <span className="saving-shown" aria-label={`${n} コスト削減額（表示）`}>
          {formatSaving(review.saving)}
        </span>
      </td>
      <td>
        <button type="button" aria-label={`${n} を削除`} disabled={readOnly} onClick={() => onEdit((p) => ({ ...p, reviews: removeItem(p.reviews, index) }))}>
          削除
        </button>
      </td>
    </tr>
  );
});

const ReviewsSection = memo(function ReviewsSection({
  reviews,
  readOnly,
  onCommit,
  onEdit,
}: {
  reviews: readonly Review[];
  readOnly: boolean;
  onCommit: FieldCommit;
  onEdit: PolicyEdit;
}) {
  return (
    <section className="policy-part" aria-labelledby="policy-reviews">
      <h3 id="policy-reviews">3. 見直し事業一覧</h3>
      <p className="table-notes">
        <span>(単位:千円)</span>
      </p>
      <table className="review-table">
        <thead>
          <tr>
            <th scope="col">課名</th>
            <th scope="col">見直し事業名</th>
            <th scope="col">見直しの理由及び内容</th>
            <th scope="col">コスト削減額</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((review, i) => (
            <ReviewRow key={i} review={review} index={i} readOnly={readOnly} onCommit={onCommit} onEdit={onEdit} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              合計
            </th>
            <td className="saving-cell">
              <output aria-label="コスト削減額の合計">{formatSaving(reviewsTotal({ reviews: [...reviews] }))}</output>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <button
        type="button"
        className="add-row"
        disabled={readOnly}
        onClick={() => onEdit((p) => ({ ...p, reviews: [...p.reviews, { section: '', name: '', reason: '', saving: null }] }))}
      >
        ＋ 見直し事業を追加
      </button>
    </section>
  );
});
