// Japanese messages the main process and the browser implementation share, so both say the same thing.

function formatByteLimit(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes >= mib ? `${Math.floor(bytes / mib)} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** Each says what happened and what to do. */
export const ipcMessages = {
  foreignSender: '許可されていない画面からの要求のため、処理しませんでした。',
  invalidRequest:
    'アプリ内部の要求の形式が正しくないため、処理しませんでした。アプリを再起動してもう一度お試しください。',
  unexpected:
    '予期しないエラーのため、処理を完了できませんでした。もう一度お試しください。繰り返す場合はアプリを再起動してください。',
  fileTooLarge: (fileName: string, maxBytes: number): string =>
    `ファイル「${fileName}」は大きすぎるため開けません（上限 ${formatByteLimit(maxBytes)}）。予算デスクで保存したファイルを選んでください。`,
  tooManyFiles: (max: number): string =>
    `一度に開けるファイルは ${max} 個までです。${max} 個以下を選んで、もう一度「開く」を押してください。`,
  notUtf8: (fileName: string): string =>
    `ファイル「${fileName}」は文字コードが UTF-8 ではないため読み込めません。予算デスクで保存したファイルを選んでください。`,
  /** The bytes end inside a character: the file was cut off (a copy or a save that did not finish), not another encoding. */
  cutOffInCharacter: (fileName: string): string =>
    `ファイル「${fileName}」が途中で切れています（最後の文字が欠けています）。保存やコピーが最後まで終わったファイルを選び直してください。`,
  /** A reader failed in a way no check foresaw; nothing was opened. */
  unexpectedRead: (fileName: string): string =>
    `ファイル「${fileName}」を読み込む途中で予期しないエラーが起きたため、読み込みませんでした。予算デスクで保存し直したファイルを選んでください。`,
  pdfInBrowser:
    'ブラウザ版では PDF を直接保存できません。「印刷」を押し、送信先で「PDF に保存」を選んでください（デスクトップ版では「PDFに保存」でそのまま保存できます）。',
  excelUnavailable:
    'ブラウザ版では Excel ファイルの読み込みはできません。デスクトップ版の予算デスクを使うか、コマンド（npm run cli -- import）で交換ファイルに変換してから「開く」で開いてください。',
  excelExportUnavailable:
    'この画面からは Excel に出力できません。デスクトップ版の予算デスクか npm run web で開いた画面で出力するか、交換ファイル（.yosan.json）を保存してコマンド（npm run cli -- export）で変換してください。',
  backupUnavailable:
    '自動バックアップはデスクトップ版の機能です。ブラウザ版では、ときどき「書き出し」で交換ファイル（.yosan.json）を保存しておいてください。',
} as const;
