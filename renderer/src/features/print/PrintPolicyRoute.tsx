// `#/print/policy/<局名>?year=<FY>`: the 局運営方針 laid out for A4. Placeholder until the print view lands.
export function PrintPolicyRoute({ bureau, fiscalYear }: { bureau: string; fiscalYear: number }) {
  return (
    <p className="print-empty">
      {bureau} {fiscalYear}年度の局運営方針の印刷は準備中です。
    </p>
  );
}
