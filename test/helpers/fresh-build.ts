// A fresh `npm run build` into a temporary app folder (dist/electron by electron/build.mjs, dist/renderer by vite),
// laid out as electron-builder sees the project, for the packaging and Electronegativity checks.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const run = promisify(execFile);

/** The renderer's production build (vite, CSP meta included) into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: path.join(ROOT, 'renderer', 'vite.config.ts'),
    // As package.json's build script: the config imports our TypeScript services through Vite's module runner.
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** Builds main, preload, workers and the renderer into `<tmp>/dist` and copies package.json; returns the folder. */
export async function freshBuild(prefix = 'yosan-build-'): Promise<string> {
  const appDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await Promise.all([
    run(process.execPath, ['electron/build.mjs', '--outdir', path.join(appDir, 'dist', 'electron')], { cwd: ROOT, timeout: 60_000 }),
    buildRenderer(path.join(appDir, 'dist', 'renderer')),
  ]);
  await copyFile(path.join(ROOT, 'package.json'), path.join(appDir, 'package.json'));
  return appDir;
}

/** Every file under `dir`, as forward-slash paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
