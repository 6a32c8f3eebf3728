// A key-program row's link as a searchable combobox: type to filter sheets (名称, 課) and 主な事業, ↑/↓ move, Enter chooses,
// Escape closes leaving the link as it was. Read-only windows and policies show the choice without opening.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterLinkOptions, type LinkOption } from './link-options';

interface Props {
  /** The accessible name, e.g. 「主要事業7の連動先」. */
  label: string;
  /** The current link's value ('' typed). */
  value: string;
  options: readonly LinkOption[];
  readOnly: boolean;
  fieldPath: string;
  onChoose: (value: string) => void;
}

const MISSING = '（見つからない連動先）';

export function LinkPicker({ label, value, options, readOnly, fieldPath, onChoose }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [above, setAbove] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const current = options.find((o) => o.value === value);
  const shown = current ? current.label : MISSING;
  const visible = useMemo(() => (open ? filterLinkOptions(options, query) : []), [open, options, query]);
  const activeOption = open ? visible[active] : undefined;
  const optionId = (i: number) => `${id}-o${i}`;

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, visible]);

  const openWith = (nextQuery: string) => {
    if (readOnly) return;
    setQuery(nextQuery);
    const list = filterLinkOptions(options, nextQuery);
    const at = nextQuery ? 0 : list.findIndex((o) => o.value === value);
    setActive(Math.max(at, 0));
    // Opens upwards when the row sits near the bottom of the window.
    const rect = inputRef.current?.getBoundingClientRect();
    setAbove(rect !== undefined && window.innerHeight - rect.bottom < 220 && rect.top > window.innerHeight - rect.bottom);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setQuery('');
  };
  const choose = (option: LinkOption | undefined) => {
    close();
    if (option && option.value !== value) onChoose(option.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // An IME's Enter confirms the composition, never a choice.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (readOnly) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!open) {
          openWith('');
          return;
        }
        if (event.altKey && event.key === 'ArrowUp') {
          close();
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (visible.length > 0) setActive((a) => Math.min(Math.max(a + step, 0), visible.length - 1));
        return;
      }
      case 'Home':
      case 'End':
        if (!open || visible.length === 0) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : visible.length - 1);
        return;
      case 'PageDown':
      case 'PageUp':
        if (!open || visible.length === 0) return;
        event.preventDefault();
        setActive((a) => Math.min(Math.max(a + (event.key === 'PageDown' ? 8 : -8), 0), visible.length - 1));
        return;
      case 'Enter':
        if (!open) return;
        event.preventDefault();
        choose(activeOption);
        return;
      case 'Escape':
        if (!open) return;
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      case 'Tab':
        if (open) close();
        return;
    }
  };

  return (
    <div className={`link-picker${open ? ' open' : ''}${above ? ' above' : ''}`}>
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-activedescendant={activeOption ? optionId(active) : undefined}
        aria-readonly={readOnly || undefined}
        readOnly={readOnly}
        className={`link-picker-input${current ? '' : ' missing'}`}
        title={shown}
        value={open ? query : shown}
        placeholder={open ? shown : undefined}
        autoComplete="off"
        spellCheck={false}
        data-field-path={fieldPath}
        onFocus={(e) => {
          if (!open) e.currentTarget.select();
        }}
        onClick={() => {
          if (!open) openWith('');
        }}
        onBlur={() => {
          if (open) close();
        }}
        onChange={(e) => {
          if (readOnly) return;
          if (open) {
            setQuery(e.target.value);
            setActive(0);
          } else {
            openWith(e.target.value);
          }
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={label}
        className="link-picker-list"
        hidden={!open}
        // Keeps the focus in the input while the mouse picks.
        onMouseDown={(e) => e.preventDefault()}
      >
        {open && visible.length === 0 && (
          <li className="link-picker-empty" role="presentation">
            該当なし
          </li>
        )}
        {visible.map((o, i) => (
          <li
            key={o.value}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            aria-label={o.label}
            data-index={i}
            data-value={o.value}
            className={`link-option link-option-${o.kind}${i === active ? ' active' : ''}${o.value === value ? ' current' : ''}`}
            onMouseMove={() => {
              if (i !== active) setActive(i);
            }}
            onClick={() => choose(o)}
          >
            <span className="link-option-text">{o.text}</span>
            {o.kind === 'sheet' && o.section && <span className="link-option-section">{o.section}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
