// What the Excel export and import tell users, in Japanese: what happened, where, and what to do.

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export const excelMessages = {
  noSheets: '出力する事務事業シートがありません。シートを選んでからもう一度出力してください。',
  unknownSheetIds: (ids: readonly string[]): string =>
    `指定された事務事業シート（ID: ${ids.slice(0, 3).join('、')}${ids.length > 3 ? ` ほか ${ids.length - 3} 件` : ''}）がファイルにありません。ID を確かめてください。`,
  noSheetsOfYear: (year: string): string => `${year}の事務事業シートがありません。出力する年度を確かめてください。`,
  noSheetsOfBureau: (bureau: string, bureaus: readonly string[]): string =>
    `「${bureau}」の事務事業シートがありません。${bureaus.length > 0 ? `このファイルにある局: ${bureaus.slice(0, 10).join('、')}。` : ''}局の名前を確かめてください。`,
  textTooLong: (sheetName: string, field: string): string =>
    `事務事業「${sheetName || '（名称未入力）'}」の${field}が長すぎるため Excel に出力できません（1つのセルは 32,767 文字まで）。短くしてから出力してください。`,
  policyTextTooLong: (bureau: string, field: string): string =>
    `${bureau || '（局未入力）'}の局運営方針の${field}が長すぎるため Excel に出力できません（1つのセルは 32,767 文字まで）。短くしてから出力してください。`,
  fileInUse: (fileName: string): string =>
    `ファイル「${fileName}」は Excel で開かれているため保存できません。Excel で閉じてからもう一度出力するか、別の名前で保存してください。`,
  exportFailed:
    'Excel ファイルを作成できませんでした。もう一度お試しください。繰り返す場合は、出力するシートを減らしてお試しください。',

  // import
  importTooLarge: (fileName: string, limit: number): string =>
    `ファイル「${fileName}」は大きすぎるため読み込めません（上限 ${mb(limit)}）。予算デスクで出力した Excel ファイルを選んでください。`,
  notXlsx: (fileName: string): string =>
    `ファイル「${fileName}」は Excel ブック（.xlsx）ではありません。予算デスクで出力した Excel ファイルを選んでください。`,
  oldXls: (fileName: string): string =>
    `ファイル「${fileName}」は古い形式（.xls）か、別のアプリのファイルです。予算デスクで出力した .xlsx ファイルを選んでください。`,
  encrypted: (fileName: string): string =>
    `ファイル「${fileName}」はパスワードで保護（暗号化）されているため読み込めません。Excel でパスワードを解除して保存し直してから読み込んでください。`,
  damaged: (fileName: string): string =>
    `ファイル「${fileName}」は壊れているか、途中で切れているため読み込めません。出力し直したファイルか、元のファイルを選んでください。`,
  zipLimits: (fileName: string): string =>
    `ファイル「${fileName}」は中身が大きすぎるか、部品の数が多すぎるため読み込みませんでした（安全のための上限を超えています）。予算デスクで出力した Excel ファイルを選んでください。`,
  timedOut: (fileName: string, seconds: number): string =>
    `ファイル「${fileName}」の読み込みに時間がかかりすぎたため（${seconds} 秒）、中止しました。ファイルは変更していません。予算デスクで出力した Excel ファイルか確かめてください。`,
  outOfMemory: (fileName: string): string =>
    `ファイル「${fileName}」は読み込みに必要なメモリが多すぎるため、中止しました。予算デスクで出力した Excel ファイルか確かめてください。`,
  foreign: (fileName: string): string =>
    `ファイル「${fileName}」は予算デスクで出力した Excel ファイルではありません（予算デスクの情報が入った隠しシートがありません）。予算デスクの「Excel出力」で作ったファイルを選んでください。`,
  newerWorkbook: (fileName: string, version: number, supported: number): string =>
    `ファイル「${fileName}」は新しい版の予算デスク（Excel 形式 ${version}）で出力されています。このアプリが読めるのは形式 ${supported} までです。予算デスクを更新してから読み込んでください。`,
  metadataBroken: (fileName: string): string =>
    `ファイル「${fileName}」の予算デスクの情報（隠しシート）が壊れているため読み込めません。出力し直したファイルを選んでください。`,
  worksheetMissing: (worksheet: string): string =>
    `シート「${worksheet}」が見つかりません。シートの名前を変えたり削除したりした場合は、元に戻してから読み込んでください。`,
  layoutChanged: (worksheet: string, cell: string, expected: string): string =>
    `シート「${worksheet}」のセル ${cell} に「${expected}」がありません。行や列を挿入・削除した場合は元に戻してから読み込んでください。`,
  cellNotNumber: (worksheet: string, cell: string, field: string): string =>
    `シート「${worksheet}」のセル ${cell}（${field}）は数字ではありません。千円単位の整数を入力してください（例: 1,234）。`,
  cellNotInteger: (worksheet: string, cell: string, field: string): string =>
    `シート「${worksheet}」のセル ${cell}（${field}）に小数が入っています。千円単位の整数で入力してください。`,
  cellIsDate: (worksheet: string, cell: string, field: string): string =>
    `シート「${worksheet}」のセル ${cell}（${field}）が日付になっています。セルの表示形式を「標準」か「数値」に戻して、数字を入力し直してください。`,
  cellTooLong: (worksheet: string, cell: string, field: string, length: number): string =>
    `シート「${worksheet}」のセル ${cell}（${field}）の文字が多すぎます（${length.toLocaleString('en-US')} 文字。1つのセルは 32,767 文字まで）。短くしてから読み込んでください。`,
  cellInvalid: (worksheet: string, cell: string, field: string, message: string): string =>
    `シート「${worksheet}」のセル ${cell}（${field}）: ${message}`,
  policyWorksheetMissing: (worksheet: string): string =>
    `局運営方針のシート「${worksheet}」が見つかりません。シートの名前を変えたり削除したりした場合は、元に戻してから読み込んでください。`,
  policyRowsChanged: (worksheet: string): string =>
    `シート「${worksheet}」の行の数が出力したときと違います。行を挿入・削除した場合は元に戻してから読み込んでください。`,
  tooManyWorksheets: (fileName: string, limit: number): string =>
    `ファイル「${fileName}」はワークシートが多すぎるため（上限 ${limit.toLocaleString('en-US')} 枚）読み込みませんでした。予算デスクで出力した Excel ファイルを選んでください。`,
  metadataTooLarge: (fileName: string): string =>
    `ファイル「${fileName}」の予算デスクの情報（隠しシート）がワークシートの数に比べて大きすぎるため、読み込みませんでした。出力し直したファイルを選んでください。`,
  metadataVisible: (fileName: string): string =>
    `ファイル「${fileName}」の予算デスクの情報のシート「_yosan」が表示されています。このシートを非表示に戻すか、出力し直したファイルを選んでください。`,
  sheetCountMismatch: (fileName: string, recorded: number, worksheets: number): string =>
    `ファイル「${fileName}」には事務事業のワークシートが ${worksheets} 枚ありますが、予算デスクの情報（隠しシート）には ${recorded} 件しかありません。シートを追加・削除・コピーした場合は元に戻すか、出力し直したファイルを選んでください。`,
  worksheetNotRecorded: (worksheet: string): string =>
    `シート「${worksheet}」は予算デスクの情報（隠しシート）にありません。追加・コピーしたシートなら削除し、名前を変えたシートなら元の名前に戻してから読み込んでください。`,
  worksheetSwapped: (worksheet: string): string =>
    `シート「${worksheet}」は出力したときと別のワークシートです（シートの名前を入れ替えたか、並べ替えたまま保存した可能性があります）。シートの名前と順番を出力したときのとおりに戻してから読み込んでください。`,
  duplicateIds: (fileName: string): string =>
    `ファイル「${fileName}」の予算デスクの情報（隠しシート）に同じ ID やシートが 2 回出てきます。出力し直したファイルを選んでください。`,
  importedTooLarge: (fileName: string, limit: number): string =>
    `ファイル「${fileName}」を読み込むと交換ファイルの上限（${mb(limit)}）を超えるため、読み込めません。シートを分けて出力したファイルを選んでください。`,
  importCanceled: (fileName: string): string => `ファイル「${fileName}」の読み込みを中止しました。ファイルは変更していません。`,
  unexpected: (fileName: string): string =>
    `ファイル「${fileName}」を読み込めませんでした。予算デスクで出力した Excel ファイルか確かめてください。ファイルは変更していません。`,
} as const;
