// Generates large, valid documents from the sample for benchmarks (deterministic: same count, same data).
import type { ExchangeFile, Goal, KeyProgram, Policy, Sheet } from '../../shared/domain/schema';

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

/**
 * A document of `count` sheets (as generateDocument) and `policyCount` 局運営方針 of the sample's 局, one per 年度 from the
 * sample's 年度 on (the generator makes one 局). Each has `programsPerPolicy` key-program rows over three 方針, every
 * other row following one sheet of the 局 (link kind 'sheet'): policy p follows sheets p*k … p*k+k-1 (k = rows / 2, rounded up).
 */
export function generatePolicyDocument(sample: ExchangeFile, count: number, policyCount: number, programsPerPolicy = 10): ExchangeFile {
  const doc = generateDocument(sample, count);
  const bureau = doc.sheets[0]!.org.bureau;
  const model = sample.policies.find((p) => p.bureau === bureau) ?? sample.policies[0];
  const linkedPerPolicy = Math.ceil(programsPerPolicy / 2);
  const policies: Policy[] = Array.from({ length: policyCount }, (_, p) => {
    const programs: KeyProgram[] = Array.from({ length: programsPerPolicy }, (_, j) => {
      const linkTo = j % 2 === 0 ? doc.sheets[(p * linkedPerPolicy + j / 2) % doc.sheets.length] : undefined;
      return {
        marks: j % 3 === 0 ? ['新規'] : [],
        name: linkTo ? linkTo.name : `主要事業${p + 1}-${j + 1}`,
        section: linkTo ? linkTo.org.section : '政策企画課',
        amount: linkTo ? linkTo.amount : 1000 * (j + 1),
        generalFund: linkTo ? linkTo.amount : 500 * (j + 1),
        previousAmount: linkTo ? linkTo.previousAmount : 900 * (j + 1),
        previousGeneralFund: 400 * (j + 1),
        description: `主要事業${j + 1}の説明。`,
        link: linkTo ? { kind: 'sheet', sheetId: linkTo.id } : null,
      };
    });
    const goals: Goal[] = [0, 1, 2].map((g) => ({
      heading: model?.goals[g]?.heading ?? `方針${g + 1}`,
      programs: programs.filter((_, j) => j % 3 === g),
    }));
    return {
      id: `00000000-0000-4000-a000-${(p + 1).toString(16).padStart(12, '0')}`,
      fiscalYear: sample.fiscalYear + p,
      bureau,
      issues: model ? { intro: model.issues.intro, sections: model.issues.sections.map((s) => ({ ...s })) } : { intro: '', sections: [] },
      basicPolicy: model?.basicPolicy ?? '',
      goals,
      reviews: model ? model.reviews.map((r) => ({ ...r })) : [],
    };
  });
  return { ...doc, policies };
}
