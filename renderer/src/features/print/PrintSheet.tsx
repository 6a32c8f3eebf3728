// One 事務事業 sheet on one A4 page, laid out like the seed's printed form; shrinks, then cuts visibly, to fit.
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { formatAmount } from '../../../../shared/domain/money';
import type { Sheet } from '../../../../shared/domain/schema';
import { generalFund, sheetChange } from '../../../../shared/domain/sheet';
import { classificationLabel } from '../../../../shared/domain/totals';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { cuttableTexts, FONT_STEPS_PT, initialFit, nextFit, printedText, type FitState } from './fit';

export interface PrintFitResult {
  sheetId: string;
  fontPt: number;
  /** Labels of the fields printed only in part (empty when everything fits). */
  cutFields: string[];
}

function Text({ value, kept, className }: { value: string; kept: number | undefined; className?: string }) {
  const { text, cut } = printedText(value, kept);
  return (
    <div className={`print-text ${className ?? ''}`}>
      {text}
      {cut && <span className="print-cut">（以下省略）</span>}
    </div>
  );
}

/** `政策局/政策企画部/企画調整課`, without an empty 部 (東京事務所). */
function orgLabel(sheet: Sheet): string {
  return [sheet.org.bureau, sheet.org.department, sheet.org.section].filter((p) => p !== '').join('/');
}

export const PrintSheet = memo(function PrintSheet({ sheet, position, total, onFitted }: { sheet: Sheet; position: number; total: number; onFitted?: (result: PrintFitResult) => void }) {
  const [fit, setFit] = useState<FitState>(initialFit);
  const body = useRef<HTMLDivElement>(null);
  const texts = cuttableTexts(sheet);

  // Start over when the sheet changes (the preview follows edits).
  const [fittedFor, setFittedFor] = useState(sheet);
  if (fittedFor !== sheet) {
    setFittedFor(sheet);
    setFit(initialFit);
  }

  // Measure after each layout until it fits: every step is one render at a smaller font or a shorter text.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || fit.done) return;
    const candidates = cuttableTexts(sheet);
    const overflows = el.scrollHeight > el.clientHeight + 1;
    const next = nextFit(fit, overflows, candidates);
    if (next.done) {
      onFitted?.({
        sheetId: sheet.id,
        fontPt: FONT_STEPS_PT[next.fontIndex]!,
        cutFields: candidates.filter((t) => next.cuts[t.path] !== undefined).map((t) => t.label),
      });
    }
    setFit(next);
  }, [fit, sheet, onFitted]);

  const fund = generalFund(sheet);
  const change = sheetChange(sheet);
  const kept = (path: string) => fit.cuts[path];
  const fontPt = FONT_STEPS_PT[fit.fontIndex]!;
  const cutLabels = texts.filter((t) => fit.cuts[t.path] !== undefined).map((t) => t.label);

  return (
    <section className="print-page" data-print-page aria-label={`印刷 ${sheet.name}`} data-sheet-id={sheet.id} data-fitted={fit.done ? 'true' : 'false'}>
      <div className="print-body" ref={body} style={{ fontSize: `${fontPt}pt` }}>
        <div className="print-head">
          <span>({sheet.account})</span>
          <span>(単位：千円)</span>
        </div>
        <table className="print-form">
          <colgroup>
            <col className="c-label" />
            <col className="c-main" />
            <col className="c-label2" />
            <col className="c-side" />
          </colgroup>
          <tbody>
            <tr>
              <th>事務事業名</th>
              <td className="print-name">{sheet.name}</td>
              <th>予算額</th>
              <td className="num print-amount">{formatAmount(sheet.amount)}</td>
            </tr>
            <tr>
              <th>局/部/課</th>
              <td>{orgLabel(sheet)}</td>
              <th colSpan={2} className="print-funding-head">
                〔財源内訳〕
              </th>
            </tr>
            <tr>
              <th>款/項/目</th>
              <td>
                {classificationLabel(sheet.classification)}
                <span className="print-page-no">予算書P. {sheet.budgetBookPage ?? ''}</span>
              </td>
              <td colSpan={2} rowSpan={2} className="print-funding">
                {sheet.specificFunding.map((line, i) => (
                  <div key={i} className="print-funding-line">
                    <span>
                      {line.revenueKan !== null ? `${line.revenueKan}款 ` : ''}
                      {line.source}
                    </span>
                    <span className="num">{formatAmount(line.amount)}</span>
                  </div>
                ))}
                <div className="print-funding-line print-general">
                  <span>- 一般財源</span>
                  <span className="num">{formatAmount(fund)}</span>
                </div>
              </td>
            </tr>
            <tr>
              <td colSpan={2} className="print-purpose">
                <div className="print-caption">&lt;事業の目的・内容&gt;</div>
                <Text value={sheet.purpose} kept={kept('purpose')} />
              </td>
            </tr>
            <tr>
              <td colSpan={2} className="print-notes">
                <div className="print-caption">&lt;特記事項&gt;</div>
                <Text value={sheet.notes} kept={kept('notes')} />
              </td>
              <td colSpan={2} className="print-previous">
                <div className="print-funding-line">
                  <span>前年度予算額</span>
                  <span className="num">{formatAmount(sheet.previousAmount)}</span>
                </div>
                <div className="print-funding-line">
                  <span>増減</span>
                  <span className="num">{formatAmount(change)}</span>
                </div>
              </td>
            </tr>
            <tr>
              <td colSpan={4} className="print-items">
                <div className="print-caption">&lt;主な事業&gt;</div>
                {/* Two columns read top to bottom, as the seed prints them (1|4, 2|5, 3|6). */}
                <ol className="print-item-list" style={{ gridTemplateRows: `repeat(${Math.max(1, Math.ceil(sheet.items.length / 2))}, auto)` }}>
                  {sheet.items.map((item, i) => (
                    <li key={i} className="print-item">
                      <div className="print-item-head">
                        <span className="print-item-no">{i + 1}</span>
                        <span className="print-item-name">{item.name}</span>
                        <span className="num">{formatAmount(item.amount)}</span>
                      </div>
                      <Text value={item.description} kept={kept(`items[${i}].description`)} className="print-item-text" />
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
            {sheet.reference.trim() !== '' && (
              <tr>
                <td colSpan={4} className="print-reference">
                  <div className="print-caption">[参考]</div>
                  <Text value={sheet.reference} kept={kept('reference')} />
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {cutLabels.length > 0 && <p className="print-cut-note">※ 紙面に収まらないため一部を省略: {cutLabels.join('、')}</p>}
      </div>
      <footer className="print-footer">
        <span>
          {sheet.org.bureau}
          {sheet.org.section ? `／${sheet.org.section}` : ''}
        </span>
        <span>{fiscalYearLabel(sheet.fiscalYear)}</span>
        <span>
          {position} / {total}
        </span>
      </footer>
    </section>
  );
});
