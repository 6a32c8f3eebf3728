// The 局運営方針 screen of a 局 and 年度 (`#/policy/<局名>?year=<FY>`). Placeholder until the editor lands.
export function PolicyEditor({ bureau, fiscalYear }: { bureau: string; fiscalYear: number }) {
  return (
    <p className="editor-empty" role="status">
      {bureau} {fiscalYear}年度の局運営方針の画面は準備中です。
    </p>
  );
}
