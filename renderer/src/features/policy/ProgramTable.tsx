// One numbered statement of 2. 基本方針・区分別主要事業 and its key-program table, each row typed or following a sheet.
import { memo, useCallback, useMemo } from 'react';
import { programFigures } from '../../../../shared/domain/policy';
import type { Goal, KeyProgram, Policy, ProgramLink, Sheet } from '../../../../shared/domain/schema';
import { useServices, useSheets } from '../../store/context';
import { AmountInput } from '../fields/AmountInput';
import { TextArea, TextInput } from '../fields/TextInput';
import { editList, emptyProgram, moveItem, policyProblems, removeItem, rowProblemText, setAtPath, sheetsMap } from './policy-edits';
import { linkValue, parseLinkValue, type LinkOption } from './link-options';
import { LinkPicker } from './LinkPicker';
import { LinkedFigure } from './PolicyFields';
import { MarksPicker } from './MarksPicker';

export type PolicyEdit = (edit: (policy: Policy) => Policy, key?: string) => void;
export type FieldCommit = (fieldPath: string, value: unknown) => void;

/** The row relinked: its typed figures take what it shows now, so a source deleted later leaves the last figures. */
function relink(program: KeyProgram, link: ProgramLink | null, byId: ReadonlyMap<string, Sheet>): KeyProgram {
  const shown = programFigures(program, byId);
  const next: KeyProgram = { ...program, link, amount: shown.amount, generalFund: shown.generalFund, previousAmount: shown.previousAmount };
  const figures = programFigures(next, byId);
  const sheet = link ? byId.get(link.sheetId) : undefined;
  return {
    ...next,
    amount: figures.amount,
    generalFund: figures.generalFund,
    previousAmount: figures.previousAmount,
    name: next.name || sheet?.name || '',
    section: next.section || sheet?.org.section || '',
  };
}

const BADGES = {
  typed: '手入力',
  sheet: 'シート',
  item: '主な事業',
  'missing-sheet': 'シート',
  'missing-item': '主な事業',
} as const;

interface RowProps {
  policyId: string;
  program: KeyProgram;
  no: number;
  goalIndex: number;
  programIndex: number;
  thisYear: string;
  lastYear: string;
  options: readonly LinkOption[];
  /** The 区分 marks to choose from. */
  markList: readonly string[];
  readOnly: boolean;
  onCommit: FieldCommit;
  onEdit: PolicyEdit;
}

const ProgramRow = memo(function ProgramRow({ policyId, program, no, goalIndex, programIndex, thisYear, lastYear, options, markList, readOnly, onCommit, onEdit }: RowProps) {
  const { store } = useServices();
  const path = `goals[${goalIndex}].programs[${programIndex}]`;
  // Only the linked sheet: editing any other sheet leaves this row alone.
  const linked = useSheets((s) => (program.link ? s.sheets.get(program.link.sheetId) : undefined));
  // …and the sheet it was drafted from (次年度の作成), whose 一般財源 is this row's last-year one.
  const lastYearSheet = useSheets((s) => (linked?.carriedFrom ? s.sheets.get(linked.carriedFrom) : undefined));
  const figures = useMemo(
    () => programFigures(program, new Map([...(linked ? [linked] : []), ...(lastYearSheet ? [lastYearSheet] : [])].map((s) => [s.id, s]))),
    [program, linked, lastYearSheet],
  );
  // A string: the row re-renders only when its own messages change.
  const problems = useSheets((s) => {
    const policy = s.policies.find((p) => p.id === policyId);
    return policy ? rowProblemText(policyProblems(policy, sheetsMap(s.sheets)), goalIndex, programIndex) : '';
  });
  const followsSheet = figures.source === 'sheet';
  const followsItem = figures.source === 'item';
  const sheetId = program.link?.sheetId ?? '';
  const value = linkValue(program.link);
  // No coalescing key: every toggle is its own undo step.
  const onMarks = useCallback(
    (next: (current: readonly string[]) => string[]) =>
      onEdit((p) => {
        const current = p.goals[goalIndex]?.programs[programIndex]?.marks;
        if (!current) return p;
        const marks = next(current);
        return marks.length === current.length && marks.every((m, i) => m === current[i]) ? p : setAtPath(p, `${path}.marks`, marks);
      }),
    [onEdit, goalIndex, programIndex, path],
  );
  const figure = (field: 'amount' | 'generalFund' | 'previousAmount' | 'previousGeneralFund', label: string, follows: boolean, bracket: boolean, source = sheetId) =>
    follows ? (
      <LinkedFigure label={`No.${no} ${label}`} value={figures[field]} sheetId={source} bracket={bracket} />
    ) : (
      <span className={bracket ? 'bracketed' : undefined}>
        <AmountInput label={`No.${no} ${label}`} hideLabel value={program[field]} readOnly={readOnly} fieldPath={`${path}.${field}`} onCommit={onCommit} />
      </span>
    );
  return (
    <>
      <tr className={`program-row${problems ? ' has-problem' : ''}`} aria-label={`主要事業 No.${no}`} data-program-no={no}>
        <td className="program-no">{no}</td>
        <td>
          <MarksPicker no={no} marks={program.marks} list={markList} readOnly={readOnly} fieldPath={`${path}.marks`} onMarks={onMarks} />
        </td>
        <td className="program-name">
          <TextArea label={`No.${no} 事業名`} hideLabel rows={2} value={program.name} readOnly={readOnly} fieldPath={`${path}.name`} onCommit={onCommit} />
          <span className="program-section">
            〔
            <TextInput label={`No.${no} 課`} hideLabel value={program.section} readOnly={readOnly} fieldPath={`${path}.section`} onCommit={onCommit} />〕
          </span>
        </td>
        <td className="program-figures">
          {figure('amount', thisYear, followsSheet || followsItem, false)}
          {figure('generalFund', `${thisYear}（一般財源）`, followsSheet, true)}
        </td>
        <td className="program-figures">
          {figure('previousAmount', lastYear, followsSheet, false)}
          {figure('previousGeneralFund', `${lastYear}（一般財源）`, followsSheet && lastYearSheet !== undefined, true, lastYearSheet?.id)}
        </td>
        <td className="program-description">
          <TextArea label={`No.${no} 説明`} hideLabel rows={3} value={program.description} readOnly={readOnly} fieldPath={`${path}.description`} onCommit={onCommit} />
        </td>
        <td className="program-link">
          <span className={`link-badge link-${figures.source}`}>{BADGES[figures.source]}</span>
          <LinkPicker
            label={`主要事業${no}の連動先`}
            value={value}
            options={options}
            readOnly={readOnly}
            fieldPath={`${path}.link`}
            onChoose={(chosen) => {
              const link = parseLinkValue(chosen);
              const byId = sheetsMap(store.getState().sheets);
              onEdit((p) => setAtPath(p, path, relink(program, link, byId)));
            }}
          />
          <button
            type="button"
            className="row-remove"
            aria-label={`No.${no} を削除`}
            disabled={readOnly}
            onClick={() => onEdit((p) => editList<KeyProgram>(p, `goals[${goalIndex}].programs`, (list) => removeItem(list, programIndex)))}
          >
            削除
          </button>
        </td>
      </tr>
      {problems && (
        <tr className="program-problem">
          <td colSpan={7} role="note" aria-label={`No.${no} のチェック`}>
            {problems.split('\n').map((m) => (
              <span key={m} className="problem-line">
                ⚠ {m}
              </span>
            ))}
          </td>
        </tr>
      )}
    </>
  );
});

interface GoalProps {
  policyId: string;
  goal: Goal;
  goalIndex: number;
  /** No of this table's first row (running across tables). */
  firstNo: number;
  goalCount: number;
  thisYear: string;
  lastYear: string;
  options: readonly LinkOption[];
  markList: readonly string[];
  readOnly: boolean;
  onCommit: FieldCommit;
  onEdit: PolicyEdit;
}

/** One statement （n） with its table. */
export const GoalSection = memo(function GoalSection({ policyId, goal, goalIndex, firstNo, goalCount, thisYear, lastYear, options, markList, readOnly, onCommit, onEdit }: GoalProps) {
  const n = goalIndex + 1;
  return (
    <section className="policy-goal" aria-label={`方針（${n}）`}>
      <div className="numbered-heading">
        <span className="number">({n})</span>
        <TextArea label={`方針（${n}）`} hideLabel rows={2} value={goal.heading} readOnly={readOnly} fieldPath={`goals[${goalIndex}].heading`} onCommit={onCommit} />
        <span className="row-actions">
          <button type="button" aria-label={`方針（${n}）を上へ`} disabled={readOnly || goalIndex === 0} onClick={() => onEdit((p) => ({ ...p, goals: moveItem(p.goals, goalIndex, goalIndex - 1) }))}>
            ↑
          </button>
          <button
            type="button"
            aria-label={`方針（${n}）を下へ`}
            disabled={readOnly || goalIndex === goalCount - 1}
            onClick={() => onEdit((p) => ({ ...p, goals: moveItem(p.goals, goalIndex, goalIndex + 1) }))}
          >
            ↓
          </button>
          <button type="button" aria-label={`方針（${n}）を削除`} disabled={readOnly} onClick={() => onEdit((p) => ({ ...p, goals: removeItem(p.goals, goalIndex) }))}>
            削除
          </button>
        </span>
      </div>
      <p className="table-notes">
        <span>*（）内は一般財源</span>
        <span>(単位:千円)</span>
      </p>
      <table className="program-table">
        <thead>
          <tr>
            <th scope="col">No</th>
            <th scope="col">区分</th>
            <th scope="col">事業名</th>
            <th scope="col">{thisYear}</th>
            <th scope="col">{lastYear}</th>
            <th scope="col">説明</th>
            <th scope="col">連動</th>
          </tr>
        </thead>
        <tbody>
          {goal.programs.map((program, i) => (
            <ProgramRow
              key={i}
              policyId={policyId}
              program={program}
              no={firstNo + i}
              goalIndex={goalIndex}
              programIndex={i}
              thisYear={thisYear}
              lastYear={lastYear}
              options={options}
              markList={markList}
              readOnly={readOnly}
              onCommit={onCommit}
              onEdit={onEdit}
            />
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="add-row"
        aria-label={`方針（${n}）に主要事業を追加`}
        disabled={readOnly}
        onClick={() => onEdit((p) => editList<KeyProgram>(p, `goals[${goalIndex}].programs`, (list) => [...list, { ...emptyProgram }]))}
      >
        ＋ 主要事業を追加
      </button>
    </section>
  );
});
