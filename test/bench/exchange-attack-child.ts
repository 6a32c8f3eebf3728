// One exchange-file attack in a fresh process (run by exchange-attacks.bench.ts): the file's text read, then one
// readExchangeFile of the given reader bundle timed; prints the time, the process's peak RSS and the first message.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface AttackResult {
  ms: number;
  /** RSS once the text is in memory, MB. */
  startRss: number;
  /** The process's peak RSS (VmHWM; the reading is synchronous, so a sampling timer would never run), MB. */
  peakRss: number;
  ok: boolean;
  /** What the reader threw, if it threw (the reader before issue 13 did, with RangeError). */
  threw?: string;
  problems: number;
  first: string;
  last: string;
}

type Reader = (text: string) => { ok: true } | { ok: false; problems: { message: string }[] };

function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // Not Linux: the current RSS is the best there is.
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

const [readerPath, filePath] = process.argv.slice(2);
if (!readerPath || !filePath) throw new Error('usage: exchange-attack-child <reader.mjs> <file>');
const { readExchangeFile } = (await import(pathToFileURL(readerPath).href)) as { readExchangeFile: Reader };
const text = readFileSync(filePath, 'utf8');
const startRss = process.memoryUsage().rss / 1024 / 1024;
const t0 = performance.now();
let read: ReturnType<Reader> | undefined;
let threw: string | undefined;
try {
  read = readExchangeFile(text);
} catch (error) {
  threw = String(error);
}
const ms = performance.now() - t0;
const problems = read && !read.ok ? read.problems : [];
const result: AttackResult = {
  ms,
  startRss,
  peakRss: peakRssMb(),
  ok: read?.ok ?? false,
  ...(threw === undefined ? {} : { threw }),
  problems: problems.length,
  first: problems[0]?.message ?? '',
  last: problems.at(-1)?.message ?? '',
};
console.log(JSON.stringify(result));
