// The 事務事業 sheet editor, laid out like the printed form; computed figures are shown read-only beside their inputs.
// The editor reads only what decides the form's shape; each field, figure and problem list reads its own value
// (editor-fields.tsx), so a keystroke re-renders the field typed into and what depends on it.
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import {
  DEFAULT_ACCOUNTS,
  DEFAULT_EXPENDITURE_CLASSIFICATION,
  DEFAULT_REVENUE_CATEGORIES,
} from '../../../../shared/domain/defaults';
import { statusLabels } from '../../../../shared/domain/labels';
import { rowIndexOf, setSheetField, type SheetFieldPath, type ValueAt } from '../../../../shared/domain/path';
import type { Sheet, SheetStatus } from '../../../../shared/domain/schema';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { sheetOf } from '../../store/selectors';
import { useServices, useSheets } from '../../store/context';
import { isYearLocked } from '../../store/document';
import { HistoryButton } from '../history/HistoryButton';
import {
  SheetAmountFigure,
  SheetAmountInput,
  SheetFieldProblems,
  SheetNumberInput,
  SheetRatioFigure,
  SheetTextArea,
  SheetTextInput,
  useSheetValue,
} from './editor-fields';

/** Applies an edit to the open sheet; `key` names the field so typing in it is one undo step. Stable per sheet. */
type Update = (key: string, edit: (sheet: Sheet) => Sheet) => void;
/**
 * Sets the value at a field path; a path the sheet lacks or a value of the wrong type does not compile. Stable per
 * sheet, so memoised fields re-render only when their value changes.
 */
export type Commit = <P extends SheetFieldPath>(fieldPath: P, value: ValueAt<P>) => void;
type Level = 'kan' | 'kou' | 'moku';
/** Commits a 款/項/目 name (and fills its number). */
type CommitClassName = (fieldPath: `classification.${Level}.name`, value: string) => void;
/** Commits a 特定財源 source (and fills its 款). */
type CommitSource = (fieldPath: `specificFunding[${number}].source`, value: string) => void;

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [moved] = copy.splice(from, 1);
  if (moved !== undefined) copy.splice(to, 0, moved);
  return copy;
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`form-section ${className ?? ''}`} aria-label={title}>
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  );
}

const REVENUE_LIST_ID = 'revenue-categories';
const KAN_LIST_ID = 'expenditure-kan';
const KOU_LIST_ID = 'expenditure-kou';
const MOKU_LIST_ID = 'expenditure-moku';
const ACCOUNT_LIST_ID = 'accounts';

/** The pick-lists; they depend only on the 款 and 項 numbers, so they read just those. */
const PickLists = memo(function PickLists({ sheetId }: { sheetId: string }) {
  const kanNo = useSheetValue(sheetId, (s) => s.classification.kan.no, null);
  const kouNo = useSheetValue(sheetId, (s) => s.classification.kou.no, null);
  const kan = DEFAULT_EXPENDITURE_CLASSIFICATION.find((k) => k.no === kanNo);
  const kou = kan?.kou.find((k) => k.no === kouNo);
  return (
    <>
      <datalist id={REVENUE_LIST_ID}>
        {DEFAULT_REVENUE_CATEGORIES.map((c) => (
          <option key={c.kan} value={c.name}>{`${c.kan}款`}</option>
        ))}
      </datalist>
      <datalist id={KAN_LIST_ID}>
        {DEFAULT_EXPENDITURE_CLASSIFICATION.map((k) => (
          <option key={k.no} value={k.name}>{`${k.no}款`}</option>
        ))}
      </datalist>
      <datalist id={KOU_LIST_ID}>
        {(kan?.kou ?? []).map((k) => (
          <option key={k.no} value={k.name}>{`${k.no}項`}</option>
        ))}
      </datalist>
      <datalist id={MOKU_LIST_ID}>
        {(kou?.moku ?? []).map((m) => (
          <option key={m.no} value={m.name}>{`${m.no}目`}</option>
        ))}
      </datalist>
      <datalist id={ACCOUNT_LIST_ID}>
        {DEFAULT_ACCOUNTS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </>
  );
});

/** Which level a 款/項/目 name path edits: a lookup, so the compiler checks all three paths. */
const LEVEL_OF_NAME_PATH: Record<`classification.${Level}.name`, Level> = {
  'classification.kan.name': 'kan',
  'classification.kou.name': 'kou',
  'classification.moku.name': 'moku',
};

/** The number that goes with a picked name, from the default tables (null when the name is not in them). */
function numberFor(level: Level, name: string, sheet: Sheet): number | null {
  const kan = DEFAULT_EXPENDITURE_CLASSIFICATION.find((k) => (level === 'kan' ? k.name === name : k.no === sheet.classification.kan.no));
  if (level === 'kan') return kan?.no ?? null;
  const kou = kan?.kou.find((k) => (level === 'kou' ? k.name === name : k.no === sheet.classification.kou.no));
  if (level === 'kou') return kou?.no ?? null;
  return kou?.moku.find((m) => m.name === name)?.no ?? null;
}

const ClassificationField = memo(function ClassificationField({ sheetId, level, unit, commit, commitName, readOnly }: { sheetId: string; level: Level; unit: string; commit: Commit; commitName: CommitClassName; readOnly: boolean }) {
  const list = level === 'kan' ? KAN_LIST_ID : level === 'kou' ? KOU_LIST_ID : MOKU_LIST_ID;
  return (
    <span className="classification-part">
      <SheetNumberInput sheetId={sheetId} label={`${unit}の番号`} hideLabel className="class-no" max={999} readOnly={readOnly} fieldPath={`classification.${level}.no`} onCommit={commit} />
      <span aria-hidden="true">{unit}</span>
      <SheetTextInput sheetId={sheetId} label={unit} hideLabel className="class-name" list={list} readOnly={readOnly} fieldPath={`classification.${level}.name`} onCommit={commitName} />
    </span>
  );
});

interface RowActions {
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
}

/** ↑ ↓ × for a row of 財源内訳 or 主な事業, each labelled with the row's name for screen readers. */
function RowButtons({ what, index, last, actions }: { what: string; index: number; last: boolean; actions: RowActions }) {
  return (
    <span className="row-actions">
      <button type="button" aria-label={`${what}を上へ`} disabled={index === 0} onClick={() => actions.move(index, index - 1)}>
        ↑
      </button>
      <button type="button" aria-label={`${what}を下へ`} disabled={last} onClick={() => actions.move(index, index + 1)}>
        ↓
      </button>
      <button type="button" aria-label={`${what}を削除`} onClick={() => actions.remove(index)}>
        ×
      </button>
    </span>
  );
}

interface RowProps {
  sheetId: string;
  index: number;
  last: boolean;
  readOnly: boolean;
  commit: Commit;
  actions: RowActions;
}

/** A row reads nothing itself: its fields read their own values, so typing in one leaves the rest of the row alone. */
const FundingRow = memo(function FundingRow({ sheetId, index, last, readOnly, commit, commitSource, actions }: RowProps & { commitSource: CommitSource }) {
  const n = index + 1;
  return (
    <li className="funding-line">
      <SheetNumberInput sheetId={sheetId} label={`特定財源${n}の款`} hideLabel className="funding-kan" max={999} readOnly={readOnly} fieldPath={`specificFunding[${index}].revenueKan`} onCommit={commit} />
      <span aria-hidden="true">款</span>
      <SheetTextInput sheetId={sheetId} label={`特定財源${n}の財源`} hideLabel className="funding-source" list={REVENUE_LIST_ID} readOnly={readOnly} fieldPath={`specificFunding[${index}].source`} onCommit={commitSource} />
      <SheetAmountInput sheetId={sheetId} label={`特定財源${n}の金額`} hideLabel readOnly={readOnly} fieldPath={`specificFunding[${index}].amount`} onCommit={commit} />
      {!readOnly && <RowButtons what={`特定財源${n}`} index={index} last={last} actions={actions} />}
    </li>
  );
});

function useRowActions(update: Update, key: 'specificFunding' | 'items'): RowActions {
  return useMemo(
    () => ({
      move: (from, to) => update(key, (s) => ({ ...s, [key]: move<unknown>(s[key], from, to) })),
      remove: (index) => update(key, (s) => ({ ...s, [key]: (s[key] as readonly unknown[]).filter((_, k) => k !== index) })),
    }),
    [update, key],
  );
}

/** Rows by position: the list itself reads only how many rows there are. */
function rowIndices(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

const FundingLines = memo(function FundingLines({ sheetId, update, commit, readOnly }: { sheetId: string; update: Update; commit: Commit; readOnly: boolean }) {
  const count = useSheetValue(sheetId, (s) => s.specificFunding.length, 0);
  const actions = useRowActions(update, 'specificFunding');
  // Picking a known category fills its 歳入の款 when none is typed yet.
  const commitSource = useCallback<CommitSource>(
    (fieldPath, value) => {
      const index = rowIndexOf(fieldPath);
      update(fieldPath, (s) => {
        const line = s.specificFunding[index];
        if (!line) return s;
        const known = DEFAULT_REVENUE_CATEGORIES.find((c) => c.name === value);
        const filled = { ...line, source: value, revenueKan: line.revenueKan ?? known?.kan ?? null };
        return { ...s, specificFunding: s.specificFunding.map((l, k) => (k === index ? filled : l)) };
      });
    },
    [update],
  );
  return (
    <div className="funding" role="group" aria-label="財源内訳">
      <ol className="funding-lines">
        {rowIndices(count).map((i) => (
          <FundingRow key={i} sheetId={sheetId} index={i} last={i === count - 1} readOnly={readOnly} commit={commit} commitSource={commitSource} actions={actions} />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="add-row" onClick={() => update('specificFunding', (s) => ({ ...s, specificFunding: [...s.specificFunding, { source: '', revenueKan: null, amount: null }] }))}>
          特定財源を追加
        </button>
      )}
      <SheetFieldProblems sheetId={sheetId} path="specificFunding" />
    </div>
  );
});

const ItemRow = memo(function ItemRow({ sheetId, index, last, readOnly, commit, actions }: RowProps) {
  const n = index + 1;
  return (
    <li className="item">
      <span className="item-no" aria-hidden="true">
        {n}
      </span>
      <SheetTextInput sheetId={sheetId} label={`主な事業${n}の名称`} hideLabel className="item-name" readOnly={readOnly} fieldPath={`items[${index}].name`} onCommit={commit} />
      <SheetAmountInput sheetId={sheetId} label={`主な事業${n}の金額`} hideLabel className="item-amount" readOnly={readOnly} fieldPath={`items[${index}].amount`} onCommit={commit} />
      <SheetTextArea sheetId={sheetId} label={`主な事業${n}の説明`} hideLabel className="item-description" rows={2} readOnly={readOnly} fieldPath={`items[${index}].description`} onCommit={commit} />
      {!readOnly && <RowButtons what={`主な事業${n}`} index={index} last={last} actions={actions} />}
    </li>
  );
});

const Items = memo(function Items({ sheetId, update, commit, readOnly }: { sheetId: string; update: Update; commit: Commit; readOnly: boolean }) {
  const count = useSheetValue(sheetId, (s) => s.items.length, 0);
  const actions = useRowActions(update, 'items');
  return (
    <>
      {count > 0 && (
        <div className="items-head" aria-hidden="true">
          <span>No</span>
          <span>名称・説明</span>
          <span>金額</span>
        </div>
      )}
      <ol className="items">
        {rowIndices(count).map((i) => (
          <ItemRow key={i} sheetId={sheetId} index={i} last={i === count - 1} readOnly={readOnly} commit={commit} actions={actions} />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="add-row" onClick={() => update('items', (s) => ({ ...s, items: [...s.items, { id: crypto.randomUUID(), name: '', amount: null, description: '' }] }))}>
          主な事業を追加
        </button>
      )}
    </>
  );
});

/** The 「履歴」 button, titled with the sheet's name (the only part of the header that follows typing). */
const SheetHistoryButton = memo(function SheetHistoryButton({ sheetId }: { sheetId: string }) {
  const name = useSheetValue(sheetId, (s) => s.name, '');
  return <HistoryButton kind="sheet" recordId={sheetId} title={`事務事業「${name || '名称未入力'}」`} />;
});

const EditorHeader = memo(function EditorHeader({ sheetId, readOnly, statusLocked, commit }: { sheetId: string; readOnly: boolean; statusLocked: boolean; commit: Commit }) {
  const { store } = useServices();
  const fiscalYear = useSheetValue(sheetId, (s) => s.fiscalYear, null);
  const status = useSheetValue<SheetStatus>(sheetId, (s) => s.status, 'draft');
  const selectId = `sheet-${sheetId}-status`;
  return (
    <header className="sheet-header">
      <span className="account">
        (
        <SheetTextInput sheetId={sheetId} label="会計" hideLabel className="account-input" list={ACCOUNT_LIST_ID} readOnly={readOnly} fieldPath="account" onCommit={commit} />)
      </span>
      <span className="sheet-year">{fiscalYear === null ? '' : fiscalYearLabel(fiscalYear)}</span>
      <span className="status-select">
        <label htmlFor={selectId}>状態</label>
        <select
          id={selectId}
          value={status}
          onChange={(e) => store.getState().setStatus(sheetId, e.target.value as SheetStatus)}
          disabled={statusLocked}
          data-field-path="status"
        >
          {(Object.keys(statusLabels) as SheetStatus[]).map((st) => (
            <option key={st} value={st}>
              {statusLabels[st]}
            </option>
          ))}
        </select>
      </span>
      <SheetHistoryButton sheetId={sheetId} />
      <span className="unit">(単位：千円)</span>
    </header>
  );
});

interface FormProps {
  sheetId: string;
  readOnly: boolean;
  update: Update;
  commit: Commit;
  commitClassName: CommitClassName;
}

/** The form below the header; it re-renders only when the sheet becomes read-only or editable again. */
const EditorForm = memo(function EditorForm({ sheetId, readOnly, update, commit, commitClassName }: FormProps) {
  const id = (name: string) => `sheet-${sheetId}-${name}`;
  return (
    <div className="form-grid">
      <div className="row name-row">
        <SheetTextInput sheetId={sheetId} label="事務事業名" className="wide" readOnly={readOnly} fieldPath="name" onCommit={commit} />
        <SheetFieldProblems sheetId={sheetId} path="name" exact />
      </div>
      <div className="row amount-row">
        <SheetAmountInput sheetId={sheetId} label="予算額" readOnly={readOnly} fieldPath="amount" onCommit={commit} />
        <SheetFieldProblems sheetId={sheetId} path="amount" exact />
      </div>

      <div className="row org-row" role="group" aria-label="局/部/課">
        <span className="row-label" aria-hidden="true">
          局/部/課
        </span>
        <SheetTextInput sheetId={sheetId} label="局" readOnly={readOnly} fieldPath="org.bureau" onCommit={commit} />
        <SheetTextInput sheetId={sheetId} label="部" readOnly={readOnly} fieldPath="org.department" onCommit={commit} />
        <SheetTextInput sheetId={sheetId} label="課" readOnly={readOnly} fieldPath="org.section" onCommit={commit} />
        <SheetFieldProblems sheetId={sheetId} path="org" />
      </div>

      <div className="row classification-row" role="group" aria-label="款/項/目">
        <span className="row-label" aria-hidden="true">
          款/項/目
        </span>
        <ClassificationField sheetId={sheetId} level="kan" unit="款" commit={commit} commitName={commitClassName} readOnly={readOnly} />
        <span aria-hidden="true">/</span>
        <ClassificationField sheetId={sheetId} level="kou" unit="項" commit={commit} commitName={commitClassName} readOnly={readOnly} />
        <span aria-hidden="true">/</span>
        <ClassificationField sheetId={sheetId} level="moku" unit="目" commit={commit} commitName={commitClassName} readOnly={readOnly} />
        <SheetNumberInput sheetId={sheetId} label="予算書P." className="page" max={99_999} readOnly={readOnly} fieldPath="budgetBookPage" onCommit={commit} />
        <SheetFieldProblems sheetId={sheetId} path="classification" />
      </div>

      <Section title="〔財源内訳〕" className="funding-section">
        <FundingLines sheetId={sheetId} update={update} commit={commit} readOnly={readOnly} />
        <div className="general-fund">
          <span aria-hidden="true">- </span>
          <SheetAmountFigure sheetId={sheetId} figure="generalFund" label="一般財源" id={id('general-fund')} signed />
        </div>
      </Section>

      <Section title="<事業の目的・内容>" className="purpose-section">
        <SheetTextArea sheetId={sheetId} label="事業の目的・内容" hideLabel rows={4} readOnly={readOnly} fieldPath="purpose" onCommit={commit} />
      </Section>
      <Section title="<特記事項>" className="notes-section">
        <SheetTextArea sheetId={sheetId} label="特記事項" hideLabel rows={2} readOnly={readOnly} fieldPath="notes" onCommit={commit} />
      </Section>

      <div className="row previous-row">
        <SheetAmountInput sheetId={sheetId} label="前年度予算額" readOnly={readOnly} fieldPath="previousAmount" onCommit={commit} />
        <SheetAmountFigure sheetId={sheetId} figure="change" label="増減" id={id('change')} signed />
        <SheetRatioFigure sheetId={sheetId} label="前年度比" id={id('ratio')} />
        <SheetFieldProblems sheetId={sheetId} path="previousAmount" exact />
      </div>

      <Section title="<主な事業>" className="items-section">
        <Items sheetId={sheetId} update={update} commit={commit} readOnly={readOnly} />
        <div className="items-totals">
          <SheetAmountFigure sheetId={sheetId} figure="itemsTotal" label="主な事業の計" id={id('items-total')} />
          <SheetAmountFigure sheetId={sheetId} figure="unallocated" label="未配分" id={id('unallocated')} signed hiddenWhenBlank />
        </div>
        <SheetFieldProblems sheetId={sheetId} path="items" />
      </Section>

      <Section title="[参考]" className="reference-section">
        <SheetTextArea sheetId={sheetId} label="参考" hideLabel rows={3} readOnly={readOnly} fieldPath="reference" onCommit={commit} />
      </Section>
    </div>
  );
});

export function SheetEditor({ sheetId }: { sheetId: string }) {
  const { store } = useServices();
  // Only what decides the form's shape and its read-only state; the name is the article's accessible name.
  const exists = useSheets((s) => sheetOf(s, sheetId) !== undefined);
  const name = useSheetValue(sheetId, (s) => s.name, '');
  const final = useSheetValue(sheetId, (s) => s.status === 'final', false);
  // Another window edits the data: this one shows it, read-only.
  const windowReadOnly = useSheets((s) => s.readOnly !== null);
  // A 確定済み year: every field of its sheets is read-only, the status too (the banner above offers 確定を解除).
  const yearLocked = useSheets((s) => {
    const shown = sheetOf(s, sheetId);
    return shown !== undefined && isYearLocked(s, shown.fiscalYear);
  });
  const update = useCallback<Update>((key, edit) => void store.getState().updateSheet(sheetId, edit, key), [store, sheetId]);
  // The path is the undo key: typing in one field within a second is one undo step.
  const commit = useCallback<Commit>((fieldPath, value) => update(fieldPath, (s) => setSheetField(s, fieldPath, value)), [update]);
  // Picking a 款/項/目 name from the list fills its number when none is typed yet.
  const commitClassName = useCallback<CommitClassName>(
    (fieldPath, value) => {
      const level = LEVEL_OF_NAME_PATH[fieldPath];
      update(fieldPath, (s) => {
        const current = s.classification[level];
        const named = { no: current.no ?? numberFor(level, value, s), name: value };
        return { ...s, classification: { ...s.classification, [level]: named } };
      });
    },
    [update],
  );
  if (!exists) {
    return (
      <div className="editor-empty" role="status">
        この事務事業シートは見つかりません。削除されたか、別の年度・局のシートです。
      </div>
    );
  }
  const readOnly = final || windowReadOnly || yearLocked;

  return (
    <article className={`sheet-editor${readOnly ? ' read-only' : ''}`} aria-label={`事務事業シート ${name}`} data-field-scope data-sheet-editor={sheetId}>
      <PickLists sheetId={sheetId} />
      <EditorHeader sheetId={sheetId} readOnly={readOnly} statusLocked={windowReadOnly || yearLocked} commit={commit} />
      {/* A read-only window says why in its own banner above; this note is about the sheet. */}
      {final && !yearLocked && (
        <p className="read-only-banner" role="note">
          確定済みのため編集できません。編集するには状態を「作成中」に戻してください。
        </p>
      )}
      <EditorForm sheetId={sheetId} readOnly={readOnly} update={update} commit={commit} commitClassName={commitClassName} />
    </article>
  );
}
