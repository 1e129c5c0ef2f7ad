/**
 * The planner's estimator of the Step Law form from a few runs per group:
 *
 *  1. each group's optimum (ln lr*, ln B*) from the shared-curvature quadratic
 *     model of the plateau (optimum.ts);
 *  2. ordinary least squares, one point per group: ln lr* = c0 + cN·ln N + cD·ln D
 *     and ln B* = b0 + bD·ln D (the Step Law form, Li et al. arXiv 2503.04715);
 *  3. intervals by resampling whole groups (a cluster bootstrap: the runs of one
 *     (N, D) group are not independent draws), refitting steps 1–2 each time;
 *     95% intervals as the Step Law fit's: estimate ± t(G − 1)·√(G/(G − 1))·sd.
 *
 * A size term is fitted only when the optima span at least ×1.1 in it (as the
 * Step Law fit, steplaw-fit.ts), else dropped (`reducedTerms`).
 */
import { bootstrap } from '../fitter/bootstrap.js';
import { ols, RankDeficientError, olsCoefficients } from '../fitter/ols.js';
import type { Law, LogLinearCoefficients } from '../laws/law.js';
import { logLinearLaw } from '../laws/published/steplaw.js';
import { DEFAULT_MIN_SPREAD } from '../laws/steplaw-fit.js';
import { createRng, DEFAULT_SEED } from '../util/random.js';
import { studentTQuantile } from '../util/stats.js';
import { groupOptima, type GroupOptimum, type OptimaOptions, type OptimaResult } from './optimum.js';
import type { Exponents, GroupRuns } from './types.js';

export interface OptimaLaw {
  coefficients: LogLinearCoefficients;
  /** Terms left out because the optima do not span ×1.1 in them. */
  reducedTerms: ('lnN' | 'lnD')[];
  /** Residual standard deviations (ln units) of the two regressions, null without residual degrees of freedom. */
  sigma: { lr: number | null; batch: number | null };
  /** Covariance of the lr coefficients [c0, cN, cD] and the batch ones [b0, bD] (zeros for dropped terms); null without dof. */
  covariance: { lr: number[][] | null; batch: number[][] | null };
}

const spread = (xs: number[]) => Math.max(...xs) / Math.min(...xs);

/**
 * Least squares of the optima on ln N, ln D (lr) and ln D (batch).
 * @returns null when fewer optima than coefficients.
 */
export function fitOptimaLaw(optima: Pick<GroupOptimum, 'N' | 'D' | 'lnLr' | 'lnB'>[], minSpread = DEFAULT_MIN_SPREAD): OptimaLaw | null {
  if (optima.length === 0) return null;
  const useN = spread(optima.map((o) => o.N)) >= minSpread;
  const useD = spread(optima.map((o) => o.D)) >= minSpread;
  const lrTerms = ['intercept', ...(useN ? ['lnN'] : []), ...(useD ? ['lnD'] : [])];
  const bTerms = ['intercept', ...(useD ? ['lnD'] : [])];
  const col = (o: Pick<GroupOptimum, 'N' | 'D'>, t: string) => (t === 'intercept' ? 1 : t === 'lnN' ? Math.log(o.N) : Math.log(o.D));
  if (optima.length < lrTerms.length) return null;
  let lr: ReturnType<typeof ols>;
  let b: ReturnType<typeof ols>;
  try {
    lr = ols(optima.map((o) => lrTerms.map((t) => col(o, t))), optima.map((o) => o.lnLr));
    b = ols(optima.map((o) => bTerms.map((t) => col(o, t))), optima.map((o) => o.lnB));
  } catch (e) {
    if (!(e instanceof RankDeficientError)) throw e;
    return null;
  }
  const pick = (terms: string[], coef: number[], t: string) => (terms.includes(t) ? coef[terms.indexOf(t)] : 0);
  const expandCov = (terms: string[], cov: number[][], all: string[]) =>
    all.map((a) => all.map((c) => (terms.includes(a) && terms.includes(c) ? cov[terms.indexOf(a)][terms.indexOf(c)] : 0)));
  return {
    coefficients: {
      lr: { intercept: lr.coef[0], coefN: pick(lrTerms, lr.coef, 'lnN'), coefD: pick(lrTerms, lr.coef, 'lnD') },
      batch: { intercept: b.coef[0], coefN: 0, coefD: pick(bTerms, b.coef, 'lnD') },
    },
    reducedTerms: [...(useN ? [] : (['lnN'] as const)), ...(useD ? [] : (['lnD'] as const))],
    sigma: { lr: lr.dof > 0 ? lr.sigma : null, batch: b.dof > 0 ? b.sigma : null },
    covariance: {
      lr: lr.dof > 0 ? expandCov(lrTerms, lr.covariance, ['intercept', 'lnN', 'lnD']) : null,
      batch: b.dof > 0 ? expandCov(bTerms, b.covariance, ['intercept', 'lnD']) : null,
    },
  };
}

export const exponentsOf = (c: LogLinearCoefficients): Exponents => ({ lrN: c.lr.coefN, lrD: c.lr.coefD, batchD: c.batch.coefD });

export interface PlannedLawEstimate {
  method: string;
  optima: OptimaResult;
  law: OptimaLaw;
  exponents: Exponents;
  /** Cluster (group) bootstrap: resamples, failures, 95% intervals of the exponents (CR1-scaled t, and percentiles). */
  bootstrap: {
    resamples: number;
    failed: number;
    seed: number;
    ci95: Record<keyof Exponents, [number, number]>;
    percentileCi95: Record<keyof Exponents, [number, number]>;
  } | null;
}

export interface EstimateOptions extends OptimaOptions {
  /** Group-bootstrap resamples (default 0: none). */
  bootstrap?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export const ESTIMATOR_METHOD =
  'per-group vertex of a quadratic in (ln lr, ln B) with one curvature shared by all groups (runs within the cutoff of the group best), then OLS of the optima on ln N, ln D (lr) and ln D (batch); intervals by resampling groups';

/**
 * The planned law from the runs of every group.
 * @returns null when the optima cannot identify the law (fewer optima than coefficients).
 */
export function estimatePlannedLaw(groups: GroupRuns[], options: EstimateOptions = {}): PlannedLawEstimate | null {
  const optima = groupOptima(groups, options);
  const law = fitOptimaLaw(optima.optima);
  if (!law) return null;
  const nboot = options.bootstrap ?? 0;
  const seed = options.seed ?? DEFAULT_SEED;
  let boot: PlannedLawEstimate['bootstrap'] = null;
  if (nboot > 0) {
    const res = bootstrap(
      groups.length,
      nboot,
      createRng(seed),
      (idx) => {
        const sample = Array.from(idx, (k, n) => ({ ...groups[k], key: `${groups[k].key}#${n}` }));
        // Hot loop: the exponents only, by the normal equations (the full fit's terms; undefined when not identified).
        const o = groupOptima(sample, options).optima;
        const lrTerms = law.reducedTerms.includes('lnN') ? [] : ['lnN'];
        const withD = !law.reducedTerms.includes('lnD');
        const row = (x: (typeof o)[number], terms: string[]) => [1, ...terms.map((t) => (t === 'lnN' ? Math.log(x.N) : Math.log(x.D)))];
        const a = olsCoefficients(o.map((x) => row(x, [...lrTerms, ...(withD ? ['lnD'] : [])])), o.map((x) => x.lnLr));
        const b = olsCoefficients(o.map((x) => row(x, withD ? ['lnD'] : [])), o.map((x) => x.lnB));
        if (!a || !b) return undefined;
        const nN = lrTerms.length;
        return [nN ? a[1] : 0, withD ? a[1 + nN] : 0, withD ? b[1] : 0];
      },
      options.onProgress,
    );
    // As the Step Law fit's group bootstrap (steplaw-fit.ts; Cameron & Miller 2015 §VI): with G groups,
    // estimate ± t(G − 1, 0.975)·√(G/(G − 1))·sd of the resampled exponents; the percentiles are kept too.
    const G = groups.length;
    const est = exponentsOf(law.coefficients);
    const t = G > 1 ? studentTQuantile(0.975, G - 1) * Math.sqrt(G / (G - 1)) : NaN;
    const ci = (k: number, v: number): [number, number] => [v - t * res.std[k], v + t * res.std[k]];
    boot = {
      resamples: nboot,
      failed: res.failed,
      seed,
      ci95: { lrN: ci(0, est.lrN), lrD: ci(1, est.lrD), batchD: ci(2, est.batchD) },
      percentileCi95: { lrN: [res.lower[0], res.upper[0]], lrD: [res.lower[1], res.upper[1]], batchD: [res.lower[2], res.upper[2]] },
    };
  }
  return { method: ESTIMATOR_METHOD, optima, law, exponents: exponentsOf(law.coefficients), bootstrap: boot };
}

/** A log-linear Law from coefficients, to score a planned law with the validator. */
export function lawOf(c: LogLinearCoefficients, name: string): Law {
  return logLinearLaw({ name, title: name, formula: '', citation: 'steplaw plan', caveats: [] }, c);
}
