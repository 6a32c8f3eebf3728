// Bundles the main process and the preload into dist/electron/*.cjs with esbuild (the renderer is built by vite).
// `--outdir <dir>` builds elsewhere (the smoke test in test/main/main-bundle.test.ts) with the same options.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = values.outdir ? path.resolve(values.outdir) : path.join(root, 'dist', 'electron');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // electron is provided at run time; exceljs is a run-time dependency too large and dynamic to bundle.
  external: ['electron', 'exceljs'],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: path.join(outdir, 'main.cjs') }),
  // The sandboxed preload may require only 'electron' (and a few Node built-ins): everything else is bundled.
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: path.join(outdir, 'preload.cjs') }),
  // The Excel import runs in a utility process of its own (electron/main/import-process.ts), started from this entry by
  // file name. The import reads workbooks without exceljs, so it needs nothing but Node's built-ins; it stays inside
  // app.asar with the rest (electron-builder.yml says why). A new entry here must be listed in electron-builder.yml's
  // `files` too.
  build({ ...common, entryPoints: ['electron/main/import-process-entry.ts'], outfile: path.join(outdir, 'excel-import-process.cjs') }),
]);
