/**
 * `leastSquares`: bounded, weighted, optionally robust nonlinear least squares
 * with lmfit-style statistics and scipy-style covariance.
 *
 * Statistics (lmfit `MinimizerResult`, on the plain residuals r, which the
 * caller has already divided by σ when weighting):
 *   chisqr = Σ r²;  redchi = chisqr / nfree;  nfree = ndata − nvarys;
 *   aic = ndata·ln(chisqr/ndata) + 2·nvarys;  bic = ndata·ln(chisqr/ndata) + ln(ndata)·nvarys.
 */
import { msg, type Warning } from '../messages.js';
import { atBound, boundOf, dExternal, toInternal } from './bounds.js';
import { covarianceFromJacobian } from './covariance.js';
import { converged, expand, jacobianInternal, runLM, type CoreResult, type Setup } from './lm.js';
import type { FitParam, FitResult, LeastSquaresOptions, LeastSquaresProblem } from './types.js';
import { ROBUST_LOSSES, robustCost, robustScale } from './loss.js';

/**
 * Default ftol = xtol = gtol = 1e-10 (scipy: 1e-8). MINPACK's ftol is a
 * relative reduction of the cost, so an ftol stop leaves parameters ~√ftol
 * (relative to their spread) from the minimum; `runFrom` therefore refines
 * every ftol stop with ftol switched off until xtol/gtol or machine precision
 * (with that refinement all 54 NIST cases pass even at 1e-8; without it ENSO
 * and Thurber needed 1e-14). Tolerances must stay above machine epsilon.
 */
export const DEFAULT_TOL = 1e-10;
/**
 * Robust losses: during the iterations the Gauss–Newton curvature of each row
 * is max(rho′ + 2·rho″·z, 0.1·rho′) instead of scipy's max(rho′ + 2·rho″·z, EPS).
 * The gradient — hence every fixed point, the solution and its covariance
 * (computed with scipy's exact scaling) — is unchanged; only the path differs.
 * Why: with Huber δ = 1e-3 on log losses (docs/method.md#loss-laws) almost every row is
 * outside δ, scipy's curvature for those rows is zero, the model is nearly
 * singular and LM crawls (median 90 Jacobians per start on a 240-point
 * Chinchilla fit); with the 0.1·rho′ floor the median is 24, and near the
 * solution convergence stays fast (pure IRLS, floor 1, slows it to ~50).
 * Set robustCurvatureFloor: 0 to iterate exactly like scipy.
 */
export const DEFAULT_ROBUST_CURVATURE_FLOOR = 0.1;
/** A free parameter whose Jacobian column satisfies ‖J_j‖·max(|p_j|, 1e-300) ≤ 1e-10·‖r‖ has no effect on the fit. */
export const NO_EFFECT = 1e-10;
/** Condition number (unit-norm columns) above which 'ill-conditioned' is warned. */
export const ILL_CONDITIONED = 1e7;
/** Relative accuracy assumed for a central-difference Jacobian (eps^(2/3) ≈ 4e-11, with margin). */
export const FD_JAC_ACCURACY = 1e-9;

const STATUS: Record<number, [string, string]> = {
  1: ['ftol', 'both the actual and predicted relative reductions in the cost are at most ftol'],
  2: ['xtol', 'the relative change of the parameters (trust radius) is at most xtol'],
  3: ['ftol+xtol', 'both ftol and xtol conditions hold'],
  4: ['gtol', 'the residual vector is orthogonal to the Jacobian columns to within gtol'],
  5: ['max-evaluations', 'the number of residual evaluations reached maxEvaluations'],
  6: ['tolerance-too-small', 'ftol is too small: no further reduction of the cost is possible'],
  7: ['tolerance-too-small', 'xtol is too small: no further improvement of the parameters is possible'],
  8: ['tolerance-too-small', 'gtol is too small: the residuals are orthogonal to the Jacobian to machine precision'],
  [-1]: ['non-finite', 'the residuals or the Jacobian became NaN or infinite'],
  [-2]: ['too-few-data', 'fewer residuals than free parameters'],
  [-3]: ['numerical-failure', 'the trust-region step came out NaN (numerically singular Jacobian)'],
};

/** Validate the problem and fix everything that does not change between starts. */
export function makeSetup(problem: LeastSquaresProblem, options: LeastSquaresOptions = {}): Setup {
  const params = problem.params;
  if (params.length === 0) throw new Error('leastSquares: no parameters');
  const names = params.map((q) => q.name);
  if (new Set(names).size !== names.length) throw new Error(`leastSquares: duplicate parameter names in ${names.join(', ')}`);
  for (const q of params) {
    const lo = q.min ?? -Infinity;
    const hi = q.max ?? Infinity;
    if (!Number.isFinite(q.value)) throw new Error(`leastSquares: parameter ${q.name} has a non-finite value ${q.value}`);
    if (!(lo < hi)) throw new Error(`leastSquares: parameter ${q.name} has min ${lo} not below max ${hi}`);
    if (q.value < lo || q.value > hi) throw new Error(`leastSquares: parameter ${q.name} = ${q.value} is outside [${lo}, ${hi}]`);
  }
  const loss = options.loss ?? 'linear';
  if (!ROBUST_LOSSES.includes(loss)) throw new Error(`leastSquares: unknown loss ${String(loss)}`);
  const fScale = options.fScale ?? 1;
  if (!(fScale > 0)) throw new Error(`leastSquares: fScale must be > 0, got ${fScale}`);
  for (const k of ['ftol', 'xtol', 'gtol'] as const) {
    const v = options[k];
    if (v !== undefined && !(v >= 0)) throw new Error(`leastSquares: ${k} must be ≥ 0, got ${v}`);
  }
  if (options.maxEvaluations !== undefined && !(options.maxEvaluations >= 1))
    throw new Error(`leastSquares: maxEvaluations must be ≥ 1, got ${options.maxEvaluations}`);
  const freeIdx: number[] = [];
  params.forEach((q, i) => {
    if (!q.fixed) freeIdx.push(i);
  });
  const n = freeIdx.length;
  const base = Float64Array.from(params.map((q) => q.value));
  let diag0: Float64Array | null = null;
  if (Array.isArray(options.xScale)) {
    if (options.xScale.length !== n) throw new Error(`leastSquares: xScale has ${options.xScale.length} entries, there are ${n} free parameters`);
    diag0 = Float64Array.from(options.xScale, (v) => {
      if (!(v > 0)) throw new Error('leastSquares: xScale entries must be > 0');
      return 1 / v;
    });
  }
  return {
    names,
    nAll: params.length,
    n,
    free: Int32Array.from(freeIdx),
    bounds: freeIdx.map((i) => boundOf(params[i].min ?? -Infinity, params[i].max ?? Infinity)),
    declaredMin: Float64Array.from(params, (q) => q.min ?? -Infinity),
    declaredMax: Float64Array.from(params, (q) => q.max ?? Infinity),
    base,
    residuals: problem.residuals,
    jacobian: problem.jacobian,
    loss,
    fScale,
    ftol: options.ftol ?? DEFAULT_TOL,
    xtol: options.xtol ?? DEFAULT_TOL,
    gtol: options.gtol ?? DEFAULT_TOL,
    maxfev: options.maxEvaluations ?? 2000 * (n + 1),
    diag0,
    diffMethod: options.diffMethod ?? '2-point',
    robustCurvatureFloor: options.robustCurvatureFloor ?? DEFAULT_ROBUST_CURVATURE_FLOOR,
  };
}

/** Run the core LM from a full external start vector (fixed entries ignored). */
export function runFrom(s: Setup, start: ArrayLike<number>): CoreResult {
  if (start.length !== s.nAll) throw new Error(`start vector has ${start.length} values, there are ${s.nAll} parameters`);
  const u = new Float64Array(s.n);
  for (let j = 0; j < s.n; j++) {
    const b = s.bounds[j];
    const v = start[s.free[j]];
    if (!Number.isFinite(v)) throw new Error(`start value of ${s.names[s.free[j]]} is not finite`);
    if (v < b.min || v > b.max) throw new Error(`start value ${v} of ${s.names[s.free[j]]} is outside [${b.min}, ${b.max}]`);
    u[j] = toInternal(b, v);
  }
  const p0 = expand(s, u, new Float64Array(s.nAll));
  const r0 = s.residuals(p0.slice());
  if (r0.length < s.n) return { info: -2, u, p: p0, r: r0, cost: NaN, nfev: 1, njev: 0, iterations: 0 };
  if (s.n === 0) return { info: 0, u, p: p0, r: r0, cost: robustCost(r0, s.loss, s.fScale), nfev: 1, njev: 0, iterations: 0 };
  const core = runLM(s, u, r0);
  if (!converged(core.info)) return core;
  return refineAtBounds(s, polish(s, core), start);
}

/**
 * Refinement from a converged point:
 * - MINPACK's ftol test stops once the predicted relative reduction of the
 *   cost is ≤ ftol, i.e. with parameters only ~√ftol (relative to their
 *   spread) from the minimum; a few more Gauss–Newton steps with ftol off
 *   reach the last digits (quadratic convergence there).
 * - Forward differences carry ~√eps relative noise; polish with central ones.
 */
function polish(s: Setup, core: CoreResult): CoreResult {
  const fd2 = !s.jacobian && s.diffMethod === '2-point';
  if (core.info !== 1 && core.info !== 3 && !fd2) return core;
  const budget = Math.min(Math.max(s.maxfev - core.nfev, 0), 20 * (s.n + 1));
  if (budget === 0) return core;
  const polished = runLM({ ...s, ftol: 0, diffMethod: fd2 ? '3-point' : s.diffMethod, maxfev: budget }, core.u);
  const nfev = core.nfev + polished.nfev;
  const njev = core.njev + polished.njev;
  const iterations = core.iterations + polished.iterations;
  // Costs within 1e-13 (relative) are equal at double precision — there the
  // polished point, computed from the better Jacobian, is kept.
  if (!(polished.cost <= core.cost * (1 + 1e-13))) return { ...core, nfev, njev, iterations };
  // Polishing ending at machine precision (6–8) or on its own budget (5) keeps the original convergence status.
  const info = converged(polished.info) ? polished.info : core.info;
  return { ...polished, info, nfev, njev, iterations };
}

/**
 * A parameter converging onto a bound does so slowly in the transformed
 * variable (dp/du → 0 there), and the others stop short with it (~1e-6
 * relative on a line fit). When parameters end at a bound, set them exactly on
 * it and refit the rest: the constrained optimum, consistent with the
 * covariance reported conditional on the bound. Kept only if the cost does not
 * rise.
 */
function refineAtBounds(s: Setup, core: CoreResult, start: ArrayLike<number>, kkt = true): CoreResult {
  const fixed = fixAtBounds(s, core, start);
  if (!kkt || fixed.at.length === 0) return fixed.res;
  // KKT check: at a true constrained optimum, stepping a bound parameter
  // inward must not lower the cost. The transform's dp/du → 0 at a bound can
  // stall LM there falsely; if so, restart once from 1% of the scale inside.
  let res = fixed.res;
  const inward: number[] = [];
  const pt = Float64Array.from(res.p);
  for (const j of fixed.at) {
    const i = s.free[j];
    const { toward, scale } = inwardOf(s, j, res.p[i], start[i]);
    pt[i] = res.p[i] + toward * 1e-6 * scale;
    const rt = s.residuals(pt.slice());
    res = { ...res, nfev: res.nfev + 1 };
    pt[i] = res.p[i];
    if (robustCost(rt, s.loss, s.fScale) < res.cost * (1 - 1e-12)) inward.push(j);
  }
  if (inward.length === 0) return res;
  const u = Float64Array.from(res.u);
  for (const j of inward) {
    const i = s.free[j];
    const { toward, scale } = inwardOf(s, j, res.p[i], start[i]);
    u[j] = toInternal(s.bounds[j], res.p[i] + toward * 1e-2 * scale);
  }
  const again = runLM(s, u);
  const nfev = res.nfev + again.nfev;
  const njev = res.njev + again.njev;
  if (!converged(again.info)) return { ...res, nfev, njev };
  const better = refineAtBounds(s, polish(s, again), start, false);
  if (better.cost < res.cost) return { ...better, nfev: nfev + better.nfev - again.nfev, njev: njev + better.njev - again.njev };
  return { ...res, nfev, njev };
}

/** Direction (+1 up from a min, −1 down from a max) and scale for moving a bound parameter inside. */
function inwardOf(s: Setup, j: number, v: number, init: number): { toward: number; scale: number } {
  const b = s.bounds[j];
  const atMin = b.kind === 2 || (b.kind === 1 && v - b.min <= b.max - v);
  const scale = b.kind === 1 ? b.max - b.min : Math.max(Math.abs(atMin ? b.min : b.max), Math.abs(init), 1e-300);
  return { toward: atMin ? 1 : -1, scale };
}

/**
 * Decide which parameters are at a bound and refit the rest given them.
 * Candidates are within 1e-6 (relative) of a bound; a candidate counts as at
 * the bound only if putting it exactly there does not raise the cost (a tiny
 * interior optimum, e.g. 2e-7 above a bound at 0 with a start at 1, is not a
 * bound solution). Candidates are tried one at a time, then the accepted ones
 * are fixed together.
 */
function fixAtBounds(s: Setup, core: CoreResult, start: ArrayLike<number>): { res: CoreResult; at: number[] } {
  const cand: number[] = [];
  for (let j = 0; j < s.n; j++) if (atBound(s.bounds[j], core.p[s.free[j]], start[s.free[j]])) cand.push(j);
  if (cand.length === 0) return { res: { ...core, atBounds: [] }, at: [] };
  let spent = { nfev: 0, njev: 0, iterations: 0 };
  const tally = (c: CoreResult) => {
    spent = { nfev: spent.nfev + c.nfev, njev: spent.njev + c.njev, iterations: spent.iterations + c.iterations };
  };
  let accepted = cand;
  let joint: CoreResult | undefined;
  if (cand.length > 1) {
    accepted = cand.filter((j) => {
      const c = fixAndRefit(s, core, [j]);
      tally(c);
      return acceptable(c, core);
    });
  }
  if (accepted.length > 0) {
    joint = fixAndRefit(s, core, accepted);
    tally(joint);
    if (!acceptable(joint, core)) joint = undefined;
  }
  const counts = { nfev: core.nfev + spent.nfev, njev: core.njev + spent.njev, iterations: core.iterations + spent.iterations };
  if (!joint) return { res: { ...core, ...counts, atBounds: [] }, at: [] };
  return { res: { ...joint, info: core.info, ...counts, atBounds: accepted }, at: accepted };
}

function acceptable(c: CoreResult, core: CoreResult): boolean {
  const ok = (c.info >= 1 && c.info <= 8 && c.info !== 5) || c.info === 0;
  return ok && c.cost <= core.cost * (1 + 1e-12);
}

/** Put the free parameters `at` exactly on their nearer bound and refit the others (result in the full setup's terms). */
function fixAndRefit(s: Setup, core: CoreResult, at: number[]): CoreResult {
  const keep: number[] = [];
  for (let j = 0; j < s.n; j++) if (!at.includes(j)) keep.push(j);
  const base = Float64Array.from(core.p);
  for (const j of at) {
    const b = s.bounds[j];
    const v = core.p[s.free[j]];
    base[s.free[j]] = b.kind === 2 || (b.kind === 1 && v - b.min <= b.max - v) ? b.min : b.max;
  }
  const sub: Setup = {
    ...s,
    base,
    n: keep.length,
    free: Int32Array.from(keep, (j) => s.free[j]),
    bounds: keep.map((j) => s.bounds[j]),
    diag0: s.diag0 ? Float64Array.from(keep, (j) => s.diag0![j]) : null,
    maxfev: Math.max(20 * (keep.length + 1), 1),
  };
  const u2 = Float64Array.from(keep, (j) => core.u[j]);
  let c2 = keep.length ? runLM(sub, u2) : runFixed(sub, u2);
  if (converged(c2.info)) c2 = polish(sub, c2);
  const u = Float64Array.from(core.u);
  keep.forEach((j, k) => (u[j] = c2.u[k]));
  return { ...c2, u };
}

function runFixed(s: Setup, u: Float64Array): CoreResult {
  const p = expand(s, u, new Float64Array(s.nAll));
  const r = s.residuals(p.slice());
  return { info: 0, u, p, r, cost: robustCost(r, s.loss, s.fScale), nfev: 1, njev: 0, iterations: 0 };
}

/** Statistics, bounds check, covariance and warnings for a finished core run. */
export function finalize(s: Setup, core: CoreResult, init: ArrayLike<number>, skipCovariance = false): FitResult {
  const n = s.n;
  const m = core.r.length;
  const warnings: Warning[] = [];
  const info = core.info;
  const success0 = converged(info) || (info === 0 && n === 0);
  let [status, why] = info === 0 ? ['no-free-params', 'all parameters are fixed; nothing to fit'] : STATUS[info];
  let success = success0;
  if (!success) warnings.push({ code: 'not-converged', message: msg.fitNotConverged(status, why), detail: { status } });
  if (info === -1) warnings.push({ code: 'non-finite', message: msg.fitNonFinite('residuals or Jacobian') });

  const r = Array.from(core.r);
  let chisqr = 0;
  for (const v of r) chisqr += v * v;
  const nvarys = n;
  const nfree = m - nvarys;
  const redchi = nfree > 0 ? chisqr / nfree : NaN;
  const lnc = Math.log(Math.max(chisqr, 1e-300) / m);
  const aic = m * lnc + 2 * nvarys;
  const bic = m * lnc + Math.log(m) * nvarys;

  // Parameters and bounds.
  const freePos = new Map<number, number>();
  for (let j = 0; j < n; j++) freePos.set(s.free[j], j);
  const params: FitParam[] = s.names.map((name, i) => {
    const j = freePos.get(i);
    const b = j === undefined ? null : s.bounds[j];
    const value = core.p[i];
    // Decided by the refinement when it ran (see fixAtBounds), else by distance.
    const atB = b !== null && (core.atBounds ? core.atBounds.includes(j!) : atBound(b, value, init[i]));
    return {
      name,
      value,
      init: init[i],
      stderr: null,
      min: b ? b.min : -Infinity,
      max: b ? b.max : Infinity,
      fixed: j === undefined,
      atBoundary: atB,
    };
  });
  // Fixed params keep their declared min/max for the record.
  params.forEach((prm, i) => {
    if (prm.fixed) {
      prm.min = s.declaredMin[i];
      prm.max = s.declaredMax[i];
    }
  });
  for (const prm of params) {
    if (prm.atBoundary) {
      const side = Math.abs(prm.value - prm.min) <= Math.abs(prm.max - prm.value) ? 'min' : 'max';
      warnings.push({
        code: 'at-boundary',
        message: msg.fitAtBoundary(prm.name, side, side === 'min' ? prm.min : prm.max),
        detail: { param: prm.name, side },
      });
    }
  }

  // Covariance over the free parameters that are not at a bound.
  let covariance: number[][] | null = null;
  const covarianceParams: string[] = [];
  let condition: number | null = null;
  const correl: Record<string, Record<string, number>> = {};
  if (!skipCovariance && Number.isFinite(core.cost) && n > 0) {
    const inner: number[] = [];
    for (let j = 0; j < n; j++) if (!params[s.free[j]].atBoundary) inner.push(j);
    const k = inner.length;
    for (const j of inner) covarianceParams.push(s.names[s.free[j]]);
    if (k > 0) {
      const full = new Float64Array(m * n);
      const ev = jacobianInternal(s, core.u, core.p, core.r, full, '3-point');
      if (ev < 0) {
        warnings.push({ code: 'non-finite', message: msg.fitNonFinite('Jacobian at the solution') });
        warnings.push({ code: 'covariance-singular', message: msg.fitCovarianceSingular('non-finite Jacobian') });
      } else {
        // Back to external parameters, keep the interior ones, rescale rows for a robust loss.
        const jac = new Float64Array(m * k);
        const scale = rowScales(s, core.r);
        inner.forEach((j, c) => {
          const d = dExternal(s.bounds[j], core.u[j]);
          for (let i = 0; i < m; i++) jac[c * m + i] = (full[j * m + i] / d) * scale[i];
        });
        // A converged point where a parameter has no effect (e.g. an exponential
        // rate so large its term vanishes) is a plateau, not an answer.
        let rnorm = 0;
        for (let i = 0; i < m; i++) rnorm += core.r[i] * core.r[i];
        rnorm = Math.sqrt(rnorm);
        const dead: string[] = [];
        inner.forEach((j) => {
          const d = dExternal(s.bounds[j], core.u[j]);
          let cn = 0;
          for (let i = 0; i < m; i++) cn += (full[j * m + i] / d) ** 2;
          cn = Math.sqrt(cn);
          if (!(cn * Math.max(Math.abs(core.p[s.free[j]]), 1e-300) > NO_EFFECT * rnorm)) dead.push(s.names[s.free[j]]);
        });
        if (dead.length && success) {
          success = false;
          status = 'degenerate';
          why = `the parameter(s) ${dead.join(', ')} have no effect on the residuals at the end point (a plateau, not a minimum)`;
          warnings.push({ code: 'not-converged', message: msg.fitNotConverged(status, why), detail: { status, params: dead } });
        }
        const s2 = nfree > 0 ? (2 * core.cost) / nfree : NaN;
        const cv = covarianceFromJacobian(jac, m, k, s2, s.jacobian ? 0 : FD_JAC_ACCURACY);
        condition = cv.condition;
        if (cv.singular) {
          warnings.push({
            code: 'covariance-singular',
            message: msg.fitCovarianceSingular(
              nfree <= 0 ? 'no degrees of freedom (data points ≤ free parameters)' : 'the Jacobian at the solution is singular (a parameter is not identified by the data)',
            ),
          });
        } else {
          covariance = cv.covariance;
          inner.forEach((j, a) => {
            const prm = params[s.free[j]];
            prm.stderr = Math.sqrt(covariance![a][a]);
          });
          inner.forEach((ja, a) => {
            const na = s.names[s.free[ja]];
            correl[na] = {};
            inner.forEach((jb, b) => {
              if (a === b) return;
              const nb = s.names[s.free[jb]];
              correl[na][nb] = covariance![a][b] / Math.sqrt(covariance![a][a] * covariance![b][b]);
            });
          });
        }
        if (cv.condition > ILL_CONDITIONED) warnings.push({ code: 'ill-conditioned', message: msg.fitIllConditioned(cv.condition) });
      }
    }
  }

  const values: Record<string, number> = {};
  for (const prm of params) values[prm.name] = prm.value;
  const message = success
    ? `converged (${status}): ${why}`
    : `not converged (${status}): ${why}`;
  return {
    success,
    status,
    message,
    params,
    values,
    x: Array.from(core.p),
    nfev: core.nfev,
    njev: core.njev,
    iterations: core.iterations,
    ndata: m,
    nvarys,
    nfree,
    cost: core.cost,
    chisqr,
    redchi,
    aic,
    bic,
    residuals: r,
    covariance,
    covarianceParams,
    condition,
    correl,
    options: { loss: s.loss, fScale: s.fScale, ftol: s.ftol, xtol: s.xtol, gtol: s.gtol, maxEvaluations: s.maxfev },
    warnings,
  };
}

function rowScales(s: Setup, r: Float64Array): Float64Array {
  const scale = new Float64Array(r.length);
  robustScale(r, s.loss, s.fScale, scale, new Float64Array(r.length));
  return scale;
}

/**
 * Minimise ½·f_scale²·Σ rho((r_i(p)/f_scale)²) over the free parameters within
 * their bounds, from the start values in `problem.params`.
 * @example leastSquares({ params: [{ name: 'a', value: 1 }], residuals: (p) => Float64Array.of(p[0] - 3, p[0] - 5) }).values.a; // => 4
 */
export function leastSquares(problem: LeastSquaresProblem, options: LeastSquaresOptions = {}): FitResult {
  const s = makeSetup(problem, options);
  const init = problem.params.map((q) => q.value);
  const core = runFrom(s, init);
  return finalize(s, core, init, options.skipCovariance);
}
