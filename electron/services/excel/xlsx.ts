// The only module that knows exceljs: renders worksheet layouts into an .xlsx (the import reads with xlsx-read.ts).
// exceljs has had no release since 4.4.0 (January 2024); everything else talks to this module, so it can be replaced.
import { EventEmitter } from 'node:events';
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, WorksheetLayout } from './layout';
import { cellAddress } from './layout';
import { escapeCellText } from './ooxml-text';
import { FONT_NAME, STYLES, type StyleName, type StyleSpec } from './styles';
import { ZipWriter, type ZipSink } from './zip-writer';

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

export const SHARED_STYLES: Readonly<Record<StyleName, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(STYLES).map(([name, spec]) => [name, toExcelStyle(spec)]),
) as Record<StyleName, Partial<ExcelJS.Style>>;

/** A planned cell's value as exceljs takes it (the benchmark's baseline writes the same values). */
export function excelValue(value: CellValue): ExcelJS.CellValue {
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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** exceljs's StringBuf (what its worksheet writer writes into streams) has `toBuffer()`; xforms write strings. */
function toBytes(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (typeof data === 'object' && data !== null && 'toBuffer' in data && typeof data.toBuffer === 'function') {
    return toBytes((data as { toBuffer: () => unknown }).toBuffer());
  }
  throw new Error('zip: unexpected chunk');
}

/** The stream a worksheet writes its XML into: kept until the worksheet ends, then handed to the zip whole. */
class EntryStream extends EventEmitter {
  private chunks: Buffer[] = [];
  onEnd: ((bytes: Buffer) => void) | null = null;

  write(data: unknown): boolean {
    this.chunks.push(toBytes(data));
    return true;
  }

  end(): void {
    const bytes = Buffer.concat(this.chunks);
    this.chunks = [];
    this.onEnd?.(bytes);
    this.emit('finish');
    this.emit('zipped');
  }

  pause(): void {}
}

/** What exceljs 4.4.0's WorkbookWriter does with its archiver (`this.zip`): pipe, append, on('error'), finalize. */
class PackageZip {
  constructor(private readonly zip: ZipWriter) {}

  pipe(sink: ZipSink): ZipSink {
    this.zip.setSink(sink);
    return sink;
  }

  append(source: unknown, options: { name: string; base64?: boolean }): this {
    if (source instanceof EntryStream) source.onEnd = (bytes) => this.zip.add(options.name, bytes);
    else if (typeof source === 'string') this.zip.add(options.name, Buffer.from(source, options.base64 ? 'base64' : 'utf8'));
    else if (Buffer.isBuffer(source)) this.zip.add(options.name, source);
    // Anything else means exceljs no longer writes the way 4.4.0 does: fail loudly rather than write a broken file.
    else throw new Error(`zip: unexpected part ${options.name} from exceljs`);
    return this;
  }

  file(): never {
    throw new Error('zip: files on disk are not part of our workbooks');
  }

  /** Failures are thrown synchronously from `add`; there is nothing to listen to. */
  on(): this {
    return this;
  }

  finalize(): void {
    this.zip.finish();
  }
}

const PACKAGE_ZIPS = new WeakMap<object, PackageZip>();

/**
 * exceljs's streaming workbook writer with our zip in place of its archiver. exceljs assigns `this.zip = Archiver(…)`
 * in its constructor; the accessor below keeps our zip instead (the unused archiver is dropped), and worksheets write
 * into an EntryStream that is deflated in one call when the worksheet is committed. Everything else (styles, shared
 * strings, workbook, relationships, content types) is exceljs's own.
 */
class PackageWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  get zip(): PackageZip {
    let zip = PACKAGE_ZIPS.get(this);
    if (!zip) {
      zip = new PackageZip(new ZipWriter(this.modified ?? new Date()));
      PACKAGE_ZIPS.set(this, zip);
    }
    return zip;
  }

  set zip(_archiver: unknown) {
    // exceljs's archiver: not used.
  }

  _openStream(path: string): EntryStream {
    const stream = new EntryStream();
    this.zip.append(stream, { name: path });
    return stream;
  }
}

/**
 * Writes worksheets into an .xlsx and returns its bytes. Each worksheet is rendered, deflated and let go before the
 * next, with a turn of the event loop between them, so memory stays flat and the main process keeps answering the
 * window.
 */
export async function writeWorkbook(
  layouts: Iterable<WorksheetLayout>,
  total: number,
  options: WriteOptions,
): Promise<Buffer> {
  const output = new ByteCollector();
  // exceljs waits for its output stream's 'finish' after finalising the zip.
  const sink = Object.assign(new EventEmitter(), {
    write: (chunk: Uint8Array) => output.add(chunk),
    end: () => sink.emit('finish'),
  });
  const workbook = new PackageWriter({
    stream: sink as unknown as Stream,
    useStyles: true,
    useSharedStrings: true,
    created: options.created,
    modified: options.created,
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  workbook.creator = options.creator;
  workbook.lastModifiedBy = options.creator;
  let done = 0;
  for (const layout of layouts) {
    // Laying out the 一覧 of 1,500 sheets takes tens of milliseconds: a turn of the event loop before rendering it.
    await yieldToEventLoop();
    if (options.signal?.aborted) throw new ExportAbortedError();
    releaseWritten(await renderWorksheet(workbook, layout));
    done += 1;
    options.onWorksheet?.(done, total);
  }
  await yieldToEventLoop();
  if (options.signal?.aborted) throw new ExportAbortedError();
  await workbook.commit();
  return output.bytes();
}

/** Collects the zip's output in one growing buffer. */
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

/**
 * exceljs keeps every worksheet writer until the end (it needs their names for the package), each with its merges and
 * columns. Once a worksheet is in the zip only its name and id are needed, so the rest is let go.
 */
function releaseWritten(worksheet: ExcelJS.Worksheet): void {
  const internals = worksheet as unknown as { _merges: unknown[]; _columns: unknown };
  internals._merges.length = 0;
  internals._columns = null;
}

/** Rows written between two turns of the event loop inside one worksheet (the 一覧 of 1,500 sheets has 1,500 rows). */
const ROWS_PER_TURN = 100;

async function renderWorksheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: WorksheetLayout,
): Promise<ExcelJS.Worksheet> {
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
  let row = 1;
  for (const cell of layout.cells) {
    if (cell.row > row) {
      // Cells come row by row and merges only reach down, so the rows above are finished: write them out and let them
      // go, now rather than all at the end (the 一覧 and the metadata of 1,500 sheets would otherwise stay in memory).
      sheet.getRow(cell.row - 1).commit();
      if (Math.floor(cell.row / ROWS_PER_TURN) > Math.floor(row / ROWS_PER_TURN)) await yieldToEventLoop();
      row = cell.row;
    }
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

// The import reads workbooks with its own bounded reader (xlsx-read.ts), not exceljs; re-exported for older callers.
export { readWorkbook, type ReadValue, type ReadWorksheet } from './xlsx-read';
