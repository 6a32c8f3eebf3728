// The 局運営方針 on as many A4 pages as it needs, laid out like the seed: 1. 主な現状と課題, 2. 基本方針・区分別主要事業
// (one table per statement), 3. 見直し事業一覧. Every block and table row is measured once at print width, then packed
// onto fixed-size `.print-page`s: a row is never cut, a table's header row repeats on each page it continues onto,
// a heading stays with what follows it, and main gets the true page count (it counts `.print-page`).
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import { formatSaving, numberedPrograms, programFigures, reviewsTotal } from '../../../../shared/domain/policy';
import type { Policy, Sheet } from '../../../../shared/domain/schema';
import { shortFiscalYearLabel } from '../../../../shared/domain/wareki';
import { PRINT_READY_ATTRIBUTE } from './PrintPages';

/** One piece that is never split: a heading, a paragraph, a table note, or one table row. */
type Unit =
  | { kind: 'block'; key: string; keep: boolean; node: ReactNode }
  | { kind: 'row'; key: string; keep: boolean; table: string; node: ReactNode };

interface TableDef {
  className: string;
  cols: readonly string[];
  head: ReactNode;
}

interface Layout {
  units: Unit[];
  tables: ReadonlyMap<string, TableDef>;
}

/** Pixels kept free at the bottom of each page for rounding (borders, sub-pixel heights). */
const SAFETY_PX = 6;

function shortYear(fiscalYear: number): string {
  try {
    return shortFiscalYearLabel(fiscalYear);
  } catch {
    return `${fiscalYear}年度`;
  }
}

/** Non-empty lines of a multi-line text, one paragraph each. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function Amounts({ amount, fund }: { amount: number | null; fund: number | null }) {
  return (
    <>
      <div>{formatAmount(amount)}</div>
      {fund !== null && <div className="print-policy-fund">({formatAmount(fund)})</div>}
    </>
  );
}

function buildLayout(policy: Policy, byId: ReadonlyMap<string, Sheet>, yearLabel: string): Layout {
  const units: Unit[] = [];
  const tables = new Map<string, TableDef>();
  const block = (key: string, node: ReactNode, keep = false) => units.push({ kind: 'block', key, keep, node });
  const texts = (key: string, text: string) =>
    paragraphs(text).forEach((p, i) =>
      block(
        `${key}-${i}`,
        <p key={`${key}-${i}`} className="print-policy-para">
          {p}
        </p>,
      ),
    );

  block('title', <h1 className="print-policy-title">{`${policy.bureau} ${yearLabel} 局運営方針（案）`}</h1>, true);

  // 1. 主な現状と課題
  block('h-issues', <h2 className="print-policy-h2">1. 主な現状と課題</h2>, true);
  texts('intro', policy.issues.intro);
  policy.issues.sections.forEach((section, i) => {
    block(`issue-${i}`, <h3 className="print-policy-h3">{`（${i + 1}）${section.heading}`}</h3>, true);
    texts(`issue-${i}-body`, section.body);
  });

  // 2. 基本方針・区分別主要事業
  block('h-goals', <h2 className="print-policy-h2">2. 基本方針・区分別主要事業</h2>, true);
  block('h-basic', <h3 className="print-policy-h3">基本方針</h3>, true);
  texts('basic', policy.basicPolicy);
  const numbered = numberedPrograms(policy);
  const thisYear = shortYear(policy.fiscalYear);
  const lastYear = shortYear(policy.fiscalYear - 1);
  policy.goals.forEach((goal, g) => {
    const rows = numbered.filter((n) => n.goalIndex === g);
    block(`goal-${g}`, <h3 className="print-policy-h3 print-policy-goal">{`（${g + 1}）${goal.heading}`}</h3>, rows.length > 0);
    if (rows.length === 0) return;
    const table = `goal-${g}`;
    tables.set(table, {
      className: 'print-policy-programs',
      cols: ['c-no', 'c-marks', 'c-name', 'c-amount', 'c-amount', 'c-desc'],
      head: (
        <tr>
          <th>No</th>
          <th>区分</th>
          <th>事業名</th>
          <th>{thisYear}</th>
          <th>{lastYear}</th>
          <th>説明</th>
        </tr>
      ),
    });
    block(
      `goal-${g}-note`,
      <div className="print-policy-note">
        <span>*（）内は一般財源</span>
        <span>(単位:千円)</span>
      </div>,
      true,
    );
    for (const { no, program } of rows) {
      const figures = programFigures(program, byId);
      units.push({
        kind: 'row',
        key: `program-${no}`,
        keep: false,
        table,
        node: (
          <tr data-program-no={no}>
            <td className="num">{no}</td>
            <td className="print-policy-marks">
              {program.marks.map((m, i) => (
                <span key={i}>{m}</span>
              ))}
            </td>
            <td>
              <div className="print-policy-name">{program.name}</div>
              {program.section !== '' && <div>〔{program.section}〕</div>}
            </td>
            <td className="num">
              <Amounts amount={figures.amount} fund={figures.generalFund} />
            </td>
            <td className="num">
              <Amounts amount={figures.previousAmount} fund={figures.previousGeneralFund} />
            </td>
            <td className="print-policy-desc">{program.description}</td>
          </tr>
        ),
      });
    }
  });

  // 3. 見直し事業一覧
  block('h-reviews', <h2 className="print-policy-h2">3. 見直し事業一覧</h2>, true);
  if (policy.reviews.length === 0) {
    block('reviews-none', <p className="print-policy-para">見直し事業はありません。</p>);
  } else {
    tables.set('reviews', {
      className: 'print-policy-reviews',
      cols: ['c-section', 'c-review', 'c-reason', 'c-saving'],
      head: (
        <tr>
          <th>課名</th>
          <th>見直し事業名</th>
          <th>
            見直しの理由及び内容
            <br />
            (代替事業等があれば記載)
          </th>
          <th>コスト削減額</th>
        </tr>
      ),
    });
    block(
      'reviews-note',
      <div className="print-policy-note">
        <span />
        <span>(単位:千円)</span>
      </div>,
      true,
    );
    policy.reviews.forEach((review, i) => {
      units.push({
        kind: 'row',
        key: `review-${i}`,
        keep: false,
        table: 'reviews',
        node: (
          <tr>
            <td>{review.section}</td>
            <td>{review.name}</td>
            <td className="print-policy-desc">{review.reason}</td>
            <td className="num">{formatSaving(review.saving)}</td>
          </tr>
        ),
      });
    });
    units.push({
      kind: 'row',
      key: 'reviews-total',
      keep: false,
      table: 'reviews',
      node: (
        <tr className="print-policy-total">
          <th colSpan={3}>合計</th>
          <td className="num">{formatSaving(reviewsTotal(policy))}</td>
        </tr>
      ),
    });
  }
  return { units, tables };
}

/** The units of one page; consecutive rows of a table go into one table with its header row. */
function renderUnits(indexes: readonly number[], layout: Layout, measuring: boolean): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < indexes.length) {
    const unit = layout.units[indexes[i]!]!;
    if (unit.kind === 'block') {
      out.push(
        <div key={unit.key} className="print-policy-unit" data-unit={measuring ? indexes[i] : undefined}>
          {unit.node}
        </div>,
      );
      i += 1;
      continue;
    }
    const start = i;
    while (i < indexes.length) {
      const next = layout.units[indexes[i]!]!;
      if (next.kind !== 'row' || next.table !== unit.table) break;
      i += 1;
    }
    const def = layout.tables.get(unit.table)!;
    out.push(
      <table key={`${unit.table}-${unit.key}`} className={`print-policy-table ${def.className}`}>
        <colgroup>
          {def.cols.map((c, n) => (
            <col key={n} className={c} />
          ))}
        </colgroup>
        <thead data-thead={measuring ? unit.table : undefined}>{def.head}</thead>
        <tbody>
          {indexes.slice(start, i).map((n) => {
            const row = layout.units[n]!;
            return <Fragment key={row.key}>{row.node}</Fragment>;
          })}
        </tbody>
      </table>,
    );
  }
  return out;
}

/** Packs measured units onto pages: rows never split, headings kept with what follows, header rows repeated. */
function paginate(layout: Layout, heights: readonly number[], theads: ReadonlyMap<string, number>, available: number): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  let table: string | null = null;
  const cost = (i: number, tableOnPage: string | null) => {
    const unit = layout.units[i]!;
    if (unit.kind === 'block') return heights[i]!;
    return heights[i]! + (unit.table === tableOnPage ? 0 : (theads.get(unit.table) ?? 0) + 2);
  };
  const chainCost = (i: number) => {
    let total = 0;
    let t = table;
    for (let j = i; j < layout.units.length; j += 1) {
      const unit = layout.units[j]!;
      total += cost(j, t);
      t = unit.kind === 'row' ? unit.table : null;
      if (!unit.keep) break;
    }
    return total;
  };
  layout.units.forEach((unit, i) => {
    const need = unit.keep ? chainCost(i) : cost(i, table);
    if (page.length > 0 && used + need > available) {
      pages.push(page);
      page = [];
      used = 0;
      table = null;
    }
    used += cost(i, table);
    page.push(i);
    table = unit.kind === 'row' ? unit.table : null;
  });
  if (page.length > 0) pages.push(page);
  return pages;
}

export interface PrintPolicyPagesProps {
  policy: Policy;
  sheetsById: ReadonlyMap<string, Sheet>;
  /** `平成27年度`. */
  yearLabel: string;
  /**
   * False when the pages are part of a larger print (the policy before the sheets): the caller then owns the ready
   * flag on <html>, and these pages only report their count through onPages.
   */
  ownsReadyFlag?: boolean;
  /** The number of pages once laid out, null while (re)measuring. */
  onPages?: (pages: number | null) => void;
}

export function PrintPolicyPages({ policy, sheetsById, yearLabel, ownsReadyFlag = true, onPages }: PrintPolicyPagesProps) {
  const layout = useMemo(() => buildLayout(policy, sheetsById, yearLabel), [policy, sheetsById, yearLabel]);
  const [pages, setPages] = useState<number[][] | null>(null);
  const [fontsReady, setFontsReady] = useState(() => document.fonts.status === 'loaded');
  const measure = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLDivElement>(null);

  // Lay out again when the policy or a linked sheet changes.
  const [laidOutFor, setLaidOutFor] = useState(layout);
  if (laidOutFor !== layout) {
    setLaidOutFor(layout);
    setPages(null);
  }

  useEffect(() => {
    let live = true;
    void document.fonts.ready.then(() => {
      if (live) setFontsReady(true);
    });
    return () => {
      live = false;
    };
  }, []);

  // Measure every unit at print width, then pack them onto pages.
  useLayoutEffect(() => {
    if (pages !== null || !fontsReady || !measure.current || !probe.current) return;
    const heights = layout.units.map(() => 0);
    measure.current.querySelectorAll<HTMLElement>('[data-unit]').forEach((el) => {
      heights[Number(el.dataset['unit'])] = el.getBoundingClientRect().height;
    });
    const rows = measure.current.querySelectorAll<HTMLTableRowElement>('tbody > tr');
    let r = 0;
    layout.units.forEach((unit, i) => {
      if (unit.kind !== 'row') return;
      const el = rows[r];
      r += 1;
      if (el) heights[i] = el.getBoundingClientRect().height;
    });
    const theads = new Map<string, number>();
    measure.current.querySelectorAll<HTMLElement>('[data-thead]').forEach((el) => {
      theads.set(el.dataset['thead']!, el.getBoundingClientRect().height);
    });
    const available = probe.current.clientHeight - SAFETY_PX;
    setPages(paginate(layout, heights, theads, available));
  }, [pages, fontsReady, layout]);

  const pageCount = pages === null ? null : pages.length;
  useEffect(() => {
    onPages?.(pageCount);
    if (!ownsReadyFlag) return;
    if (pageCount === null) document.documentElement.removeAttribute(PRINT_READY_ATTRIBUTE);
    else document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'true');
  }, [pageCount, ownsReadyFlag, onPages]);
  useEffect(() => {
    if (!ownsReadyFlag) return undefined;
    return () => document.documentElement.removeAttribute(PRINT_READY_ATTRIBUTE);
  }, [ownsReadyFlag]);

  const title = `${policy.bureau} ${yearLabel} 局運営方針`;
  if (pages === null) {
    const all = layout.units.map((_, i) => i);
    return (
      <div className="print-policy-measuring" aria-hidden="true">
        <section className="print-page print-policy-page">
          <div className="print-body" ref={probe} />
          <div className="print-footer">
            <span>{title}</span>
            <span>1 / 1</span>
          </div>
        </section>
        <section className="print-page print-policy-page print-policy-measure">
          <div className="print-body" ref={measure}>
            {renderUnits(all, layout, true)}
          </div>
        </section>
      </div>
    );
  }
  return (
    <div className="print-pages">
      {pages.map((indexes, p) => (
        <section key={p} className="print-page print-policy-page" data-print-page data-fitted="true" aria-label={`印刷 ${title} ${p + 1}ページ`}>
          <div className="print-body">{renderUnits(indexes, layout, false)}</div>
          <div className="print-footer">
            <span>{title}</span>
            <span>
              {p + 1} / {pages.length}
            </span>
          </div>
        </section>
      ))}
    </div>
  );
}
