/**
 * W&B-style CSV history exports: a header row with a step column (`_step` by
 * default) and a loss column (default the first present of `loss`, `lm loss`,
 * `train/loss`), then one row per logged step. Fields may be double-quoted
 * (`""` is a quote); a quoted field may not span lines.
 *
 * A row with an empty loss cell (W&B writes one when other metrics were logged
 * at that step) is skipped; a row with the wrong number of fields, a step that
 * is not an integer ≥ 0 or a loss that is not a finite number is malformed,
 * and so is a last row without a line break whose last cell is the step or
 * the loss (it may have been cut mid-write).
 */
import type { FieldNames, LineResult } from './line-result.js';
import { parseNumber } from '../number.js';

/** Split one CSV line (comma-separated, RFC 4180 quoting within the line). */
export function splitCsvLine(line: string): string[] {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export interface CsvColumns {
  width: number;
  step: number;
  loss: number;
  stepName: string;
  lossName: string;
}

/** Locate the step and loss columns in a header line; undefined when either is missing. */
export function csvColumns(headerLine: string, fields: FieldNames): CsvColumns | undefined {
  const header = splitCsvLine(headerLine.charCodeAt(0) === 0xfeff ? headerLine.slice(1) : headerLine).map((h) => h.trim());
  const stepName = fields.step.find((f) => header.includes(f));
  const lossName = fields.loss.find((f) => header.includes(f));
  if (stepName === undefined || lossName === undefined) return undefined;
  return { width: header.length, step: header.indexOf(stepName), loss: header.indexOf(lossName), stepName, lossName };
}

/**
 * `unterminated`: the line is the file's last and has no line break, so its
 * last cell may have been cut mid-write (`2500,2.` of `2500,2.0143`): when
 * that cell is the step or the loss, the row is malformed.
 */
export function parseCsvLine(line: string, cols: CsvColumns, unterminated = false): LineResult {
  if (line.trim() === '') return 'skip';
  const cells = splitCsvLine(line);
  if (cells.length !== cols.width) return 'malformed';
  if (unterminated && (cols.loss === cols.width - 1 || cols.step === cols.width - 1) && cells[cols.width - 1].trim() !== '') return 'malformed';
  const lossCell = cells[cols.loss];
  if (lossCell.trim() === '') return 'skip';
  const iter = parseNumber(cells[cols.step]);
  const loss = parseNumber(lossCell);
  if (iter === undefined || !Number.isInteger(iter) || iter < 0) return 'malformed';
  if (loss === undefined || !Number.isFinite(loss)) return 'malformed';
  return { iter, loss };
}
