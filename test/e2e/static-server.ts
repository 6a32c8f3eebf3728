// A minimal static server for the built renderer, sending the app's CSP and headers like the Electron protocol does.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { appResponseHeaders } from '../../electron/services/security';
import { excelExportMiddleware, WEB_EXCEL_PATH } from '../../electron/services/excel/web-export';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    // Like `npm run web`: the Excel export endpoint of the web mode.
    if (path === WEB_EXCEL_PATH) {
      void excelExportMiddleware(req, res);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // The very headers app:// sends (CSP, nosniff), so what is quiet here under the CSP is quiet in the app.
    res.writeHead(200, appResponseHeaders(TYPES[extname(file)] ?? 'application/octet-stream'));
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
