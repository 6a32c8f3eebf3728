// Loads the built-in sample exchange file through the real reader, for tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';
import { readExchangeFile } from '../../shared/exchange/read';

export const SAMPLE_PATH = fileURLToPath(new URL('../../assets/sample/seisakukyoku-h27.yosan.json', import.meta.url));

export function sampleText(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

export function loadSample(): ExchangeFile {
  const result = readExchangeFile(sampleText());
  if (!result.ok) throw new Error(`sample unreadable: ${JSON.stringify(result.problems)}`);
  return result.file;
}

export function sampleSheet(name: string): Sheet {
  const sheet = loadSample().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}
