// Hostile workbooks for the import's bounds tests and its figures script, generated here and never committed. The big
// ones are one deflated chunk repeated: segments deflated with a full flush start afresh, so copies of one join into a
// single honest stream (sizes and CRC true), built in milliseconds from megabytes, however large they inflate.
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { exportWorkbook } from '../../electron/services/excel/export';
import { METADATA_SHEET_NAME } from '../../electron/services/excel/sheet-names';
import { readCentralDirectory } from '../../electron/services/excel/zip-guard';
import { ZipWriter } from '../../electron/services/excel/zip-writer';
import type { ExchangeFile } from '../../shared/domain/schema';

/** An entry's data already deflated: the pieces of the raw stream, its inflated size and CRC-32. */
export interface Packed {
  pieces: Uint8Array[];
  size: number;
  crc: number;
}

/** `chunk` repeated `times` over, deflated once. */
export function repeated(chunk: Uint8Array, times: number): Packed {
  const segment = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0)); // an empty final block
  let crc = 0;
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  return { pieces: [...Array.from({ length: times }, () => segment), last], size: chunk.byteLength * times, crc: crc >>> 0 };
}

/** `head`, then `chunk` repeated `times` over, then `tail`, as one deflated stream. */
export function framed(head: Uint8Array, chunk: Uint8Array, times: number, tail: Uint8Array): Packed {
  const body = repeated(chunk, times);
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  return {
    pieces: [deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH }), ...body.pieces.slice(0, -1), deflateRawSync(tail)],
    size: head.byteLength + body.size + tail.byteLength,
    crc: crc >>> 0,
  };
}

export type Part = Uint8Array | Packed;

const isPacked = (part: Part): part is Packed => 'pieces' in part;

/** A zip of these parts, in this order; Uint8Array parts are deflated here (level 1: bombs are large, speed counts). */
export function zipParts(parts: ReadonlyMap<string, Part> | readonly (readonly [string, Part])[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, part] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = isPacked(part) ? part : { pieces: [deflateRawSync(part, { level: 1 })], size: part.byteLength, crc: crc32(part) >>> 0 };
    const compressedSize = packed.pieces.reduce((n, p) => n + p.byteLength, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(packed.size, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    chunks.push(local, nameBytes, ...packed.pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.crc, 16);
    entry.writeUInt32LE(compressedSize, 20);
    entry.writeUInt32LE(packed.size, 24);
    entry.writeUInt16LE(nameBytes.byteLength, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.byteLength + compressedSize;
    count += 1;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/** The parts of a zip by name, inflated (no limits: for workbooks the test made itself). */
export function unzipParts(bytes: Uint8Array): Map<string, Buffer> {
  const directory = readCentralDirectory(bytes, { maxFileBytes: 2 ** 31, maxEntries: 65_535, maxUncompressedBytes: 2 ** 32, maxEntryRatio: 1e9, ratioFloorBytes: 0 });
  if (!directory.ok) throw new Error(`not a zip: ${directory.detail}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = new Map<string, Buffer>();
  for (const e of directory.entries) {
    const start = e.localOffset + 30 + buffer.readUInt16LE(e.localOffset + 26) + buffer.readUInt16LE(e.localOffset + 28);
    const data = buffer.subarray(start, start + e.compressedSize);
    parts.set(e.name, e.method === 0 ? Buffer.from(data) : inflateRawSync(data));
  }
  return parts;
}

/** A workbook written by our own ZipWriter (as the export writes it) from edited parts. */
export function rezip(parts: ReadonlyMap<string, Uint8Array>): Buffer {
  const chunks: Buffer[] = [];
  const writer = new ZipWriter(new Date('2026-12-01T00:00:00Z'));
  writer.setSink({ write: (chunk) => chunks.push(Buffer.from(chunk)), end: () => undefined });
  for (const [name, data] of parts) writer.add(name, data);
  writer.finish();
  return Buffer.concat(chunks);
}

export async function exportBytes(file: ExchangeFile): Promise<Buffer> {
  const result = await exportWorkbook(file, {}, { now: new Date('2015-02-01T00:00:00Z') });
  if (result.status !== 'ok') throw new Error(`export failed: ${JSON.stringify(result)}`);
  return result.bytes;
}

export const text = (parts: ReadonlyMap<string, Uint8Array>, name: string): string => Buffer.from(parts.get(name)!).toString('utf8');

/** Worksheet names and parts in tab order (xl/workbook.xml → its relationships). */
export function worksheetParts(parts: ReadonlyMap<string, Uint8Array>): { name: string; part: string }[] {
  const rels = new Map(
    [...text(parts, 'xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  return [...text(parts, 'xl/workbook.xml').matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"/g)].map((m) => ({
    name: m[1]!,
    part: `xl/${rels.get(m[2]!)!.replace(/^\/?xl\//, '')}`,
  }));
}

export const partOf = (parts: ReadonlyMap<string, Uint8Array>, worksheet: string): string =>
  worksheetParts(parts).find((w) => w.name === worksheet)!.part;

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
);

/**
 * The first bomb: `count` worksheets of `bytesEach` of XML (480 × 1 MB inflate to 480 MB). `ours`: its
 * workbook.xml also lists a very hidden `_yosan`, as a file pretending to be ours would.
 */
export function manyWorksheets(count = 480, bytesEach = 1024 * 1024, ours = false): Buffer {
  const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>予算額予算額予算額予算額予算額予算額予算額予算額</t></is></c></row>`;
  const rows = Math.max(1, Math.floor(bytesEach / Buffer.byteLength(row(100_000))));
  const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from({ length: rows }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`;
  const worksheet = repeated(Buffer.from(xml), 1);
  const names = Array.from({ length: count }, (_, i) => `Sheet${i + 1}`);
  if (ours) names.push(METADATA_SHEET_NAME);
  const sheets = names.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}"${name === METADATA_SHEET_NAME ? ' state="veryHidden"' : ''} r:id="rId${i + 1}"/>`);
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.join('')}</sheets></workbook>`;
  const rels = names.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const relsXml = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  const parts: [string, Part][] = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['xl/workbook.xml', Buffer.from(workbook)],
    ['xl/_rels/workbook.xml.rels', Buffer.from(relsXml)],
    ...names.map((_, i): [string, Part] => [`xl/worksheets/sheet${i + 1}.xml`, worksheet]),
  ];
  return zipParts(parts);
}

/** Characters from a fixed linear congruential sequence over `alphabet`: text that deflate cannot shrink much. */
function noise(alphabet: string, length: number, seed: number): string {
  const chars = [...alphabet];
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += chars[x % chars.length];
  }
  return out;
}

/**
 * The second bomb: our own workbook with its shared strings swollen to `bytes` (416 MB) of strings that
 * compress about 60× (20 KB of varied Japanese text, repeated): under the old ratio limit of 200, so that the old
 * import parsed it, and under the new one of 100, so that what refuses it now is the size.
 */
export function bigSharedStrings(exported: Uint8Array, bytes = 416 * 1024 * 1024): Buffer {
  const parts: Map<string, Part> = unzipParts(exported);
  const strings = Array.from({ length: 40 }, (_, i) => `<si><t>${noise('予算額前年度事業目的内容特記事項参考一般財源国庫支出金市債諸収入政策局課', 160, i + 1)}</t></si>`);
  const block = Buffer.from(strings.join(''));
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / block.byteLength) }, () => block));
  const original = Buffer.from(parts.get('xl/sharedStrings.xml') as Uint8Array).toString('utf8');
  const open = original.slice(0, original.indexOf('<si>'));
  const rest = original.slice(original.indexOf('<si>'));
  // Our strings first (the indexes cells use stay right), then the swelling, then the end tag.
  const head = Buffer.from(open + rest.slice(0, rest.lastIndexOf('</sst>')));
  const times = Math.max(1, Math.round((bytes - head.byteLength) / chunk.byteLength));
  parts.set('xl/sharedStrings.xml', framed(head, chunk, times, Buffer.from('</sst>')));
  return zipParts(parts);
}

/** The metadata of our own workbook given `rows` sheet rows that all point at its first sheet's worksheet. */
export function manyMetadataRows(exported: Uint8Array, rows = 100_000): Buffer {
  const parts = unzipParts(exported);
  const names = worksheetParts(parts);
  const meta = names.find((w) => w.name === METADATA_SHEET_NAME)!.part;
  const first = names[1]!.name;
  const xml = text(parts, meta);
  const row8 = /<row r="8"[^>]*>.*?<\/row>/.exec(xml)![0];
  // Row 8 as a template: its references renumbered, its worksheet the first sheet's, its id its own.
  const template = row8
    .replace(/<row r="8"/, '<row r="@R"')
    .replace(/ r="([A-Z]+)8"/g, (_m, col: string) => ` r="${col}@R"`)
    .replace(/<c r="A@R"[^>]*?(\/>|>.*?<\/c>)/, `<c r="A@R" t="inlineStr"><is><t>${first}</t></is></c>`)
    .replace(/<c r="B@R"[^>]*?(\/>|>.*?<\/c>)/, '<c r="B@R" t="inlineStr"><is><t>00000000-0000-4000-8000-@ID</t></is></c>');
  const body = Array.from({ length: rows }, (_, i) => template.replaceAll('@R', String(8 + i)).replace('@ID', (8 + i).toString(16).padStart(12, '0'))).join('');
  const swollen = xml
    .replace(/<c r="B6"([^>]*?)(\/>|>.*?<\/c>)/, `<c r="B6"><v>${rows}</v></c>`)
    .replace(/<row r="8"[^>]*>.*<\/sheetData>/s, `${body}</sheetData>`);
  parts.set(meta, Buffer.from(swollen));
  return zipParts(parts);
}

/**
 * Our own workbook with one sheet's 事業の目的・内容 cell (A7 of its worksheet) holding `thousands` × 1,000 characters
 * of text that compresses as prose does (about 1.5×, well within the ratio limit): 21,000 is 21 MB.
 */
export function hugeTextCell(exported: Uint8Array, worksheet: string, thousands = 21_000): Buffer {
  const parts: Map<string, Part> = unzipParts(exported);
  const strings = Buffer.from(parts.get('xl/sharedStrings.xml') as Uint8Array).toString('utf8');
  const count = (strings.match(/<si>/g) ?? []).length;
  // 40,000 letters without a repeat inside deflate's 32 KB window.
  const chunk = Buffer.from(noise('abcdefghijklmnopqrstuvwxyz', 40_000, 20150401));
  const head = Buffer.from(strings.slice(0, strings.lastIndexOf('</sst>')) + '<si><t>');
  parts.set('xl/sharedStrings.xml', framed(head, chunk, thousands / 40, Buffer.from('</t></si></sst>')));
  const part = partOf(parts as Map<string, Uint8Array>, worksheet);
  const xml = Buffer.from(parts.get(part) as Uint8Array).toString('utf8');
  parts.set(part, Buffer.from(xml.replace(/<c r="A7"([^>]*?)(\/>|>.*?<\/c>)/, `<c r="A7" t="s"><v>${count}</v></c>`)));
  return zipParts(parts);
}
