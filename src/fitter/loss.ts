/**
 * Robust losses exactly as scipy.optimize.least_squares applies them
 * (scipy/optimize/_lsq/least_squares.py, `construct_loss_function` and
 * `common.scale_for_robust_loss_function`).
 *
 * With z = (r / f_scale)²:
 *   linear:  rho(z) = z
 *   huber:   rho(z) = z                 (z ≤ 1);  2·√z − 1   (z > 1)
 *   soft_l1: rho(z) = 2·(√(1 + z) − 1)
 *   cauchy:  rho(z) = ln(1 + z)
 * cost = ½·f_scale²·Σ rho(z_i).
 *
 * Gauss–Newton with a robust loss works on rescaled residuals and Jacobian:
 *   s_i = √max(rho'(z) + 2·rho''(z)·z, EPS),  J̃_i = s_i·J_i,  r̃_i = r_i·rho'(z)/s_i,
 * so that J̃ᵀr̃ = Jᵀ(rho'·r) is the exact gradient of the cost and J̃ᵀJ̃ its
 * Gauss–Newton Hessian (Triggs et al., "Bundle adjustment — a modern synthesis", 2000).
 */
import type { RobustLoss } from './types.js';

const EPS = 2.220446049250313e-16;

export const ROBUST_LOSSES: readonly RobustLoss[] = ['linear', 'huber', 'soft_l1', 'cauchy'];

/** rho(z) for one loss. @example rho('huber', 4); // => 3 */
export function rho(loss: RobustLoss, z: number): number {
  switch (loss) {
    case 'linear':
      return z;
    case 'huber':
      return z <= 1 ? z : 2 * Math.sqrt(z) - 1;
    case 'soft_l1':
      return 2 * (Math.sqrt(1 + z) - 1);
    case 'cauchy':
      return Math.log1p(z);
  }
}

/** rho'(z). */
export function rho1(loss: RobustLoss, z: number): number {
  switch (loss) {
    case 'linear':
      return 1;
    case 'huber':
      return z <= 1 ? 1 : 1 / Math.sqrt(z);
    case 'soft_l1':
      return 1 / Math.sqrt(1 + z);
    case 'cauchy':
      return 1 / (1 + z);
  }
}

/** rho''(z). */
export function rho2(loss: RobustLoss, z: number): number {
  switch (loss) {
    case 'linear':
      return 0;
    case 'huber':
      return z <= 1 ? 0 : -0.5 / (z * Math.sqrt(z));
    case 'soft_l1':
      return -0.5 / ((1 + z) * Math.sqrt(1 + z));
    case 'cauchy':
      return -1 / ((1 + z) * (1 + z));
  }
}

/** scipy's cost ½·f_scale²·Σ rho((r/f_scale)²). @example robustCost(Float64Array.of(3), 'huber', 1); // => 2.5 */
export function robustCost(r: ArrayLike<number>, loss: RobustLoss, fScale: number): number {
  let s = 0;
  const m = r.length;
  if (loss === 'linear') {
    for (let i = 0; i < m; i++) s += r[i] * r[i];
    return 0.5 * s;
  }
  const inv = 1 / (fScale * fScale);
  if (loss === 'huber') {
    // Hot path of the Chinchilla multi-start: inlined rho.
    for (let i = 0; i < m; i++) {
      const z = r[i] * r[i] * inv;
      s += z <= 1 ? z : 2 * Math.sqrt(z) - 1;
    }
  } else for (let i = 0; i < m; i++) s += rho(loss, r[i] * r[i] * inv);
  return 0.5 * fScale * fScale * s;
}

/**
 * Row scale factors s_i and rescaled residuals r̃_i (scipy
 * `scale_for_robust_loss_function`). Writes into `scale` and `rTilde`.
 * `floor` bounds s_i² from below (scipy: EPS). Whatever the floor,
 * s_i·r̃_i = rho′·r_i, so the gradient J̃ᵀr̃ — and hence the solution — is
 * unchanged; only the Gauss–Newton curvature of down-weighted rows differs.
 * `irlsFloor` = c bounds s_i² below by c·rho′(z) (c = 1 everywhere would be
 * IRLS, the curvature Ceres' Corrector uses where rho″ ≤ 0; c = 0 is scipy).
 */
export function robustScale(
  r: Float64Array,
  loss: RobustLoss,
  fScale: number,
  scale: Float64Array,
  rTilde: Float64Array,
  floor = EPS,
  irlsFloor = 0,
): void {
  const m = r.length;
  if (loss === 'linear') {
    for (let i = 0; i < m; i++) {
      scale[i] = 1;
      rTilde[i] = r[i];
    }
    return;
  }
  const inv = 1 / (fScale * fScale);
  if (loss === 'huber') {
    // Inlined: z ≤ 1 → s = 1, r̃ = r; z > 1 → rho′ = z^-½, rho′ + 2·rho″·z = 0.
    const sFloor = Math.sqrt(floor);
    for (let i = 0; i < m; i++) {
      const z = r[i] * r[i] * inv;
      if (z <= 1) {
        scale[i] = 1;
        rTilde[i] = r[i];
      } else {
        const d1 = 1 / Math.sqrt(z);
        const sc = irlsFloor * d1 > floor ? Math.sqrt(irlsFloor * d1) : sFloor;
        scale[i] = sc;
        rTilde[i] = (r[i] * d1) / sc;
      }
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    const z = r[i] * r[i] * inv;
    const d1 = rho1(loss, z);
    // scipy: rho[2] is rho''(z)/f_scale², times r² gives rho''(z)·z.
    let s = d1 + 2 * rho2(loss, z) * z;
    if (s < irlsFloor * d1) s = irlsFloor * d1;
    if (s < floor) s = floor;
    s = Math.sqrt(s);
    scale[i] = s;
    rTilde[i] = (r[i] * d1) / s;
  }
}
