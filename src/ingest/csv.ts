/**
 * Reads a CSV file into a header and string rows with papaparse, turning every
 * problem into an `InputError` that names the file and the row. No typing is
 * done here (see `number.ts`).
 */
import { readFileSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError, msg } from '../messages.js';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows; `rows[i]` is data row i + 1. */
  rows: string[][];
}

/** Parse CSV text (delimiter detected among , ; tab |). */
export function parseCsvText(text: string, file: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(msg.fileEmpty(file), { file });
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
    delimitersToGuess: [',', '\t', ';', '|'],
  });
  const data = parsed.data;
  if (data.length === 0) throw new InputError(msg.fileEmpty(file), { file });
  const header = data[0].map((h) => h.trim());
  // papaparse reports quote problems per row; a missing closing quote swallows
  // the rest of the file, which is an error, not data.
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = quoteError.row !== undefined ? quoteError.row : undefined;
    throw new InputError(msg.csvSyntax(file, row, quoteError.message), { file, row });
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h)) throw new InputError(msg.duplicateHeader(file, h), { file, column: h });
    seen.add(h);
  }
  const rows = data.slice(1);
  if (rows.length === 0) throw new InputError(msg.noDataRows(file), { file });
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== header.length) {
      throw new InputError(msg.fieldCount(file, i + 1, rows[i].length, header.length), { file, row: i + 1 });
    }
  }
  return { file, header, rows };
}

/** Read and parse a CSV file; missing, unreadable and empty files are `InputError`s. */
export function readCsv(file: string): CsvTable {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new InputError(msg.fileUnreadable(file, 'not a regular file'), { file });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(msg.fileMissing(file), { file });
    throw new InputError(msg.fileUnreadable(file, code ?? String(e)), { file });
  }
  return parseCsvText(text, file);
}
