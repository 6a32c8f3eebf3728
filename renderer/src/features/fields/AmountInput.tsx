// An amount field in 千円: accepts full-width digits, ， and △; formats on blur; never touches an IME composition.
import { memo, useId, useRef, useState } from 'react';
import { formatAmount, parseAmount } from '../../../../shared/domain/money';
import { enterMovesOn } from './ime';

export interface AmountInputProps<P extends string> {
  /** Accessible label: the form's own field name (予算額, 前年度予算額, 主な事業1の金額 …). */
  label: string;
  /** Shown instead of the label text when the visible label sits elsewhere (e.g. a table header). */
  hideLabel?: boolean;
  value: number | null;
  /**
   * Called with the field's path and the parsed value; keep it stable (useCallback) so unchanged fields skip rendering.
   * Typed by the path: a commit whose path type holds no amount (e.g. the editor's commit at `name`) does not compile.
   */
  onCommit: (fieldPath: P, value: number | null) => void;
  signed?: boolean;
  readOnly?: boolean;
  /** Shown as `data-field-path`: how the checks panel and the tests find the field. */
  fieldPath: P;
  className?: string;
}

function AmountField<P extends string>({ label, hideLabel, value, onCommit, signed, readOnly, fieldPath, className }: AmountInputProps<P>) {
  const id = useId();
  const messageId = `${id}-message`;
  const [text, setText] = useState(() => formatAmount(value));
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const composing = useRef(false);
  // The value this field last showed or committed: when the store changes it from elsewhere (undo), show the new one.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (!composing.current) {
      setText(formatAmount(value));
      setError(null);
    }
  }

  const accept = (raw: string) => {
    const parsed = parseAmount(raw, { label, signed: signed ?? false });
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    if (parsed.value !== value) {
      setShownValue(parsed.value);
      onCommit(fieldPath, parsed.value);
    }
  };

  return (
    <span className={`field amount-field ${className ?? ''}`} data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {/*
        A box of its own, so the input is a relayout boundary: as a flex item of the field it is not one, and the
        layout Chromium's editing does for every digit covered the whole window instead of the input (see app.css).
      */}
      <span className="amount-box">
        <input
          id={id}
          className="amount-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          data-field-path={fieldPath}
          value={focused || error ? text : formatAmount(value)}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? messageId : undefined}
          onFocus={() => {
            setFocused(true);
            if (!error) setText(formatAmount(value));
          }}
          onChange={(event) => {
            setText(event.target.value);
            const native = event.nativeEvent as InputEvent;
            if (composing.current || native.isComposing) return;
            accept(event.target.value);
          }}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(event) => {
            composing.current = false;
            accept(event.currentTarget.value);
          }}
          onBlur={(event) => {
            setFocused(false);
            if (composing.current) return;
            accept(event.currentTarget.value);
          }}
          onKeyDown={enterMovesOn}
        />
      </span>
      {error && (
        <span id={messageId} className="field-message" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** Memoised; `memo` drops the type parameter, the cast puts it back. */
export const AmountInput = memo(AmountField) as typeof AmountField;
