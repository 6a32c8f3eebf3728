// Excel export for the web mode: `npm run web` (and the test server) answer POST /__yosan/excel with the very
// workbook the desktop app writes, so the browser can offer it as a download. Only to the app's own page, with the
// body capped at the exchange file's limit and pre-scanned (nesting, lengths) before JSON.parse. Node only, no Electron.
import { isIP } from 'node:net';
import { MAX_EXCHANGE_FILE_BYTES } from '../../../shared/exchange/format';
import { scanExchangeText, type ScanFailureKind } from '../../../shared/exchange/scan';
import { contract } from '../../../shared/ipc/contract';
import { safeWorkbookFileName } from '../../../shared/ipc/file-names';
import { defaultWorkbookName, exportWorkbook, selectSheets } from './export';

export const WEB_EXCEL_PATH = '/__yosan/excel';

/**
 * Largest request body accepted: the exchange file's own limit. The request is the document as compact JSON (the
 * file on disk is indented, so larger) plus a 局 name; a document that does not fit could not be saved as a file.
 */
export const MAX_WEB_EXPORT_BODY_BYTES = MAX_EXCHANGE_FILE_BYTES;

export const webExportMessages = {
  foreignOrigin:
    'ほかのページやサイトからの Excel 出力の要求は受け付けません。予算デスクの画面（npm run web で開いたページ）の「Excel出力」から出力してください。',
  tooLarge: (maxBytes: number): string =>
    `データが大きすぎるため Excel に出力できません（上限 ${Math.floor(maxBytes / (1024 * 1024))} MB）。局ごとに出力してください。`,
  tooDeep:
    'Excel出力の要求の入れ子が深すぎるため読み取りませんでした。予算デスクの画面を再読み込みしてから、もう一度出力してください。',
  tooMany:
    'Excel出力の要求に含まれる値が多すぎるため読み取りませんでした。局ごとに出力するか、画面を再読み込みしてからもう一度出力してください。',
  unreadable: 'Excel出力の要求を読み取れませんでした。もう一度お試しください。',
  invalid: 'Excel出力の要求の形式が正しくありません。画面を再読み込みしてからもう一度お試しください。',
} as const;

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const json = (status: number, value: unknown): WebResponse => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

const refuse = (status: number, message: string): WebResponse => json(status, { status: 'error', message });

/**
 * What the web mode says when the pre-scan refuses a request: `[[[[…` (JSON.parse and zod took seconds and GBs on
 * it) and oversized arrays in their own words, the rest as a request that cannot be read. The scan's messages speak of
 * a file and its lines, which the user of the web page never sees.
 */
function scanRefusal(kind: ScanFailureKind): string {
  switch (kind) {
    case 'too-deep':
      return webExportMessages.tooDeep;
    case 'too-long':
    case 'too-many-keys':
    case 'too-many-values':
      return webExportMessages.tooMany;
    default:
      return webExportMessages.unreadable;
  }
}

/** Answers one export request: the request is the IPC contract's `excel:export` payload, validated the same way. */
export async function answerExcelExport(bodyText: string): Promise<WebResponse> {
  // The exchange file's own pre-scan, on the request that carries it: too deep, too long, too many values and keys
  // written twice are refused in one pass, before JSON.parse builds anything.
  const scanned = scanExchangeText(bodyText);
  if (!scanned.ok) return refuse(400, scanRefusal(scanned.kind));
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    return refuse(400, webExportMessages.unreadable);
  }
  const parsed = contract['excel:export'].request.safeParse(payload);
  if (!parsed.success) return refuse(400, webExportMessages.invalid);
  const { file, sheetIds, bureau, suggestedName } = parsed.data;
  const selection = { sheetIds, bureau, includePolicy: true };
  const selected = selectSheets(file, selection);
  if (!selected.ok) return refuse(422, selected.message);
  const built = await exportWorkbook(file, selection, { creator: '予算デスク（ブラウザ版）' });
  if (built.status !== 'ok') return json(422, built.status === 'error' ? built : { status: 'error', message: 'Excel出力を中止しました。' });
  // The same rule as the desktop's save dialog (the suggestion went through it in the contract already).
  const name = suggestedName ?? safeWorkbookFileName(defaultWorkbookName(selected.sheets, file.fiscalYear));
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Yosan-Sheet-Count': String(built.sheetCount),
    },
    body: built.bytes,
  };
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A Host no DNS rebinding can reach: localhost (and *.localhost) or an IP literal, as Vite's own host check allows.
 * A page of another site that rebinds its name to 127.0.0.1 arrives with its own name as Host, and is refused.
 */
function isLocalHost(host: string): boolean {
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  const lower = hostname.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost') || isIP(hostname) !== 0;
}

/**
 * The refusal when a request comes from a page other than the app's own; null for the app's page or no page at all.
 * A browser sends `Origin` with every POST and `Sec-Fetch-Site` to localhost, so a page elsewhere (another localhost
 * port included) is caught by either; a request with neither is a program on this machine (curl, a test), which a
 * web page cannot make and which could read the files itself, so it is let through.
 */
export function foreignRequestProblem(headers: Headers): string | null {
  const host = header(headers, 'host');
  if (host === undefined || !isLocalHost(host)) return webExportMessages.foreignOrigin;
  const site = header(headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return webExportMessages.foreignOrigin;
  const origin = header(headers, 'origin');
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return webExportMessages.foreignOrigin; // `null` (a sandboxed frame, a file:// page) or garbage
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host.toLowerCase()) return webExportMessages.foreignOrigin;
  }
  return null;
}

interface MinimalRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  headers: Headers;
}
interface MinimalResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array | string): unknown;
}

function send(res: MinimalResponse, answer: WebResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/** The body, or null as soon as it passes `maxBytes`: nothing more is pulled from the request after that. */
async function readBodyLimited(req: MinimalRequest, maxBytes: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Pulled by hand, not for-await: leaving the loop early would destroy the socket before the 413 is sent.
  const iterator = req[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) break;
    const bytes = typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value;
    size += bytes.byteLength;
    if (size > maxBytes) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

export interface WebExportLimits {
  maxBodyBytes?: number;
}

/** A connect/node:http handler for WEB_EXCEL_PATH (vite's dev server and the test server mount it). No CORS, ever. */
export async function excelExportMiddleware(req: MinimalRequest, res: MinimalResponse, limits: WebExportLimits = {}): Promise<void> {
  const maxBodyBytes = limits.maxBodyBytes ?? MAX_WEB_EXPORT_BODY_BYTES;
  // First, before the method: a preflight (OPTIONS) from another origin gets a refusal, never an Allow-* header.
  const foreign = foreignRequestProblem(req.headers);
  if (foreign !== null) {
    send(res, refuse(403, foreign));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' });
    res.end();
    return;
  }
  // Only JSON: another site's page cannot send that cross-origin without a CORS preflight, which we never grant.
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    res.writeHead(415, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('application/json only');
    return;
  }
  const refused = refuse(413, webExportMessages.tooLarge(maxBodyBytes));
  // The connection is closed after a 413: the rest of the body is never read.
  const tooLarge = { ...refused, headers: { ...refused.headers, Connection: 'close' } };
  const declared = Number(header(req.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    send(res, tooLarge);
    return;
  }
  const body = await readBodyLimited(req, maxBodyBytes);
  if (body === null) {
    send(res, tooLarge);
    return;
  }
  send(res, await answerExcelExport(body.toString('utf8')));
}
