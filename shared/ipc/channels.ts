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
  'backup:write': 'writeBackup',
  'backup:info': 'getBackupInfo',
  'backup:choose': 'chooseBackupFolder',
  'backup:restore': 'restoreBackup',
} as const;

export type Channel = keyof typeof CHANNEL_METHODS;
export type MethodName<C extends Channel = Channel> = (typeof CHANNEL_METHODS)[C];

export const CHANNELS = Object.keys(CHANNEL_METHODS) as readonly Channel[];

/**
 * The messages main sends the window without being asked (webContents.send, not invoke channels), each mapped to
 * the desktop API method that listens to it. Their payloads are typed in contract.ts (`events`), like the calls.
 */
export const EVENT_LISTENERS = {
  /** How far an Excel export has got, in 事務事業 sheets: `{ done, total }`. */
  'excel:progress': 'onExcelProgress',
  /** How far a print job has got, in pages laid out: `{ done, total }`. */
  'print:progress': 'onPrintProgress',
  /** "The window is closing, write what is pending"; no payload, answered with FLUSH_DONE. */
  'window:flush-request': 'onBeforeClose',
} as const;

export type MainEvent = keyof typeof EVENT_LISTENERS;
export type ListenerName<E extends MainEvent = MainEvent> = (typeof EVENT_LISTENERS)[E];

export const MAIN_EVENTS = Object.keys(EVENT_LISTENERS) as readonly MainEvent[];

/**
 * The window's answer to `window:flush-request` once the autosave flush has finished: the one message the window
 * sends without invoking, because main waits for it with a timeout rather than for a result.
 */
export const FLUSH_DONE = 'window:flush-done';
