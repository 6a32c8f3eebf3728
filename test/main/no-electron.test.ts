// The modules with main's decisions load without Electron: bundled on their own, they require no 'electron' at run
// time (type imports only). Importing them in a test would not show it: the npm package 'electron' resolves in Node.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const ELECTRON_FREE = [
  'electron/main/handlers/app.ts',
  'electron/main/handlers/exchange.ts',
  'electron/main/handlers/excel.ts',
  'electron/main/handlers/print.ts',
  'electron/main/ipc/events.ts',
  'electron/main/ipc/register.ts',
  'electron/main/job-slot.ts',
  'electron/main/app-protocol.ts',
  'electron/main/close-guard.ts',
  'electron/main/window-options.ts',
  'electron/main/renderer-recovery.ts',
];

describe('main without Electron', () => {
  it.each(ELECTRON_FREE)('%s requires no electron at run time', async (entry) => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Like the app's build; anything else that is not bundled shows up as a require().
      external: ['electron', 'exceljs'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports).not.toContain('electron');
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/require\(["']electron["']\)/);
  });
});
