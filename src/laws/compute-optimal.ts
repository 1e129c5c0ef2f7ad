/**
 * Compute-optimal allocation: N*(C) = k·C^a (and D*(C) = k_D·C^b) fitted by
 * weighted least squares on logs from per-budget optima.
 *
 *   ln N*_i = ln k + a·ln C_i + ε_i,   weight w_i = 1 / σ_i²,  σ_i = N_star_log_std
 *
 * â = argmin Σ w_i (ln N*_i − ln k − a ln C_i)². This is Porian et al. 2024
 * (arXiv 2406.19146; repo formll/resolving-scaling-law-discrepancies) —
 * docs/method.md#loss-laws: over the rows with an optimum it reproduces every stored
 * `bs_median_weighted.n_exponent` (e.g. 0.4969 for tuned RefinedWeb). Their
 * stored `n_r2` is the plain (unweighted) R² in log space of the weighted fit's
 * predictions; `r2` here follows that convention.
 *
 * Standard errors are the WLS ones with the weights taken as relative
 * (Cov = σ̂²·(XᵀWX)⁻¹, σ̂² = Σ w r² / (n − 2): statsmodels' WLS default).
 * The 95% intervals are seeded case-resampling bootstrap percentiles
 * (resample the optima of one configuration with replacement, refit);
 * resamples that cannot identify the slope (all one budget) are counted as
 * failed, not silently dropped.
 */
import { pairedDifference } from '../fitter/paired-difference.js';
import { msg, type Warning } from '../messages.js';
import type { OptimalPairsTable } from '../ingest/optimal-pairs.js';
import { olsCoefficients } from '../fitter/ols.js';
import { bootstrap } from '../fitter/bootstrap.js';
import { createRng, type Rng, DEFAULT_SEED } from '../util/random.js';
import { own } from '../util/own.js';
import { groupBy } from '../util/group-by.js';

/** A weighted power-law fit y = k·C^a on logs. */
export interface PowerLawFit {
  /** Exponent a. */
  exponent: number;
  /** Coefficient k = e^{intercept}. */
  coef: number;
  /** ln k. */
  intercept: number;
  stderr: { exponent: number; intercept: number };
  /** Plain R² in log space of the weighted fit (Porian's `n_r2` convention). */
  r2: number;
  /** Points used. */
  n: number;
  /** Bootstrap: percentile 95% intervals, spread, and how many resamples could not be fitted. */
  bootstrap?: {
    nboot: number;
    failed: number;
    exponentStd: number;
    exponentCi95: [number, number];
    coefCi95: [number, number];
    /** Exponent per resample (NaN where it failed); kept for slice differences. */
    exponentSamples: number[];
  };
}

/**
 * Weighted least squares of ln y on ln C with weights 1/σ². Returns undefined
 * when the points cannot identify a slope (fewer than 2 distinct budgets).
 */
export function wlsPowerLaw(C: readonly number[], y: readonly number[], logStd: readonly number[]): PowerLawFit | undefined {
  const n = C.length;
  const sw = logStd.map((s) => 1 / s);
  const X = C.map((c, i) => [sw[i], sw[i] * Math.log(c)]);
  const Y = y.map((v, i) => sw[i] * Math.log(v));
  const beta = olsCoefficients(X, Y);
  if (!beta || n < 2) return undefined;
  const [b0, b1] = beta;
  // (XᵀWX)⁻¹ for the standard errors.
  let s00 = 0, s01 = 0, s11 = 0, wrss = 0, ybar = 0;
  for (let i = 0; i < n; i++) {
    const w = sw[i] * sw[i];
    const x = Math.log(C[i]);
    s00 += w;
    s01 += w * x;
    s11 += w * x * x;
    const r = Math.log(y[i]) - b0 - b1 * x;
    wrss += w * r * r;
    ybar += Math.log(y[i]) / n;
  }
  const det = s00 * s11 - s01 * s01;
  const sigma2 = n > 2 ? wrss / (n - 2) : NaN;
  let rss = 0, tss = 0;
  for (let i = 0; i < n; i++) {
    const ly = Math.log(y[i]);
    rss += (ly - b0 - b1 * Math.log(C[i])) ** 2;
    tss += (ly - ybar) ** 2;
  }
  return {
    exponent: b1,
    coef: Math.exp(b0),
    intercept: b0,
    stderr: { exponent: Math.sqrt((sigma2 * s00) / det), intercept: Math.sqrt((sigma2 * s11) / det) },
    r2: tss > 0 ? 1 - rss / tss : NaN,
    n,
  };
}

/**
 * Percentile bootstrap of the weighted power law (fitter/bootstrap.ts: the
 * optima resampled with replacement, each resample refitted by the same WLS).
 */
function bootstrapPowerLaw(
  C: readonly number[],
  y: readonly number[],
  logStd: readonly number[],
  nboot: number,
  rng: Rng,
): NonNullable<PowerLawFit['bootstrap']> {
  const sw = logStd.map((s) => 1 / s);
  const X = C.map((c, i) => [sw[i], sw[i] * Math.log(c)]);
  const Y = y.map((v, i) => sw[i] * Math.log(v));
  // The exponent of every resample, NaN where it failed: slice comparisons pair resample i with resample i.
  const exponentSamples: number[] = [];
  const res = bootstrap(C.length, nboot, rng, (idx) => {
    const beta = olsCoefficients(X, Y, idx);
    const ok = beta !== undefined && Number.isFinite(beta[1]) && Number.isFinite(Math.exp(beta[0]));
    exponentSamples.push(ok ? beta[1] : NaN);
    return ok ? [beta[1], Math.exp(beta[0])] : undefined;
  });
  const fitted = res.samples.length > 0;
  return {
    nboot,
    failed: res.failed,
    exponentStd: fitted ? res.std[0] : NaN,
    exponentCi95: fitted ? [res.lower[0], res.upper[0]] : [NaN, NaN],
    coefCi95: fitted ? [res.lower[1], res.upper[1]] : [NaN, NaN],
    exponentSamples,
  };
}

export interface ComputeOptimalFit {
  /** Configuration key: the configuration columns' values joined by `|`, in column order. */
  key: string;
  config: Record<string, string>;
  /** Budgets in the table for this configuration, and how many had no interior optimum. */
  budgets: number;
  withoutOptimum: number;
  /** N*(C) = coef·C^exponent; undefined when fewer than 3 optima (see warnings). */
  N?: PowerLawFit;
  /** D*(C) = coef·C^exponent, where the table has D* columns. */
  D?: PowerLawFit;
  warnings: Warning[];
}

export interface ComputeOptimalOptions {
  /** Bootstrap resamples per configuration (0 = none). Default 1000. */
  bootstrap?: number;
  /** Seed; configuration i (in sorted key order) uses seed + i. Default 0. */
  seed?: number;
}

/** Stable configuration key. */
export function configKey(config: Record<string, string>, columns: readonly string[]): string {
  return columns.map((c) => own(config, c)).join('|');
}

/**
 * Fit N*(C) and D*(C) per configuration. Configurations are returned in sorted
 * key order (deterministic); bootstrap seeds follow that order.
 */
export function fitComputeOptimal(table: OptimalPairsTable, options: ComputeOptimalOptions = {}): ComputeOptimalFit[] {
  const nboot = options.bootstrap ?? 1000;
  const seed = options.seed ?? DEFAULT_SEED;
  const groups = groupBy(table.points, (p) => configKey(p.config, table.configColumns));
  const keys = [...groups.keys()].sort();
  return keys.map((key, gi) => {
    const pts = groups.get(key)!;
    const used = pts.filter((p) => Number.isFinite(p.Nstar));
    const warnings: Warning[] = [];
    const without = pts.length - used.length;
    if (without > 0) {
      warnings.push({
        code: 'no-interior-optimum',
        message: msg.noInteriorOptimum(key, without, pts.filter((p) => !Number.isFinite(p.Nstar)).map((p) => p.row)),
        file: table.file,
        count: without,
        detail: { config: key },
      });
    }
    const fit: ComputeOptimalFit = { key, config: pts[0].config, budgets: pts.length, withoutOptimum: without, warnings };
    if (new Set(used.map((p) => p.C)).size < 3) {
      warnings.push({
        code: 'too-few-optima',
        message: msg.tooFewOptima(key, used.length),
        file: table.file,
        count: used.length,
        detail: { config: key },
      });
      return fit;
    }
    const C = used.map((p) => p.C);
    const rngN = createRng(seed + gi);
    fit.N = wlsPowerLaw(C, used.map((p) => p.Nstar), used.map((p) => p.NstarLogStd));
    if (fit.N && nboot > 0) fit.N.bootstrap = bootstrapPowerLaw(C, used.map((p) => p.Nstar), used.map((p) => p.NstarLogStd), nboot, rngN);
    const withD = used.filter((p) => Number.isFinite(p.Dstar) && Number.isFinite(p.DstarLogStd));
    if (withD.length === used.length) {
      // Same seed as N*: the D* bootstrap resamples the same optima.
      const rngD = createRng(seed + gi);
      fit.D = wlsPowerLaw(C, used.map((p) => p.Dstar), used.map((p) => p.DstarLogStd));
      if (fit.D && nboot > 0) fit.D.bootstrap = bootstrapPowerLaw(C, used.map((p) => p.Dstar), used.map((p) => p.DstarLogStd), nboot, rngD);
    }
    return fit;
  });
}

/** One matched comparison between two slices (e.g. rw vs owt2) of the same configuration. */
export interface ComputeOptimalComparison {
  /** The configuration without the slice column. */
  match: Record<string, string>;
  slices: { value: string; key: string; exponent: number; stderr: number; ci95: [number, number] }[];
  /** exponent(first) − exponent(second), with the percentile interval of the paired bootstrap differences. */
  difference: {
    of: [string, string];
    estimate: number;
    /** √(se₁² + se₂²) from the two WLS standard errors (independent data sets): a cross-check on the bootstrap interval. */
    stderr: number;
    /** Percentile interval of the paired differences (fitter/paired-difference.ts); null with fewer than 2 pairs. */
    ci95: [number, number] | null;
    excludesZero: boolean | null;
    pairs: number;
  };
}

/**
 * Compare N*(C) exponents between the values of a slice column (issue 5;
 * Porian: `dataset`, rw vs owt2) for configurations that agree on every other
 * configuration column. The slices' optima are independent, so resample i of
 * one is paired with resample i of the other (independent seeds) and the
 * interval of the difference is the 2.5–97.5% percentile of those paired
 * differences. Pairs where either resample failed are dropped (counted).
 * Requires fits with bootstrap samples. Groups with more than two slices
 * compare the first two in `order`.
 */
export function compareComputeOptimalSlices(
  fits: readonly ComputeOptimalFit[],
  options: {
    /** The slice column (Porian: `dataset`). */
    by: string;
    /** Configuration columns that need not agree (Porian with its stored keys: `source_file`). */
    ignore?: readonly string[];
    /** Order of slice values in the difference (first − second); default alphabetical. */
    order?: readonly string[];
  },
): ComputeOptimalComparison[] {
  const { by, ignore = [], order } = options;
  if (fits.length > 0 && !(by in fits[0].config)) throw new Error(`compareComputeOptimalSlices: ${by} is not a configuration column`);
  const columns = fits.length > 0 ? Object.keys(fits[0].config).filter((c) => c !== by && !ignore.includes(c)) : [];
  const groups = groupBy(fits, (f) => (f.N ? configKey(f.config, columns) : undefined));
  const out: ComputeOptimalComparison[] = [];
  for (const k of [...groups.keys()].sort()) {
    const list = groups.get(k)!;
    if (list.length < 2) continue;
    const rank = (v: string) => (order && order.includes(v) ? order.indexOf(v) : Number.MAX_SAFE_INTEGER);
    list.sort((a, b) => rank(a.config[by]) - rank(b.config[by]) || (a.config[by] < b.config[by] ? -1 : 1));
    const [a, b] = list;
    const p = pairedDifference(a.N!.bootstrap?.exponentSamples ?? [], b.N!.bootstrap?.exponentSamples ?? [], a.N!.exponent - b.N!.exponent);
    const match: Record<string, string> = {};
    for (const c of columns) match[c] = a.config[c];
    out.push({
      match,
      slices: list.map((f) => ({
        value: f.config[by],
        key: f.key,
        exponent: f.N!.exponent,
        stderr: f.N!.stderr.exponent,
        ci95: f.N!.bootstrap?.exponentCi95 ?? [NaN, NaN],
      })),
      difference: {
        of: [a.config[by], b.config[by]],
        estimate: p.estimate,
        stderr: Math.hypot(a.N!.stderr.exponent, b.N!.stderr.exponent),
        ci95: p.ci95,
        excludesZero: p.excludesZero,
        pairs: p.pairs,
      },
    });
  }
  return out;
}
