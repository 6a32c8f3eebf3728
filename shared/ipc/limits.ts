// Limits of the IPC calls that code without the schemas needs too (the browser's file picker): no zod here, so
// importing a limit does not build every IPC schema at start-up.

/** Most files opened at once (the 財政課 brings twenty bureaus' files together; a hundred leaves room). */
export const MAX_FILES_OPENED_AT_ONCE = 100;
