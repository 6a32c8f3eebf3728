// Vite for the renderer: dev server for `npm run web`, production build into dist/renderer with a CSP meta tag.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../electron/services/security.ts';
import { excelExportMiddleware, WEB_EXCEL_PATH } from '../electron/services/excel/web-export.ts';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

const { version } = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { version: string };

/**
 * Adds the app's CSP as a meta tag to the built index.html (the Electron protocol also sends it as a header).
 * Build only: the dev server injects inline scripts (React refresh) that the policy rightly forbids.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'yosan-desk:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** Web mode only: the dev server runs the main process's Excel export for the browser's download (Excel出力). */
function excelExportEndpoint(): Plugin {
  return {
    name: 'yosan-desk:excel-export',
    configureServer(server) {
      server.middlewares.use(WEB_EXCEL_PATH, (req, res) => void excelExportMiddleware(req, res));
    },
    configurePreviewServer(server) {
      server.middlewares.use(WEB_EXCEL_PATH, (req, res) => void excelExportMiddleware(req, res));
    },
  };
}

export default defineConfig({
  root: here('.'),
  // Relative URLs: the same build works from app://yosan-desk/ and from any static server.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta(), excelExportEndpoint()],
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(version),
  },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // Read from the local disk (app://), not fetched over a network: size warnings do not apply.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything start-up imports stays in the one entry chunk, run in source order (zod-config.ts before any
          // schema is built). Without this group, modules the lazy views share with start-up (react, zod, the schemas)
          // went to a common chunk that ran before the entry's own code. The lazy views get chunks of their own.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
  server: {
    // `npm run web -- --port N` overrides this; strict so a test never talks to some other server by mistake.
    port: 5173,
    strictPort: true,
    // No CORS: Vite's default answers other localhost ports' preflights, which would let their pages call the Excel
    // endpoint. The app only ever fetches from its own origin.
    cors: false,
    fs: {
      // The renderer imports shared/ and the built-in sample in assets/; nothing else outside renderer/.
      allow: [here('.'), here('../shared'), here('../assets'), here('../node_modules')],
    },
  },
  preview: { cors: false },
});
