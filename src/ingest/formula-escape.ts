/**
 * Spreadsheet formula injection (CSV injection): a text cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel,
 * LibreOffice and Google Sheets when the CSV is opened (a run named
 * `=HYPERLINK(…)` becomes a live link). Following the OWASP "CSV Injection"
 * guidance, such text cells are written with a leading apostrophe (and
 * quoted by the CSV writer), which spreadsheets show as plain text; steplaw's
 * own reader removes the apostrophe again, so `ingest-logs` → `fit` gives
 * back the run name unchanged. Numbers are written as numbers (a negative
 * number is not text and is not escaped).
 */

/** Text that needs the apostrophe: a trigger first, or apostrophes then a trigger (so a name that itself starts `'=` survives the round trip). */
const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;

/**
 * A text cell made inert for spreadsheets.
 * @example escapeFormula('=1+1'); // => "'=1+1"
 * @example escapeFormula('run-1'); // => 'run-1'
 */
export function escapeFormula(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `'${text}` : text;
}

/**
 * The text `escapeFormula` was given: one leading apostrophe before
 * (apostrophes and) a trigger character is removed; anything else is unchanged.
 * @example unescapeFormula("'=1+1"); // => '=1+1'
 * @example unescapeFormula("'quoted"); // => "'quoted"
 */
export function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && NEEDS_ESCAPE.test(cell.slice(1)) ? cell.slice(1) : cell;
}
