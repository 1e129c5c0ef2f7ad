/**
 * The Step Law authors' 1000 bootstrap coefficient rows (Li et al. 2025,
 * arXiv 2503.04715; their repository's data/1004_fitted_lr_bs_scaling_model_parameters.csv,
 * shipped in data/steplaw): ln lr = lr_intercept + lr_coefN·ln N + lr_coefD·ln D,
 * ln B = bs_intercept + bs_coefD·ln D. src/laws/published/steplaw.ts builds the
 * published law from them.
 */
import { InputError, msg } from '../messages.js';
import { dataPath } from '../util/paths.js';
import { readCsv } from './csv.js';
import { parseNumber } from './number.js';

export const BOOTSTRAP_ROWS_FILE = '1004_fitted_lr_bs_scaling_model_parameters.csv';
export const BOOTSTRAP_ROWS_COLUMNS = ['lr_intercept', 'lr_coefN', 'lr_coefD', 'bs_intercept', 'bs_coefD'] as const;

/** One row: [lr_intercept, lr_coefN, lr_coefD, bs_intercept, bs_coefD]. */
export type StepLawBootstrapRow = [number, number, number, number, number];

/**
 * Read the rows (default: the shipped file).
 * @throws InputError naming the file, row and column of a missing column or a cell that is not a finite number.
 */
export function readStepLawBootstrapTable(file = dataPath('steplaw', BOOTSTRAP_ROWS_FILE)): StepLawBootstrapRow[] {
  const table = readCsv(file);
  const idx = BOOTSTRAP_ROWS_COLUMNS.map((c) => {
    const i = table.header.indexOf(c);
    if (i < 0) throw new InputError(msg.missingColumn(file, c, 'Step Law bootstrap rows', table.header), { file, column: c });
    return i;
  });
  return table.rows.map((cells, r) => {
    const v = idx.map((i, k) => {
      const x = parseNumber(cells[i]);
      if (x === undefined || !Number.isFinite(x)) {
        throw new InputError(msg.notANumber({ file, row: r + 1, line: table.lines[r], column: BOOTSTRAP_ROWS_COLUMNS[k] }, cells[i]), { file, row: r + 1, column: BOOTSTRAP_ROWS_COLUMNS[k] });
      }
      return x;
    });
    return v as StepLawBootstrapRow;
  });
}
