/**
 * Per-budget optima tables (Porian et al. 2024's `isoflop_optimal_pairs.csv`
 * and files like it): one row per (configuration, compute budget) with the
 * compute-optimal N* (and D*) and their log-std. Read here, fitted by
 * src/laws/compute-optimal.ts.
 */
import { InputError, msg, type Warning } from '../messages.js';
import { readCsv } from './csv.js';
import { numberRange, parseNumber } from './number.js';
import { setOwn } from '../util/own.js';

/** One per-budget optimum (a row of `isoflop_optimal_pairs.csv`). */
export interface OptimumPoint {
  file: string;
  /** 1-based data row. */
  row: number;
  /** Values of the configuration columns. */
  config: Record<string, string>;
  /** Compute budget C (FLOPs). */
  C: number;
  /** Compute-optimal N at C; NaN when the row has no interior optimum. */
  Nstar: number;
  NstarLogStd: number;
  /** Compute-optimal D at C (tokens) and its log-std, where the file has them. */
  Dstar: number;
  DstarLogStd: number;
}

export interface OptimumColumns {
  C: string;
  Nstar: string;
  NstarLogStd: string;
  Dstar: string;
  DstarLogStd: string;
}

/** Porian et al.'s column names (`isoflop_optimal_pairs.csv`). */
export const PORIAN_COLUMNS: OptimumColumns = {
  C: 'flops',
  Nstar: 'N_star',
  NstarLogStd: 'N_star_log_std',
  Dstar: 'D_star',
  DstarLogStd: 'D_star_log_std',
};

/** Columns that only record where a row came from, left out of the configuration key when the others suffice. */
const PROVENANCE_COLUMNS = ['source_file'];

export interface OptimalPairsTable {
  file: string;
  configColumns: string[];
  /** Provenance columns dropped from the key because the other columns already identify every configuration. */
  provenanceColumns: string[];
  points: OptimumPoint[];
  warnings: Warning[];
}

/**
 * Read a per-budget optima table. Configuration columns: the given ones, or by
 * default every text-valued column (Porian: source_file, dataset, hparams,
 * warmup, decay, param_count, loss_split); `source_file` is provenance and is
 * dropped from the key when the other columns already separate the same
 * configurations (true for Porian: 15 configurations either way).
 * An empty N* cell means "no interior optimum at this budget": kept as NaN and
 * excluded from fits (counted per configuration).
 */
export function readOptimalPairs(
  file: string,
  options: { configColumns?: string[]; columns?: Partial<OptimumColumns> } = {},
): OptimalPairsTable {
  const table = readCsv(file);
  const columns = { ...PORIAN_COLUMNS, ...(options.columns ?? {}) };
  const idx = (name: string, required: boolean): number => {
    const i = table.header.indexOf(name);
    if (i < 0 && required) {
      throw new InputError(msg.missingColumn(file, name, 'compute-optimal fit', table.header), { file, column: name });
    }
    return i;
  };
  const iC = idx(columns.C, true);
  const iN = idx(columns.Nstar, true);
  const iNs = idx(columns.NstarLogStd, true);
  const iD = idx(columns.Dstar, false);
  const iDs = idx(columns.DstarLogStd, false);
  const roleCols = new Set([iC, iN, iNs, iD, iDs].filter((i) => i >= 0));

  let configColumns: string[];
  let provenanceColumns: string[] = [];
  if (options.configColumns) {
    for (const c of options.configColumns) idx(c, true);
    configColumns = options.configColumns;
  } else {
    configColumns = table.header.filter(
      (h, c) => h !== '' && !roleCols.has(c) && table.rows.some((row) => row[c].trim() !== '' && parseNumber(row[c]) === undefined),
    );
    const keyOf = (cols: string[], row: string[]) => cols.map((c) => row[table.header.indexOf(c)]).join('\u0000');
    const distinct = (cols: string[]) => new Set(table.rows.map((row) => keyOf(cols, row))).size;
    const prov = configColumns.filter((c) => PROVENANCE_COLUMNS.includes(c));
    const rest = configColumns.filter((c) => !PROVENANCE_COLUMNS.includes(c));
    if (prov.length > 0 && rest.length > 0 && distinct(rest) === distinct(configColumns)) {
      configColumns = rest;
      provenanceColumns = prov;
    }
  }
  const cfgIdx = configColumns.map((c) => table.header.indexOf(c));

  const num = (r: number, c: number, name: string, allowEmpty: boolean): number => {
    if (c < 0) return NaN;
    const cell = table.rows[r][c];
    if (cell.trim() === '') {
      if (allowEmpty) return NaN;
      throw new InputError(msg.emptyCell({ file, row: r + 1, line: table.lines[r], column: name }), { file, row: r + 1, column: name });
    }
    const v = parseNumber(cell);
    const where = { file, row: r + 1, line: table.lines[r], column: name };
    if (v === undefined) throw new InputError(msg.notANumber(where, cell), { file, row: r + 1, column: name });
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(msg.notPositive(where, cell, numberRange(cell)), { file, row: r + 1, column: name });
    return v;
  };

  const points: OptimumPoint[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const config: Record<string, string> = {};
    configColumns.forEach((c, j) => setOwn(config, c, table.rows[r][cfgIdx[j]]));
    const Nstar = num(r, iN, columns.Nstar, true);
    const hasOptimum = Number.isFinite(Nstar);
    points.push({
      file,
      row: r + 1,
      config,
      C: num(r, iC, columns.C, false),
      Nstar,
      NstarLogStd: num(r, iNs, columns.NstarLogStd, !hasOptimum),
      Dstar: num(r, iD, columns.Dstar, true),
      DstarLogStd: num(r, iDs, columns.DstarLogStd, true),
    });
  }
  return { file, configColumns, provenanceColumns, points, warnings: [] };
}
