// Builds the renderer (the real production build, CSP included) into a temporary folder and serves it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { serveStatic } from './static-server';

/**
 * `pages`: more Vite roots (an index.html each) built beside the app, served at `<url><under>/index.html`: same origin, so the same
 * IndexedDB (the editor benchmark's page of the stack alone).
 */
export async function buildAndServe(pages: readonly { root: string; under: string }[] = []): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'yosan-app-'));
  await build({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    // The config imports our TypeScript services (extensionless imports): Vite's module runner loads them as they
    // are; the default bundling loader warns that `native` will not (see package.json's build and web scripts).
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  for (const page of pages) {
    await build({
      configFile: false,
      root: page.root,
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir: join(outDir, page.under), emptyOutDir: false },
    });
  }
  const server = await serveStatic(outDir);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
