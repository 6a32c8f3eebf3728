// The app shell for now: the built-in sample (or an opened file) as a list of 事務事業 grouped by 課, with open and save.
import { useEffect, useState } from 'react';
import sample from '../../../assets/sample/seisakukyoku-h27.yosan.json';
import { formatAmount } from '../../../shared/domain/money';
import type { Problem } from '../../../shared/domain/problem';
import type { ExchangeFile, Sheet } from '../../../shared/domain/schema';
import { sheetChange } from '../../../shared/domain/sheet';
import { fiscalYearLabel } from '../../../shared/domain/wareki';
import { readExchangeFile } from '../../../shared/exchange/read';
import { desktop } from '../desktop';

interface LoadedDocument {
  /** Shown in messages: the sample's own name or the opened file's. */
  fileName: string;
  file: ExchangeFile;
}

interface Refusal {
  fileName: string;
  problems: Problem[];
}

interface Notice {
  tone: 'info' | 'error';
  text: string;
}

interface SectionGroup {
  section: string;
  sheets: Sheet[];
}

/** Sheets grouped by 課 (org.section), groups and sheets in the file's order. */
function groupBySection(sheets: readonly Sheet[]): SectionGroup[] {
  const groups = new Map<string, Sheet[]>();
  for (const sheet of sheets) {
    const group = groups.get(sheet.org.section);
    if (group) group.push(sheet);
    else groups.set(sheet.org.section, [sheet]);
  }
  return Array.from(groups, ([section, grouped]) => ({ section, sheets: grouped }));
}

function bureausOf(file: ExchangeFile): string {
  return Array.from(new Set(file.sheets.map((sheet) => sheet.org.bureau).filter((b) => b !== ''))).join('・');
}

const SAMPLE_NAME = '見本（政策局 平成27年度）';

// The sample goes through the same reader as any file: if the transcription breaks the format, we see it here.
const sampleRead = readExchangeFile(JSON.stringify(sample));
const initialDocument: LoadedDocument | null = sampleRead.ok ? { fileName: SAMPLE_NAME, file: sampleRead.file } : null;
const initialRefusal: Refusal | null = sampleRead.ok ? null : { fileName: SAMPLE_NAME, problems: sampleRead.problems };

export function App() {
  const [loaded, setLoaded] = useState<LoadedDocument | null>(initialDocument);
  const [refusal, setRefusal] = useState<Refusal | null>(initialRefusal);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState('');

  useEffect(() => {
    let live = true;
    void desktop.getAppInfo().then((info) => {
      if (live && info.status === 'ok') setVersion(info.version);
    });
    return () => {
      live = false;
    };
  }, []);

  async function open(): Promise<void> {
    setBusy(true);
    try {
      const result = await desktop.openExchangeFile();
      switch (result.status) {
        case 'canceled':
          return;
        case 'opened':
          setLoaded({ fileName: result.fileName, file: result.file });
          setRefusal(null);
          setNotice({
            tone: 'info',
            text:
              result.migratedFrom === undefined
                ? `「${result.fileName}」を開きました。`
                : `「${result.fileName}」を開きました（古い版 version ${result.migratedFrom} から変換しました）。`,
          });
          return;
        case 'problems':
          setRefusal({ fileName: result.fileName, problems: result.problems });
          setNotice(null);
          return;
        case 'error':
          setNotice({ tone: 'error', text: result.message });
          return;
      }
    } finally {
      setBusy(false);
    }
  }

  async function save(current: LoadedDocument): Promise<void> {
    setBusy(true);
    try {
      const { file } = current;
      const suggestedName = `${bureausOf(file) || '予算'}_${fiscalYearLabel(file.fiscalYear)}`;
      const result = await desktop.saveExchangeFile({ file, suggestedName });
      if (result.status === 'saved') setNotice({ tone: 'info', text: `「${result.fileName}」に保存しました。` });
      else if (result.status === 'error') setNotice({ tone: 'error', text: result.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="app-title">予算デスク</h1>
        <div className="toolbar-actions">
          <button type="button" onClick={() => void open()} disabled={busy}>
            開く
          </button>
          <button
            type="button"
            onClick={() => loaded && void save(loaded)}
            disabled={busy || loaded === null}
          >
            保存
          </button>
        </div>
      </header>

      <main className="content">
        {notice && (
          <p className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        )}

        {refusal && (
          <section className="refusal" role="alert" aria-labelledby="refusal-title">
            <h2 id="refusal-title">「{refusal.fileName}」を開けませんでした</h2>
            <ul>
              {refusal.problems.map((problem, i) => (
                <li key={i}>{problem.message}</li>
              ))}
            </ul>
          </section>
        )}

        {loaded && <SheetList loaded={loaded} />}
      </main>

      <footer className="status-bar">{version && `予算デスク ${version}`}</footer>
    </div>
  );
}

function SheetList({ loaded }: { loaded: LoadedDocument }) {
  const { file } = loaded;
  const groups = groupBySection(file.sheets);
  return (
    <section aria-labelledby="sheets-title">
      <h2 id="sheets-title" className="document-title">
        {file.municipality} {bureausOf(file)} {fiscalYearLabel(file.fiscalYear)}
        <span className="document-source">{loaded.fileName}</span>
      </h2>
      {groups.length === 0 ? (
        <p>事務事業シートはまだありません。</p>
      ) : (
        <table className="sheet-table">
          <caption>
            事務事業の一覧 <span className="unit">（単位：千円）</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">事務事業名</th>
              <th scope="col" className="num">
                予算額
              </th>
              <th scope="col" className="num">
                増減
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.section}>
              <tr className="section-row">
                <th scope="rowgroup" colSpan={3}>
                  {group.section || '（課の指定なし）'}
                </th>
              </tr>
              {group.sheets.map((sheet) => (
                <tr key={sheet.id}>
                  <td>{sheet.name}</td>
                  <td className="num">{formatAmount(sheet.amount)}</td>
                  <td className="num">{formatAmount(sheetChange(sheet))}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
