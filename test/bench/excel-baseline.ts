// The baselines of the Excel bench: exceljs at its best (its streaming API, shared styles) on the same content.
// Export: the streaming WorkbookWriter, one shared style object per style name, rows and worksheets committed as they
// are written, a turn of the event loop after each worksheet; the same layouts from planWorkbook, so the bench compares
// writers, not layouts. Import: exceljs's plain read of the same file (Workbook.xlsx.load) and its streaming
// WorkbookReader, every cell value touched.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExchangeFile } from '../../shared/domain/schema';
import { planWorkbook } from '../../electron/services/excel/export';
import { cellAddress, type WorksheetLayout } from '../../electron/services/excel/layout';
// The same shared style objects and cell values as the real writer: the baseline differs only in how it writes.
import { excelValue, SHARED_STYLES } from '../../electron/services/excel/xlsx';


function addWorksheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, layout: WorksheetLayout): ExcelJS.Worksheet {
  const print = layout.print;
  const ws = workbook.addWorksheet(layout.name, {
    state: layout.state,
    views: [{ showGridLines: false }],
    ...(print
      ? {
          pageSetup: {
            paperSize: 9,
            orientation: 'portrait',
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: print.fitToHeight,
            margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
            printArea: print.area,
            ...(print.titleRows ? { printTitlesRow: print.titleRows } : {}),
          },
          headerFooter: { oddFooter: print.footer },
        }
      : {}),
  });
  ws.columns = layout.columnWidths.map((width) => ({ width }));
  layout.rowHeights.forEach((height, i) => {
    ws.getRow(i + 1).height = height;
  });
  return ws;
}

/** The workbook's bytes from exceljs's streaming writer, in memory as our export returns them. */
export async function baselineExport(file: ExchangeFile): Promise<Buffer> {
  const plan = planWorkbook(file, file.sheets);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  for (const layout of plan.layouts) {
    const ws = addWorksheet(workbook, layout);
    let row = 1;
    for (const c of layout.cells) {
      if (c.row > row) {
        // Cells come row by row and merges only reach down: the rows above are done.
        ws.getRow(c.row - 1).commit();
        row = c.row;
      }
      const cell = ws.getCell(c.row, c.col);
      cell.style = SHARED_STYLES[c.style];
      if (c.value) cell.value = excelValue(c.value);
      if (c.lastCol !== c.col || c.lastRow !== c.row) ws.mergeCells(`${cellAddress(c.row, c.col)}:${cellAddress(c.lastRow, c.lastCol)}`);
    }
    ws.commit();
    // A turn of the event loop per worksheet, as an app would take: archiver then deflates and writes out what was
    // committed (on zlib's thread pool) instead of holding every worksheet until workbook.commit() (-60 MB at 1,500).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Touches every value so the reader cannot skip work: a count of non-empty cells. */
function countValues(values: unknown): number {
  return Array.isArray(values) ? values.reduce((n: number, v) => (v === null || v === undefined ? n : n + 1), 0) : 0;
}

/** exceljs's plain read: the whole workbook into memory. Returns the number of non-empty cells. */
export async function baselineImportLoad(bytes: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  let cells = 0;
  workbook.eachSheet((ws) => {
    ws.eachRow((row) => {
      cells += countValues(row.values);
    });
  });
  return cells;
}

/** exceljs's streaming reader (its defaults: shared strings cached, styles ignored), from the file on disk. */
export async function baselineImportStream(filePath: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {});
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) cells += countValues(row.values);
  }
  return cells;
}
