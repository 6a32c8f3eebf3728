// The only module that knows exceljs: renders worksheet layouts into an .xlsx, and reads an .xlsx back into plain cells.
// exceljs has had no release since 4.4.0 (January 2024); everything else talks to this module, so it can be replaced.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, WorksheetLayout } from './layout';
import { cellAddress } from './layout';
import { escapeCellText } from './ooxml-text';
import { FONT_NAME, STYLES, type StyleName, type StyleSpec } from './styles';

// ── writing ──────────────────────────────────────────────────────────────────

export interface WriteOptions {
  /** Written to the document properties. */
  creator: string;
  created: Date;
  /** Called after each worksheet is written. */
  onWorksheet?: (done: number, total: number) => void;
  /** Checked between worksheets; an aborted export throws `ExportAbortedError` and returns nothing. */
  signal?: AbortSignal;
}

export class ExportAbortedError extends Error {
  constructor() {
    super('export aborted');
    this.name = 'ExportAbortedError';
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * One exceljs style object per style name, shared by every cell that uses it (exceljs then looks its id up by
 * identity, about twice as fast as a fresh object per cell). Frozen: assigning `cell.font = …` on a shared object
 * would restyle every cell that shares it, so cells only ever get whole objects assigned.
 */
function toExcelStyle(spec: StyleSpec): Partial<ExcelJS.Style> {
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
  return deepFreeze(style);
}

const SHARED_STYLES: Readonly<Record<StyleName, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(STYLES).map(([name, spec]) => [name, toExcelStyle(spec)]),
) as Record<StyleName, Partial<ExcelJS.Style>>;

function excelValue(value: CellValue): ExcelJS.CellValue {
  switch (value.kind) {
    case 'text':
      // Strings are always plain values (never `{ formula }`), so `=1+1` stays text.
      return escapeCellText(value.text);
    case 'number':
      return value.value;
    case 'formula':
      return { formula: value.formula, result: value.result } as ExcelJS.CellFormulaValue;
  }
}

function pageSetupOf(layout: WorksheetLayout): Partial<ExcelJS.PageSetup> {
  const print = layout.print;
  if (!print) return {};
  return {
    paperSize: 9, // A4
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: print.fitToHeight,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: print.area,
    ...(print.titleRows ? { printTitlesRow: print.titleRows } : {}),
  };
}

/**
 * Collects the zip's output. zlib hands out small slices of 16 KB buffers: keeping the slices would keep every whole
 * buffer alive (~35 MB for 1,500 sheets), so they are copied into one growing buffer.
 */
class ByteCollector {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  add(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.buffer.byteLength) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.byteLength * 2, this.length + chunk.byteLength));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
  }

  bytes(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The part of exceljs's streaming writer we reach into: its archiver, which says when an entry is zipped. */
interface ArchiverLike {
  on(event: 'entry', listener: () => void): unknown;
}

/**
 * Worksheets waiting to be deflated, at most. Without a bound the writer runs ahead of zlib and every pending
 * worksheet holds a 64 KB buffer and its XML: 1,500 of them were ~100 MB more at the peak.
 */
const MAX_PENDING_ENTRIES = 4;

/**
 * Streams worksheets into an .xlsx and returns its bytes. Worksheets are written and released one at a time, with a
 * turn of the event loop between them, so memory stays flat and the main process keeps answering the window.
 */
export async function writeWorkbook(
  layouts: Iterable<WorksheetLayout>,
  total: number,
  options: WriteOptions,
): Promise<Buffer> {
  const sink = new PassThrough();
  const output = new ByteCollector();
  sink.on('data', (chunk: Buffer) => output.add(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = options.creator;
  workbook.lastModifiedBy = options.creator;
  workbook.created = options.created;
  workbook.modified = options.created;
  const zip = (workbook as unknown as { zip: ArchiverLike }).zip;
  // Theme and package relationships are appended at construction, before any worksheet.
  let appended = 2;
  let zipped = 0;
  let wake: (() => void) | null = null;
  const written: ExcelJS.Worksheet[] = [];
  zip.on('entry', () => {
    zipped += 1;
    // Entries are zipped in the order they were appended: theme, relationships, then the worksheets.
    if (zipped > 2) releaseZipped(written.shift());
    wake?.();
  });
  const drained = () =>
    appended - zipped <= MAX_PENDING_ENTRIES
      ? yieldToEventLoop()
      : new Promise<void>((resolve) => {
          wake = () => {
            if (appended - zipped <= MAX_PENDING_ENTRIES) {
              wake = null;
              resolve();
            }
          };
        });
  let done = 0;
  for (const layout of layouts) {
    if (options.signal?.aborted) {
      sink.destroy();
      throw new ExportAbortedError();
    }
    written.push(renderWorksheet(workbook, layout));
    appended += 1;
    done += 1;
    options.onWorksheet?.(done, total);
    await drained();
  }
  if (options.signal?.aborted) throw new ExportAbortedError();
  await workbook.commit();
  return output.bytes();
}

/**
 * exceljs keeps every worksheet writer until the end (it needs their names for the package), and each holds its
 * stream, the deflater piped from it with zlib's buffers, its merges and columns: ~20 KB a worksheet, 30 MB at 1,500.
 * Once a worksheet is in the zip only its name and id are needed, so the rest is let go.
 */
function releaseZipped(worksheet: ExcelJS.Worksheet | undefined): void {
  if (!worksheet) return;
  const internals = worksheet as unknown as { _stream?: unknown; _merges: unknown[]; _columns: unknown };
  internals._stream = undefined;
  internals._merges.length = 0;
  internals._columns = null;
}

function renderWorksheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: WorksheetLayout,
): ExcelJS.Worksheet {
  const footer = layout.print?.footer;
  const sheet = workbook.addWorksheet(layout.name, {
    state: layout.state,
    views: [{ showGridLines: false }],
    pageSetup: pageSetupOf(layout),
    ...(footer ? { headerFooter: { oddFooter: footer } } : {}),
  });
  sheet.columns = layout.columnWidths.map((width) => ({ width }));
  layout.rowHeights.forEach((height, i) => {
    sheet.getRow(i + 1).height = height;
  });
  for (const cell of layout.cells) {
    // Style every cell of a range before merging it: the merge hands the master's style object to the others.
    const target = sheet.getCell(cell.row, cell.col);
    target.style = SHARED_STYLES[cell.style];
    if (cell.value !== null) target.value = excelValue(cell.value);
    if (cell.lastCol !== cell.col || cell.lastRow !== cell.row) {
      sheet.mergeCells(`${cellAddress(cell.row, cell.col)}:${cellAddress(cell.lastRow, cell.lastCol)}`);
    }
  }
  sheet.commit();
  return sheet;
}

// ── reading ──────────────────────────────────────────────────────────────────

/** A cell as the import sees it: text, a number, a formula's cached result, or an error code (`#REF!`). */
export type ReadValue = string | number | boolean | null | { error: string };

export interface ReadWorksheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The value at a cell; for a formula its cached result; '' and null both mean empty. */
  value(row: number, col: number): ReadValue;
}

function plainValue(value: ExcelJS.CellValue): ReadValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return { error: 'date' };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    if (result instanceof Date) return { error: 'date' };
    if (typeof result === 'object') return { error: String(result.error) };
    return result;
  }
  if ('text' in value) return String(value.text);
  return { error: 'unknown' };
}

/** Reads an .xlsx (already checked by the zip guard) into plain worksheets. Throws on a file exceljs cannot parse. */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadWorksheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    state: sheet.state === 'veryHidden' ? 'veryHidden' : sheet.state === 'hidden' ? 'hidden' : 'visible',
    value: (row: number, col: number) => plainValue(sheet.findCell(row, col)?.value ?? null),
  }));
}
