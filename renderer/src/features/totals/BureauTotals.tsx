// 局の合計: 予算額, 前年度予算額, 増減 and 一般財源 by 課 and by 款/項/目 with a grand total, and a bar chart by 課;
// or, for the 財政課, 全局: every 局 of the 年度 with the city's grand total.
import { memo, useMemo, useState } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { formatYearOverYear } from '../../../../shared/domain/ratio';
import type { Sheet } from '../../../../shared/domain/schema';
import { totalsByBureau, totalsByClassification, totalsBySection, totalsOf, type GroupTotals } from '../../../../shared/domain/totals';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { useSheets } from '../../store/context';
import { selectScopeSheets } from '../../store/selectors';
import type { SheetsState } from '../../store/sheets-store';
import { useAfterFirstPaint } from '../../hooks/useAfterFirstPaint';
import { useSummary } from '../../hooks/useSummary';

/** One row; memoised on its figures so a keystroke re-renders only the 課 whose totals changed. */
const TotalsRow = memo(function TotalsRow({ label, amount, previousAmount, change, generalFund }: { label: string; amount: number; previousAmount: number; change: number; generalFund: number }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{formatAmount(amount)}</td>
      <td className="num">{formatAmount(previousAmount)}</td>
      <td className={`num${change < 0 ? ' negative' : ''}`}>{formatAmount(change)}</td>
      <td className="num">{formatAmount(generalFund)}</td>
    </tr>
  );
});

function TotalsTable({ caption, groups, grand }: { caption: string; groups: GroupTotals[]; grand: GroupTotals }) {
  return (
    <table className="totals-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">区分</th>
          <th scope="col">予算額</th>
          <th scope="col">前年度予算額</th>
          <th scope="col">増減</th>
          <th scope="col">一般財源</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <TotalsRow
            key={g.key}
            label={g.label}
            amount={g.totals.amount}
            previousAmount={g.totals.previousAmount}
            change={g.totals.change}
            generalFund={g.totals.generalFund}
          />
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{grand.label}</th>
          <td className="num">{formatAmount(grand.totals.amount)}</td>
          <td className="num">{formatAmount(grand.totals.previousAmount)}</td>
          <td className={`num${grand.totals.change < 0 ? ' negative' : ''}`}>{formatAmount(grand.totals.change)}</td>
          <td className="num">{formatAmount(grand.totals.generalFund)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

const Bar = memo(function Bar({ y, label, amount, previousAmount, max, labelWidth, barWidth }: { y: number; label: string; amount: number; previousAmount: number; max: number; labelWidth: number; barWidth: number }) {
  const w = (v: number) => Math.max(0, (v / max) * barWidth);
  return (
    <g>
      <title>{`${label}: 今年度 ${formatAmount(amount)} / 前年度 ${formatAmount(previousAmount)}`}</title>
      <text x={0} y={y + 14} className="chart-label">
        {label.length > 11 ? `${label.slice(0, 11)}…` : label}
      </text>
      <rect x={labelWidth} y={y + 3} width={w(amount)} height={12} className="bar-current" />
      <rect x={labelWidth} y={y + 17} width={w(previousAmount)} height={10} className="bar-previous" />
    </g>
  );
});

/** Horizontal bars, this year against last, per 課; scaled to the largest figure. */
function SectionChart({ groups }: { groups: GroupTotals[] }) {
  const max = Math.max(1, ...groups.flatMap((g) => [g.totals.amount, g.totals.previousAmount]));
  const rowHeight = 34;
  const labelWidth = 150;
  const barWidth = 150;
  return (
    <figure className="section-chart">
      <figcaption>課別 予算額（今年度・前年度）</figcaption>
      <svg width={labelWidth + barWidth + 10} height={groups.length * rowHeight + 20} role="img" aria-label="課別の今年度と前年度の予算額の棒グラフ">
        {groups.map((g, i) => (
          <Bar
            key={g.key}
            y={i * rowHeight}
            label={g.label}
            amount={g.totals.amount}
            previousAmount={g.totals.previousAmount}
            max={max}
            labelWidth={labelWidth}
            barWidth={barWidth}
          />
        ))}
        <g transform={`translate(0, ${groups.length * rowHeight + 6})`}>
          <rect x={0} y={0} width={10} height={10} className="bar-current" />
          <text x={14} y={9} className="chart-legend">今年度</text>
          <rect x={70} y={0} width={10} height={10} className="bar-previous" />
          <text x={84} y={9} className="chart-legend">前年度</text>
        </g>
      </svg>
    </figure>
  );
}

let yearCache: { key: unknown[]; value: Sheet[] } | null = null;

/** Every 局's sheets of the working 年度, in list order; a stable array until a sheet or the 年度 changes. */
function selectYearSheets(state: Pick<SheetsState, 'sheets' | 'positions' | 'fiscalYear'>): Sheet[] {
  const key = [state.sheets, state.positions, state.fiscalYear];
  if (yearCache && yearCache.key.every((k, i) => k === key[i])) return yearCache.value;
  const value = state.sheets.toArray()
    .filter((s) => s.fiscalYear === state.fiscalYear)
    .sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0));
  yearCache = { key, value };
  return value;
}

function GrandTotal({ totals }: { totals: GroupTotals['totals'] }) {
  return (
    <>
      <dl className="grand-total">
        <dt>予算額</dt>
        <dd className="num" data-total="amount">{formatAmount(totals.amount)}</dd>
        <dt>前年度予算額</dt>
        <dd className="num">{formatAmount(totals.previousAmount)}</dd>
        <dt>増減</dt>
        <dd className={`num${totals.change < 0 ? ' negative' : ''}`} data-total="change">{formatAmount(totals.change)}</dd>
        <dt>前年度比</dt>
        <dd className="num">{formatYearOverYear(totals.yearOverYear)}</dd>
        <dt>一般財源</dt>
        <dd className="num">{formatAmount(totals.generalFund)}</dd>
      </dl>
      {totals.missingAmount > 0 && <p className="note">予算額が未入力のシート {totals.missingAmount} 件は合計に含みません。</p>}
    </>
  );
}

/** One 局's totals by 課 and by 款/項/目. Memoised, and fed the list once typing pauses: a keystroke paints the editor first. */
function OneBureau() {
  const sheets = useSummary(selectScopeSheets);
  const bureau = useSheets((s) => s.bureau);
  const { bySection, byClass, grand } = useMemo(() => {
    const total = totalsOf(sheets);
    return {
      bySection: totalsBySection(sheets),
      byClass: totalsByClassification(sheets),
      grand: { key: 'total', label: '合計', totals: total },
    };
  }, [sheets]);
  return (
    <>
      <h2>{bureau}の合計</h2>
      <GrandTotal totals={grand.totals} />
      <SectionChart groups={bySection} />
      <TotalsTable caption="課別" groups={bySection} grand={grand} />
      <TotalsTable caption="款/項/目別" groups={byClass} grand={grand} />
    </>
  );
}

/** 局別: each 局's name on its own line above its four figures, so the figures keep the narrow pane's full width. */
function ByBureauTable({ groups, grand }: { groups: GroupTotals[]; grand: GroupTotals }) {
  const figures = (t: GroupTotals['totals']) => (
    <>
      <td className="num">{formatAmount(t.amount)}</td>
      <td className="num">{formatAmount(t.previousAmount)}</td>
      <td className={`num${t.change < 0 ? ' negative' : ''}`}>{formatAmount(t.change)}</td>
      <td className="num">{formatAmount(t.generalFund)}</td>
    </>
  );
  return (
    <table className="totals-table by-bureau">
      <caption>局別（{groups.length} 局）</caption>
      <thead>
        <tr>
          <th scope="col">予算額</th>
          <th scope="col">前年度予算額</th>
          <th scope="col">増減</th>
          <th scope="col">一般財源</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.key} data-bureau={g.label}>
          <tr>
            <th scope="rowgroup" colSpan={4}>
              {g.label}
            </th>
          </tr>
          <tr>{figures(g.totals)}</tr>
        </tbody>
      ))}
      <tfoot data-bureau="合計">
        <tr>
          <th scope="rowgroup" colSpan={4}>
            {grand.label}
          </th>
        </tr>
        <tr>{figures(grand.totals)}</tr>
      </tfoot>
    </table>
  );
}

/** 全局: every 局 of the working 年度 and the city's grand total. */
function AllBureaus() {
  const sheets = useSummary(selectYearSheets);
  const fiscalYear = useSheets((s) => s.fiscalYear);
  const { byBureau, grand } = useMemo(
    () => ({ byBureau: totalsByBureau(sheets), grand: { key: 'total', label: '合計', totals: totalsOf(sheets) } }),
    [sheets],
  );
  return (
    <>
      <h2>全局の合計（{fiscalYearLabel(fiscalYear)}）</h2>
      <GrandTotal totals={grand.totals} />
      <ByBureauTable groups={byBureau} grand={grand} />
    </>
  );
}

export const BureauTotals = memo(function BureauTotals() {
  const [scope, setScope] = useState<'bureau' | 'all'>('bureau');
  // Totals over every sheet of the 局 wait until the list and the editor are on screen.
  const painted = useAfterFirstPaint();
  return (
    <section className="bureau-totals" aria-label={scope === 'all' ? '全局の合計' : '局の合計'}>
      <div className="totals-scope" role="group" aria-label="合計の範囲">
        <button type="button" aria-pressed={scope === 'bureau'} onClick={() => setScope('bureau')}>
          局
        </button>
        <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
          全局
        </button>
      </div>
      {!painted ? <p className="note">集計中…</p> : scope === 'all' ? <AllBureaus /> : <OneBureau />}
    </section>
  );
});
