// The form's own field names, used in messages, accessible labels and to describe a path in Japanese.

/** Field names of a 事務事業 sheet, keyed by the exchange file's property path inside a sheet. */
export const sheetFieldLabels: Record<string, string> = {
  id: 'ID',
  fiscalYear: '年度',
  account: '会計',
  name: '事務事業名',
  org: '局/部/課',
  'org.bureau': '局',
  'org.department': '部',
  'org.section': '課',
  classification: '款/項/目',
  'classification.kan': '款',
  'classification.kou': '項',
  'classification.moku': '目',
  budgetBookPage: '予算書P.',
  amount: '予算額',
  previousAmount: '前年度予算額',
  specificFunding: '財源内訳',
  purpose: '事業の目的・内容',
  notes: '特記事項',
  items: '主な事業',
  reference: '参考',
  status: '状態',
  updatedAt: '更新日時',
  carriedFrom: '作成元の前年度シート',
};

export const fundingLineLabels: Record<string, string> = {
  source: '特定財源の名称',
  revenueKan: '歳入の款',
  amount: '特定財源の金額',
};

export const itemLabels: Record<string, string> = {
  id: '主な事業の ID',
  name: '主な事業の名称',
  amount: '主な事業の金額',
  description: '主な事業の説明',
};

export const policyFieldLabels: Record<string, string> = {
  id: 'ID',
  fiscalYear: '年度',
  bureau: '局',
  issues: '主な現状と課題',
  basicPolicy: '基本方針',
  goals: '区分別主要事業',
  reviews: '見直し事業一覧',
};

export const programLabels: Record<string, string> = {
  marks: '区分',
  name: '事業名',
  section: '課',
  amount: '予算額',
  generalFund: '一般財源',
  previousAmount: '前年度予算額',
  previousGeneralFund: '前年度一般財源',
  description: '説明',
  link: '連動する事務事業',
  'link.kind': '連動の種類',
  'link.sheetId': '連動する事務事業',
  'link.itemId': '連動する主な事業',
};

export const reviewLabels: Record<string, string> = {
  section: '課名',
  name: '見直し事業名',
  reason: '見直しの理由及び内容',
  saving: 'コスト削減額',
};

export const statusLabels = { draft: '作成中', review: '確認待ち', final: '確定' } as const;

/**
 * Describes a path into the exchange file in Japanese words:
 * `['sheets', 3, 'items', 1, 'amount']` → `シート4 の 主な事業2 の 主な事業の金額`.
 */
export function describePath(segments: readonly PropertyKey[]): string {
  const words: string[] = [];
  const at = (k: number) => segments[k];
  const restKey = (from: number) =>
    segments
      .slice(from)
      .filter((s) => typeof s === 'string')
      .join('.');
  const root = at(0);
  if (root === 'sheets' && typeof at(1) === 'number') {
    words.push(`シート${(at(1) as number) + 1}`);
    const i = 2;
    const field = at(i);
    if (field === 'items' && typeof at(i + 1) === 'number') {
      words.push(`主な事業${(at(i + 1) as number) + 1}`);
      const sub = restKey(i + 2);
      if (sub) words.push(itemLabels[sub] ?? sub);
    } else if (field === 'specificFunding' && typeof at(i + 1) === 'number') {
      words.push(`特定財源${(at(i + 1) as number) + 1}行目`);
      const sub = restKey(i + 2);
      if (sub) words.push(fundingLineLabels[sub] ?? sub);
    } else {
      const key = restKey(i).replace(/\.(no|name)$/, '');
      if (key) words.push(sheetFieldLabels[key] ?? key);
    }
  } else if (root === 'policies' && typeof at(1) === 'number') {
    words.push(`局運営方針${(at(1) as number) + 1}`);
    const field = at(2);
    if (field === 'goals' && typeof at(3) === 'number') {
      words.push(`基本方針(${(at(3) as number) + 1})`);
      if (at(4) === 'programs' && typeof at(5) === 'number') {
        words.push(`主要事業${(at(5) as number) + 1}行目`);
        const sub = restKey(6);
        if (sub) words.push(programLabels[sub] ?? sub);
      }
    } else if (field === 'reviews' && typeof at(3) === 'number') {
      words.push(`見直し事業${(at(3) as number) + 1}行目`);
      const sub = restKey(4);
      if (sub) words.push(reviewLabels[sub] ?? sub);
    } else if (typeof field === 'string') {
      words.push(policyFieldLabels[field] ?? field);
    }
  } else {
    const top: Record<string, string> = {
      format: '形式',
      version: '版',
      municipality: '団体名',
      fiscalYear: '年度',
      sheets: '事務事業シート',
      policies: '局運営方針',
      lockedYears: '確定済みの年度',
    };
    if (typeof root === 'string') words.push(top[root] ?? root);
  }
  return words.length === 0 ? 'ファイル全体' : words.join(' の ');
}
