// Text fields that commit as the user types (so autosave sees every keystroke) but never in the middle of an IME composition.
import { memo, useId, useRef, useState, type ChangeEvent } from 'react';
import { enterMovesOn } from './ime';

interface CommonProps<P extends string> {
  label: string;
  hideLabel?: boolean;
  value: string;
  /**
   * Called with the field's path and the text; keep it stable (useCallback) so unchanged fields skip rendering.
   * Typed by the path: a commit whose path type holds no text (e.g. the editor's commit at `amount`) does not compile.
   */
  onCommit: (fieldPath: P, value: string) => void;
  readOnly?: boolean;
  /** Shown as `data-field-path`: how the checks panel and the tests find the field. */
  fieldPath: P;
  className?: string;
  list?: string;
  placeholder?: string;
}

/**
 * Keeps the typed text locally while composing; commits on input when not composing and at composition end.
 * `onCommit` returns false to refuse the text (it stays on screen with a message; the store keeps the last valid value).
 */
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

function TextField<P extends string>(props: CommonProps<P>) {
  const id = useId();
  const bind = useCommittedText(props.value, (text) => props.onCommit(props.fieldPath, text));
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
}

function TextAreaField<P extends string>(props: CommonProps<P> & { rows?: number }) {
  const id = useId();
  const bind = useCommittedText(props.value, (text) => props.onCommit(props.fieldPath, text));
  return (
    <span className={`field textarea-field ${props.className ?? ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : 'field-label'}>
        {props.label}
      </label>
      <textarea id={id} rows={props.rows ?? 3} data-field-path={props.fieldPath} readOnly={props.readOnly} {...bind} />
    </span>
  );
}

type NumberProps<P extends string> = Omit<CommonProps<P>, 'value' | 'onCommit'> & {
  value: number | null;
  onCommit: (fieldPath: P, value: number | null) => void;
  max: number;
};

/** A small whole number (款/項/目 numbers, 予算書P.): blank is null. Invalid input keeps the last valid value. */
function NumberField<P extends string>(props: NumberProps<P>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const { value: _v, onCommit: _c, ...rest } = props;
  const bind = useCommittedText(props.value === null ? '' : String(props.value), (text) => {
    const s = text.normalize('NFKC').trim();
    if (s === '') {
      setError(null);
      props.onCommit(props.fieldPath, null);
      return;
    }
    if (!/^[0-9]+$/.test(s) || Number(s) < 1 || Number(s) > props.max) {
      setError(`${props.label}は1から${props.max}までの数字で入力してください。`);
      return false;
    }
    setError(null);
    if (Number(s) !== props.value) props.onCommit(props.fieldPath, Number(s));
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
}

// Memoised; `memo` drops the type parameter, the casts put it back.
export const TextInput = memo(TextField) as typeof TextField;
export const TextArea = memo(TextAreaField) as typeof TextAreaField;
export const NumberInput = memo(NumberField) as typeof NumberField;
