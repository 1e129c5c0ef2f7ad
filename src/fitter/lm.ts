/**
 * The Levenberg–Marquardt driver: MINPACK `lmder` (Moré 1978) on the free
 * parameters in the bound-transformed space (bounds.ts), with scipy's robust
 * loss rescaling (loss.ts) applied at every outer iteration.
 *
 * With a robust loss the trust-region ratio compares the actual reduction of
 * scipy's cost with the reduction predicted by the rescaled Gauss–Newton model
 * ½‖r̃ + J̃p‖²; with loss = 'linear' every quantity is exactly MINPACK's
 * (fnorm = √(2·cost) = ‖r‖).
 *
 * Status (MINPACK info): 1 ftol, 2 xtol, 3 both, 4 gtol — converged;
 * 5 max evaluations; 6/7/8 tolerance too small (no further progress possible);
 * -1 non-finite residuals or Jacobian; -3 the step itself came out NaN.
 */
import { EPSMCH, enorm, lmpar, qrfac } from './minpack.js';
import { robustCost, robustScale } from './loss.js';
import { dExternal, toExternal, type Bound } from './bounds.js';
import type { RobustLoss } from './types.js';

/** Everything about a problem that does not change between starts. */
export interface Setup {
  names: string[];
  /** Number of all params and of free params. */
  nAll: number;
  n: number;
  /** Index in the full vector of each free param. */
  free: Int32Array;
  bounds: Bound[]; // per free param
  /** Declared bounds of every parameter (fixed ones included), for the record. */
  declaredMin: Float64Array;
  declaredMax: Float64Array;
  /** Template full vector (fixed values in place). */
  base: Float64Array;
  residuals: (p: Float64Array) => Float64Array;
  jacobian?: (p: Float64Array) => Float64Array[] | Float64Array;
  loss: RobustLoss;
  fScale: number;
  ftol: number;
  xtol: number;
  gtol: number;
  maxfev: number;
  /** 1/x_scale per free param, or null for 'jac'. */
  diag0: Float64Array | null;
  diffMethod: '2-point' | '3-point';
  /** c in s_i² ≥ c·rho′ during the iterations (see loss.ts robustScale); 0 = scipy's iterations. */
  robustCurvatureFloor: number;
}

/**
 * Whether a MINPACK status means the fit converged: 1 (ftol), 2 (xtol),
 * 3 (both) or 4 (gtol). 5–8 stopped without convergence; negative: bad values.
 */
export function converged(info: number): boolean {
  return info >= 1 && info <= 4;
}

export interface CoreResult {
  info: number;
  /** Internal (transformed) free vector at the end. */
  u: Float64Array;
  /** Full external vector at the end. */
  p: Float64Array;
  /** Raw residuals at p. */
  r: Float64Array;
  cost: number;
  nfev: number;
  njev: number;
  iterations: number;
  /** Free-parameter indices decided to sit on a bound (set by the bound refinement). */
  atBounds?: number[];
}

const SQRT_EPS = Math.sqrt(EPSMCH);
/**
 * Floor of s_i² during the iterations. scipy floors at EPS, which makes r̃_i of
 * fully down-weighted rows ~1e8·|r_i| and costs the QR projection Qᵀr̃ about
 * eight digits (the LM then stalls near 1e-8 of the solution). A floor of 1e-6
 * keeps those rows' curvature negligible and the projection accurate; the
 * fixed point is the same (see robustScale). The covariance uses scipy's EPS.
 */
const ROBUST_FLOOR = 1e-6;
const CBRT_EPS = Math.cbrt(EPSMCH);

/** Full external vector from the internal free vector. */
export function expand(s: Setup, u: Float64Array, out: Float64Array): Float64Array {
  out.set(s.base);
  for (let j = 0; j < s.n; j++) out[s.free[j]] = toExternal(s.bounds[j], u[j]);
  return out;
}

function allFinite(a: Float64Array): boolean {
  let bad = 0;
  for (let i = 0; i < a.length; i++) bad += a[i] - a[i]; // NaN iff some entry is NaN or ±Infinity
  return bad === 0;
}

/**
 * Jacobian of the raw residuals w.r.t. the INTERNAL free vector, column-major
 * m×n into `fjac`. Analytic (chain rule through the bound transform) when the
 * problem has one, else finite differences with MINPACK's relative step
 * h = √eps·|u| (2-point) or eps^(1/3)·|u| (3-point, central). Returns the number
 * of residual evaluations spent, or -1 when a value is not finite.
 */
export function jacobianInternal(
  s: Setup,
  u: Float64Array,
  p: Float64Array,
  r: Float64Array,
  fjac: Float64Array,
  method: '2-point' | '3-point',
): number {
  const n = s.n;
  const m = r.length;
  if (s.jacobian) {
    const rows = s.jacobian(p);
    const nAll = s.nAll;
    let bad = 0;
    if (rows instanceof Float64Array) {
      // Flat row-major m × nAll.
      if (rows.length !== m * nAll) throw new Error(`jacobian returned ${rows.length} values, expected ${m}×${nAll}`);
      for (let j = 0; j < n; j++) {
        const col = s.free[j];
        const d = dExternal(s.bounds[j], u[j]);
        const off = j * m;
        for (let i = 0; i < m; i++) {
          const v = rows[i * nAll + col] * d;
          bad += v - v; // NaN for NaN or ±Infinity
          fjac[off + i] = v;
        }
      }
    } else {
      if (rows.length !== m) throw new Error(`jacobian returned ${rows.length} rows, residuals have ${m}`);
      for (let j = 0; j < n; j++) {
        const col = s.free[j];
        const d = dExternal(s.bounds[j], u[j]);
        const off = j * m;
        for (let i = 0; i < m; i++) {
          const v = rows[i][col] * d;
          bad += v - v;
          fjac[off + i] = v;
        }
      }
    }
    return bad === 0 ? 0 : -1;
  }
  let evals = 0;
  const pt = new Float64Array(s.nAll);
  const ut = Float64Array.from(u);
  for (let j = 0; j < n; j++) {
    const uj = u[j];
    const off = j * m;
    if (method === '2-point') {
      let h = SQRT_EPS * Math.abs(uj);
      if (h === 0) h = SQRT_EPS;
      ut[j] = uj + h;
      h = ut[j] - uj; // exactly representable step
      let rt = s.residuals(expand(s, ut, pt));
      evals++;
      if (!allFinite(rt)) {
        ut[j] = uj - h;
        h = ut[j] - uj;
        rt = s.residuals(expand(s, ut, pt));
        evals++;
        if (!allFinite(rt)) return -1;
      }
      for (let i = 0; i < m; i++) fjac[off + i] = (rt[i] - r[i]) / h;
    } else {
      let h = CBRT_EPS * Math.abs(uj);
      if (h === 0) h = CBRT_EPS;
      ut[j] = uj + h;
      const hp = ut[j] - uj;
      const rp = s.residuals(expand(s, ut, pt));
      ut[j] = uj - h;
      const hm = uj - ut[j];
      const rm = s.residuals(expand(s, ut, pt));
      evals += 2;
      if (!allFinite(rp) || !allFinite(rm)) return -1;
      for (let i = 0; i < m; i++) fjac[off + i] = (rp[i] - rm[i]) / (hp + hm);
    }
    ut[j] = uj;
  }
  return evals;
}

/**
 * Run MINPACK-style LM from the internal start u0; r0, when given, are the
 * residuals at u0 (saves one evaluation).
 */
export function runLM(s: Setup, u0: Float64Array, r0?: Float64Array): CoreResult {
  const { n, loss, fScale, ftol, xtol, gtol, maxfev } = s;
  const x = Float64Array.from(u0);
  const p = new Float64Array(s.nAll);
  const pTrial = new Float64Array(s.nAll);
  expand(s, x, p);
  let r = r0 ?? s.residuals(p.slice());
  const m = r.length;
  let nfev = 1;
  let njev = 0;
  let iter = 1;
  const done = (info: number, cost: number): CoreResult => ({
    info,
    u: x,
    p: expand(s, x, new Float64Array(s.nAll)),
    r,
    cost,
    nfev,
    njev,
    iterations: iter,
  });
  if (!allFinite(r)) return done(-1, NaN);
  let cost = robustCost(r, loss, fScale);
  let fnorm = Math.sqrt(2 * cost);

  const fjac = new Float64Array(m * n);
  const diag = new Float64Array(n);
  const ipvt = new Int32Array(n);
  const qtf = new Float64Array(n);
  const wa1 = new Float64Array(n);
  const wa2 = new Float64Array(n);
  const wa3 = new Float64Array(n);
  const sdiag = new Float64Array(n);
  const rdiag = new Float64Array(n);
  const acnorm = new Float64Array(n);
  const wqr = new Float64Array(n);
  const rowScale = new Float64Array(m);
  const rt = new Float64Array(m);
  const wa4 = new Float64Array(m);
  const xTrial = new Float64Array(n);

  let par = 0;
  let delta = 0;
  let xnorm = 0;
  const factor = 100;
  const scaleMode = s.diag0 ? 2 : 1;
  if (s.diag0) diag.set(s.diag0);

  for (;;) {
    // Jacobian at x, rescaled for the robust loss.
    const spent = jacobianInternal(s, x, p, r, fjac, s.diffMethod);
    njev++;
    if (spent < 0) return done(-1, cost);
    robustScale(r, loss, fScale, rowScale, rt, ROBUST_FLOOR, s.robustCurvatureFloor);
    if (loss !== 'linear') {
      for (let j = 0; j < n; j++) {
        const off = j * m;
        for (let i = 0; i < m; i++) fjac[off + i] *= rowScale[i];
      }
    }
    // gtol normalises by √(2·cost) (= ‖r‖ for 'linear'): ‖r̃‖ itself is inflated
    // by the rows whose scale hit the floor.
    const rtnorm = fnorm;

    qrfac(m, n, fjac, m, ipvt, rdiag, acnorm, wqr);

    if (iter === 1) {
      if (scaleMode === 1) {
        for (let j = 0; j < n; j++) diag[j] = acnorm[j] === 0 ? 1 : acnorm[j];
      }
      for (let j = 0; j < n; j++) wa3[j] = diag[j] * x[j];
      xnorm = enorm(n, wa3);
      delta = factor * xnorm;
      if (delta === 0) delta = factor;
    }

    // qtf = first n components of Qᵀ·r̃.
    for (let i = 0; i < m; i++) wa4[i] = rt[i];
    for (let j = 0; j < n; j++) {
      const off = j * m;
      if (fjac[off + j] !== 0) {
        let sum = 0;
        for (let i = j; i < m; i++) sum += fjac[off + i] * wa4[i];
        const temp = -sum / fjac[off + j];
        for (let i = j; i < m; i++) wa4[i] += fjac[off + i] * temp;
      }
      fjac[off + j] = rdiag[j];
      qtf[j] = wa4[j];
    }

    // Scaled gradient norm (cosine of the angle between r̃ and the columns of J̃).
    let gnorm = 0;
    if (rtnorm !== 0) {
      for (let j = 0; j < n; j++) {
        const l = ipvt[j];
        if (acnorm[l] !== 0) {
          let sum = 0;
          for (let i = 0; i <= j; i++) sum += fjac[i + j * m] * (qtf[i] / rtnorm);
          gnorm = Math.max(gnorm, Math.abs(sum / acnorm[l]));
        }
      }
    }
    if (gnorm <= gtol) return done(4, cost);

    if (scaleMode === 1) for (let j = 0; j < n; j++) diag[j] = Math.max(diag[j], acnorm[j]);

    // Inner loop: find an acceptable step.
    for (;;) {
      par = lmpar(n, fjac, m, ipvt, diag, qtf, delta, par, wa1, sdiag, wa2, wa3);
      for (let j = 0; j < n; j++) {
        wa1[j] = -wa1[j];
        xTrial[j] = x[j] + wa1[j];
        wa3[j] = diag[j] * wa1[j];
      }
      const pnorm = enorm(n, wa3);
      if (!(pnorm >= 0) || !(par >= 0)) return done(-3, cost); // NaN step: never loop on it
      if (iter === 1) delta = Math.min(delta, pnorm);

      const rTrial = s.residuals(expand(s, xTrial, pTrial));
      nfev++;
      if (rTrial.length !== m) throw new Error(`residuals returned ${rTrial.length} values, then ${m}`);
      const cost1 = allFinite(rTrial) ? robustCost(rTrial, loss, fScale) : Infinity;
      const fnorm1 = Math.sqrt(2 * cost1);

      let actred = -1;
      if (0.1 * fnorm1 < fnorm) actred = (cost - cost1) / cost;

      for (let j = 0; j < n; j++) {
        wa3[j] = 0;
        const temp = wa1[ipvt[j]];
        for (let i = 0; i <= j; i++) wa3[i] += fjac[i + j * m] * temp;
      }
      const temp1 = enorm(n, wa3) / fnorm;
      const temp2 = (Math.sqrt(par) * pnorm) / fnorm;
      const prered = temp1 * temp1 + (temp2 * temp2) / 0.5;
      const dirder = -(temp1 * temp1 + temp2 * temp2);
      const ratio = prered !== 0 ? actred / prered : 0;

      if (ratio <= 0.25) {
        let temp = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (0.1 * fnorm1 >= fnorm || temp < 0.1 || !Number.isFinite(temp)) temp = 0.1;
        delta = temp * Math.min(delta, pnorm / 0.1);
        par = par / temp;
      } else if (par === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        par = 0.5 * par;
      }

      if (ratio >= 1e-4) {
        x.set(xTrial);
        p.set(pTrial);
        r = rTrial;
        for (let j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
        xnorm = enorm(n, wa2);
        cost = cost1;
        fnorm = fnorm1;
        iter++;
      }

      let info = 0;
      if (Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1) info = 1;
      if (delta <= xtol * xnorm) info = info === 1 ? 3 : 2;
      if (info !== 0) return done(info, cost);
      if (nfev >= maxfev) info = 5;
      else if (Math.abs(actred) <= EPSMCH && prered <= EPSMCH && 0.5 * ratio <= 1) info = 6;
      else if (delta <= EPSMCH * xnorm) info = 7;
      else if (gnorm <= EPSMCH) info = 8;
      if (info !== 0) return done(info, cost);
      if (ratio >= 1e-4) break;
    }
  }
}
