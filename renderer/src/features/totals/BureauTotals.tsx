// 局の合計: 予算額, 前年度予算額, 増減 and 一般財源 by 課 and by 款/項/目 with a grand total, and a bar chart by 課.
import { memo, useMemo } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { formatYearOverYear } from '../../../../shared/domain/ratio';
import { totalsByClassification, totalsBySection, totalsOf, type GroupTotals } from '../../../../shared/domain/totals';
import { useSheets } from '../../store/context';
import { selectScopeSheets } from '../../store/selectors';
import { useSummaryValue } from '../../hooks/useSummaryValue';

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

/** Memoised, and fed the list once typing pauses: a keystroke paints the editor first, the totals follow when idle. */
export const BureauTotals = memo(function BureauTotals() {
  const sheets = useSummaryValue(useSheets(selectScopeSheets));
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
    <section className="bureau-totals" aria-label="局の合計">
      <h2>{bureau}の合計</h2>
      <dl className="grand-total">
        <dt>予算額</dt>
        <dd className="num" data-total="amount">{formatAmount(grand.totals.amount)}</dd>
        <dt>前年度予算額</dt>
        <dd className="num">{formatAmount(grand.totals.previousAmount)}</dd>
        <dt>増減</dt>
        <dd className={`num${grand.totals.change < 0 ? ' negative' : ''}`} data-total="change">{formatAmount(grand.totals.change)}</dd>
        <dt>前年度比</dt>
        <dd className="num">{formatYearOverYear(grand.totals.yearOverYear)}</dd>
        <dt>一般財源</dt>
        <dd className="num">{formatAmount(grand.totals.generalFund)}</dd>
      </dl>
      {grand.totals.missingAmount > 0 && <p className="note">予算額が未入力のシート {grand.totals.missingAmount} 件は合計に含みません。</p>}
      <SectionChart groups={bySection} />
      <TotalsTable caption="課別" groups={bySection} grand={grand} />
      <TotalsTable caption="款/項/目別" groups={byClass} grand={grand} />
    </section>
  );
});
