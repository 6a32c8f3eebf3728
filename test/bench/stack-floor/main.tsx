// The editor benchmark's reference: the fixed stack alone (React, Dexie and the app's zod schemas). At start, the same
// stored sheets read with Dexie and a list of 30 names rendered: no lock, no checks, no editor, what any app on this
// stack pays before it shows a list (same origin as the app, so the same IndexedDB; the same marks). For keystrokes,
// one controlled amount whose 増減 React renders: what React's own input handling costs, without the app's page.
import { StrictMode, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Dexie from 'dexie';
import { z } from 'zod';
import { sheetSchema } from '../../../shared/domain/schema';
import { DB_NAME } from '../../../renderer/src/persistence/db';

z.config({ jitless: true });
performance.mark('yosan:modules-ready');

interface StoredSheet {
  id: string;
  sheet: { name: string };
}

const PREVIOUS_AMOUNT = 900;

function Amount() {
  const [text, setText] = useState('1000');
  const amount = Number(text) || 0;
  return (
    <p>
      <label>
        予算額 <input value={text} onChange={(event) => setText(event.target.value)} />
      </label>{' '}
      <label htmlFor="change">増減</label> <output id="change">{(amount - PREVIOUS_AMOUNT).toLocaleString('ja-JP')}</output>
    </p>
  );
}

function List({ records }: { records: readonly StoredSheet[] }) {
  useLayoutEffect(() => void performance.mark('yosan:list-ready'), []);
  return (
    <>
      <Amount />
      <div role="listbox" aria-label="事務事業シート">
        <p>{records.length} 件</p>
        {records.slice(0, 30).map((r) => (
          <div key={r.id} role="option" aria-selected={false}>
            {r.sheet.name}
          </div>
        ))}
      </div>
    </>
  );
}

// The schemas are built, as the app builds them at start; one is used so that nothing can drop them.
const schemaBuilt = sheetSchema.safeParse(null).success === false;
const root = createRoot(document.getElementById('root')!);
const db = new Dexie(DB_NAME);
void db.open().then(async () => {
  const records = (await db.table('sheets').toArray()) as StoredSheet[];
  performance.mark('yosan:records-read');
  root.render(
    <StrictMode>
      <List records={schemaBuilt ? records : []} />
    </StrictMode>,
  );
});
