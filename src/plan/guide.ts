/**
 * The guide: where the next group's runs are centred. Progressive over the
 * ladder, the prior law is corrected by the optima found so far:
 *
 *   ln lr_guide(N, D) = ln lr_prior(N, D) + r(N, D),  r = OLS of the residuals
 *   ln lr*_g − ln lr_prior(N_g, D_g) on the terms the optima identify,
 *
 * and the same for ln B (terms 1, ln D). Terms enter in the order intercept,
 * ln D, ln N, each once the optima span ×1.1 in it and leave a residual degree
 * of freedom. With no optimum yet the guide is the prior; with one it is the
 * prior shifted to pass through it (a poor prior's level is fixed after the
 * first group); once every term is identified the guide is the law fitted to
 * the optima so far (exactly, for a log-linear prior).
 */
import { ols, RankDeficientError } from '../fitter/ols.js';
import type { GroupOptimum } from './optimum.js';

export interface GuidePoint {
  lnLr: number;
  lnB: number;
}

export interface Guide {
  /** The terms of the correction fitted so far, per axis. */
  terms: { lr: string[]; batch: string[] };
  predict(N: number, D: number, prior: GuidePoint): GuidePoint;
}

const MIN_SPREAD = 1.1;

function correction(points: { N: number; D: number; r: number }[], allowN: boolean): { terms: string[]; f: (N: number, D: number) => number } {
  if (points.length === 0) return { terms: [], f: () => 0 };
  const spread = (xs: number[]) => Math.max(...xs) / Math.min(...xs);
  const terms = ['intercept'];
  if (spread(points.map((p) => p.D)) >= MIN_SPREAD && points.length >= terms.length + 2) terms.push('lnD');
  if (allowN && spread(points.map((p) => p.N)) >= MIN_SPREAD && points.length >= terms.length + 2) terms.push('lnN');
  const col = (N: number, D: number, t: string) => (t === 'intercept' ? 1 : t === 'lnD' ? Math.log(D) : Math.log(N));
  const fit = (ts: string[]) => ols(points.map((p) => ts.map((t) => col(p.N, p.D, t))), points.map((p) => p.r));
  let used = terms;
  let coef: number[];
  try {
    coef = fit(used).coef;
  } catch (e) {
    if (!(e instanceof RankDeficientError)) throw e;
    used = ['intercept'];
    coef = fit(used).coef;
  }
  return { terms: used, f: (N, D) => used.reduce((s, t, k) => s + coef[k] * col(N, D, t), 0) };
}

/** The guide from the optima found so far and the prior's predictions at them. */
export function makeGuide(found: { optimum: Pick<GroupOptimum, 'N' | 'D' | 'lnLr' | 'lnB'>; prior: GuidePoint }[]): Guide {
  const lr = correction(found.map((f) => ({ N: f.optimum.N, D: f.optimum.D, r: f.optimum.lnLr - f.prior.lnLr })), true);
  const b = correction(found.map((f) => ({ N: f.optimum.N, D: f.optimum.D, r: f.optimum.lnB - f.prior.lnB })), false);
  return {
    terms: { lr: lr.terms, batch: b.terms },
    predict: (N, D, prior) => ({ lnLr: prior.lnLr + lr.f(N, D), lnB: prior.lnB + b.f(N, D) }),
  };
}
