// Default tables users pick from and may edit: 歳入 categories with their 款 numbers, 歳出 款/項/目, 区分 marks.
// Numbers follow the seed (さいたま市 平成27年度: 15款 国庫支出金, 17款 財産収入, 21款 諸収入); they differ between municipalities.

export interface RevenueCategory {
  /** 歳入の款 number. */
  kan: number;
  name: string;
}

export const DEFAULT_REVENUE_CATEGORIES: readonly RevenueCategory[] = [
  { kan: 1, name: '市税' },
  { kan: 2, name: '地方譲与税' },
  { kan: 3, name: '利子割交付金' },
  { kan: 4, name: '配当割交付金' },
  { kan: 5, name: '株式等譲渡所得割交付金' },
  { kan: 6, name: '地方消費税交付金' },
  { kan: 7, name: '自動車取得税交付金' },
  { kan: 8, name: '軽油引取税交付金' },
  { kan: 9, name: '国有提供施設等所在市町村助成交付金' },
  { kan: 10, name: '地方特例交付金' },
  { kan: 11, name: '地方交付税' },
  { kan: 12, name: '交通安全対策特別交付金' },
  { kan: 13, name: '分担金及び負担金' },
  { kan: 14, name: '使用料及び手数料' },
  { kan: 15, name: '国庫支出金' },
  { kan: 16, name: '県支出金' },
  { kan: 17, name: '財産収入' },
  { kan: 18, name: '寄附金' },
  { kan: 19, name: '繰入金' },
  { kan: 20, name: '繰越金' },
  { kan: 21, name: '諸収入' },
  { kan: 22, name: '市債' },
];

export interface ExpenditureMoku {
  no: number;
  name: string;
}
export interface ExpenditureKou {
  no: number;
  name: string;
  moku: readonly ExpenditureMoku[];
}
export interface ExpenditureKan {
  no: number;
  name: string;
  kou: readonly ExpenditureKou[];
}

/** 歳出 款 of a 政令指定都市's 一般会計; 項/目 filled in where the seed shows them, the rest typed freely. */
export const DEFAULT_EXPENDITURE_CLASSIFICATION: readonly ExpenditureKan[] = [
  { no: 1, name: '議会費', kou: [] },
  {
    no: 2,
    name: '総務費',
    kou: [
      { no: 1, name: '総務管理費', moku: [] },
      { no: 2, name: '企画費', moku: [{ no: 1, name: '企画総務費' }] },
    ],
  },
  { no: 3, name: '民生費', kou: [] },
  { no: 4, name: '衛生費', kou: [] },
  { no: 5, name: '労働費', kou: [] },
  { no: 6, name: '農林水産業費', kou: [] },
  { no: 7, name: '商工費', kou: [] },
  { no: 8, name: '土木費', kou: [] },
  { no: 9, name: '消防費', kou: [] },
  { no: 10, name: '教育費', kou: [] },
  { no: 11, name: '災害復旧費', kou: [] },
  { no: 12, name: '公債費', kou: [] },
  { no: 13, name: '諸支出金', kou: [] },
  { no: 14, name: '予備費', kou: [] },
];

/** 区分 marks of the 区分別主要事業 tables as the seed prints them; their meanings are each bureau's own. */
export const DEFAULT_PROGRAM_MARKS: readonly string[] = ['総', '行', '業', '成'];

export const DEFAULT_ACCOUNTS: readonly string[] = ['一般会計'];
