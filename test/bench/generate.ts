// Generates large, valid documents from the sample for benchmarks (deterministic: same count, same data).
import type { ExchangeFile, Sheet } from '../../shared/domain/schema';

export function generateSheets(template: readonly Sheet[], count: number): Sheet[] {
  return Array.from({ length: count }, (_, i) => {
    const base = template[i % template.length]!;
    const scale = 1 + (i % 7);
    return {
      ...base,
      id: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
      name: `${base.name}（${i + 1}）`,
      org: { ...base.org, section: `${base.org.section}${i % 40}` },
      amount: base.amount === null ? null : base.amount * scale,
      previousAmount: base.previousAmount,
      items: base.items.map((item) => ({ ...item, amount: item.amount === null ? null : item.amount * scale })),
      specificFunding: base.specificFunding.map((line) => ({ ...line })),
    };
  });
}

export function generateDocument(sample: ExchangeFile, count: number): ExchangeFile {
  return { ...sample, sheets: generateSheets(sample.sheets, count), policies: sample.policies };
}
