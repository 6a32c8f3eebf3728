// A small synchronous zip writer for the .xlsx package: each part deflated in one call when it is complete.
// It replaces the archiver inside exceljs's streaming writer, whose asynchronous per-entry pipeline cost ~0.5 s of a
// 1,500-sheet export waiting on the thread pool; one deflateRawSync per worksheet (~7 KB of XML) costs far less.
import { crc32, deflateRawSync } from 'node:zlib';

/** Where the zip's bytes go: exceljs hands its output stream to `pipe`. */
export interface ZipSink {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time, the zip format's own (2-second resolution, local fields taken as given). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Largest package we write without ZIP64: far above any workbook of ours (1,500 sheets are ~3 MB). */
const MAX_ZIP_BYTES = 0xffffffff;
const MAX_ENTRIES = 0xffff;

export class ZipWriter {
  private sink: ZipSink | null = null;
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(modified: Date) {
    this.stamp = dosDateTime(modified);
  }

  setSink(sink: ZipSink): void {
    this.sink = sink;
  }

  /** Adds one entry: `name` without a leading slash, `data` the whole uncompressed content. */
  add(name: string, data: Uint8Array): void {
    if (!this.sink) throw new Error('zip: no output');
    const nameBytes = Buffer.from(name.replace(/^\/+/, ''), 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    if (this.records.length >= MAX_ENTRIES || this.offset + packed.byteLength + 30 + nameBytes.byteLength > MAX_ZIP_BYTES) {
      throw new Error('zip: too large for a zip without ZIP64');
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.byteLength, 18);
    header.writeUInt32LE(data.byteLength, 22);
    header.writeUInt16LE(nameBytes.byteLength, 26);
    header.writeUInt16LE(0, 28);
    this.sink.write(header);
    this.sink.write(nameBytes);
    this.sink.write(packed);
    this.records.push({ name: nameBytes, crc, compressedSize: packed.byteLength, size: data.byteLength, offset: this.offset });
    this.offset += header.byteLength + nameBytes.byteLength + packed.byteLength;
  }

  /** Writes the central directory and the end record, and ends the output. */
  finish(): void {
    if (!this.sink) throw new Error('zip: no output');
    const start = this.offset;
    let size = 0;
    for (const r of this.records) {
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt16LE(this.stamp.time, 12);
      entry.writeUInt16LE(this.stamp.date, 14);
      entry.writeUInt32LE(r.crc, 16);
      entry.writeUInt32LE(r.compressedSize, 20);
      entry.writeUInt32LE(r.size, 24);
      entry.writeUInt16LE(r.name.byteLength, 28);
      entry.writeUInt32LE(r.offset, 42);
      this.sink.write(entry);
      this.sink.write(r.name);
      size += entry.byteLength + r.name.byteLength;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.sink.write(end);
    this.sink.end();
  }
}
