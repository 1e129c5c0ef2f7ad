/**
 * Multi-start: run the engine from every start, keep the best converged run
 * (lowest cost); when none converged, the lowest-cost run is returned with
 * success = false. Statistics and covariance are computed once, for the winner.
 */
import { finalize, makeSetup, runFrom } from './least-squares.js';
import { converged as isConverged, type CoreResult } from './lm.js';
import type { FitResult, LeastSquaresOptions, LeastSquaresProblem } from './types.js';

export type Start = number[] | Record<string, number>;

export interface MultiStartResult extends FitResult {
  starts: number;
  convergedStarts: number;
  /** Index (into `starts`) of the start that produced the result. */
  bestStart: number;
  /** Evaluations over all starts (nfev/njev are those of the winning run). */
  totalNfev: number;
  totalNjev: number;
}

/** A start as a full vector: a record may name any subset; the rest keep the problem's values. */
export function startVector(problem: LeastSquaresProblem, start: Start): number[] {
  if (Array.isArray(start)) return start;
  const names = new Set(problem.params.map((q) => q.name));
  for (const k of Object.keys(start)) if (!names.has(k)) throw new Error(`multiStart: unknown parameter ${k} in a start`);
  return problem.params.map((q) => (q.name in start ? start[q.name] : q.value));
}

export interface MultiStartOptions extends LeastSquaresOptions {
  /**
   * Tolerance (ftol = xtol = gtol) for the run from each start; the winner is
   * then refined from its end point with the full tolerances of `options`.
   * Default 1e-8 (scipy's default), or the full tolerance when that is looser.
   * Ranking by cost at this tolerance can only confuse minima whose costs agree
   * to ~1e-8 relative — fits that are equivalent anyway. Set it to the full
   * tolerance to converge every start completely.
   */
  screenTol?: number;
}

export function multiStart(
  problem: LeastSquaresProblem,
  starts: Start[],
  options: MultiStartOptions = {},
): MultiStartResult {
  if (starts.length === 0) throw new Error('multiStart: no starts');
  const full = makeSetup(problem, options);
  const tau = options.screenTol ?? 1e-8;
  const s = { ...full, ftol: Math.max(full.ftol, tau), xtol: Math.max(full.xtol, tau), gtol: Math.max(full.gtol, tau) };
  // The few lowest-cost converged runs (a winner that finalize finds degenerate —
  // a plateau where a parameter has no effect — gives way to the next), and the
  // lowest-cost run overall for when none converged.
  const KEEP = 5;
  type Cand = { core: CoreResult; idx: number; init: number[] };
  const ok: Cand[] = [];
  let fallback: Cand | undefined;
  let converged = 0;
  let nfev = 0;
  let njev = 0;
  starts.forEach((st, idx) => {
    const v = startVector(problem, st);
    const core = runFrom(s, v);
    nfev += core.nfev;
    njev += core.njev;
    const cand = { core, idx, init: v };
    if (isConverged(core.info) && Number.isFinite(core.cost)) {
      converged++;
      if (ok.length < KEEP || core.cost < ok[ok.length - 1].core.cost) {
        ok.push(cand);
        ok.sort((x, y) => x.core.cost - y.core.cost || x.idx - y.idx);
        if (ok.length > KEEP) ok.pop();
      }
    } else if (!fallback || (Number.isFinite(core.cost) && !(core.cost >= fallback.core.cost))) fallback = cand;
  });
  const screened = s.ftol !== full.ftol || s.xtol !== full.xtol || s.gtol !== full.gtol;
  let res: FitResult | undefined;
  let bestIdx = -1;
  for (const c of ok) {
    let final = c.core;
    if (screened) {
      // Refine with the full tolerances (costs tied at double precision count as not worse).
      const refined = runFrom(full, final.p);
      nfev += refined.nfev;
      njev += refined.njev;
      if (isConverged(refined.info) && refined.cost <= final.cost * (1 + 1e-13)) {
        final = { ...refined, nfev: final.nfev + refined.nfev, njev: final.njev + refined.njev, iterations: final.iterations + refined.iterations };
      }
    }
    const r = finalize(full, final, c.init, options.skipCovariance);
    if (!res) {
      res = r;
      bestIdx = c.idx;
    }
    if (r.status !== 'degenerate') {
      res = r;
      bestIdx = c.idx;
      break;
    }
  }
  if (!res) {
    const f = fallback!;
    res = finalize(full, f.core, f.init, options.skipCovariance);
    bestIdx = f.idx;
  }
  return { ...res, starts: starts.length, convergedStarts: converged, bestStart: bestIdx, totalNfev: nfev, totalNjev: njev };
}

/**
 * Cartesian product of axes, last axis fastest.
 * @example gridStarts([[0, 1], [5, 6]]); // => [[0, 5], [0, 6], [1, 5], [1, 6]]
 */
export function gridStarts(axes: number[][]): number[][] {
  let out: number[][] = [[]];
  for (const axis of axes) {
    const next: number[][] = [];
    for (const prefix of out) for (const v of axis) next.push([...prefix, v]);
    out = next;
  }
  return out;
}
