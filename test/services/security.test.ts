// Security decisions: navigation allow-list, app:// asset resolution without traversal, the CSP and webPreferences.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  isAllowedNavigation,
  isAppUrl,
  REQUIRED_WEB_PREFERENCES,
  resolveAppAsset,
} from '../../electron/services/security';

describe('isAllowedNavigation', () => {
  it.each([
    ['app://yosan-desk/index.html', true],
    ['app://yosan-desk/', true],
    ['app://yosan-desk', true],
    ['app://yosan-desk/index.html#/sheets/3', true],
    ['app://YOSAN-DESK/index.html', true],
    ['app://yosan-desk/index.html?x=1', true],
    ['app://other/index.html', false],
    ['app://yosan-desk.evil.example/index.html', false],
    ['app://evil@yosan-desk/index.html', false],
    ['app://yosan-desk:8080/index.html', false],
    ['https://yosan-desk/index.html', false],
    ['http://localhost:5173/', false],
    ['https://www.city.saitama.jp/', false],
    ['file:///C:/Windows/System32/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['chrome://settings', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('a hash change of the current app page is allowed; of another page it is not', () => {
    expect(isAllowedNavigation(`${APP_ENTRY_URL}#/policy`, APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/#x', 'https://evil.example/')).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', APP_ENTRY_URL)).toBe(false);
  });

  it('isAppUrl agrees for the sender check', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
  });
});

describe('resolveAppAsset', () => {
  const root = resolve('/srv/yosan/dist/renderer');

  it.each([
    ['app://yosan-desk/', 'index.html', 'text/html; charset=utf-8'],
    ['app://yosan-desk', 'index.html', 'text/html; charset=utf-8'],
    ['app://yosan-desk/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://yosan-desk/index.html#/sheets', 'index.html', 'text/html; charset=utf-8'],
    ['app://yosan-desk/assets/index-Bx1.js', 'assets/index-Bx1.js', 'text/javascript; charset=utf-8'],
    ['app://yosan-desk/assets/index-Bx1.js?v=2', 'assets/index-Bx1.js', 'text/javascript; charset=utf-8'],
    ['app://yosan-desk/assets/app.css', 'assets/app.css', 'text/css; charset=utf-8'],
    ['app://yosan-desk/assets/%E4%BA%88%E7%AE%97.svg', 'assets/予算.svg', 'image/svg+xml'],
  ])('%s → %s', (url, relative, contentType) => {
    expect(resolveAppAsset(url, root)).toEqual({ ok: true, filePath: join(root, relative), contentType });
  });

  it.each([
    'app://yosan-desk/../package.json',
    'app://yosan-desk/assets/../../package.json',
    'app://yosan-desk/%2e%2e/package.json',
    'app://yosan-desk/%2E%2E/%2E%2E/etc/passwd',
    'app://yosan-desk/.%2e/package.json',
    'app://yosan-desk/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://yosan-desk/..%2fpackage.json',
    'app://yosan-desk/..%5cpackage.json',
    'app://yosan-desk/assets/..\\..\\package.json',
    'app://yosan-desk/%5c%5cserver%5cshare%5cx.js',
    'app://yosan-desk/C:%5CWindows%5Cwin.ini',
    'app://yosan-desk/C%3A/Windows/win.ini',
    'app://yosan-desk/index.html%00.js',
    'app://yosan-desk/./index.html',
    'app://yosan-desk/.env',
    'app://yosan-desk/index.html.',
    'app://yosan-desk/assets//x.js',
    'app://yosan-desk/assets/',
    'app://yosan-desk/sheets/3',
    'app://yosan-desk/main.cjs.exe',
    'app://yosan-desk/%E4%BA%88',
    'app://yosan-desk/%ZZ.js',
    'app://other/index.html',
    'app://yosan-desk.evil/index.html',
    'https://yosan-desk/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const result = resolveAppAsset(url, root);
    expect(result.ok).toBe(false);
  });

  it('only the root falls back to index.html; an unknown path is 404, not the app', () => {
    expect(resolveAppAsset('app://yosan-desk/sheets/3', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppAsset('app://other/', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppAsset('app://yosan-desk/%ZZ.js', root)).toEqual({ ok: false, status: 400 });
  });
});

describe('Content-Security-Policy', () => {
  it('has no unsafe-inline, unsafe-eval, wildcard or remote source', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/);
    }
  });

  it('has the directives we require', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('the meta version leaves out frame-ancestors, which browsers ignore in a meta tag', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY_META).toContain("script-src 'self'");
  });
});

describe('webPreferences', () => {
  it('isolated, sandboxed, no Node, web security on, no webview', () => {
    expect(REQUIRED_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});
