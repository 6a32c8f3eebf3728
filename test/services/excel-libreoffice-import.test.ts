// A workbook a reviewer opened in LibreOffice Calc and saved imports: the figure they typed comes back and nothing else
// changes (ids, 主な事業, the 局運営方針), although Calc rewrites the whole package its own way (the metadata worksheet
// saved as hidden rather than very hidden, its own shared strings, styles, part order and relationship ids).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../electron/services/excel/export';
import { runImport } from '../../electron/services/excel/import-runner';
import { spawnSourceWorker } from '../../electron/services/excel/worker-source';
import { readCentralDirectory } from '../../electron/services/excel/zip-guard';
import type { ExchangeFile } from '../../shared/domain/schema';
import { LibreOffice, SOFFICE_TIMEOUT_MS } from '../helpers/libreoffice';
import { loadSample } from '../helpers/sample';

const sample = loadSample();
const EDITED = '情報化推進事業';
let dir: string;

/** One part of a package, uncompressed. */
function part(bytes: Buffer, name: string): string {
  const directory = readCentralDirectory(bytes);
  if (!directory.ok) throw new Error('not a zip');
  const entry = directory.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const start = entry.localOffset + 30 + bytes.readUInt16LE(entry.localOffset + 26) + bytes.readUInt16LE(entry.localOffset + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  return (entry.method === 0 ? data : inflateRawSync(data)).toString('utf8');
}

async function importFile(name: string): Promise<ExchangeFile> {
  const result = await runImport(join(dir, name), { spawn: spawnSourceWorker });
  if (!result.ok) throw new Error(`import refused ${name}: ${JSON.stringify(result.problems)}`);
  return result.file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yosan-lo-import-'));
  // The bureau workbook: the sheets and the 局運営方針 with its 見直し事業一覧.
  const exported = await exportWorkbook(sample, { bureau: '政策局', includePolicy: true });
  if (exported.status !== 'ok') throw new Error('export failed');
  await writeFile(join(dir, 'seisaku.xlsx'), exported.bytes);
  const calc = new LibreOffice(dir);
  // Opened and saved unchanged (this first run also makes the profile the macro goes into).
  await calc.convert('xlsx:Calc MS Excel 2007 XML', ['seisaku.xlsx'], join(dir, 'resaved'));
  // 予算額 of 情報化推進事業 (L2) typed as 2800000 in Calc, and saved as .xlsx.
  await calc.typeAndSave(join(dir, 'seisaku.xlsx'), EDITED, 'L2', '2800000', join(dir, 'edited.xlsx'));
}, 2 * SOFFICE_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a workbook saved by LibreOffice Calc', () => {
  it('is what Calc wrote, not our bytes passed through', async () => {
    for (const name of ['resaved/seisaku.xlsx', 'edited.xlsx']) {
      expect(part(await readFile(join(dir, name)), 'docProps/app.xml')).toMatch(/<Application>LibreOffice/);
    }
  });

  it('opened and saved unchanged: imports as exactly the sheets and the 局運営方針 exported', async () => {
    expect(await importFile('resaved/seisaku.xlsx')).toEqual(sample);
  });

  it('予算額 of 情報化推進事業 typed as 2800000: imports as 2,800,000, everything else as exported', { timeout: 60_000 }, async () => {
    const file = await importFile('edited.xlsx');
    const index = sample.sheets.findIndex((s) => s.name === EDITED);
    expect(sample.sheets[index]!.amount).toBe(2_732_796);
    expect(file.sheets[index]!.amount).toBe(2_800_000);
    const expected = structuredClone(sample);
    expected.sheets[index]!.amount = 2_800_000;
    // Ids, 主な事業 (ids, names, amounts), 特定財源, texts, the policy with its links: all as exported.
    expect(file).toEqual(expected);
  });
});
