// `#/print/policy/<局名>?year=<FY>`: the 局運営方針 laid out for A4, as the PDF and the printer get it.
import { useEffect, useMemo } from 'react';
import { sheetsById } from '../../../../shared/domain/policy';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { useSheets } from '../../store/context';
import { PRINT_READY_ATTRIBUTE } from './PrintPages';
import { PrintPolicyPages } from './PrintPolicyPages';

/** `平成27年度`, or `2015年度` for a year outside the calendar (the message must still show). */
export function yearLabel(fiscalYear: number): string {
  try {
    return fiscalYearLabel(fiscalYear);
  } catch {
    return `${fiscalYear}年度`;
  }
}

function NoPolicy({ bureau, fiscalYear }: { bureau: string; fiscalYear: number }) {
  // No ready flag: main reads `.print-empty` and reports the message instead of printing.
  useEffect(() => document.documentElement.removeAttribute(PRINT_READY_ATTRIBUTE), []);
  return (
    <p className="print-empty">
      {bureau}の{yearLabel(fiscalYear)}の局運営方針はありません。局運営方針の画面で作成してから印刷してください。
    </p>
  );
}

export function PrintPolicyRoute({ bureau, fiscalYear }: { bureau: string; fiscalYear: number }) {
  const policies = useSheets((s) => s.policies);
  const sheets = useSheets((s) => s.sheets);
  const policy = policies.find((p) => p.bureau === bureau && p.fiscalYear === fiscalYear);
  const byId = useMemo(() => sheetsById(sheets.toArray()), [sheets]);
  if (!policy) return <NoPolicy bureau={bureau} fiscalYear={fiscalYear} />;
  return <PrintPolicyPages policy={policy} sheetsById={byId} yearLabel={yearLabel(policy.fiscalYear)} />;
}
