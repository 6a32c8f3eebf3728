// Excel export for the web mode: `npm run web` (and the test server) answer POST /__yosan/excel with the very
// workbook the desktop app writes, so the browser can offer it as a download. Node only, no Electron.
import { contract } from '../../../shared/ipc/contract';
import { defaultWorkbookName, exportWorkbook, selectSheets } from './export';

export const WEB_EXCEL_PATH = '/__yosan/excel';

/** Largest request body accepted (a whole city's exchange file is a few MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

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

/** Answers one export request: the request is the IPC contract's `excel:export` payload, validated the same way. */
export async function answerExcelExport(bodyText: string): Promise<WebResponse> {
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    return json(400, { status: 'error', message: 'Excel出力の要求を読み取れませんでした。もう一度お試しください。' });
  }
  const parsed = contract['excel:export'].request.safeParse(payload);
  if (!parsed.success) return json(400, { status: 'error', message: 'Excel出力の要求の形式が正しくありません。画面を再読み込みしてからもう一度お試しください。' });
  const { file, sheetIds, bureau, suggestedName } = parsed.data;
  const selection = { sheetIds, bureau, includePolicy: true };
  const selected = selectSheets(file, selection);
  if (!selected.ok) return json(422, { status: 'error', message: selected.message });
  const built = await exportWorkbook(file, selection, { creator: '予算デスク（ブラウザ版）' });
  if (built.status !== 'ok') return json(422, built.status === 'error' ? built : { status: 'error', message: 'Excel出力を中止しました。' });
  const name = suggestedName ?? defaultWorkbookName(selected.sheets, file.fiscalYear);
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

interface MinimalRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}
interface MinimalResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** A connect/node:http handler for WEB_EXCEL_PATH (vite's dev server and the test server mount it). */
export async function excelExportMiddleware(req: MinimalRequest, res: MinimalResponse): Promise<void> {
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
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > MAX_BODY_BYTES) {
      const answer = json(413, { status: 'error', message: 'データが大きすぎるため Excel に出力できません。局ごとに出力してください。' });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    chunks.push(bytes);
  }
  const answer = await answerExcelExport(Buffer.concat(chunks).toString('utf8'));
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
