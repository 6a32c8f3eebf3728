// The app:// protocol's answers: only GET and HEAD, only files under dist/renderer that security.ts allows, our headers.
// No electron import: index.ts passes this to protocol.handle, tests call it with plain Requests.
import { readFile as fsReadFile } from 'node:fs/promises';
import { appResponseHeaders, resolveAppAsset } from '../services/security';

export interface AppRequest {
  readonly method: string;
  readonly url: string;
}

export interface AppProtocolOptions {
  /** dist/renderer inside the app (or app.asar): the only files the window can load. */
  root: string;
  readFile?: (filePath: string) => Promise<Uint8Array>;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  const readFile = options.readFile ?? fsReadFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const resolved = resolveAppAsset(request.url, options.root);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    let body: Uint8Array;
    try {
      body = await readFile(resolved.filePath);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appResponseHeaders(resolved.contentType),
    });
  };
}
