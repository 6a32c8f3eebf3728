// The pick-list of a key-program row's link: 手入力, each sheet of the 局 and 年度, each of their 主な事業; and its filter.
import type { ProgramLink, Sheet } from '../../../../shared/domain/schema';

export interface LinkOption {
  /** '' typed, `sheet:<id>`, `item:<sheetId>:<itemId>`. */
  value: string;
  /** The full name: 「シート名 の 主な事業n 名称」 for a 主な事業. */
  label: string;
  kind: 'typed' | 'sheet' | 'item';
  /** The value of the sheet an option belongs to ('' for 手入力). */
  group: string;
  /** What the list shows: the sheet's name, or 「主な事業n 名称」 indented under it. */
  text: string;
  /** The 課 of the sheet, shown beside it. */
  section: string;
  /** Normalised text the filter matches against. */
  search: string;
}

/** NFKC (full/half-width alike), no spaces, lower case. */
export function normaliseQuery(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The value of a link: '' typed, `sheet:<id>`, `item:<sheetId>:<itemId>`. */
export function linkValue(link: ProgramLink | null): string {
  if (link === null) return '';
  return link.kind === 'sheet' ? `sheet:${link.sheetId}` : `item:${link.sheetId}:${link.itemId}`;
}

export function parseLinkValue(value: string): ProgramLink | null {
  const [kind, sheetId, itemId] = value.split(':');
  if (kind === 'sheet' && sheetId) return { kind: 'sheet', sheetId };
  if (kind === 'item' && sheetId && itemId) return { kind: 'item', sheetId, itemId };
  return null;
}

export function linkOptions(sheets: readonly Sheet[]): LinkOption[] {
  const options: LinkOption[] = [{ value: '', label: '手入力', kind: 'typed', group: '', text: '手入力', section: '', search: normaliseQuery('手入力 てにゅうりょく') }];
  for (const sheet of sheets) {
    const name = sheet.name || '（名称未入力）';
    const section = sheet.org.section;
    const group = `sheet:${sheet.id}`;
    options.push({ value: group, label: name, kind: 'sheet', group, text: name, section, search: normaliseQuery(`${name} ${section}`) });
    sheet.items.forEach((item, i) => {
      const text = `主な事業${i + 1} ${item.name}`;
      options.push({ value: `item:${sheet.id}:${item.id}`, label: `${name} の ${text}`, kind: 'item', group, text, section, search: normaliseQuery(`${name} ${section} ${item.name}`) });
    });
  }
  return options;
}

/**
 * The options matching `query` (every one when it is empty), kept in sheet groups: a sheet that matches brings its 主な事業,
 * a 主な事業 that matches brings its sheet, so each shown 主な事業 stays under its sheet.
 */
export function filterLinkOptions(options: readonly LinkOption[], query: string): readonly LinkOption[] {
  const q = normaliseQuery(query);
  if (!q) return options;
  const sheets = new Set<string>(); // sheets that match: all their 主な事業 shown
  const groups = new Set<string>(); // sheets with a match of their own or of one 主な事業
  for (const o of options) {
    if (o.kind === 'typed' || !o.search.includes(q)) continue;
    if (o.kind === 'sheet') sheets.add(o.group);
    groups.add(o.group);
  }
  return options.filter((o) => {
    if (o.kind === 'typed') return o.search.includes(q);
    if (o.kind === 'sheet') return groups.has(o.group);
    return sheets.has(o.group) || o.search.includes(q);
  });
}
