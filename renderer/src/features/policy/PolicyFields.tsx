// Small fields of the 局運営方針 screen: the 区分 marks input and a figure that follows a sheet (read-only, opens it).
import { memo, useId, useState } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { sheetHash } from '../../../../shared/routes';
import { navigate } from '../../app/useHashRoute';
import { enterMovesOn } from '../fields/ime';

/** 区分 as typed (「総 行 業」): kept locally while typing, stored as a list of marks when the field is left. */
export const MarksInput = memo(function MarksInput({
  label,
  marks,
  readOnly,
  fieldPath,
  onCommit,
}: {
  label: string;
  marks: readonly string[];
  readOnly: boolean;
  fieldPath: string;
  onCommit: (fieldPath: string, marks: string[]) => void;
}) {
  const id = useId();
  const joined = marks.join(' ');
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  if (joined !== shown) {
    setShown(joined);
    setText(joined);
  }
  const commit = (raw: string) => {
    const next = raw.split(/[\s\u3000]+/u).filter((m) => m !== '');
    if (next.join(' ') !== joined) onCommit(fieldPath, next);
    else setText(joined);
  };
  return (
    <span className="field marks-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        size={5}
        data-field-path={fieldPath}
        readOnly={readOnly}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={enterMovesOn}
      />
    </span>
  );
});

/** A figure that follows a sheet or one of its 主な事業: read-only here; a click opens its source. */
export function LinkedFigure({ label, value, sheetId, bracket }: { label: string; value: number | null; sheetId: string; bracket?: boolean }) {
  const text = formatAmount(value) || '—';
  return (
    <button type="button" className="linked-figure" aria-label={label} title="連動元のシートを開く" onClick={() => navigate(sheetHash(sheetId))}>
      {bracket ? `(${text})` : text}
    </button>
  );
}
