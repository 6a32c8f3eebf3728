// The 事務事業 sheet editor, laid out like the printed form; computed figures are shown read-only beside their inputs.
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import {
  DEFAULT_ACCOUNTS,
  DEFAULT_EXPENDITURE_CLASSIFICATION,
  DEFAULT_REVENUE_CATEGORIES,
} from '../../../../shared/domain/defaults';
import { statusLabels } from '../../../../shared/domain/labels';
import { formatAmount } from '../../../../shared/domain/money';
import { formatYearOverYear } from '../../../../shared/domain/ratio';
import { rowIndexOf, setSheetField, type SheetFieldPath, type ValueAt } from '../../../../shared/domain/path';
import type { FundingLine, Item, Sheet, SheetStatus } from '../../../../shared/domain/schema';
import { sheetFigures } from '../../../../shared/domain/sheet';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { sheetProblems, type SheetProblem } from '../../store/selectors';
import { useServices, useSheets } from '../../store/context';
import { isYearLocked } from '../../store/document';
import { AmountInput } from '../fields/AmountInput';
import { HistoryButton } from '../history/HistoryButton';
import { NumberInput, TextArea, TextInput } from '../fields/TextInput';

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


/** Problems of one field (or of a part of the form, by path prefix), shown beside it. */
function FieldProblems({ problems, path, exact }: { problems: readonly SheetProblem[]; path: string; exact?: boolean }) {
  const mine = problems.filter((p) => (exact ? p.fieldPath === path : p.fieldPath === path || p.fieldPath.startsWith(`${path}.`) || p.fieldPath.startsWith(`${path}[`)));
  if (mine.length === 0) return null;
  return (
    <ul className="field-problems">
      {mine.map((p, i) => (
        <li key={i} className={`problem problem-${p.severity}`}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function Computed({ label, value, id, negative }: { label: string; value: string; id: string; negative?: boolean }) {
  return (
    <span className="field computed-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <output id={id} className={`computed${negative ? ' negative' : ''}`} aria-live="polite">
        {value}
      </output>
    </span>
  );
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

/** The pick-lists; memoised on the 款 and 項 numbers, the only things they depend on. */
const PickLists = memo(function PickLists({ kanNo, kouNo }: { kanNo: number | null; kouNo: number | null }) {
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

const ClassificationField = memo(function ClassificationField({ level, unit, value, commit, commitName, readOnly }: { level: Level; unit: string; value: { no: number | null; name: string }; commit: Commit; commitName: CommitClassName; readOnly: boolean }) {
  const list = level === 'kan' ? KAN_LIST_ID : level === 'kou' ? KOU_LIST_ID : MOKU_LIST_ID;
  return (
    <span className="classification-part">
      <NumberInput label={`${unit}の番号`} hideLabel className="class-no" value={value.no} max={999} readOnly={readOnly} fieldPath={`classification.${level}.no`} onCommit={commit} />
      <span aria-hidden="true">{unit}</span>
      <TextInput label={unit} hideLabel className="class-name" value={value.name} list={list} readOnly={readOnly} fieldPath={`classification.${level}.name`} onCommit={commitName} />
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

const FundingRow = memo(function FundingRow({ line, index, last, readOnly, commit, commitSource, actions }: { line: FundingLine; index: number; last: boolean; readOnly: boolean; commit: Commit; commitSource: CommitSource; actions: RowActions }) {
  const n = index + 1;
  return (
    <li className="funding-line">
      <NumberInput label={`特定財源${n}の款`} hideLabel className="funding-kan" value={line.revenueKan} max={999} readOnly={readOnly} fieldPath={`specificFunding[${index}].revenueKan`} onCommit={commit} />
      <span aria-hidden="true">款</span>
      <TextInput label={`特定財源${n}の財源`} hideLabel className="funding-source" value={line.source} list={REVENUE_LIST_ID} readOnly={readOnly} fieldPath={`specificFunding[${index}].source`} onCommit={commitSource} />
      <AmountInput label={`特定財源${n}の金額`} hideLabel value={line.amount} readOnly={readOnly} fieldPath={`specificFunding[${index}].amount`} onCommit={commit} />
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

function FundingLines({ lines, update, commit, readOnly, problems }: { lines: readonly FundingLine[]; update: Update; commit: Commit; readOnly: boolean; problems: readonly SheetProblem[] }) {
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
        {lines.map((line, i) => (
          <FundingRow key={i} line={line} index={i} last={i === lines.length - 1} readOnly={readOnly} commit={commit} commitSource={commitSource} actions={actions} />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="add-row" onClick={() => update('specificFunding', (s) => ({ ...s, specificFunding: [...s.specificFunding, { source: '', revenueKan: null, amount: null }] }))}>
          特定財源を追加
        </button>
      )}
      <FieldProblems problems={problems} path="specificFunding" />
    </div>
  );
}

const ItemRow = memo(function ItemRow({ item, index, last, readOnly, commit, actions }: { item: Item; index: number; last: boolean; readOnly: boolean; commit: Commit; actions: RowActions }) {
  const n = index + 1;
  return (
    <li className="item">
      <span className="item-no" aria-hidden="true">
        {n}
      </span>
      <TextInput label={`主な事業${n}の名称`} hideLabel className="item-name" value={item.name} readOnly={readOnly} fieldPath={`items[${index}].name`} onCommit={commit} />
      <AmountInput label={`主な事業${n}の金額`} hideLabel className="item-amount" value={item.amount} readOnly={readOnly} fieldPath={`items[${index}].amount`} onCommit={commit} />
      <TextArea label={`主な事業${n}の説明`} hideLabel className="item-description" rows={2} value={item.description} readOnly={readOnly} fieldPath={`items[${index}].description`} onCommit={commit} />
      {!readOnly && <RowButtons what={`主な事業${n}`} index={index} last={last} actions={actions} />}
    </li>
  );
});

function Items({ items, update, commit, readOnly }: { items: readonly Item[]; update: Update; commit: Commit; readOnly: boolean }) {
  const actions = useRowActions(update, 'items');
  return (
    <>
      {items.length > 0 && (
        <div className="items-head" aria-hidden="true">
          <span>No</span>
          <span>名称・説明</span>
          <span>金額</span>
        </div>
      )}
      <ol className="items">
        {items.map((item, i) => (
          <ItemRow key={i} item={item} index={i} last={i === items.length - 1} readOnly={readOnly} commit={commit} actions={actions} />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="add-row" onClick={() => update('items', (s) => ({ ...s, items: [...s.items, { id: crypto.randomUUID(), name: '', amount: null, description: '' }] }))}>
          主な事業を追加
        </button>
      )}
    </>
  );
}

export function SheetEditor({ sheetId }: { sheetId: string }) {
  const { store } = useServices();
  const sheet = useSheets((s) => s.sheets[sheetId]);
  // Another window edits the data: this one shows it, read-only.
  const windowReadOnly = useSheets((s) => s.readOnly !== null);
  // A 確定済み year: every field of its sheets is read-only, the status too (the banner above offers 確定を解除).
  const yearLocked = useSheets((s) => {
    const shown = s.sheets[sheetId];
    return shown !== undefined && isYearLocked(s, shown.fiscalYear);
  });
  const figures = useMemo(() => (sheet ? sheetFigures(sheet) : null), [sheet]);
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
  if (!sheet || !figures) {
    return (
      <div className="editor-empty" role="status">
        この事務事業シートは見つかりません。削除されたか、別の年度・局のシートです。
      </div>
    );
  }
  const problems = sheetProblems(sheet);
  const readOnly = sheet.status === 'final' || windowReadOnly || yearLocked;
  const id = (name: string) => `sheet-${sheet.id}-${name}`;

  return (
    <article className={`sheet-editor${readOnly ? ' read-only' : ''}`} aria-label={`事務事業シート ${sheet.name}`} data-field-scope data-sheet-editor={sheet.id}>
      <PickLists kanNo={sheet.classification.kan.no} kouNo={sheet.classification.kou.no} />
      <header className="sheet-header">
        <span className="account">
          (
          <TextInput label="会計" hideLabel className="account-input" value={sheet.account} list={ACCOUNT_LIST_ID} readOnly={readOnly} fieldPath="account" onCommit={commit} />)
        </span>
        <span className="sheet-year">{fiscalYearLabel(sheet.fiscalYear)}</span>
        <span className="status-select">
          <label htmlFor={id('status')}>状態</label>
          <select
            id={id('status')}
            value={sheet.status}
            onChange={(e) => store.getState().setStatus(sheet.id, e.target.value as SheetStatus)}
            disabled={windowReadOnly || yearLocked}
            data-field-path="status"
          >
            {(Object.keys(statusLabels) as SheetStatus[]).map((st) => (
              <option key={st} value={st}>
                {statusLabels[st]}
              </option>
            ))}
          </select>
        </span>
        <HistoryButton kind="sheet" recordId={sheet.id} title={`事務事業「${sheet.name || '名称未入力'}」`} />
        <span className="unit">(単位：千円)</span>
      </header>
      {/* A read-only window says why in its own banner above; this note is about the sheet. */}
      {sheet.status === 'final' && !yearLocked && (
        <p className="read-only-banner" role="note">
          確定済みのため編集できません。編集するには状態を「作成中」に戻してください。
        </p>
      )}

      <div className="form-grid">
        <div className="row name-row">
          <TextInput label="事務事業名" className="wide" value={sheet.name} readOnly={readOnly} fieldPath="name" onCommit={commit} />
          <FieldProblems problems={problems} path="name" exact />
        </div>
        <div className="row amount-row">
          <AmountInput label="予算額" value={sheet.amount} readOnly={readOnly} fieldPath="amount" onCommit={commit} />
          <FieldProblems problems={problems} path="amount" exact />
        </div>

        <div className="row org-row" role="group" aria-label="局/部/課">
          <span className="row-label" aria-hidden="true">
            局/部/課
          </span>
          <TextInput label="局" value={sheet.org.bureau} readOnly={readOnly} fieldPath="org.bureau" onCommit={commit} />
          <TextInput label="部" value={sheet.org.department} readOnly={readOnly} fieldPath="org.department" onCommit={commit} />
          <TextInput label="課" value={sheet.org.section} readOnly={readOnly} fieldPath="org.section" onCommit={commit} />
          <FieldProblems problems={problems} path="org" />
        </div>

        <div className="row classification-row" role="group" aria-label="款/項/目">
          <span className="row-label" aria-hidden="true">
            款/項/目
          </span>
          <ClassificationField level="kan" unit="款" value={sheet.classification.kan} commit={commit} commitName={commitClassName} readOnly={readOnly} />
          <span aria-hidden="true">/</span>
          <ClassificationField level="kou" unit="項" value={sheet.classification.kou} commit={commit} commitName={commitClassName} readOnly={readOnly} />
          <span aria-hidden="true">/</span>
          <ClassificationField level="moku" unit="目" value={sheet.classification.moku} commit={commit} commitName={commitClassName} readOnly={readOnly} />
          <NumberInput
            label="予算書P."
            className="page"
            value={sheet.budgetBookPage}
            max={99_999}
            readOnly={readOnly}
            fieldPath="budgetBookPage"
            onCommit={commit}
          />
          <FieldProblems problems={problems} path="classification" />
        </div>

        <Section title="〔財源内訳〕" className="funding-section">
          <FundingLines lines={sheet.specificFunding} update={update} commit={commit} readOnly={readOnly} problems={problems} />
          <div className="general-fund">
            <span aria-hidden="true">- </span>
            <Computed label="一般財源" id={id('general-fund')} value={formatAmount(figures.generalFund)} negative={(figures.generalFund ?? 0) < 0} />
          </div>
        </Section>

        <Section title="<事業の目的・内容>" className="purpose-section">
          <TextArea label="事業の目的・内容" hideLabel rows={4} value={sheet.purpose} readOnly={readOnly} fieldPath="purpose" onCommit={commit} />
        </Section>
        <Section title="<特記事項>" className="notes-section">
          <TextArea label="特記事項" hideLabel rows={2} value={sheet.notes} readOnly={readOnly} fieldPath="notes" onCommit={commit} />
        </Section>

        <div className="row previous-row">
          <AmountInput
            label="前年度予算額"
            value={sheet.previousAmount}
            readOnly={readOnly}
            fieldPath="previousAmount"
            onCommit={commit}
          />
          <Computed label="増減" id={id('change')} value={formatAmount(figures.change)} negative={(figures.change ?? 0) < 0} />
          <Computed label="前年度比" id={id('ratio')} value={formatYearOverYear(figures.yearOverYear)} />
          <FieldProblems problems={problems} path="previousAmount" exact />
        </div>

        <Section title="<主な事業>" className="items-section">
          <Items items={sheet.items} update={update} commit={commit} readOnly={readOnly} />
          <div className="items-totals">
            <Computed label="主な事業の計" id={id('items-total')} value={formatAmount(figures.itemsTotal)} />
            {figures.unallocated !== null && <Computed label="未配分" id={id('unallocated')} value={formatAmount(figures.unallocated)} negative={figures.unallocated < 0} />}
          </div>
          <FieldProblems problems={problems} path="items" />
        </Section>

        <Section title="[参考]" className="reference-section">
          <TextArea label="参考" hideLabel rows={3} value={sheet.reference} readOnly={readOnly} fieldPath="reference" onCommit={commit} />
        </Section>
      </div>
    </article>
  );
}
