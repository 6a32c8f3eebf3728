// The editor benchmark's reference for start-up: the fixed stack alone (React, Dexie and the app's zod schemas), the
// same stored sheets read with Dexie and a list of 30 names rendered. No lock, no checks, no editor: what any app on
// this stack pays before it shows a list. Same origin as the app, so the same IndexedDB; the same marks.
import { StrictMode, useLayoutEffect } from 'react';
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

function List({ records }: { records: readonly StoredSheet[] }) {
  useLayoutEffect(() => void performance.mark('yosan:list-ready'), []);
  return (
    <div role="listbox" aria-label="事務事業シート">
      <p>{records.length} 件</p>
      {records.slice(0, 30).map((r) => (
        <div key={r.id} role="option" aria-selected={false}>
          {r.sheet.name}
        </div>
      ))}
    </div>
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
