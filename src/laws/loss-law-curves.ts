/**
 * What a fitted Chinchilla-form loss law L(N, D) = E + A/N^α + B/D^β says
 * over the range of its runs (Hoffmann et al. 2022; docs/method.md#loss-laws):
 * the fitted loss of every run, iso-loss curves in (N, D) and the
 * compute-optimal frontier under C = 6·N·D. Computed here, drawn by the
 * report (report/adapters.ts `lossLawFigures`).
 */
import { quantile } from '../util/stats.js';
import { logSpace, maxOf, minOf } from '../util/arrays.js';
import { predictLoss, type LossLawFit } from './loss-law.js';

/** L(N, D) = E + A/N^α + B/D^β; a reduced law has A = 0 (no N term) or B = 0 (no D term). */
export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/**
 * Compute-optimal allocation under C = 6·N·D (Hoffmann et al. 2022, eq. 4):
 * N*(C) = G·(C/6)^a, D*(C) = G⁻¹·(C/6)^b, with a = β/(α+β), b = α/(α+β),
 * G = (αA / (βB))^(1/(α+β)).
 */
export function chinchillaOptimum(p: ChinchillaParams, C: number): { N: number; D: number } {
  const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / (p.alpha + p.beta));
  const a = p.beta / (p.alpha + p.beta);
  const b = p.alpha / (p.alpha + p.beta);
  return { N: G * Math.pow(C / 6, a), D: Math.pow(C / 6, b) / G };
}

/** The iso-loss curve L(N, D) = loss: D(N) = (B / (loss − E − A/N^α))^(1/β) where the bracket is > 0. */
export function isoLossCurve(p: ChinchillaParams, loss: number, Ns: number[]): { N: number; D: number }[] {
  return Ns.flatMap((N) => {
    const rest = loss - p.E - p.A / N ** p.alpha;
    if (!(rest > 0)) return [];
    return [{ N, D: Math.pow(p.B / rest, 1 / p.beta) }];
  });
}

/** A fit's point estimates as Chinchilla parameters; a reduced law's missing term (NaN A, α or B, β) is 0. */
export function chinchillaParams(fit: LossLawFit): ChinchillaParams {
  const e = fit.estimates;
  const v = { E: e.E.value, A: e.A.value, B: e.B.value, alpha: e.alpha.value, beta: e.beta.value };
  if (!(Number.isFinite(v.A) && Number.isFinite(v.alpha))) Object.assign(v, { A: 0, alpha: 1 });
  if (!(Number.isFinite(v.B) && Number.isFinite(v.beta))) Object.assign(v, { B: 0, beta: 1 });
  return v;
}

export interface LossLawCurves {
  params: ChinchillaParams;
  /** The law at each run, in the runs' order. */
  fitted: number[];
  /** The iso-loss levels asked for (a level no N of the range reaches has no curve). */
  levels: number[];
  /** Iso-loss curves (levels with at least 2 points), N from half the smallest to twice the largest N of the runs (60 points). */
  isoLoss: { loss: number; points: { N: number; D: number }[] }[];
  /** N*(C), D*(C) for C from half the smallest to twice the largest 6·N·D of the runs (30 points). */
  frontier: { C: number; N: number; D: number }[];
}

/**
 * The curves of a law over its runs. Iso-loss levels: `levels`, or the 10/30/50/70/90% quantiles of the runs'
 * losses (3 significant digits, repeats dropped).
 */
export function lossLawCurves(p: ChinchillaParams, runs: readonly { N: number; D: number; loss: number }[], levels?: readonly number[]): LossLawCurves {
  const Ns = runs.map((r) => r.N);
  const losses = runs.map((r) => r.loss).sort((a, b) => a - b);
  const lv = levels ? [...levels] : [0.1, 0.3, 0.5, 0.7, 0.9].map((q) => Number(quantile(losses, q).toPrecision(3))).filter((v, i, a) => a.indexOf(v) === i);
  const Ngrid = logSpace(minOf(Ns) / 2, maxOf(Ns) * 2, 60);
  const Cs = runs.map((r) => 6 * r.N * r.D);
  const Cgrid = logSpace(minOf(Cs) / 2, maxOf(Cs) * 2, 30);
  return {
    params: p,
    fitted: runs.map((r) => predictLoss(p, r.N, r.D)),
    levels: lv,
    isoLoss: lv.map((loss) => ({ loss, points: isoLossCurve(p, loss, Ngrid) })).filter((c) => c.points.length >= 2),
    frontier: Cgrid.map((C) => ({ C, ...chinchillaOptimum(p, C) })),
  };
}
