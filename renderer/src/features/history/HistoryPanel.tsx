// 履歴: the earlier versions of one sheet or 局運営方針, newest first; one chosen beside today's, and この版に戻す.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldChange } from '../../../../shared/domain/diff';
import type { Policy, Sheet } from '../../../../shared/domain/schema';
import type { StoredVersion } from '../../persistence/db';
import { listVersions } from '../../persistence/versions';
import { isYearLocked } from '../../store/document';
import { useSaveStatus, useServices, useSheets } from '../../store/context';
import { changesSince, formatTakenAt, reasonLabels, restoreChange, splitDifference, versionSummary, type RecordKind } from './history-view';
import './history.css';

export interface HistoryPanelProps {
  kind: RecordKind;
  recordId: string;
  /** What the record is, for the title: 事務事業「情報化推進事業」, 局運営方針（政策局 平成27年度）. */
  title: string;
  onClose: () => void;
}

/** Why この版に戻す cannot be used here, or null when it can. */
function useRestoreRefusal(kind: RecordKind, current: Sheet | Policy | undefined): string | null {
  return useSheets((s) => {
    if (s.readOnly !== null) return 'この画面は閲覧のみのため戻せません。';
    if (!current) return null;
    if (isYearLocked(s, current.fiscalYear)) return 'この年度は確定済みのため戻せません。';
    if (kind === 'sheet' && (current as Sheet).status === 'final') return '確定したシートは戻せません。状態を「作成中」に戻してから操作してください。';
    return null;
  });
}

export function HistoryPanel({ kind, recordId, title, onClose }: HistoryPanelProps) {
  const services = useServices();
  const current = useSheets((s) => (kind === 'sheet' ? s.sheets.get(recordId) : s.policies.find((p) => p.id === recordId)));
  const position = useSheets((s) => s.positions[recordId] ?? 0);
  // A 局運営方針 row's link is named by its sheet (live or in the trash); the panel is modal, so no typing re-renders it.
  const sheets = useSheets((s) => s.sheets);
  const deleted = useSheets((s) => s.deleted);
  const sheetName = useCallback((id: string) => (sheets.get(id) ?? deleted[id]?.sheet)?.name, [sheets, deleted]);
  const refusal = useRestoreRefusal(kind, current);
  const savedAt = useSaveStatus().savedAt;
  const [versions, setVersions] = useState<StoredVersion[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // Every write may have kept a version (the autosave's, a restore's): read the list again after each.
  const reload = useCallback(async () => {
    const db = services.database();
    setVersions(db ? await listVersions(db, kind, recordId) : []);
  }, [services, kind, recordId]);
  useEffect(() => {
    let live = true;
    // Pending edits first, so the version their write keeps is in the list.
    void services.flush().then(() => {
      if (live) void reload();
    });
    return () => {
      live = false;
    };
  }, [services, reload]);
  useEffect(() => {
    if (savedAt) void reload();
  }, [savedAt, reload]);

  const rows = useMemo(() => {
    const now = new Date();
    return (versions ?? []).map((v) => ({
      version: v,
      when: formatTakenAt(v.takenAt, now),
      summary: current ? versionSummary(kind, v.content, current, sheetName) : '',
    }));
  }, [versions, current, kind, sheetName]);
  const chosenRow = rows.find((r) => r.version.seq === chosen) ?? null;
  const changes = useMemo(
    () => (chosenRow && current ? changesSince(kind, chosenRow.version.content, current, sheetName) : []),
    [chosenRow, current, kind, sheetName],
  );

  const restore = async () => {
    if (!chosenRow || !current || refusal) return;
    setBusy(true);
    const result = await services.applyBulk(restoreChange(kind, chosenRow.version.content, current, position, new Date()));
    setBusy(false);
    if (!result.ok) {
      setMessage({ text: result.message, error: true });
      return;
    }
    setMessage({ text: `${chosenRow.when} の版に戻しました。取り消すには「元に戻す」（Ctrl+Z）を押してください。`, error: false });
    setChosen(null);
    await reload();
    // The button pressed is gone with the comparison: keep the keyboard in the list, on the version just kept.
    listRef.current?.querySelector<HTMLButtonElement>('button.history-version')?.focus();
  };

  // ↑ ↓ Home End move between the versions, as in the sheet list.
  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button.history-version') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : null;
    if (to === null || buttons.length === 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
  };

  return (
    <dialog ref={dialogRef} className="history-dialog" aria-labelledby="history-title" onClose={onClose}>
      <header className="history-head">
        <h2 id="history-title">履歴 — {title}</h2>
        <button type="button" onClick={() => dialogRef.current?.close()}>
          閉じる
        </button>
      </header>
      <p className="history-note">
        編集を始めたとき、編集中は10分ごと、取り込み・次年度の作成・復元の前に、その時点の内容を保存しています（新しい順に30件まで）。
      </p>
      {message && (
        <p className={`history-message${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {versions === null ? (
        <p role="status">読み込み中…</p>
      ) : rows.length === 0 ? (
        <p className="history-none">まだ保存された版はありません。編集を始めると、編集前の内容がここに残ります。</p>
      ) : (
        <div className="history-body">
          <section className="history-list" aria-label="保存された版">
            <ul ref={listRef} onKeyDown={onListKeyDown}>
              {rows.map((row) => (
                <li key={row.version.seq}>
                  <button
                    type="button"
                    className="history-version"
                    aria-pressed={row.version.seq === chosen}
                    onClick={() => {
                      setChosen(row.version.seq ?? null);
                      setMessage(null);
                    }}
                  >
                    <span className="history-when">{row.when}</span>
                    <span className={`history-reason reason-${row.version.reason}`}>{reasonLabels[row.version.reason]}</span>
                    <span className="history-summary">{row.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="history-compare" aria-label="この版と現在の違い">
            {!chosenRow ? (
              <p className="history-hint">左の一覧から版を選ぶと、現在の内容と並べて違いを表示します。</p>
            ) : (
              <>
                <h3>
                  {chosenRow.when}（{reasonLabels[chosenRow.version.reason]}）の版と現在の違い
                  {changes.length > 0 && `（${changes.length} 項目）`}
                </h3>
                {changes.length === 0 ? <p>この版は現在の内容と同じです。</p> : <ChangesTable changes={changes} />}
                <div className="history-actions">
                  {refusal && <p className="history-refusal">{refusal}</p>}
                  <button type="button" className="primary" onClick={() => void restore()} disabled={busy || refusal !== null || changes.length === 0}>
                    この版に戻す
                  </button>
                </div>
              </>
            )}
          </section>
        </div>
      )}
    </dialog>
  );
}

/** Only the fields that differ: この版 | 現在, figures right-aligned, the differing part of a text marked. */
function ChangesTable({ changes }: { changes: readonly FieldChange[] }) {
  return (
    <table className="history-table">
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">この版</th>
          <th scope="col">現在</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.label} className={`change-${change.kind}`}>
            <th scope="row">{change.label}</th>
            <td className="history-before">
              <Marked text={change.before} other={change.after} figure={change.kind === 'figure'} />
            </td>
            <td className="history-after">
              <Marked text={change.after} other={change.before} figure={change.kind === 'figure'} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Marked({ text, other, figure }: { text: string; other: string; figure: boolean }) {
  if (figure) return <mark className="num">{text}</mark>;
  if (text === '') return <span className="history-empty">（なし）</span>;
  const { head, changed, tail } = splitDifference(text, other);
  return (
    <>
      {head}
      {changed && <mark>{changed}</mark>}
      {tail}
    </>
  );
}
