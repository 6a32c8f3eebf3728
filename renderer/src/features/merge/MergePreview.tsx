// The merge preview: a modal table of every record the opened files hold (新規 / 変更 / 同じ / 競合), what changed,
// and which to keep per row (こちら / ファイル), with the files that could not be read; nothing is written until 取り込む.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { FieldChange } from '../../../../shared/domain/diff';
import { formatAmount } from '../../../../shared/domain/money';
import { effectiveChoice, mergeChoiceLabels, mergeStateLabels, type MergeChoice, type MergeRow, type MergeState } from '../../../../shared/domain/merge';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import type { MergeController } from './useMerge';

/** Rows that need a look first: conflicts, then edits made here, changes, new records, and the same last. */
const STATE_ORDER: readonly MergeState[] = ['conflict', 'edited-here', 'changed', 'new', 'same'];
/** Changed fields shown in a row before 「ほか n 件」 (the rest open on click). */
const CHANGES_SHOWN = 4;
/** A long text is cut to this many characters in the table; the full text is in the tooltip. */
const TEXT_SHOWN = 40;

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '（空欄）';
  return flat.length > TEXT_SHOWN ? `${flat.slice(0, TEXT_SHOWN)}…` : flat;
}

function ChangeLine({ change }: { change: FieldChange }) {
  if (change.kind === 'figure') {
    return (
      <li>
        <span className="merge-field">{change.label}:</span> <span className="num">{change.before}</span> → <span className="num">{change.after}</span>
      </li>
    );
  }
  return (
    <li title={`${change.label}\n変更前: ${change.before}\n変更後: ${change.after}`}>
      <span className="merge-field">{change.label}:</span> 「{cut(change.before)}」 → 「{cut(change.after)}」
    </li>
  );
}

function RowTitle({ row }: { row: MergeRow }) {
  if (row.kind === 'policy') {
    return (
      <>
        <span className="merge-name">局運営方針</span>
        <span className="merge-scope">
          {row.incoming.bureau}・{fiscalYearLabel(row.incoming.fiscalYear)}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="merge-name">{row.incoming.name || '（名称未入力）'}</span>
      <span className="merge-scope">
        {row.incoming.org.bureau}・{fiscalYearLabel(row.incoming.fiscalYear)}
      </span>
    </>
  );
}

function Changes({ row }: { row: MergeRow }) {
  if (row.state === 'same') return <span className="merge-none">—</span>;
  if (row.local === null) {
    const what = row.kind === 'sheet' ? `新しい事務事業（予算額 ${row.incoming.amount === null ? '未入力' : formatAmount(row.incoming.amount)}）` : '新しい局運営方針';
    return <span className="merge-none">{what}</span>;
  }
  const shown = row.changes.slice(0, CHANGES_SHOWN);
  const rest = row.changes.slice(CHANGES_SHOWN);
  return (
    <>
      {row.localTrashed && <p className="merge-trashed">こちらでは削除済み（ファイルを採用すると元に戻ります）</p>}
      {row.changes.length === 0 && row.localTrashed ? null : (
        <ul className="merge-changes">
          {shown.map((c) => (
            <ChangeLine key={c.label} change={c} />
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <details className="merge-more">
          <summary>ほか {rest.length} 件</summary>
          <ul className="merge-changes">
            {rest.map((c) => (
              <ChangeLine key={c.label} change={c} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** One record: memoised on its choice, so choosing in one row re-renders that row only. */
const PreviewRow = memo(function PreviewRow({
  row,
  choice,
  disabled,
  onChoose,
}: {
  row: MergeRow;
  choice: MergeChoice | null;
  disabled: boolean;
  onChoose: (key: string, choice: MergeChoice) => void;
}) {
  const name = row.kind === 'sheet' ? row.incoming.name || '名称未入力' : `局運営方針 ${row.incoming.bureau}`;
  return (
    <tr data-merge-row={row.key} data-merge-state={row.state}>
      <th scope="row" className="merge-title">
        <RowTitle row={row} />
      </th>
      <td className="merge-file">
        {row.fileName}
        {row.overridden.length > 0 && <span className="merge-overridden">（{row.overridden.join('、')} にもあり、後のファイルを使用）</span>}
      </td>
      <td className="merge-state">
        <span className={`merge-badge merge-badge-${row.state}`}>{mergeStateLabels[row.state]}</span>
        {row.locked && <span className="merge-badge merge-badge-locked">確定済み</span>}
      </td>
      <td className="merge-diff">
        <Changes row={row} />
      </td>
      <td className="merge-choice">
        {choice === null ? (
          <span className="merge-none">—</span>
        ) : row.locked ? (
          <span title="確定済みの年度は変更できません">こちら</span>
        ) : (
          <span role="radiogroup" aria-label={`${name}で残す方`} className="merge-radios">
            {(['mine', 'theirs'] as const).map((c) => (
              <label key={c}>
                <input type="radio" name={`merge-${row.key}`} value={c} checked={choice === c} disabled={disabled} onChange={() => onChoose(row.key, c)} />
                {mergeChoiceLabels[c]}
              </label>
            ))}
          </span>
        )}
      </td>
    </tr>
  );
});

export function MergePreview({ merge }: { merge: MergeController }) {
  const { session, choose, chooseAll, apply, cancel } = merge;
  const ref = useRef<HTMLDialogElement>(null);
  const open = session !== null;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const plan = session?.plan;
  const rows = useMemo(() => {
    if (!plan) return [];
    const rank = (r: MergeRow) => STATE_ORDER.indexOf(r.state);
    return plan.rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i).map(({ row }) => row);
  }, [plan]);

  const taking = useMemo(() => {
    if (!session) return { theirs: 0, mine: 0 };
    let theirs = 0;
    let mine = 0;
    for (const row of session.plan.rows) {
      const c = effectiveChoice(row, session.choices);
      if (c === 'theirs') theirs += 1;
      else if (c === 'mine') mine += 1;
    }
    return { theirs, mine };
  }, [session]);

  const applying = session?.applying ?? false;
  return (
    <dialog
      ref={ref}
      className="merge-dialog"
      aria-labelledby="merge-title"
      onCancel={(event) => {
        // Esc is キャンセル, except while 取り込む is writing.
        event.preventDefault();
        cancel();
      }}
    >
      {session && (
        <div className="merge-body">
          <header className="merge-head">
            <h2 id="merge-title">ファイルの取り込み（{session.fileNames.length} ファイル）</h2>
            <p className="merge-summary" data-merge-summary>
              {STATE_ORDER.filter((s) => session.plan.counts[s] > 0)
                .map((s) => `${mergeStateLabels[s]} ${session.plan.counts[s].toLocaleString('ja-JP')} 件`)
                .join('、')}
              。取り込むとき、ファイルを採用 {taking.theirs.toLocaleString('ja-JP')} 件、こちらを残す {taking.mine.toLocaleString('ja-JP')} 件。
            </p>
            {session.unreadable.length > 0 && (
              <div className="merge-unreadable" role="alert">
                <p>次のファイルは読み込めなかったため取り込みません（ほかのファイルは取り込めます）。</p>
                <ul>
                  {session.unreadable.map((f) => (
                    <li key={f.fileName}>
                      「{f.fileName}」
                      <ul>
                        {f.problems.slice(0, 5).map((p, i) => (
                          <li key={i}>{p.message}</li>
                        ))}
                        {f.problems.length > 5 && <li>ほか {f.problems.length - 5} 件の問題</li>}
                      </ul>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="merge-bulk">
              <button type="button" onClick={() => chooseAll('theirs')} disabled={applying}>
                すべてファイルを採用
              </button>
              <button type="button" onClick={() => chooseAll('mine')} disabled={applying}>
                すべてこちらを残す
              </button>
            </div>
          </header>
          <div className="merge-table-wrap">
            <table className="merge-table">
              <thead>
                <tr>
                  <th scope="col">事務事業名</th>
                  <th scope="col">ファイル</th>
                  <th scope="col">状態</th>
                  <th scope="col">変更された欄（こちら → ファイル）</th>
                  <th scope="col">残す方</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <PreviewRow key={row.key} row={row} choice={effectiveChoice(row, session.choices)} disabled={applying} onChoose={choose} />
                ))}
              </tbody>
            </table>
          </div>
          {session.error && (
            <p className="merge-error" role="alert">
              {session.error}
            </p>
          )}
          <footer className="dialog-buttons merge-foot">
            <button type="button" onClick={cancel} disabled={applying}>
              キャンセル
            </button>
            <button type="button" className="primary" onClick={() => void apply()} disabled={applying}>
              {applying ? '取り込み中…' : '取り込む'}
            </button>
          </footer>
        </div>
      )}
    </dialog>
  );
}
