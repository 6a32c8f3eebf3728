// The sheet list of the chosen 年度 and 局, grouped by 課, filterable, virtualised, and driven by the keyboard.
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { statusLabels } from '../../../../shared/domain/labels';
import { formatAmount } from '../../../../shared/domain/money';
import type { SheetStatus } from '../../../../shared/domain/schema';
import { sheetChange } from '../../../../shared/domain/sheet';
import { selectScopeSheets } from '../../store/selectors';
import { findField } from './focus-field';
import { buildRows, emptyFilter, sectionsOf, type ListFilter, type ListRow } from './list-rows';
import { useSummary } from '../../hooks/useSummary';

const ROW_HEIGHT = 30;
export const LIST_READY_MARK = 'yosan:list-ready';
const OVERSCAN = 8;
const SEVERITY_MARK = { error: '⛔', warning: '⚠', info: 'ℹ' } as const;
const SEVERITY_WORD = { error: 'エラーあり', warning: '警告あり', info: '' } as const;

const SheetRow = memo(function SheetRow({ row, selected, top, onOpen }: { row: ListRow; selected: boolean; top: number; onOpen: (id: string) => void }) {
  if (row.kind === 'group') {
    return (
      <div className="list-group" style={{ top, height: ROW_HEIGHT }} role="presentation">
        ▸ {row.section || '（課なし）'} <span className="count">{row.count}件</span>
        {row.severity && <span className={`mark mark-${row.severity}`} aria-label={SEVERITY_WORD[row.severity]}>{SEVERITY_MARK[row.severity]}</span>}
      </div>
    );
  }
  const { sheet, severity } = row;
  const change = sheetChange(sheet);
  return (
    <div
      id={`list-${sheet.id}`}
      className={`list-row${selected ? ' selected' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      role="option"
      aria-selected={selected}
      onClick={() => onOpen(sheet.id)}
    >
      {/* A name cut short by the column's width can still be read in full by hovering it. */}
      <span className="list-name" title={sheet.name || undefined}>
        {sheet.name || '（名称未入力）'}
        {severity && <span className={`mark mark-${severity}`} aria-label={SEVERITY_WORD[severity]}>{SEVERITY_MARK[severity]}</span>}
      </span>
      <span className="list-amount num">{formatAmount(sheet.amount)}</span>
      <span className={`list-change num${change !== null && change < 0 ? ' negative' : ''}`}>{formatAmount(change)}</span>
      <span className={`list-status status-${sheet.status}`}>{statusLabels[sheet.status]}</span>
    </div>
  );
});

/** Memoised, and fed the list once typing pauses: typing in a sheet repaints the editor first, the list row follows. */
export const SheetList = memo(function SheetList({ selectedId, onOpen, searchRef }: { selectedId: string | null; onOpen: (id: string) => void; searchRef: RefObject<HTMLInputElement | null> }) {
  const sheets = useSummary(selectScopeSheets);
  const [filter, setFilter] = useState<ListFilter>(emptyFilter);
  const rows = useMemo(() => buildRows(sheets, filter), [sheets, filter]);
  const sections = useMemo(() => sectionsOf(sheets), [sheets]);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    // The observer's own measurement: reading clientHeight here would make the browser lay the page out again.
    const observer = new ResizeObserver(([entry]) => setHeight(entry?.contentRect.height ?? el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A mark for benchmarks and support: when the list first shows rows the user can act on.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows && performance.getEntriesByName(LIST_READY_MARK).length === 0) performance.mark(LIST_READY_MARK);
  }, [hasRows]);

  const sheetRows = useMemo(() => rows.flatMap((r, i) => (r.kind === 'sheet' ? [{ id: r.sheet.id, index: i }] : [])), [rows]);
  const selectedIndex = rows.findIndex((r) => r.kind === 'sheet' && r.sheet.id === selectedId);

  // Keep the selected row in view when it changes (keyboard or a jump from the problems panel). Decided from the
  // scroll position and height already known, so a row in view costs no layout (reading the element's would force one).
  const view = useRef({ scrollTop, height });
  view.current = { scrollTop, height };
  useEffect(() => {
    const el = viewport.current;
    if (!el || selectedIndex < 0) return;
    const { scrollTop: shownTop, height: shownHeight } = view.current;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < shownTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > shownTop + shownHeight) el.scrollTop = top + ROW_HEIGHT - shownHeight;
  }, [selectedIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = sheetRows.findIndex((r) => r.id === selectedId);
    const go = (i: number) => {
      const target = sheetRows[Math.max(0, Math.min(sheetRows.length - 1, i))];
      if (target) onOpen(target.id);
    };
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'PageDown':
        go(at + page);
        break;
      case 'PageUp':
        go(at - page);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(sheetRows.length - 1);
        break;
      case 'Enter':
        findField('name')?.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <nav className="sheet-list" aria-label="事務事業シート一覧">
      <div className="list-filters">
        <label className="search">
          <span className="visually-hidden">検索</span>
          <input
            ref={searchRef}
            type="search"
            placeholder="検索（事務事業名・課）"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label>
          <span className="visually-hidden">課で絞り込み</span>
          {/* Half the list's width: a long 課 (「情報システム課情報システム運用管理室」) is cut there, so it is the tooltip. */}
          <select value={filter.section} title={filter.section || 'すべての課'} onChange={(e) => setFilter({ ...filter, section: e.target.value })}>
            <option value="">すべての課</option>
            {sections.map((s) => (
              <option key={s} value={s}>
                {s || '（課なし）'}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">状態で絞り込み</span>
          <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as SheetStatus | '' })}>
            <option value="">すべての状態</option>
            {(Object.keys(statusLabels) as SheetStatus[]).map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="problems-only">
          <input type="checkbox" checked={filter.problemsOnly} onChange={(e) => setFilter({ ...filter, problemsOnly: e.target.checked })} />
          問題のあるシートのみ
        </label>
      </div>
      <div className="list-head" aria-hidden="true">
        <span>事務事業名</span>
        <span className="num">予算額</span>
        <span className="num">増減</span>
        <span>状態</span>
      </div>
      <div
        ref={viewport}
        className="list-viewport"
        role="listbox"
        aria-label="事務事業シート"
        tabIndex={0}
        aria-activedescendant={selectedId && selectedIndex >= first && selectedIndex < last ? `list-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="list-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {visible.map((row, i) => (
            <SheetRow
              key={row.kind === 'sheet' ? row.sheet.id : `g-${row.section}`}
              row={row}
              top={(first + i) * ROW_HEIGHT}
              selected={row.kind === 'sheet' && row.sheet.id === selectedId}
              onOpen={onOpen}
            />
          ))}
        </div>
        {rows.length === 0 && <p className="list-empty">{sheets.length === 0 ? 'この年度・局の事務事業シートはありません。「新規」で作成できます。' : '条件に合うシートはありません。'}</p>}
      </div>
      <p className="list-count" data-list-count aria-live="polite">
        {sheetRows.length} / {sheets.length} 件
      </p>
    </nav>
  );
});
