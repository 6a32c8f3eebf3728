// The app:// handler: GET and HEAD of files under dist/renderer with our headers; everything else refused.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/security';
import { useTempDir } from './fake-ports';

const tempDir = useTempDir();
let root: string;
let serve: ReturnType<typeof createAppProtocolHandler>;

beforeEach(async () => {
  const dir = await tempDir();
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>予算デスク</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.json'), '{"token":1}');
  serve = createAppProtocolHandler({ root });
});

describe('app:// requests', () => {
  it('serves index.html for the root and the entry, with the CSP and nosniff', async () => {
    for (const url of ['app://yosan-desk/', 'app://yosan-desk/index.html']) {
      const response = await serve({ method: 'GET', url });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>予算デスク</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await serve({ method: 'HEAD', url: 'app://yosan-desk/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it.each([
    ['POST', 'app://yosan-desk/index.html', 405],
    ['GET', 'app://yosan-desk/missing.js', 404],
    ['GET', 'app://yosan-desk/../secret.json', 404],
    ['GET', 'app://yosan-desk/%2e%2e/secret.json', 404],
    ['GET', 'app://yosan-desk/assets%2f..%2f..%2fsecret.json', 404],
    ['GET', 'app://yosan-desk/%E0%A4%A', 400],
    ['GET', 'app://evil/index.html', 403],
    ['GET', 'https://yosan-desk/index.html', 403],
  ])('%s %s → %i', async (method, url, status) => {
    const response = await serve({ method, url });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });

  it('a file that cannot be read is a 404, not a crash', async () => {
    const failing = createAppProtocolHandler({ root, readFile: () => Promise.reject(new Error('EIO')) });
    expect((await failing({ method: 'GET', url: 'app://yosan-desk/index.html' })).status).toBe(404);
  });
});
