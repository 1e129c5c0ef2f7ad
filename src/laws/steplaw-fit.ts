/**
 * Fitting the Step Law the authors' way (github.com/step-law/steplaw `code/fit_tool.py`, docs/method.md#fitting-procedure):
 *
 *  1. per grid group, keep EVERY run with |L/L_min − 1| < band (default 0.0025);
 *  2. ordinary least squares on natural logs over all kept runs (not one point
 *     per group): ln lr = c0 + cN·ln N + cD·ln D and ln B = b0 + bD·ln D
 *     (B in tokens; optionally + bN·ln N, the homepage's short-lived variant);
 *  3. bootstrap (default 1000 times, seeded), refit, and report the MEAN
 *     coefficients (as the authors do) with 95% percentile intervals.
 *
 * What is resampled (`resample`):
 *  - `groups` (default): whole (N, D) groups with replacement, each drawn group
 *    bringing all its kept runs — a cluster bootstrap (Field & Welsh 2007;
 *    Cameron, Gelbach & Miller 2008; see fitter/bootstrap.ts). The kept runs
 *    of one group share N, D and the group's offset from the law (its own
 *    noise in where the optimum landed), so they are not independent draws:
 *    the effective sample is the groups. On the released dense file the
 *    group offset carries ~8% of the lr residual variance and ~22% of the
 *    batch one, and resampling runs makes the lr D-exponent interval too
 *    narrow.
 *  - `runs`: the kept runs independently, as the authors' code does (Repo
 *    `code/fit_tool.py`); kept, named, for reproducing their numbers.
 *
 * Group-bootstrap intervals: the pairs cluster bootstrap's variance behaves
 * like the CR0 cluster-robust variance, which is biased down with a moderate
 * number of clusters G, and its percentile intervals under-cover (on
 * synthetic sweeps of 20 groups with a group offset, ~92% for a nominal 95%).
 * We use the correction recommended by Cameron & Miller (2015, "A
 * practitioner's guide to cluster-robust inference", JHR 50:317–372, §VI):
 * the CR1 scale √(G/(G−1)) and Student-t critical values with G − 1 degrees
 * of freedom — ci95 = β̂ ± t_{G−1, 0.975}·√(G/(G−1))·sd_boot (the percentile
 * interval is kept as `bootstrapCi95`). Coverage on those sweeps: ~95–96%
 * (test/laws/cluster-bootstrap.test.ts).
 *
 * Few groups: with fewer than MIN_INTERVAL_GROUPS groups the percentile
 * interval of a cluster bootstrap is too narrow (Cameron et al. 2008 §IV: few
 * clusters) and most resamples are degenerate. Then every interval is the
 * two-step one of Donald & Lang (2007, "Inference with difference-in-differences
 * and other panel data", REStat 89:221–233): OLS of the group centroids (mean
 * ln lr, mean ln B of each group's kept runs) on the group's (ln N, ln D), and
 * β̂ ± t_{G−p, 0.975}·se — exact under normal group-level errors, and honest
 * about resting on G − p degrees of freedom. A `few-groups` warning says how
 * many groups the intervals rest on.
 *
 * A term that the data cannot identify (one distinct N, or one distinct D) is
 * dropped and the result says so (`reduced-fit` warning), never a silent
 * degenerate fit.
 */
import { InputError, msg, type Warning } from '../messages.js';
import type { Grid } from '../sweep/grid.js';
import { DEFAULT_BAND, edgeAxes, hasOptimum, storedGridOf, usableCount, withinBand } from '../sweep/grid.js';
import type { Run } from '../sweep/types.js';
import type { RunStore } from '../sweep/run-store.js';
import { fileSha256, readJsonFile } from '../ingest/files.js';
import { regress, regressCoefficients, REGRESSION_METHODS, type DesignMatrix, type Regression, type RegressionMethod } from './log-linear-regression.js';
import { createRng, DEFAULT_SEED, type Rng } from '../util/random.js';
import { groupBy } from '../util/group-by.js';
import { studentTQuantile } from '../util/stats.js';
import { bootstrap, clusterBootstrap, replicateBootstrap, type BootstrapResult } from '../fitter/index.js';
import { ols, RankDeficientError } from '../fitter/ols.js';
import { clusterTInterval } from '../fitter/paired-difference.js';
import { ResampledOls } from '../fitter/ols-columns.js';
import type { Law, LogLinearCoefficients } from './law.js';
import { fittedRange, type FittedRange } from './extrapolation.js';
import { validateStepLawFit } from './fit-file.js';
import { enforceIdentifiability, stepLawIdentifiability } from './steplaw-identifiability.js';
import { logLinearLaw, signed } from './published/steplaw.js';
import { JSON_TEXT, jsonNumber, type PrintsJson } from '../util/json-stream.js';

export type StepLawMethod = RegressionMethod;
/** Minimum max/min ratio of N (or D) among kept runs for its exponent to be fitted. */
export const DEFAULT_MIN_SPREAD = 1.1;
export const STEPLAW_METHODS: readonly StepLawMethod[] = REGRESSION_METHODS;
/** What the bootstrap resamples: whole (N, D) groups (default) or kept runs (the authors' way). */
export type ResampleMethod = 'groups' | 'runs';
export const RESAMPLE_METHODS: readonly ResampleMethod[] = ['groups', 'runs'];
/** Below this many groups, intervals are the centroid t intervals and a `few-groups` warning is given. */
export const MIN_INTERVAL_GROUPS = 5;
/** How a coefficient's 95% interval was obtained. */
export type IntervalMethod = 'group-bootstrap-t' | 'run-bootstrap' | 'centroid-t' | 'none';

export interface StepLawFitOptions {
  /** Relative band around each group's minimum loss (default 0.0025). */
  band?: number;
  /** Bootstrap resamples (default 1000; 0 = none). */
  bootstrap?: number;
  /** What the bootstrap resamples: 'groups' (default, cluster bootstrap) or 'runs' (the authors' way). */
  resample?: ResampleMethod;
  /** Seed of the bootstrap's random numbers (default 0). */
  seed?: number;
  /** Also regress ln B on ln N (default false, as the paper). */
  batchOnN?: boolean;
  method?: StepLawMethod;
  /** Leave out groups whose optimum is on the edge of a searched axis (default false: the authors keep them). */
  excludeUnbracketed?: boolean;
  /**
   * A size term (ln N or ln D) is fitted only if the kept runs span at least
   * this ratio in it (default 1.1). The MoE file's four sparsities have total N
   * within 0.3% of each other: a "slope" on that spread is noise, not an exponent.
   */
  minSpread?: number;
  /**
   * Fit even when the design cannot identify the law (src/laws/identifiability.ts); every problem then becomes
   * an `unidentifiable` warning that travels with the result. Default false: such a fit is refused (InputError).
   */
  allowUnidentifiable?: boolean;
  /** Called during the bootstrap. */
  onProgress?: (done: number, total: number) => void;
}

export interface CoefficientEstimate {
  /** `intercept`, `lnN` or `lnD`. */
  term: 'intercept' | 'lnN' | 'lnD';
  /** Least-squares estimate on all kept runs. */
  estimate: number;
  stderr: number;
  /** Bootstrap mean (the authors' reported value), when bootstrapped. */
  bootstrapMean?: number;
  bootstrapStd?: number;
  /**
   * 95% interval (how: the summary's `interval`): group bootstrap →
   * estimate ± t_{G−1}·√(G/(G−1))·bootstrapStd; run bootstrap → its
   * percentiles (the authors'); fewer than MIN_INTERVAL_GROUPS groups → the
   * centroid t interval.
   */
  ci95?: [number, number];
  /** The bootstrap's own 2.5%/97.5% percentiles, when `ci95` is not them. */
  bootstrapCi95?: [number, number];
}

export interface RegressionSummary {
  target: 'ln lr' | 'ln B';
  terms: CoefficientEstimate[];
  n: number;
  dof: number;
  r2: number;
  /** Residual standard deviation (in ln units). */
  sigma: number;
  /** For the engine methods (huber, nls): convergence status and the Huber δ. */
  engine?: Regression['engine'];
  /** How `ci95` was obtained. */
  interval: IntervalMethod;
  /** For the engine methods: the authors' OLS estimates on the same kept runs, term by term, for comparison. */
  olsReference?: { term: CoefficientEstimate['term']; estimate: number; stderr: number }[];
}

export interface KeptRun {
  file: string;
  row: number;
  group: string;
  N: number;
  D: number;
  lr: number;
  batchTokens: number;
  loss: number;
}

export interface StepLawFit {
  kind: 'steplaw-fit';
  version: 1;
  method: StepLawMethod;
  options: { band: number; bootstrap: number; resample: ResampleMethod; seed: number; batchOnN: boolean; excludeUnbracketed: boolean; allowUnidentifiable?: true };
  data: {
    files: { path: string; sha256: string | null }[];
    groups: number;
    runs: number;
    usableRuns: number;
    keptRuns: number;
    excluded: { nonFiniteLoss: number; diverged: number };
    distinctN: number;
    distinctD: number;
    /** The (N, D) groups with kept runs: the clusters the group bootstrap resamples. */
    keptGroups: number;
    /** The N and D range of the groups the fit rests on: predictions outside it are extrapolations. */
    range: FittedRange;
  };
  lr: RegressionSummary;
  batch: RegressionSummary;
  /** Coefficients the fitted law predicts with: bootstrap means if bootstrapped, else the OLS estimates. */
  law: LogLinearCoefficients;
  lawSource: 'bootstrap-mean' | 'least-squares';
  bootstrap?: {
    resamples: number;
    /** What was resampled: whole groups (clusters) or runs. */
    resample: ResampleMethod;
    /** How many units were resampled (groups or kept runs). */
    units: number;
    failed: number;
    seed: number;
    /** Each successful resample's coefficients [c0, cN, cD, b0, bN, bD] (absent terms are 0). */
    samples: number[][];
  };
  kept: KeptRun[];
  warnings: Warning[];
}

interface Design extends DesignMatrix {
  terms: ('intercept' | 'lnN' | 'lnD')[];
  /** The design's rows (made on first read: only the engine methods and few-group intervals need them). */
  readonly X: number[][];
}

/** ln N and ln D of the kept runs, in their order. */
interface SizeLogs {
  lnN: Float64Array;
  lnD: Float64Array;
}

/** The design [1, ln N, ln D] (the terms kept) of the kept runs, as columns (the size columns shared, read only); rows only when asked for. */
function design(logs: SizeLogs, useN: boolean, useD: boolean): Design {
  const terms: Design['terms'] = ['intercept'];
  if (useN) terms.push('lnN');
  if (useD) terms.push('lnD');
  const n = logs.lnN.length;
  const columns = terms.map((t) => (t === 'intercept' ? new Float64Array(n).fill(1) : t === 'lnN' ? logs.lnN : logs.lnD));
  let X: number[][] | undefined;
  const rows = () => (X ??= Array.from({ length: n }, (_, i) => columns.map((c) => c[i])));
  return {
    terms,
    columns,
    rows,
    get X() {
      return rows();
    },
  };
}

/** A term's place in a full 3-vector [intercept, cN, cD]. */
function termSlot(t: Design['terms'][number]): number {
  return t === 'intercept' ? 0 : t === 'lnN' ? 1 : 2;
}

/**
 * Fit the Step Law on grids. Files in `grids` runs are fingerprinted for the record.
 * @throws InputError when no run is kept or the kept runs cannot identify an intercept-only fit.
 */
export function fitStepLaw(grids: Grid[], options: StepLawFitOptions = {}): StepLawFit {
  const band = options.band ?? DEFAULT_BAND;
  const nboot = options.bootstrap ?? 1000;
  const resample = options.resample ?? 'groups';
  if (!RESAMPLE_METHODS.includes(resample)) throw new InputError(msg.badOption('resample', String(resample), RESAMPLE_METHODS.join(' or ')));
  const seed = options.seed ?? DEFAULT_SEED;
  const batchOnN = options.batchOnN ?? false;
  const method = options.method ?? 'ols';
  if (!(band > 0 && band < 1)) throw new InputError(msg.badOption('band', String(band), 'a fraction in (0, 1), e.g. 0.0025'));
  const warnings: Warning[] = [];

  const kept: KeptRun[] = [];
  // The kept runs' numbers, filled as they are selected: every pass after the selection reads these columns,
  // not the run objects (whose fields, read from a store, are getters).
  const columns = new KeptColumns();
  // The kept runs of each grid that has some: one stretch of `kept` per grid, in grid order.
  const spans: KeptSpan[] = [];
  /** Positions of a stored grid's runs within the band (reused from grid to grid). */
  const inBand: number[] = [];
  const used: Grid[] = [];
  let runs = 0;
  let usable = 0;
  let nonFinite = 0;
  let diverged = 0;
  // Whether any group searched each axis (asked once: per group it made the loop quadratic in the groups).
  const searchedAnywhere = { lr: grids.some((h) => h.searched.lr), batch: grids.some((h) => h.searched.batch) };
  for (const g of grids) {
    // A grid built from a store's columns is read there (no run objects; none of its runs diverged).
    const stored = storedGridOf(g);
    if (stored) {
      runs += stored.index.length;
      // Stored grids have no diverged run: their runs that are not usable have a non-finite loss.
      const ok = usableCount(g);
      nonFinite += stored.index.length - ok;
      usable += ok;
    } else {
      runs += g.runs.length;
      usable += g.usable.length;
      for (const r of g.runs) {
        if (r.flags.includes('non-finite-loss')) nonFinite++;
        if (r.flags.includes('diverged')) diverged++;
      }
    }
    if (!hasOptimum(g)) continue;
    if (options.excludeUnbracketed && edgeAxes(g).length > 0) continue;
    // A group that tried one level of an axis the sweep searches elsewhere has no readable optimum on it either.
    const single = singleLevelAxes(g, searchedAnywhere);
    if (options.excludeUnbracketed && single.length > 0) {
      warnings.push({ code: 'optimum-not-readable', message: msg.groupExcludedSingleLevel(g.key, single), detail: { group: g.key, axes: single, excluded: true } });
      continue;
    }
    used.push(g);
    const start = kept.length;
    if (stored) {
      // withinBand on the columns: the usable runs with |L/L_min − 1| < band, in order.
      const { store, index } = stored;
      inBand.length = 0;
      store.withinBand(index, g.minLoss, band, inBand);
      for (const i of inBand) {
        kept.push(new StoredKeptRun(store, i, g.key));
        columns.push(store.N.get(i), store.D.get(i), store.lr.get(i), store.batchTokens.get(i));
      }
    } else {
      for (const r of withinBand(g, band)) {
        kept.push(toKept(r, g.key));
        columns.push(r.N, r.D, r.lr, r.batchTokens);
      }
    }
    if (kept.length > start) spans.push({ key: g.key, start, end: kept.length });
  }
  if (kept.length === 0) throw new InputError(msg.noKeptRuns());
  const { N: keptN, D: keptD, lr: keptLr, batch: keptBatch } = columns.values();
  const sizesN = sizeSummary(keptN);
  const sizesD = sizeSummary(keptD);
  const distinctN = sizesN.distinct;
  const distinctD = sizesD.distinct;
  const nSpread = sizesN.max / sizesN.min;
  const dSpread = sizesD.max / sizesD.min;
  const minSpread = options.minSpread ?? DEFAULT_MIN_SPREAD;
  const useN = nSpread >= minSpread;
  const useD = dSpread >= minSpread;
  if (!useN) {
    warnings.push({
      code: 'reduced-fit',
      message:
        distinctN === 1
          ? `all kept runs have one model size N = ${kept[0].N}: the N exponents cannot be identified; fitted on D alone (the law applies at this N only)`
          : `the kept runs' model sizes span only ×${nSpread.toPrecision(4)} (< ×${minSpread}): the N exponents cannot be identified; fitted on D alone (the law applies at these N only)`,
      detail: { dropped: 'lnN', spread: nSpread },
    });
  }
  if (!useD) {
    warnings.push({
      code: 'reduced-fit',
      message:
        distinctD === 1
          ? `all kept runs have one data size D = ${kept[0].D}: the D exponents cannot be identified; fitted without a D term`
          : `the kept runs' data sizes span only ×${dSpread.toPrecision(4)} (< ×${minSpread}): the D exponents cannot be identified; fitted without a D term`,
      detail: { dropped: 'lnD', spread: dSpread },
    });
  }
  // The groups whose optimum the fit rests on (--exclude-unbracketed leaves some out).
  const groupsWithOptimum = new Set(spans.map((r) => r.key)).size;
  if (groupsWithOptimum < MIN_INTERVAL_GROUPS) {
    warnings.push({ code: 'few-groups', message: msg.fewGroups(groupsWithOptimum, MIN_INTERVAL_GROUPS), count: groupsWithOptimum });
  }
  for (const g of grids) {
    const axes = edgeAxes(g);
    if (axes.length === 0) continue;
    const excluded = options.excludeUnbracketed ?? false;
    warnings.push({
      code: 'optimum-on-edge',
      message: excluded
        ? `group ${g.key}: the optimum is on the edge of the ${axes.join(' and ')} range tried; group excluded from the fit (--exclude-unbracketed)`
        : `group ${g.key}: the optimum is on the edge of the ${axes.join(' and ')} range tried; its band-selected runs may not bracket the true optimum (--exclude-unbracketed leaves such groups out)`,
      detail: { group: g.key, axes, excluded },
    });
  }
  // A size law needs the quantity to vary among the kept runs: a sweep at one batch size says nothing about B*.
  // Whether some kept run's value differs from the first's (as a Set would count them: NaN equals NaN).
  const varies = (xs: Float64Array) => {
    const first = xs[0];
    for (let i = 1; i < xs.length; i++) {
      const v = xs[i];
      if (v !== first && !(v !== v && first !== first)) return true;
    }
    return false;
  };
  const lrVaries = varies(keptLr);
  const batchVaries = varies(keptBatch);
  for (const [axis, ok] of [['lr', lrVaries], ['batch', batchVaries]] as const) {
    if (ok) continue;
    warnings.push({
      code: 'not-identified',
      message: msg.singleLevelKept(axis, axis === 'lr' ? kept[0].lr : kept[0].batchTokens),
      detail: { axis },
    });
  }

  // Refuse (or, with the override, stamp) a design the data cannot identify, before any regression.
  // ln N and ln D of the kept runs, once: the identifiability checks, both designs and the bootstrap read them.
  const logs: SizeLogs = { lnN: new Float64Array(kept.length), lnD: new Float64Array(kept.length) };
  for (let i = 0; i < kept.length; i++) {
    logs.lnN[i] = Math.log(keptN[i]);
    logs.lnD[i] = Math.log(keptD[i]);
  }
  const problems = stepLawIdentifiability({ grids: used, keptN, keptD, ...logs, band, useN, useD, batchOnN, lrVaries, batchVaries });
  enforceIdentifiability(problems, options.allowUnidentifiable ?? false, warnings);

  const lrDesign = lrVaries ? design(logs, useN, useD) : design(logs, false, false);
  const bDesign = batchVaries ? design(logs, batchOnN && useN, useD) : design(logs, false, false);
  const yLr = Array.from(keptLr, Math.log);
  const yB = Array.from(keptBatch, Math.log);
  const needed = Math.max(lrDesign.terms.length, bDesign.terms.length);
  if (kept.length <= needed) {
    throw new InputError(msg.tooFewKeptRuns(kept.length, needed));
  }
  const lrFit = regress(lrDesign, yLr, method);
  const bFit = regress(bDesign, yB, method);
  for (const [target, f] of [['ln lr', lrFit], ['ln B', bFit]] as const) {
    if (!f.coef.every(Number.isFinite)) throw new InputError(msg.fitNonFiniteCoefficients(target));
    if (f.engine && !f.engine.success) {
      warnings.push({
        code: 'not-converged',
        message: msg.regressionNotConverged(method, target, f.engine.status, f.engine.message),
        detail: { target, status: f.engine.status },
      });
    }
  }

  const clusters = groupClusters(spans);
  const stats =
    nboot > 0
      ? bootstrapCoefficients(logs, clusters, resample, lrDesign, bDesign, yLr, yB, nboot, seed, method, [lrFit.engine?.fScale, bFit.engine?.fScale], options.onProgress)
      : undefined;
  const boot: StepLawFit['bootstrap'] = stats && {
    resamples: nboot,
    resample,
    units: resample === 'groups' ? clusters.length : kept.length,
    failed: stats.failed,
    seed,
    samples: stats.samples,
  };
  // Few groups: the centroid t intervals (see the module comment).
  const fewGroups = clusters.length < MIN_INTERVAL_GROUPS;
  const centroidLr = fewGroups ? centroidIntervals(clusters, lrDesign, yLr) : undefined;
  const centroidB = fewGroups ? centroidIntervals(clusters, bDesign, yB) : undefined;

  const booted = !!stats && stats.samples.length > 1;
  const summarise = (
    target: RegressionSummary['target'],
    d: Design,
    fit: Regression,
    offset: number,
    centroid: ([number, number] | undefined)[] | undefined,
  ): RegressionSummary => ({
    target,
    terms: d.terms.map((term, k) => {
      const est: CoefficientEstimate = { term, estimate: fit.coef[k], stderr: fit.stderr[k] };
      if (booted) {
        const j = offset + (term === 'intercept' ? 0 : term === 'lnN' ? 1 : 2);
        est.bootstrapMean = stats!.mean[j];
        est.bootstrapStd = stats!.std[j];
        est.ci95 = [stats!.lower[j], stats!.upper[j]];
        if (resample === 'groups') {
          // Few-cluster correction (see the module comment): CR1 scale and t(G − 1) critical value.
          est.bootstrapCi95 = est.ci95;
          est.ci95 = clusterTInterval(est.estimate, stats!.std[j], clusters.length);
        }
      }
      if (centroid) {
        if (est.ci95) est.bootstrapCi95 = est.bootstrapCi95 ?? est.ci95;
        if (centroid[k]) est.ci95 = centroid[k];
        else delete est.ci95;
      }
      return est;
    }),
    interval: centroid ? (centroid.every((c) => c) ? 'centroid-t' : 'none') : !booted ? 'none' : resample === 'groups' ? 'group-bootstrap-t' : 'run-bootstrap',
    n: fit.n,
    dof: fit.dof,
    r2: fit.r2,
    sigma: fit.sigma,
    ...(fit.engine ? { engine: fit.engine } : {}),
  });
  const lr = summarise('ln lr', lrDesign, lrFit, 0, centroidLr);
  const batch = summarise('ln B', bDesign, bFit, 3, centroidB);
  // Engine methods: the authors' OLS on the same kept runs and design, next to them.
  for (const [summary, d, f] of [[lr, lrDesign, lrFit], [batch, bDesign, bFit]] as const) {
    if (f.ols) summary.olsReference = d.terms.map((term, k) => ({ term, estimate: f.ols!.coef[k], stderr: f.ols!.stderr[k] }));
  }
  if (boot && boot.failed > 0) {
    warnings.push({
      code: 'bootstrap-failed',
      message: msg.stepLawBootstrapFailed(boot.failed, nboot),
      count: boot.failed,
    });
  }
  const pick = (s: RegressionSummary, term: CoefficientEstimate['term']): number => {
    const t = s.terms.find((x) => x.term === term);
    if (!t) return 0;
    return t.bootstrapMean ?? t.estimate;
  };
  const law: LogLinearCoefficients = {
    lr: { intercept: pick(lr, 'intercept'), coefN: pick(lr, 'lnN'), coefD: pick(lr, 'lnD') },
    batch: { intercept: pick(batch, 'intercept'), coefN: pick(batch, 'lnN'), coefD: pick(batch, 'lnD') },
  };
  const fileSet = new Set<string>();
  for (const g of grids) {
    const stored = storedGridOf(g);
    if (stored) fileSet.add(stored.store.file);
    else for (const r of g.runs) fileSet.add(r.file);
  }
  const files = [...fileSet].sort();
  return {
    kind: 'steplaw-fit',
    version: 1,
    method,
    options: {
      band,
      bootstrap: nboot,
      resample,
      seed,
      batchOnN,
      excludeUnbracketed: options.excludeUnbracketed ?? false,
      ...(options.allowUnidentifiable ? { allowUnidentifiable: true as const } : {}),
    },
    data: {
      files: files.map((path) => ({ path, sha256: fileSha256(path) })),
      groups: grids.length,
      runs,
      usableRuns: usable,
      keptRuns: kept.length,
      excluded: { nonFiniteLoss: nonFinite, diverged },
      distinctN,
      distinctD,
      keptGroups: clusters.length,
      range: { N: [sizesN.min, sizesN.max], D: [sizesD.min, sizesD.max] },
    },
    lr,
    batch,
    law,
    lawSource: boot && boot.samples.length > 1 ? 'bootstrap-mean' : 'least-squares',
    bootstrap: boot,
    kept,
    warnings,
  };
}

/** The axes a group tried one level of while some group of the sweep searched them (`searchedAnywhere`). */
function singleLevelAxes(g: Grid, searchedAnywhere: { lr: boolean; batch: boolean }): ('lr' | 'batch')[] {
  return (['lr', 'batch'] as const).filter((a) => !g.searched[a] && searchedAnywhere[a]);
}

/**
 * A kept run read from a store's columns (sweep/run-store.ts): the store, the run's position and its group;
 * every other field a getter. A plain object per kept run held five boxed doubles (~120 bytes; 143k of them
 * for a 2M-run sweep), this holds three references. As JSON (the fit record) it is the plain `KeptRun`.
 */
class StoredKeptRun implements KeptRun {
  readonly #store: RunStore;
  readonly #i: number;
  readonly group: string;
  constructor(store: RunStore, i: number, group: string) {
    this.#store = store;
    this.#i = i;
    this.group = group;
  }
  get file(): string {
    return this.#store.file;
  }
  get row(): number {
    return this.#i + 1;
  }
  get N(): number {
    return this.#store.N.get(this.#i);
  }
  get D(): number {
    return this.#store.D.get(this.#i);
  }
  get lr(): number {
    return this.#store.lr.get(this.#i);
  }
  get batchTokens(): number {
    return this.#store.batchTokens.get(this.#i);
  }
  get loss(): number {
    return this.#store.loss.get(this.#i);
  }
  toJSON(): KeptRun {
    return { file: this.file, row: this.row, group: this.group, N: this.N, D: this.D, lr: this.lr, batchTokens: this.batchTokens, loss: this.loss };
  }
  /**
   * `JSON.stringify(this.toJSON(), null, 2)` indented by `indent`, printed from the columns (the fit record's
   * writer, util/json-stream.ts): no object per run, no re-indentation. Same members in the same order.
   */
  [JSON_TEXT](indent: string): string {
    const t = keptRunText;
    return t.head(indent, this.file) + this.row + t.middle(indent, this.group, this.N, this.D) + jsonNumber(this.lr) + t.beforeBatch + jsonNumber(this.batchTokens) + t.beforeLoss + jsonNumber(this.loss) + t.end;
  }
}
StoredKeptRun satisfies { prototype: PrintsJson };

/**
 * The constant parts of a kept run's JSON text, remembered for the last indentation, file, group, N and D asked
 * (kept runs come group by group, from few files): a run's text is then eight pieces, its row, lr, batch and
 * loss between them. Pieces, in order: `{` to the row's value (`head`), the row to lr's value (`middle`: group,
 * N, D), lr to batch (`beforeBatch`), batch to loss (`beforeLoss`), and the closing brace (`end`).
 */
class KeptRunText {
  #indent: string | undefined;
  #file: string | undefined;
  #head = '';
  #group: string | undefined;
  #N = NaN;
  #D = NaN;
  #middle = '';
  beforeBatch = '';
  beforeLoss = '';
  end = '';
  #setIndent(indent: string): void {
    if (indent === this.#indent) return;
    this.#indent = indent;
    this.#file = undefined;
    this.#group = undefined;
    this.beforeBatch = `,\n${indent}  "batchTokens": `;
    this.beforeLoss = `,\n${indent}  "loss": `;
    this.end = `\n${indent}}`;
  }
  head(indent: string, file: string): string {
    this.#setIndent(indent);
    if (file !== this.#file) {
      this.#file = file;
      this.#head = `{\n${indent}  "file": ${JSON.stringify(file)},\n${indent}  "row": `;
    }
    return this.#head;
  }
  middle(indent: string, group: string, N: number, D: number): string {
    if (group !== this.#group || !Object.is(N, this.#N) || !Object.is(D, this.#D)) {
      this.#group = group;
      this.#N = N;
      this.#D = D;
      const m = `,\n${indent}  `;
      this.#middle = `${m}"group": ${JSON.stringify(group)}${m}"N": ${jsonNumber(N)}${m}"D": ${jsonNumber(D)}${m}"lr": `;
    }
    return this.#middle;
  }
}
const keptRunText = new KeptRunText();

function toKept(r: Run, group: string): KeptRun {
  return { file: r.file, row: r.row, group, N: r.N, D: r.D, lr: r.lr, batchTokens: r.batchTokens, loss: r.loss };
}

/** The kept runs of one grid: `kept[start, end)`, and the grid's key. */
interface KeptSpan {
  key: string;
  start: number;
  end: number;
}

/**
 * Indices of the kept runs of each group (runs with the same key), groups in order of first appearance: the
 * spans of one key, one after the other (a grid's kept runs are one span, in order).
 */
function groupClusters(spans: readonly KeptSpan[]): Int32Array[] {
  return [...groupBy(spans, (s) => s.key).values()].map((list) => {
    const ix = new Int32Array(list.reduce((n, s) => n + s.end - s.start, 0));
    let at = 0;
    for (const s of list) for (let i = s.start; i < s.end; i++) ix[at++] = i;
    return ix;
  });
}

/** The kept runs' N, D, lr and batch as growing columns. */
class KeptColumns {
  private N = new Float64Array(256);
  private D = new Float64Array(256);
  private lr = new Float64Array(256);
  private batch = new Float64Array(256);
  private length = 0;
  push(N: number, D: number, lr: number, batch: number): void {
    if (this.length === this.N.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.N = grow(this.N);
      this.D = grow(this.D);
      this.lr = grow(this.lr);
      this.batch = grow(this.batch);
    }
    const i = this.length++;
    this.N[i] = N;
    this.D[i] = D;
    this.lr[i] = lr;
    this.batch[i] = batch;
  }
  /** The columns, one entry per kept run (views). */
  values(): { N: Float64Array; D: Float64Array; lr: Float64Array; batch: Float64Array } {
    const n = this.length;
    return { N: this.N.subarray(0, n), D: this.D.subarray(0, n), lr: this.lr.subarray(0, n), batch: this.batch.subarray(0, n) };
  }
}

/**
 * How many distinct values (as a Set counts them: NaN equals NaN) and the smallest and largest (NaN skipped, as
 * `fittedRange` and `minOf`/`maxOf` skip it). Kept runs come group by group, so a value is mostly its predecessor's.
 */
function sizeSummary(xs: Float64Array): { distinct: number; min: number; max: number } {
  const seen = new Set<number>();
  let min = Infinity;
  let max = -Infinity;
  let last = NaN;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (v === last) continue;
    last = v;
    seen.add(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { distinct: seen.size, min, max };
}

/**
 * Two-step (centroid) 95% intervals, Donald & Lang (2007): OLS of each group's
 * mean response on its design row (N and D are constant within a group), and
 * β̂ ± t_{G−p, 0.975}·se with G − p degrees of freedom. Per term; undefined
 * where G ≤ p or the centroids cannot identify the term.
 */
function centroidIntervals(clusters: Int32Array[], d: Design, y: number[]): ([number, number] | undefined)[] {
  const p = d.terms.length;
  const G = clusters.length;
  const none = d.terms.map(() => undefined);
  if (G <= p) return none;
  const X = clusters.map((c) => d.columns.map((col) => col[c[0]]));
  const yc = clusters.map((c) => Array.from(c).reduce((s, i) => s + y[i], 0) / c.length);
  let fit;
  try {
    fit = ols(X, yc);
  } catch (e) {
    if (!(e instanceof RankDeficientError)) throw e;
    return none;
  }
  const t = studentTQuantile(0.975, G - p);
  return fit.coef.map((b, k) => (Number.isFinite(fit.stderr[k]) ? ([b - t * fit.stderr[k], b + t * fit.stderr[k]] as [number, number]) : undefined));
}

/**
 * Bootstrap: resample groups (clusters) or kept runs with replacement, refit
 * both regressions on the same resample. Columns are centred on the
 * full-sample means so the normal equations stay well conditioned; intercepts
 * are mapped back.
 */
function bootstrapCoefficients(
  logs: SizeLogs,
  clusters: Int32Array[],
  resample: ResampleMethod,
  lrDesign: Design,
  bDesign: Design,
  yLr: number[],
  yB: number[],
  nboot: number,
  seed: number,
  method: RegressionMethod,
  fScales: [number | undefined, number | undefined],
  onProgress?: (done: number, total: number) => void,
): BootstrapResult {
  const n = logs.lnN.length;
  // Both regressions refit on the same resample; a resample that cannot identify either fails.
  if (method === 'ols' && resample === 'groups') {
    // From per-group sums of the normal equations: the same draws, the same estimator, O(groups) per replicate.
    const ols = olsRefit(logs, lrDesign.terms, bDesign.terms, yLr, yB, clusters);
    const rng = createRng(seed);
    const drawn = new Int32Array(clusters.length);
    return replicateBootstrap(nboot, () => ols.replicate(rng, drawn), onProgress);
  }
  const refit = method === 'ols' ? olsRefit(logs, lrDesign.terms, bDesign.terms, yLr, yB).refit : engineRefit(lrDesign, bDesign, yLr, yB, method, fScales);
  return resample === 'groups'
    ? clusterBootstrap(clusters, nboot, createRng(seed), refit, onProgress)
    : bootstrap(n, nboot, createRng(seed), refit, onProgress);
}

/**
 * The OLS refit of both regressions on a resample (kept-run indices, repeats
 * allowed): ln N and ln D centred on their full-sample means in contiguous
 * columns, the normal-equation sums of both targets accumulated in one pass
 * over the indices (`ResampledOls`, no gathered rows), each system solved by
 * Cholesky. Same sums in the same order as `olsCoefficients` on the centred
 * design, so the same coefficients. Given the groups (`clusters`), `replicate`
 * draws the groups of one cluster resample and adds up their per-group sums
 * (`ClusterSums.drawAndAccumulate`): the same normal equations, regrouped.
 */
function olsRefit(
  logs: SizeLogs,
  lrTerms: Design['terms'],
  bTerms: Design['terms'],
  yLr: number[],
  yB: number[],
  clusters?: Int32Array[],
): { refit: (idx: Int32Array) => number[] | undefined; replicate: (rng: Rng, drawn: Int32Array) => number[] | undefined } {
  const n = logs.lnN.length;
  const centred = (x: Float64Array) => {
    const c = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i] = x[i];
    const mean = s / n;
    for (let i = 0; i < n; i++) c[i] -= mean;
    return { c, mean };
  };
  const lnN = centred(logs.lnN);
  const lnD = centred(logs.lnD);
  const ols = new ResampledOls([lnN.c, lnD.c], [Float64Array.from(yLr), Float64Array.from(yB)]);
  const means = [0, lnN.mean, lnD.mean];
  const lt = lrTerms.map(termSlot);
  const bt = bTerms.map(termSlot);
  const lm = lt.map((j) => means[j]);
  const bm = bt.map((j) => means[j]);
  const sums = clusters && ols.clusterSums(clusters);
  // Each replicate's coefficients over the centred columns (reused: a thousand replicates allocate only their rows).
  const a = new Float64Array(lt.length);
  const c = new Float64Array(bt.length);
  const solved = (): number[] | undefined => {
    if (!ols.solveInto(lt, 0, a) || !ols.solveInto(bt, 1, c)) return undefined;
    const row = [0, 0, 0, 0, 0, 0];
    placeUncentred(a, lm, lt, row, 0);
    placeUncentred(c, bm, bt, row, 3);
    return row;
  };
  return {
    refit: (idx) => {
      if (sums) sums.accumulate(idx);
      else ols.accumulate(idx);
      return solved();
    },
    replicate: (rng, drawn) => {
      if (!sums) throw new Error('olsRefit: replicate needs the groups');
      sums.drawAndAccumulate(rng, drawn);
      return solved();
    },
  };
}

/**
 * Coefficients over centred columns (intercept first, `means[k]` the mean column k was centred on) as the full
 * 3-vector [intercept, cN, cD] over the raw columns, written into `row` from `offset`: the intercept
 * c0 − Σ cₖ·meanₖ (k ≥ 1, in order) at slot 0, cₖ at its term's slot `slots[k]` (`termSlot`); a term not fitted
 * keeps the row's 0.
 */
function placeUncentred(coef: ArrayLike<number>, means: readonly number[], slots: readonly number[], row: number[], offset: number): void {
  let c0 = coef[0];
  for (let k = 1; k < coef.length; k++) c0 -= coef[k] * means[k];
  row[offset + slots[0]] = c0;
  for (let k = 1; k < coef.length; k++) row[offset + slots[k]] = coef[k];
}

/** The engine methods' refit (huber, nls): iterative fits on the gathered centred rows. */
function engineRefit(
  lrDesign: Design,
  bDesign: Design,
  yLr: number[],
  yB: number[],
  method: RegressionMethod,
  fScales: [number | undefined, number | undefined],
): (idx: Int32Array) => number[] | undefined {
  const centre = (d: Design) => {
    const n = d.X.length;
    const means = d.terms.map((_, k) => (k === 0 ? 0 : d.X.reduce((s, row) => s + row[k], 0) / n));
    return { means, X: d.X.map((row) => row.map((v, k) => (k === 0 ? 1 : v - means[k]))) };
  };
  const cl = centre(lrDesign);
  const cb = centre(bDesign);
  const lt = lrDesign.terms.map(termSlot);
  const bt = bDesign.terms.map(termSlot);
  return (idx) => {
    const a = regressCoefficients(cl.X, yLr, idx, method, fScales[0]);
    const c = regressCoefficients(cb.X, yB, idx, method, fScales[1]);
    if (!a || !c) return undefined;
    const row = [0, 0, 0, 0, 0, 0];
    placeUncentred(a, cl.means, lt, row, 0);
    placeUncentred(c, cb.means, bt, row, 3);
    return row;
  };
}

/** Coefficient rows of a fit's bootstrap as LogLinearCoefficients. */
export function bootstrapRows(fit: StepLawFit): LogLinearCoefficients[] {
  return (fit.bootstrap?.samples ?? []).map((s) => ({
    lr: { intercept: s[0], coefN: s[1], coefD: s[2] },
    batch: { intercept: s[3], coefN: s[4], coefD: s[5] },
  }));
}

/** The fitted law as a Law (predicts with `fit.law`; interval from the bootstrap rows). */
export function fitToLaw(fit: StepLawFit, name = 'fitted'): Law {
  const c = fit.law;
  const unidentifiable = fit.warnings.filter((w) => w.code === 'unidentifiable');
  const caveats = [
    ...(unidentifiable.length > 0 ? [msg.carriedWarnings(unidentifiable[0].message, unidentifiable.length - 1)] : []),
    `Fitted by steplaw (${fit.method}, band ${fit.options.band}, ${fit.data.keptRuns} kept runs from ${fit.data.groups} groups); coefficients are ${fit.lawSource === 'bootstrap-mean' ? `means of ${fit.bootstrap?.samples.length} bootstrap refits` : 'least-squares estimates'}.`,
    ...fit.warnings.filter((w) => w.code === 'reduced-fit' || w.code === 'few-groups').map((w) => w.message),
  ];
  const law = logLinearLaw(
    {
      name,
      title: `Fitted Step-Law form (${name})`,
      formula: `ln lr = ${c.lr.intercept.toFixed(6)} ${signed(c.lr.coefN)}·ln N ${signed(c.lr.coefD)}·ln D; ln B = ${c.batch.intercept.toFixed(6)} ${signed(c.batch.coefN)}·ln N ${signed(c.batch.coefD)}·ln D (B in tokens)`,
      citation: `steplaw fit of ${fit.data.files.map((f) => f.path).join(', ')}`,
      caveats,
    },
    c,
    bootstrapRows(fit),
  );
  // Older fit files have no recorded range: their kept runs give it.
  law.range = fit.data.range ?? fittedRange(fit.kept);
  const carried = fit.warnings.filter((w) => w.code === 'unidentifiable');
  if (carried.length > 0) law.warnings = carried;
  return law;
}

/** One slice of a `fit --by` file (kind steplaw-fit-slices). */
export interface FitSlicesRecord {
  kind: 'steplaw-fit-slices';
  version: 1;
  by: string;
  slices: { slice: string; value: unknown; runs: number; groups: number; error: string | null; fit: StepLawFit | null }[];
}

/**
 * Read a fit JSON written by `steplaw fit` (or `fit --by`, choosing `slice` by
 * its label `by=value` or its value) and return it as a Law named after the
 * file (and slice).
 * @throws InputError for an unreadable file, a file of another kind, a
 *   multi-slice file without `slice` or with an unknown one (listing the slices),
 *   or `slice` given for a single fit.
 */
export function readFitLaw(path: string, slice?: string): Law {
  const parsed = readJsonFile(path);
  const base = path.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  const record = parsed as { kind?: unknown };
  if (record && record.kind === 'steplaw-fit-slices') {
    const multi = parsed as FitSlicesRecord;
    const labels = Array.isArray(multi.slices) ? multi.slices.map((s) => s.slice) : [];
    if (slice === undefined) throw new InputError(msg.fitFileNeedsSlice(path, labels), { file: path });
    const chosen = multi.slices.find((s) => s.slice === slice || String(s.value) === slice || s.slice === `${multi.by}=${slice}`);
    if (!chosen) throw new InputError(msg.fitFileUnknownSlice(path, slice, labels), { file: path });
    if (!chosen.fit) throw new InputError(msg.fitFileSliceNotFitted(path, chosen.slice, chosen.error ?? 'no fit'), { file: path });
    return checkedFitLaw(chosen.fit, path, `${base}[${chosen.slice}]`);
  }
  if (slice !== undefined) throw new InputError(msg.fitFileNotSliced(path), { file: path });
  return checkedFitLaw(parsed as StepLawFit, path, base);
}

/** A single fit record, validated field by field (src/laws/fit-file.ts) before it becomes a Law. */
function checkedFitLaw(fit: unknown, path: string, name: string): Law {
  const kind = fit !== null && typeof fit === 'object' ? (fit as { kind?: unknown }).kind : undefined;
  if (kind !== 'steplaw-fit') {
    throw new InputError(`${path}: not a steplaw fit file (expected "kind": "steplaw-fit" or "steplaw-fit-slices")`, { file: path });
  }
  return fitToLaw(validateStepLawFit(fit, path), name);
}
