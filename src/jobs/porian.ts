/**
 * Reproduction of Porian et al. 2024's compute-optimal exponents (docs/method.md#loss-laws; arXiv 2406.19146, repo formll/resolving-scaling-law-discrepancies, MIT)
 * from the shipped `data/porian/` files, plus the data-distribution comparison
 * of issue 5 (RefinedWeb `rw` vs OpenWebText2 `owt2` for matching
 * configurations). Deterministic: fixed seed, configurations in sorted key
 * order. Returns a JSON-safe record for `fits/*.json`.
 */
import { dataPath } from '../util/paths.js';
import {
  compareComputeOptimalSlices,
  fitComputeOptimal,
  type ComputeOptimalComparison,
  type ComputeOptimalFit,
  type PowerLawFit,
} from '../laws/compute-optimal.js';
import { DEFAULT_SEED } from '../util/random.js';
import { readOptimalPairs } from '../ingest/optimal-pairs.js';
import { readJsonFile } from '../ingest/files.js';

/**
 * The configuration columns of `isoflop_optimal_pairs.csv`, in the order the
 * authors' stored JSON keys use (`summary_df.pickle.xz|rw|base|long|kaplan|kaplan|train`).
 */
export const PORIAN_CONFIG_COLUMNS = ['source_file', 'dataset', 'hparams', 'warmup', 'decay', 'param_count', 'loss_split'];

interface StoredFit {
  n_exponent: number;
  n_coef: number;
  n_r2: number;
  t_exponent: number;
  t_coef: number;
}

export interface PorianOptions {
  /** Folder with isoflop_optimal_pairs.csv and compute_optimal_fit_results.json (default: the package's data/porian). */
  dir?: string;
  bootstrap?: number;
  seed?: number;
}

const stripSamples = (f: PowerLawFit | undefined) => {
  if (!f) return null;
  const { bootstrap, ...rest } = f;
  if (!bootstrap) return rest;
  const { exponentSamples: _drop, ...b } = bootstrap;
  return { ...rest, bootstrap: b };
};

/** JSON-safe record of one configuration's fit next to the authors' stored `bs_median_weighted` values. */
export function porianRecord(fit: ComputeOptimalFit, stored: StoredFit | undefined) {
  const nExp = fit.N?.exponent ?? NaN;
  return {
    key: fit.key,
    config: fit.config,
    budgets: fit.budgets,
    withoutOptimum: fit.withoutOptimum,
    N: stripSamples(fit.N),
    D: stripSamples(fit.D),
    stored: stored
      ? { n_exponent: stored.n_exponent, n_coef: stored.n_coef, n_r2: stored.n_r2, t_exponent: stored.t_exponent, t_coef: stored.t_coef }
      : null,
    /** |ours − stored| of the N* exponent, and whether both round to the same 3 decimals. */
    nExponentAbsDiff: stored ? Math.abs(nExp - stored.n_exponent) : null,
    nExponentMatches3dp: stored ? nExp.toFixed(3) === stored.n_exponent.toFixed(3) : null,
    warnings: fit.warnings,
  };
}

/**
 * Fit N*(C) and D*(C) for all 15 configurations, compare with the stored
 * `bs_median_weighted` fits, and compare rw vs owt2 (difference rw − owt2).
 */
export function reproducePorian(options: PorianOptions = {}) {
  const dir = options.dir ?? dataPath('porian');
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? DEFAULT_SEED;
  const table = readOptimalPairs(`${dir}/isoflop_optimal_pairs.csv`, { configColumns: PORIAN_CONFIG_COLUMNS });
  const stored = readJsonFile(`${dir}/compute_optimal_fit_results.json`) as Record<
    string,
    { bs_median_weighted: StoredFit }
  >;
  const fits = fitComputeOptimal(table, { bootstrap, seed });
  const configurations = fits.map((f) => porianRecord(f, stored[f.key]?.bs_median_weighted));
  const comparisons: ComputeOptimalComparison[] = compareComputeOptimalSlices(fits, {
    by: 'dataset',
    ignore: ['source_file'],
    order: ['rw', 'owt2'],
  });
  return {
    source:
      'Porian et al. 2024, arXiv 2406.19146; data/porian/isoflop_optimal_pairs.csv and compute_optimal_fit_results.json (repo formll/resolving-scaling-law-discrepancies @0dc60d9, MIT)',
    method:
      'WLS of ln N* (and ln D*) on ln C, weights 1/log_std², rows with an interior optimum; stderr scaled by the residual variance; 95% intervals = case-resampling bootstrap percentiles',
    options: { bootstrap, seed, configColumns: PORIAN_CONFIG_COLUMNS },
    configurations,
    allMatch3dp: configurations.every((c) => c.nExponentMatches3dp === true),
    datasetComparison: {
      by: 'dataset',
      difference: 'rw − owt2',
      rows: comparisons,
    },
  };
}

export type PorianReproduction = ReturnType<typeof reproducePorian>;
