// The web mode's Excel endpoint: the same export as the desktop app, validated like the IPC payload, answered only to
// the app's own page, with the body capped while it streams and pre-scanned (nesting, lengths) before JSON.parse.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerExcelExport,
  excelExportMiddleware,
  MAX_WEB_EXPORT_BODY_BYTES,
  WEB_EXCEL_PATH,
} from '../../electron/services/excel/web-export';
import { readWorkbook } from '../../electron/services/excel/xlsx';
import { MAX_EXCHANGE_FILE_BYTES } from '../../shared/exchange/format';
import { loadSample } from '../helpers/sample';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const MIB = 1024 * 1024;

describe('POST /__yosan/excel (npm run web)', () => {
  it('answers the bureau workbook as a download named after the 局 and 年度', async () => {
    const answer = await answerExcelExport(JSON.stringify({ file: loadSample(), bureau: '政策局' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('政策局_平成27年度_事務事業.xlsx')}`);
    expect(answer.headers['X-Yosan-Sheet-Count']).toBe('10');
    const bytes = answer.body as Uint8Array;
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const sheets = await readWorkbook(Buffer.from(bytes));
    expect(sheets.map((s) => s.name)).toContain('広域行政推進事業');
  });

  it('a 局 name with a bidi override (U+202E) and a zero-width space: the download name has neither, as on the desktop', async () => {
    const file = loadSample();
    const bureau = '政策\u202E局\u200B';
    for (const sheet of file.sheets) sheet.org.bureau = bureau;
    for (const policy of file.policies) policy.bureau = bureau;
    const answer = await answerExcelExport(JSON.stringify({ file, bureau }));
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('政策局_平成27年度_事務事業.xlsx')}`);
  });

  it.each([
    ['not JSON', '{', 400, /読み取れません/],
    ['not our payload', JSON.stringify({ file: 1 }), 400, /形式が正しくありません/],
    ['an unknown sheet', JSON.stringify({ file: loadSample(), sheetIds: ['00000000-0000-4000-8000-0000000000ff'] }), 422, /./],
    ['nested 10,000 deep', `{"file":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 400, /入れ子が深すぎる/],
    ['our request 33 deep', `{"file":{"sheets":[${'['.repeat(30)}${']'.repeat(30)}]}}`, 400, /入れ子が深すぎる/],
    ['sheets: 100,000 zeros', `{"file":{"sheets":[${Array(100_000).fill(0).join(',')}]}}`, 400, /値が多すぎる/],
    ['a key written twice', JSON.stringify({ file: loadSample(), bureau: '政策局' }).replace(/^\{/, '{"bureau":"x",'), 400, /読み取れません/],
  ])('%s: a Japanese message, no workbook', async (_name, body, status, message) => {
    const answer = await answerExcelExport(body);
    expect(answer.status).toBe(status);
    const parsed = JSON.parse(String(answer.body)) as { status: string; message: string };
    expect(parsed.status).toBe('error');
    expect(parsed.message).toMatch(message);
    expect(parsed.message).toMatch(japanese);
  });
});

// ── the middleware over real HTTP ───────────────────────────────────────────

/** A request body the middleware pulls from, counting the bytes pulled: proves where it stopped reading. */
function countingRequest(req: IncomingMessage, pulled: { bytes: number }) {
  return {
    method: req.method,
    headers: req.headers,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        pulled.bytes += chunk.byteLength;
        yield chunk;
      }
    },
  };
}

let server: Server;
let port: number;
const pulled = { bytes: 0 };
beforeAll(async () => {
  server = createServer((req, res) => void excelExportMiddleware(countingRequest(req, pulled), res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  /** Bytes of the body the client had sent when the answer came. */
  sent: number;
}

/**
 * Posts to the endpoint with `headers` (Host is the server's unless given). `body` is sent whole, or `stream` bytes
 * of `[` in 1 MiB chunks (no Content-Length) until the answer comes, as a browser uploads a large body.
 */
function post(headers: Record<string, string>, body: { text?: string; stream?: number } = {}, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port, method, path: WEB_EXCEL_PATH, headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...headers } },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sent });
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body.stream === undefined) {
      req.end(body.text ?? '');
      return;
    }
    const total = body.stream;
    const chunk = Buffer.alloc(MIB, 0x5b);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const messageOf = (answer: Answer) => (JSON.parse(answer.text) as { status: string; message: string }).message;
const sampleRequest = () => JSON.stringify({ file: loadSample(), bureau: '政策局' });

describe('the endpoint answers only its own page', () => {
  it('the app page (same Origin, Sec-Fetch-Site same-origin) gets the workbook, without CORS headers', async () => {
    const own = `http://127.0.0.1:${port}`;
    const answer = await post({ Origin: own, 'Sec-Fetch-Site': 'same-origin' }, { text: sampleRequest() });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toContain(encodeURIComponent('政策局_平成27年度_事務事業.xlsx'));
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a program on this machine (no Origin, no Sec-Fetch-Site, like curl) is answered', async () => {
    expect((await post({}, { text: sampleRequest() })).status).toBe(200);
  });

  it.each([
    ['another localhost port', { Origin: 'http://localhost:3000' }],
    ['another port of the same address', { Origin: 'http://127.0.0.1:1' }],
    ['another site', { Origin: 'https://evil.example' }],
    ['an opaque origin (sandboxed frame, file:)', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site, no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (another port)', { 'Sec-Fetch-Site': 'same-site' }],
    ['a DNS-rebound name as Host, its own Origin', { Host: 'evil.example:80', Origin: 'http://evil.example:80' }],
  ])('%s: 403 with a Japanese message, no CORS headers, no workbook', async (_name, headers) => {
    const answer = await post(headers, { text: sampleRequest() });
    expect(answer.status).toBe(403);
    expect(messageOf(answer)).toContain('ほかのページやサイトからの Excel 出力の要求は受け付けません');
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a CORS preflight from another origin is refused, never granted', async () => {
    const answer = await post({ Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' }, {}, 'OPTIONS');
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the body is capped while it streams', () => {
  it(`the cap is the exchange file's limit (${MAX_EXCHANGE_FILE_BYTES / MIB} MiB)`, () => {
    expect(MAX_WEB_EXPORT_BODY_BYTES).toBe(MAX_EXCHANGE_FILE_BYTES);
  });

  it('a 64 MiB body without Content-Length: 413 with a Japanese message; reading stopped just past the cap', async () => {
    pulled.bytes = 0;
    const answer = await post({ Origin: `http://127.0.0.1:${port}` }, { stream: 64 * MIB });
    expect(answer.status).toBe(413);
    expect(messageOf(answer)).toContain('データが大きすぎるため Excel に出力できません');
    expect(answer.headers['connection']).toBe('close');
    // Not one chunk more than it took to pass the cap; the client had not sent the rest either.
    expect(pulled.bytes).toBeGreaterThan(MAX_WEB_EXPORT_BODY_BYTES);
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_WEB_EXPORT_BODY_BYTES + MIB);
    expect(answer.sent).toBeLessThan(64 * MIB);
  });

  it('a declared Content-Length of 64 MiB: 413 before a byte of the body is read', async () => {
    pulled.bytes = 0;
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: WEB_EXCEL_PATH, headers: { 'Content-Type': 'application/json', 'Content-Length': String(64 * MIB) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sent: 0 });
          });
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(messageOf(answer)).toMatch(japanese);
    expect(pulled.bytes).toBe(0);
  });

  it('a 19 MiB nested body under the cap: 400 with a Japanese message, refused before JSON.parse', async () => {
    const half = (19 * MIB) / 2;
    const answer = await post({ Origin: `http://127.0.0.1:${port}` }, { text: `${'['.repeat(half)}${']'.repeat(half)}` });
    expect(answer.status).toBe(400);
    expect(messageOf(answer)).toContain('入れ子が深すぎる');
  });
});
