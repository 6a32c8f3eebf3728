// Text fields that commit as the user types (so autosave sees every keystroke) but never in the middle of an IME composition.
import { memo, useId, useRef, useState, type ChangeEvent } from 'react';
import { enterMovesOn } from './ime';

interface CommonProps {
  label: string;
  hideLabel?: boolean;
  value: string;
  /**
   * Called with the text and the field's path; keep it stable (useCallback) so unchanged fields skip rendering.
   * Return false to refuse the text (it stays on screen with a message; the store keeps the last valid value).
   */
  onCommit: (value: string, fieldPath: string) => void | boolean;
  readOnly?: boolean;
  fieldPath: string;
  className?: string;
  list?: string;
  placeholder?: string;
}

/** Keeps the typed text locally while composing; commits on input when not composing and at composition end. */
function useCommittedText(value: string, onCommit: (value: string) => void | boolean) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const composing = useRef(false);
  if (value !== shown) {
    setShown(value);
    if (!composing.current) setText(value);
  }
  const commit = (next: string) => {
    if (next !== value && onCommit(next) !== false) setShown(next);
  };
  return {
    value: text,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(event.target.value);
      if (!composing.current && !(event.nativeEvent as InputEvent).isComposing) commit(event.target.value);
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: (event: { currentTarget: { value: string } }) => {
      composing.current = false;
      commit(event.currentTarget.value);
    },
  };
}

export const TextInput = memo(function TextInput(props: CommonProps) {
  const id = useId();
  const bind = useCommittedText(props.value, (text) => props.onCommit(text, props.fieldPath));
  return (
    <span className={`field text-field ${props.className ?? ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : 'field-label'}>
        {props.label}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        data-field-path={props.fieldPath}
        readOnly={props.readOnly}
        list={props.list}
        placeholder={props.placeholder}
        onKeyDown={enterMovesOn}
        {...bind}
      />
    </span>
  );
});

export const TextArea = memo(function TextArea(props: CommonProps & { rows?: number }) {
  const id = useId();
  const bind = useCommittedText(props.value, (text) => props.onCommit(text, props.fieldPath));
  return (
    <span className={`field textarea-field ${props.className ?? ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : 'field-label'}>
        {props.label}
      </label>
      <textarea id={id} rows={props.rows ?? 3} data-field-path={props.fieldPath} readOnly={props.readOnly} {...bind} />
    </span>
  );
});

/** A small whole number (款/項/目 numbers, 予算書P.): blank is null. Invalid input keeps the last valid value. */
export const NumberInput = memo(function NumberInput(
  props: Omit<CommonProps, 'value' | 'onCommit'> & { value: number | null; onCommit: (v: number | null, fieldPath: string) => void; max: number },
) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const { value: _v, onCommit: _c, ...rest } = props;
  const bind = useCommittedText(props.value === null ? '' : String(props.value), (text) => {
    const s = text.normalize('NFKC').trim();
    if (s === '') {
      setError(null);
      props.onCommit(null, props.fieldPath);
      return;
    }
    if (!/^[0-9]+$/.test(s) || Number(s) < 1 || Number(s) > props.max) {
      setError(`${props.label}は1から${props.max}までの数字で入力してください。`);
      return false;
    }
    setError(null);
    if (Number(s) !== props.value) props.onCommit(Number(s), props.fieldPath);
  });
  return (
    <span className={`field number-field ${rest.className ?? ''}`} data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id} className={rest.hideLabel ? 'visually-hidden' : 'field-label'}>
        {rest.label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        data-field-path={rest.fieldPath}
        readOnly={rest.readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-message` : undefined}
        onKeyDown={enterMovesOn}
        {...bind}
      />
      {error && (
        <span id={`${id}-message`} className="field-message" role="alert">
          {error}
        </span>
      )}
    </span>
  );
});
