// The app's security decisions as plain data and pure functions: CSP, webPreferences, navigation and app:// asset rules.
import path from 'node:path';

/** Our privileged scheme and the one host it serves; the renderer's origin is `app://yosan-desk`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'yosan-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Everything from our own origin, nothing inline, nothing evaluated, nothing remote. */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The Content-Security-Policy header sent with every app:// response. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/**
 * The same policy for a `<meta http-equiv>` tag, which browsers accept in the built index.html.
 * `frame-ancestors` is ignored (with a console warning) in a meta tag, so it is left out there; the header carries it.
 */
export const CONTENT_SECURITY_POLICY_META = CSP_DIRECTIVES.filter(([name]) => name !== 'frame-ancestors')
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/**
 * The webPreferences every window must have (Electron security checklist). Typed structurally so this file
 * needs no electron import; index.ts spreads it into BrowserWindow's webPreferences, which checks the names.
 */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** URL patterns for requests the session cancels outright: the app never loads anything from outside app://. */
export const BLOCKED_REQUEST_PATTERNS: readonly string[] = [
  'http://*/*',
  'https://*/*',
  'ws://*/*',
  'wss://*/*',
  'ftp://*/*',
  'file://*/*',
];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to our app origin: scheme app, host yosan-desk (any case), no user, password or port.
 * Node's URL gives non-special schemes an opaque origin ("null"), so the parts are compared instead.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether the window may navigate to `url`: only within our own app:// origin. When the current URL is given,
 * a change of only the hash is allowed too (an in-page jump is never a new document).
 */
export function isAllowedNavigation(url: string, currentUrl?: string): boolean {
  if (isAppUrl(url)) return true;
  if (currentUrl === undefined) return false;
  const next = parse(url);
  const current = parse(currentUrl);
  if (next === null || current === null) return false;
  next.hash = '';
  current.hash = '';
  return isAppUrl(currentUrl) && next.href === current.href;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export type AssetResolution =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 };

/** A decoded path segment we refuse: dot segments, hidden files, separators, NUL, drive/stream colons, Windows' trailing dot/space. */
function isUnsafeSegment(segment: string): boolean {
  return (
    segment === '' ||
    segment.startsWith('.') ||
    /[/\\:\0]/.test(segment) ||
    /[. ]$/.test(segment) ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(segment)
  );
}

/**
 * Maps an app:// request to a file under `rootDir` (dist/renderer). The root (`/` or nothing) serves index.html;
 * any other path must name a file with a known type. Refuses other schemes and hosts (403), malformed escapes
 * (400), and anything that could leave the root: `..` and `.` segments literal or percent-encoded (`%2e%2e`),
 * encoded separators (`%2f`, `%5c`), backslashes, colons, NUL. The caller still has to find the file (404).
 */
export function resolveAppAsset(requestUrl: string, rootDir: string): AssetResolution {
  if (!isAppUrl(requestUrl)) return { ok: false, status: 403 };
  // The raw path, before the URL parser resolves dot segments: a request that tries `..` is refused, not "fixed".
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl)?.[1] ?? '';
  if (rawPath === '' || rawPath === '/') return asset(rootDir, ['index.html']);
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) return { ok: false, status: 400 };
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (isUnsafeSegment(segment)) return { ok: false, status: 404 };
    segments.push(segment);
  }
  return asset(rootDir, segments);
}

function asset(rootDir: string, segments: readonly string[]): AssetResolution {
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 404 };
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()];
  if (contentType === undefined) return { ok: false, status: 404 };
  return { ok: true, filePath, contentType };
}

/** Headers for every app:// response. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}
