// The sheet editor's pieces that read the store themselves: each field, figure and problem list subscribes to its own
// value, so a keystroke re-renders the field typed into and what depends on it, not the whole form.
import { memo, useMemo, useRef } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { parsePath, type SheetFieldPath, type SheetFieldPathOf } from '../../../../shared/domain/path';
import { formatYearOverYear, type YearOverYear } from '../../../../shared/domain/ratio';
import type { Sheet } from '../../../../shared/domain/schema';
import { sheetFigures, type SheetFigures } from '../../../../shared/domain/sheet';
import { useSheets } from '../../store/context';
import { sheetOf, sheetProblems, type SheetProblem } from '../../store/selectors';
import { AmountInput } from '../fields/AmountInput';
import { NumberInput, TextArea, TextInput } from '../fields/TextInput';

/** The value at already parsed path segments; undefined where the path leads nowhere (a row just removed). */
function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The value of one field of one sheet; the component re-renders only when that value changes. */
function useFieldValue(sheetId: string, fieldPath: SheetFieldPath): unknown {
  const segments = useMemo(() => parsePath(fieldPath), [fieldPath]);
  return useSheets((s) => valueAt(sheetOf(s, sheetId), segments));
}

/** Anything derived from the open sheet, read through a selector (the result must be stable: a primitive). */
export function useSheetValue<T>(sheetId: string, select: (sheet: Sheet) => T, missing: T): T {
  return useSheets((s) => {
    const sheet = sheetOf(s, sheetId);
    return sheet ? select(sheet) : missing;
  });
}

interface BoundProps<P extends string, V> {
  sheetId: string;
  label: string;
  hideLabel?: boolean;
  fieldPath: P;
  /** Keep it stable (useCallback): the field skips rendering while its value and props stay the same. */
  onCommit: (fieldPath: P, value: V) => void;
  readOnly: boolean;
  className?: string;
}

function SheetTextField<P extends SheetFieldPathOf<string>>({ sheetId, list, ...field }: BoundProps<P, string> & { list?: string }) {
  const value = useFieldValue(sheetId, field.fieldPath);
  return (
    <TextInput
      label={field.label}
      hideLabel={field.hideLabel}
      className={field.className}
      value={typeof value === 'string' ? value : ''}
      list={list}
      readOnly={field.readOnly}
      fieldPath={field.fieldPath}
      onCommit={field.onCommit}
    />
  );
}

function SheetTextAreaField<P extends SheetFieldPathOf<string>>({ sheetId, rows, ...field }: BoundProps<P, string> & { rows: number }) {
  const value = useFieldValue(sheetId, field.fieldPath);
  return (
    <TextArea
      label={field.label}
      hideLabel={field.hideLabel}
      className={field.className}
      rows={rows}
      value={typeof value === 'string' ? value : ''}
      readOnly={field.readOnly}
      fieldPath={field.fieldPath}
      onCommit={field.onCommit}
    />
  );
}

function SheetNumberField<P extends SheetFieldPathOf<number | null>>({ sheetId, max, ...field }: BoundProps<P, number | null> & { max: number }) {
  const value = useFieldValue(sheetId, field.fieldPath);
  return (
    <NumberInput
      label={field.label}
      hideLabel={field.hideLabel}
      className={field.className}
      value={typeof value === 'number' ? value : null}
      max={max}
      readOnly={field.readOnly}
      fieldPath={field.fieldPath}
      onCommit={field.onCommit}
    />
  );
}

function SheetAmountField<P extends SheetFieldPathOf<number | null>>({ sheetId, ...field }: BoundProps<P, number | null>) {
  const value = useFieldValue(sheetId, field.fieldPath);
  return (
    <AmountInput
      label={field.label}
      hideLabel={field.hideLabel}
      className={field.className}
      value={typeof value === 'number' ? value : null}
      readOnly={field.readOnly}
      fieldPath={field.fieldPath}
      onCommit={field.onCommit}
    />
  );
}

// Memoised; `memo` drops the type parameter, the casts put it back.
export const SheetTextInput = memo(SheetTextField) as typeof SheetTextField;
export const SheetTextArea = memo(SheetTextAreaField) as typeof SheetTextAreaField;
export const SheetNumberInput = memo(SheetNumberField) as typeof SheetNumberField;
export const SheetAmountInput = memo(SheetAmountField) as typeof SheetAmountField;

/** Sheets are immutable: the figures of one sheet object are computed once for all the outputs that show them. */
const figuresCache = new WeakMap<Sheet, SheetFigures>();

function figuresOf(sheet: Sheet): SheetFigures {
  let figures = figuresCache.get(sheet);
  if (!figures) {
    figures = sheetFigures(sheet);
    figuresCache.set(sheet, figures);
  }
  return figures;
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

type AmountFigure = 'change' | 'generalFund' | 'itemsTotal' | 'unallocated';

/**
 * One computed amount (増減, 一般財源, 主な事業の計, 未配分); `signed` marks a negative one, `hiddenWhenBlank` shows
 * nothing while the figure does not apply (未配分 when every item states its amount).
 */
export const SheetAmountFigure = memo(function SheetAmountFigure({ sheetId, figure, label, id, signed, hiddenWhenBlank }: { sheetId: string; figure: AmountFigure; label: string; id: string; signed?: boolean; hiddenWhenBlank?: boolean }) {
  const value = useSheetValue(sheetId, (sheet) => figuresOf(sheet)[figure], null);
  if (hiddenWhenBlank && value === null) return null;
  return <Computed label={label} id={id} value={formatAmount(value)} negative={signed ? (value ?? 0) < 0 : undefined} />;
});

/** 前年度比, selected as a plain value (the ratio itself is an object, new on every edit) and formatted only to show. */
export const SheetRatioFigure = memo(function SheetRatioFigure({ sheetId, label, id }: { sheetId: string; label: string; id: string }) {
  const ratio = useSheetValue<number | Exclude<YearOverYear['kind'], 'ratio'>>(
    sheetId,
    (sheet) => {
      const figure = figuresOf(sheet).yearOverYear;
      return figure.kind === 'ratio' ? figure.tenthsOfPercent : figure.kind;
    },
    'none',
  );
  const value = formatYearOverYear(typeof ratio === 'number' ? { kind: 'ratio', tenthsOfPercent: ratio } : { kind: ratio });
  return <Computed label={label} id={id} value={value} />;
});

const NO_PROBLEMS: readonly SheetProblem[] = [];

function problemsAt(problems: readonly SheetProblem[], path: string, exact: boolean): readonly SheetProblem[] {
  const mine = problems.filter((p) =>
    exact ? p.fieldPath === path : p.fieldPath === path || p.fieldPath.startsWith(`${path}.`) || p.fieldPath.startsWith(`${path}[`),
  );
  return mine.length === 0 ? NO_PROBLEMS : mine;
}

/** Same severities and messages in the same order: what the list shows. */
function sameProblems(a: readonly SheetProblem[], b: readonly SheetProblem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.severity === b[i]?.severity && p.message === b[i]?.message);
}

/**
 * Problems of one field (or of a part of the form, by path prefix), shown beside it. The checks run once per edited
 * sheet (cached); the list re-renders only when what it shows changes, since every edit makes new problem objects.
 */
export const SheetFieldProblems = memo(function SheetFieldProblems({ sheetId, path, exact }: { sheetId: string; path: string; exact?: boolean }) {
  // The last list shown: a store selector must return the same object while nothing it shows changed.
  const shown = useRef(NO_PROBLEMS);
  const mine = useSheets((s) => {
    const sheet = sheetOf(s, sheetId);
    const next = sheet ? problemsAt(sheetProblems(sheet), path, exact ?? false) : NO_PROBLEMS;
    if (!sameProblems(shown.current, next)) shown.current = next;
    return shown.current;
  });
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
});
