// The web mode's Excel endpoint: the same export as the desktop app, validated like the IPC payload.
import { describe, expect, it } from 'vitest';
import { answerExcelExport } from '../../electron/services/excel/web-export';
import { readWorkbook } from '../../electron/services/excel/xlsx';
import { loadSample } from '../helpers/sample';

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

  it.each([
    ['not JSON', '{', 400, /読み取れません/],
    ['not our payload', JSON.stringify({ file: 1 }), 400, /形式が正しくありません/],
    ['an unknown sheet', JSON.stringify({ file: loadSample(), sheetIds: ['00000000-0000-4000-8000-0000000000ff'] }), 422, /./],
  ])('%s: a Japanese message, no workbook', async (_name, body, status, message) => {
    const answer = await answerExcelExport(body);
    expect(answer.status).toBe(status);
    const parsed = JSON.parse(String(answer.body)) as { status: string; message: string };
    expect(parsed.status).toBe('error');
    expect(parsed.message).toMatch(message);
  });
});
