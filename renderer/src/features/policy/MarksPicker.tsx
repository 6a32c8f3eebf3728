// The 区分 cell of a key-program row: a toggle per mark of the document's list, and ＋ to add a new mark to this row.
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isComposingKey } from '../fields/ime';
import { parseNewMark, toggledMarks } from './marks';

export const MarksPicker = memo(function MarksPicker({
  no,
  marks,
  list,
  readOnly,
  fieldPath,
  onMarks,
}: {
  /** The row's No (names its controls: 「主要事業4の区分 総」). */
  no: number;
  marks: readonly string[];
  /** Every mark to choose from, in order. */
  list: readonly string[];
  readOnly: boolean;
  fieldPath: string;
  /** Writes the row's marks: given the marks now stored, returns the next ones (one undo step). */
  onMarks: (next: (current: readonly string[]) => string[]) => void;
}) {
  const name = `主要事業${no}の区分`;
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const plusRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const inputId = useId();

  useEffect(() => {
    if (!adding && refocus.current) {
      refocus.current = false;
      plusRef.current?.focus();
    }
  }, [adding]);

  const close = (focusPlus: boolean) => {
    refocus.current = focusPlus;
    setAdding(false);
    setText('');
    setInvalid(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposingKey(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const mark = parseNewMark(event.currentTarget.value);
      if (mark === null) {
        setInvalid(true);
        return;
      }
      onMarks((current) => (current.includes(mark) ? current.slice() : toggledMarks(current, mark, true, [...list, mark])));
      close(true);
    }
  };

  return (
    <div className="marks-picker" role="group" aria-label={name} data-field-path={fieldPath}>
      {list.map((mark) => {
        const on = marks.includes(mark);
        return (
          <button
            key={mark}
            type="button"
            className="mark-toggle"
            aria-pressed={on}
            aria-label={`${name} ${mark}`}
            disabled={readOnly}
            onClick={() => onMarks((current) => toggledMarks(current, mark, !current.includes(mark), list))}
          >
            {mark}
          </button>
        );
      })}
      {!readOnly &&
        (adding ? (
          <span className="mark-new">
            <label htmlFor={inputId} className="visually-hidden">
              {`${name}を追加（1〜2文字）`}
            </label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              size={2}
              autoFocus
              aria-invalid={invalid || undefined}
              title="1〜2文字、Enter で追加、Esc で取消"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setInvalid(false);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => close(false)}
            />
          </span>
        ) : (
          <button ref={plusRef} type="button" className="mark-add" aria-label={`${name}を追加`} title="区分を追加" onClick={() => setAdding(true)}>
            ＋
          </button>
        ))}
    </div>
  );
});
