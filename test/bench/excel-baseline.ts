// The baseline a first attempt would write: exceljs's in-memory Workbook, a fresh style object per cell, writeBuffer.
// Same content as the real export (the same layouts), so the bench compares writers, not layouts.
import ExcelJS from 'exceljs';
import type { ExchangeFile } from '../../shared/domain/schema';
import { planWorkbook } from '../../electron/services/excel/export';
import { cellAddress } from '../../electron/services/excel/layout';
import { FONT_NAME, STYLES, type StyleName, type StyleSpec } from '../../electron/services/excel/styles';

function freshStyle(name: StyleName): Partial<ExcelJS.Style> {
  const spec: StyleSpec = STYLES[name];
  const border: Partial<ExcelJS.Borders> = {};
  for (const side of ['top', 'left', 'bottom', 'right'] as const) {
    const weight = spec.border?.[side];
    if (weight) border[side] = { style: weight };
  }
  const style: Partial<ExcelJS.Style> = {
    font: { name: FONT_NAME, family: 3, charset: 128, size: spec.font.size, bold: spec.font.bold ?? false },
    alignment: { ...spec.alignment },
    border,
  };
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: spec.fill } };
  if (spec.numFmt) style.numFmt = spec.numFmt;
  return style;
}

export async function baselineExport(file: ExchangeFile): Promise<Buffer> {
  const plan = planWorkbook(file, file.sheets);
  const workbook = new ExcelJS.Workbook();
  for (const layout of plan.layouts) {
    const ws = workbook.addWorksheet(layout.name, {
      state: layout.state,
      views: [{ showGridLines: false }],
      ...(layout.print
        ? {
            pageSetup: {
              paperSize: 9,
              orientation: 'portrait',
              fitToPage: true,
              fitToWidth: 1,
              fitToHeight: layout.print.fitToHeight,
              printArea: layout.print.area,
            },
            headerFooter: { oddFooter: layout.print.footer },
          }
        : {}),
    });
    ws.columns = layout.columnWidths.map((width) => ({ width }));
    layout.rowHeights.forEach((height, i) => {
      ws.getRow(i + 1).height = height;
    });
    for (const c of layout.cells) {
      const cell = ws.getCell(c.row, c.col);
      cell.style = freshStyle(c.style);
      if (c.value) {
        cell.value =
          c.value.kind === 'text'
            ? c.value.text
            : c.value.kind === 'number'
              ? c.value.value
              : ({ formula: c.value.formula, result: c.value.result } as ExcelJS.CellFormulaValue);
      }
      if (c.lastCol !== c.col || c.lastRow !== c.row) ws.mergeCells(`${cellAddress(c.row, c.col)}:${cellAddress(c.lastRow, c.lastCol)}`);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
