// The IPC channel names and the desktop API method each one becomes; plain constants, so the preload bundle carries no zod.

/**
 * Every channel, `domain:verb`, mapped to the method name it has on `window.desktop`.
 * Adding a channel here without adding it to `contract.ts` (or the reverse) is a type error.
 */
export const CHANNEL_METHODS = {
  'exchange:open': 'openExchangeFile',
  'exchange:save': 'saveExchangeFile',
  'app:info': 'getAppInfo',
  'excel:export': 'exportExcel',
  'excel:cancel': 'cancelExcelExport',
  'excel:import': 'importExcel',
  'print:print': 'printSheets',
  'print:pdf': 'savePdf',
  'print:cancel': 'cancelPrint',
} as const;

export type Channel = keyof typeof CHANNEL_METHODS;
export type MethodName<C extends Channel = Channel> = (typeof CHANNEL_METHODS)[C];

export const CHANNELS = Object.keys(CHANNEL_METHODS) as readonly Channel[];

/**
 * The one message main sends the renderer: "the window is closing, write what is pending", answered once the
 * autosave flush has finished. Not an invoke channel: main waits for the answer with a timeout.
 */
export const CLOSE_FLUSH = { request: 'window:flush-request', done: 'window:flush-done' } as const;

/** Main tells the window how far an Excel export has got (`{ done, total }` in 事務事業 sheets); not an invoke channel. */
export const EXCEL_PROGRESS = 'excel:progress';

/** Main tells the window how far a print job has got (`{ done, total }` in pages laid out); not an invoke channel. */
export const PRINT_PROGRESS = 'print:progress';
