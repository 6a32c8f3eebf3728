// Checks an .xlsx before anything unzips it for real: the zip's central directory, then every entry inflated with a
// hard cap on its size and its CRC checked. Truncated, bit-flipped, encrypted, foreign and zip-bomb files stop here.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** The file itself. */
  maxFileBytes: number;
  /** Entries in the central directory. */
  maxEntries: number;
  /** Sum of every entry's uncompressed size. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of one entry, for entries above `ratioFloorBytes`. */
  maxEntryRatio: number;
  /** Small entries may compress very well without harm; the ratio is checked above this size. */
  ratioFloorBytes: number;
}

/**
 * What a workbook of ours needs, with room to spare. Measured on our own export of 1,500 sheets: a 2.9 MB file of
 * 1,511 entries and 13.9 MB of XML, the largest part 1.6 MB (the 一覧), compressed 7–42× (a LibreOffice re-save of it
 * is about the same). The limits leave four to five times that: 64 MiB uncompressed, and entries for 4,000 worksheets
 * as Excel re-saves them (a worksheet, its relationships and its printer settings each).
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 12_500,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxEntryRatio: 100,
  ratioFloorBytes: 256 * 1024,
};

export type ZipProblem =
  | 'not-zip' // not a zip at all (text, an image, empty)
  | 'ole' // an OLE compound file: an old .xls or another Office format
  | 'encrypted' // a password-protected workbook (OLE with EncryptionInfo) or an encrypted zip entry
  | 'damaged' // truncated, bit-flipped, inconsistent
  | 'limits' // too many entries, too large uncompressed, suspicious ratio
  | 'too-large'; // the file itself

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  /** Offset of the local file header. */
  localOffset: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem; detail: string };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function fail(problem: ZipProblem, detail: string): ZipCheck {
  return { ok: false, problem, detail };
}

function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Password-protected .xlsx files are OLE containers holding an `EncryptionInfo` stream (its name in UTF-16LE). */
function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const needle = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** Reads the central directory and checks it against the limits. Reads no entry data. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  if (bytes.byteLength > limits.maxFileBytes) return fail('too-large', `${bytes.byteLength} bytes`);
  if (isOle(bytes)) return hasEncryptionInfo(bytes) ? fail('encrypted', 'OLE EncryptionInfo') : fail('ole', 'OLE compound file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22 || view.getUint32(0, true) !== SIG_LOCAL) return fail('not-zip', 'no local header at 0');

  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail('damaged', 'no end of central directory (truncated?)');
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const entriesHere = view.getUint16(eocd + 8, true);
  const entryCount = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return fail('limits', 'zip64');
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount) return fail('damaged', 'multi-disk zip');
  if (entryCount > limits.maxEntries) return fail('limits', `${entryCount} entries`);
  if (cdOffset + cdSize > eocd) return fail('damaged', 'central directory out of bounds');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let k = 0; k < entryCount; k++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== SIG_CENTRAL) return fail('damaged', `central entry ${k}`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (p > eocd) return fail('damaged', `central entry ${k} overruns`);
    if (flags & 0x1) return fail('encrypted', `entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) return fail('damaged', `entry ${name} uses method ${method}`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) return fail('limits', 'zip64 entry');
    if (method === 0 && compressedSize !== uncompressedSize) return fail('damaged', `stored entry ${name} sizes differ`);
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) return fail('limits', `uncompressed total above ${limits.maxUncompressedBytes}`);
    if (uncompressedSize > limits.ratioFloorBytes && uncompressedSize > compressedSize * limits.maxEntryRatio) {
      return fail('limits', `entry ${name} ratio ${Math.round(uncompressedSize / Math.max(1, compressedSize))}`);
    }
    if (localOffset + 30 > cdOffset) return fail('damaged', `entry ${name} local header out of bounds`);
    // Two entries of one name: which one a reader takes is its own choice, so the file means two things.
    const key = name.replace(/^\//, '');
    if (seen.has(key)) return fail('damaged', `entry ${name} twice`);
    seen.add(key);
    entries.push({ name, method, compressedSize, uncompressedSize, crc, localOffset });
  }
  return { ok: true, entries };
}

/** Where an entry's data starts and ends in the file, or null when its local header is not where it should be. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== SIG_LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end > bytes.byteLength ? null : bytes.subarray(start, end);
}

export type Inflated = { ok: true; data: Uint8Array } | { ok: false; problem: ZipProblem; detail: string };

/**
 * One entry's bytes, inflated with its declared size as a hard cap (a lying size cannot blow up memory), its size and
 * CRC-32 checked.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Inflated {
  const data = entryData(bytes, entry);
  if (!data) return { ok: false, problem: 'damaged', detail: `local header or data of ${entry.name}` };
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else {
    try {
      // +1: one byte more than declared proves the size lies, without inflating the rest.
      out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      return { ok: false, problem: code === 'ERR_BUFFER_TOO_LARGE' ? 'limits' : 'damaged', detail: `inflate ${entry.name}: ${code}` };
    }
  }
  if (out.byteLength !== entry.uncompressedSize) {
    return { ok: false, problem: out.byteLength > entry.uncompressedSize ? 'limits' : 'damaged', detail: `size of ${entry.name}` };
  }
  if (crc32(out) >>> 0 !== entry.crc >>> 0) return { ok: false, problem: 'damaged', detail: `crc of ${entry.name}` };
  return { ok: true, data: out };
}

/**
 * Inflates every entry (but those in `skip`, which the caller inflates itself through inflateEntry) and checks sizes and
 * CRC-32. The bytes are thrown away: afterwards any zip reader may open the file without surprises.
 */
export function verifyEntries(bytes: Uint8Array, entries: readonly ZipEntry[], skip: ReadonlySet<string> = new Set()): ZipCheck {
  for (const entry of entries) {
    if (skip.has(entry.name)) continue;
    const inflated = inflateEntry(bytes, entry);
    if (!inflated.ok) return inflated;
  }
  return { ok: true, entries: [...entries] };
}

/** Both checks, and the parts every workbook has. */
export function checkXlsxZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  const directory = readCentralDirectory(bytes, limits);
  if (!directory.ok) return directory;
  const names = new Set(directory.entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return fail('not-zip', 'not a spreadsheet');
  return verifyEntries(bytes, directory.entries);
}
