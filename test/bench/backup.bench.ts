// The quit backup at 1,500 sheets, step by step as it runs between the close flush and the window closing (main waits
// CLOSE_FLUSH_TIMEOUT_MS for both): the document from the store, the IPC copy, main's validation, the safe write with
// pruning, and the skipped write when nothing changed. Prints figures; asserts nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBackup } from '../../electron/services/backup';
import { CLOSE_FLUSH_TIMEOUT_MS } from '../../electron/main/window-options';
import { backupFileName } from '../../shared/exchange/backup-names';
import { contract } from '../../shared/ipc/contract';
import { dataFromFile } from '../../renderer/src/store/document';
import { backupDocumentOf } from '../../renderer/src/features/storage/backup-runner';
import { loadSample } from '../helpers/sample';
import { generateDocument } from './generate';

async function measure(label: string, runs: number, fn: (run: number) => unknown): Promise<number> {
  for (let i = 0; i < 2; i++) await fn(-1 - i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`${label.padEnd(56)} p50 ${at(0.5).toFixed(1).padStart(8)} ms   p95 ${at(0.95).toFixed(1).padStart(8)} ms   (${runs} runs)`);
  return at(0.5);
}

export default async function benchBackup(): Promise<void> {
  const SHEETS = 1500;
  const state = dataFromFile({ ...generateDocument(loadSample(), SHEETS), lockedYears: [2014] });
  const folder = await mkdtemp(path.join(os.tmpdir(), 'yosan-backup-bench-'));
  try {
    // A folder already at the limit, so every write also prunes one.
    for (let i = 0; i < 14; i++) await writeFile(path.join(folder, backupFileName(new Date(2020, 0, 1 + i))), '{}');
    const doc = backupDocumentOf(state);
    console.log(`backup of ${SHEETS} sheets, ${(JSON.stringify(doc, null, 2).length / 1024 / 1024).toFixed(2)} MB as a file; close waits at most ${CLOSE_FLUSH_TIMEOUT_MS} ms`);
    const build = await measure('renderer: whole store → exchange file', 20, () => backupDocumentOf(state));
    const copy = await measure('IPC copy (structuredClone, ≈ both ends)', 20, () => structuredClone(doc));
    const validate = await measure('main: contract validation of the request', 20, () => contract['backup:write'].request.parse({ file: doc, reason: 'quit' }));
    let second = 0;
    const write = await measure('main: write (serialise, temp, fsync, rename, prune)', 20, (run) =>
      writeBackup(folder, doc, new Date(2026, 3, 1, 9, 0, (second += 1) % 60, run < 0 ? 0 : run)),
    );
    const same = await measure('main: quit with nothing changed (read, compare, skip)', 20, () =>
      writeBackup(folder, doc, new Date(2026, 3, 2), { skipIfUnchanged: true }),
    );
    console.log(`quit backup total ≈ ${(build + copy + validate + write).toFixed(0)} ms written, ≈ ${(build + copy + validate + same).toFixed(0)} ms when unchanged`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
