// Writing an exchange file: validated, keys in the documented order, two-space JSON with a final newline.
import { exchangeFileSchema, type ExchangeFile } from '../domain/schema';

/** Serialises a document. Throws if it is not valid: writing a file we could not read back is a bug. */
export function writeExchangeFile(file: ExchangeFile): string {
  const normalised = exchangeFileSchema.parse(file);
  return `${JSON.stringify(normalised, null, 2)}\n`;
}
