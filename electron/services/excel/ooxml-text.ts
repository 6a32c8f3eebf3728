// Text that XML cannot carry, escaped the way Excel itself does (`_x000D_`), so every string survives a round trip.

/**
 * Characters an XML 1.0 document cannot hold (C0 controls except tab and line feed, DEL, U+FFFE/U+FFFF, lone
 * surrogates) and carriage returns (XML readers turn them into line feeds). A literal `_xHHHH_` in the text is
 * protected by escaping its underscore, as Excel does.
 */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|_(?=x[0-9A-Fa-f]{4}_)/g;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Escapes a string for a spreadsheet cell (ST_Xstring): `\r` → `_x000D_`, `_x0041_` → `_x005F_x0041_`. */
export function escapeCellText(text: string): string {
  return text.replace(NEEDS_ESCAPE, (ch) => `_x${hex4(ch.charCodeAt(0))}_`);
}

/** The reverse of `escapeCellText` (and of Excel's own escaping); hex digits of either case. */
export function unescapeCellText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
