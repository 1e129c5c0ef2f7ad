/**
 * Identifiability: can these data support the law about to be fitted? Checked
 * BEFORE fitting, so an unidentifiable design is refused with a reason instead
 * of being fitted into a confident nonsense law (issue 11: a Chinchilla ladder
 * D = 20·N gave `lr = Infinity·N^99720000·D^-99720000` with R² = 1).
 *
 * The criteria (each a `IdentifiabilityProblem` with a stable `reason`):
 *
 *  1. **The optimum is readable in every group the fit uses** (`optimum-not-readable`):
 *     - the lr axis (and the batch axis) was searched at ≥ {@link MIN_LR_LEVELS}
 *       levels (one level makes the "optimal lr" the lr tried — the fit then
 *       returns the law that generated the sweep with R² = 1; two levels
 *       cannot bracket an optimum); an axis held at one value for EVERY kept
 *       run (a fixed-batch sweep) is not read per group: the fit reports that
 *       law as the constant (`not-identified` warning);
 *     - the losses are not all equal: their range relative to the minimum
 *       exceeds {@link FLAT_TOLERANCE} (one part in a million, the precision
 *       losses are logged to); on a flat grid the argmin is the first run read
 *       and the band selects the whole grid, so the "optimum" is the grid's
 *       centre, whatever the data. (A grid whose runs all lie inside a WIDE
 *       band still has a readable argmin; the band is the user's choice.)
 *  2. **Each size regressor has spread** (`no-spread`): a law that would keep no
 *     size term at all (e.g. the batch law B(D) on a sweep at one D) is a
 *     constant, not a scaling law. Dropping ONE term without spread while
 *     another remains is the stated `reduced-fit` reduction (the MoE file: one
 *     total N per sparsity) and is not a problem here.
 *  3. **The design has full rank and is well conditioned** (`rank-deficient`,
 *     `ill-conditioned`): the size regressors kept (ln N, ln D) are centred on
 *     their means and scaled to unit root-mean-square, Z; the eigenvalues λ of
 *     ZᵀZ/n (the regressors' correlation matrix) give
 *       rank deficiency   λ_min ≤ {@link RANK_TOLERANCE}·λ_max  (or fewer distinct
 *                         (N, D) groups than coefficients), and
 *       condition number  κ = √(λ_max/λ_min) > {@link MAX_CONDITION}.
 *     κ is the condition index of Belsley, Kuh & Welsch, *Regression
 *     Diagnostics* (1980), on centred data (the intercept's collinearity with
 *     ln N ≈ 20 is removed by centring and is harmless); with two regressors of
 *     correlation ρ, κ = √((1+|ρ|)/(1−|ρ|)), so κ > 1000 means |ρ| > 0.999998:
 *     D ∝ N up to rounding, as on a compute-optimal ladder.
 *  The loss law L = E + A/N^α + B/D^β (loss-law.ts) is checked by
 *  {@link lossLawDesignProblems}: every size term with its own exponent needs
 *  ≥ {@link MIN_LOSS_LAW_LEVELS} distinct levels of its size (two levels give one
 *  loss difference for a coefficient and an exponent), and with both terms the
 *  distinct (N, D) points must not be collinear in (ln N, ln D) (criterion 3:
 *  on a ladder D = r·N, A/N^α and B/D^β are both powers of N and cannot be told
 *  apart); the losses must not all be equal. A single N (or D) is the stated
 *  reduction to L = E' + B/D^β (or A/N^α), as before.
 *  4. **Landscape curvature** is judged with {@link curvatureTolerance}: an
 *     eigenvalue of a fitted Hessian counts as positive only above a tolerance
 *     relative to the loss scale (λ/2 > 1e-6·L), never merely above 0 (a flat
 *     grid gave eigenvalues of 1e-16 and was called "positive definite").
 *
 * Pure: no I/O; problems are returned as data and the caller refuses (or, with
 * the explicit override, stamps them as `unidentifiable` warnings).
 */

/** Levels of lr a group must have tried for its optimal lr to be read. */
export const MIN_LR_LEVELS = 3;
/** Relative loss range (max − min)/min at or below which a group's losses count as all equal (flat). */
export const FLAT_TOLERANCE = 1e-6;
/** Relative eigenvalue below which the centred, scaled design counts as rank-deficient. */
export const RANK_TOLERANCE = 1e-12;
/** Distinct levels of N (or D) a loss-law size term with its own exponent needs. */
export const MIN_LOSS_LAW_LEVELS = 3;
/** Largest condition number κ of the centred, scaled design accepted. */
export const MAX_CONDITION = 1e3;

export type IdentifiabilityReason = 'optimum-not-readable' | 'no-spread' | 'rank-deficient' | 'ill-conditioned';

export interface IdentifiabilityProblem {
  reason: IdentifiabilityReason;
  /** What the problem is about: a group key, a law (`lr`, `batch`) or a regressor set. */
  subject: string;
  /** Why, in a few words (the full sentence is built by messages.ts). */
  why: string;
  detail?: Record<string, unknown>;
}

export interface DesignCondition {
  /** Regressor names, in order. */
  columns: string[];
  /** Eigenvalues of the regressors' correlation matrix, ascending. */
  eigenvalues: number[];
  /** √(λ_max/λ_min); Infinity for a singular design, 1 for a single regressor with spread. */
  condition: number;
  /** Numerical rank of the centred, scaled regressors. */
  rank: number;
}

/**
 * Rank and condition of regressor columns after centring and scaling each to
 * unit root-mean-square. A column without spread counts as rank 0 for itself.
 * @example designCondition({ lnN: [1, 2, 3], lnD: [2, 4, 6] }).rank; // => 1
 */
export function designCondition(columns: Record<string, ArrayLike<number>>): DesignCondition {
  const names = Object.keys(columns);
  const Z = names.map((name) => standardised(columns[name]));
  const k = names.length;
  const n = k > 0 ? Z[0].length : 0;
  const dot = (u: Float64Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < u.length; i++) s += u[i] * v[i];
    return s;
  };
  const C = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => dot(Z[a], Z[b]) / n));
  const eigenvalues = symmetricEigenvalues(C).sort((a, b) => a - b);
  const max = eigenvalues.length ? eigenvalues[eigenvalues.length - 1] : 0;
  const rank = eigenvalues.filter((e) => e > RANK_TOLERANCE * Math.max(max, 1)).length;
  const min = eigenvalues.length ? eigenvalues[0] : 0;
  const condition = rank < k || max <= 0 ? Infinity : Math.sqrt(max / min);
  return { columns: names, eigenvalues, condition, rank };
}

/** Standardised columns already computed, by column (a Step Law fit asks for ln N and ln D of both its laws). */
const standardisedOf = new WeakMap<object, Float64Array>();

/**
 * A column centred on its mean and scaled by its root mean square, (x − m)/rms; all zeros when its spread is
 * below rounding of the mean (a single level: no information). Remembered per column array (read only).
 */
function standardised(x: ArrayLike<number>): Float64Array {
  const known = standardisedOf.get(x);
  if (known) return known;
  const len = x.length;
  let sum = 0;
  for (let i = 0; i < len; i++) sum += x[i];
  const m = sum / len;
  const d = new Float64Array(len);
  let ss = 0;
  for (let i = 0; i < len; i++) {
    d[i] = x[i] - m;
    ss += d[i] * d[i];
  }
  const rms = Math.sqrt(ss / len);
  const spread = rms > 1e-12 * Math.max(1, Math.abs(m));
  for (let i = 0; i < len; i++) d[i] = spread ? d[i] / rms : 0;
  standardisedOf.set(x, d);
  return d;
}

/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5). */
export function symmetricEigenvalues(A0: readonly (readonly number[])[]): number[] {
  const n = A0.length;
  const A = A0.map((r) => r.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(A[p][q]) < 1e-300) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return A.map((r, i) => r[i]);
}

/** What one grid group offers for reading its optimum. */
export interface GroupOptimumInput {
  key: string;
  /** Distinct lr levels and batch levels tried in the group. */
  lrLevels: number;
  batchLevels: number;
  /** How many usable runs the group has, and their lowest and highest loss (sweep/grid.ts `usableLossRange`). */
  losses: LossRange;
}

/** The count, lowest and highest of a group's usable losses: what reading its optimum needs of them. */
export interface LossRange {
  count: number;
  min: number;
  max: number;
}

/**
 * Criterion 1: problems with reading the optimum of each group.
 * @param _band the relative band that selects near-optimal runs (kept for callers; flatness is judged absolutely)
 * @param axes the axes whose optimum the fit reads (an axis held fixed across the whole fit, e.g. one batch size
 *   for every run, is reported as a constant by the fit, not read per group)
 */
export function groupOptimumProblems(
  groups: readonly GroupOptimumInput[],
  _band: number,
  axes: { lr: boolean; batch: boolean } = { lr: true, batch: true },
): IdentifiabilityProblem[] {
  const out: IdentifiabilityProblem[] = [];
  for (const g of groups) {
    if (g.losses.count === 0) continue;
    const few = (['lr', 'batch'] as const).filter((a) => axes[a] && (a === 'lr' ? g.lrLevels : g.batchLevels) < MIN_LR_LEVELS);
    if (few.length > 0) {
      const levels = few.map((a) => `${a} axis ${a === 'lr' ? g.lrLevels : g.batchLevels} level(s)`).join(', ');
      out.push({
        reason: 'optimum-not-readable',
        subject: `group ${g.key}`,
        why: `${levels}: fewer than ${MIN_LR_LEVELS} cannot locate an optimum (--exclude-unbracketed leaves such groups out)`,
        detail: { group: g.key, lrLevels: g.lrLevels, batchLevels: g.batchLevels, axes: few },
      });
      continue;
    }
    const { min, max } = g.losses;
    const range = (max - min) / Math.abs(min);
    if (!(range > FLAT_TOLERANCE)) {
      out.push({
        reason: 'optimum-not-readable',
        subject: `group ${g.key}`,
        why: `the losses are all equal (relative range ${range.toPrecision(2)} ≤ ${FLAT_TOLERANCE}): no optimum stands out`,
        detail: { group: g.key, relativeLossRange: range },
      });
    }
  }
  return out;
}

/** One log-linear regression about to be fitted: its name and the size regressors it keeps. */
export interface LawDesign {
  law: string;
  /** Regressor columns kept (ln N, ln D), one value per data point. */
  columns: Record<string, ArrayLike<number>>;
  /** Distinct (N, D) groups the points come from: the design's real sample size for size terms. */
  groups: number;
  /** Whether the target varies at all (a constant target is reported as a constant, not fitted). */
  targetVaries: boolean;
}

/** Criteria 2 and 3 for one regression. */
export function designProblems(d: LawDesign): IdentifiabilityProblem[] {
  if (!d.targetVaries) return [];
  const names = Object.keys(d.columns);
  if (names.length === 0) {
    return [{ reason: 'no-spread', subject: d.law, why: `the ${d.law} law keeps no size term (its regressors take one value each)`, detail: { law: d.law } }];
  }
  if (d.groups < names.length + 1) {
    return [
      {
        reason: 'rank-deficient',
        subject: d.law,
        why: `${d.groups} distinct (N, D) group(s) for ${names.length + 1} coefficients of the ${d.law} law`,
        detail: { law: d.law, groups: d.groups, coefficients: names.length + 1 },
      },
    ];
  }
  const c = designCondition(d.columns);
  if (c.rank < names.length) {
    return [
      {
        reason: 'rank-deficient',
        subject: d.law,
        why: `${names.join(' and ')} are collinear in the ${d.law} design (rank ${c.rank} of ${names.length} after centring; e.g. D ∝ N)`,
        detail: { law: d.law, rank: c.rank, columns: names, eigenvalues: c.eigenvalues },
      },
    ];
  }
  if (c.condition > MAX_CONDITION) {
    return [
      {
        reason: 'ill-conditioned',
        subject: d.law,
        why: `${names.join(' and ')} are nearly collinear in the ${d.law} design (condition number ${c.condition.toPrecision(3)} > ${MAX_CONDITION} after centring and scaling)`,
        detail: { law: d.law, condition: c.condition, columns: names },
      },
    ];
  }
  return [];
}

/**
 * Identifiability of the loss law L = E + A/N^α + B/D^β (or a reduced form) on
 * points: distinct size levels per term, collinearity of ln N and ln D, and
 * losses that vary.
 * @param form 'full' | 'shared' (α = β) | 'N-only' | 'D-only'
 */
export function lossLawDesignProblems(
  points: readonly { N: number; D: number; loss: number }[],
  form: 'full' | 'shared' | 'N-only' | 'D-only',
): IdentifiabilityProblem[] {
  const out: IdentifiabilityProblem[] = [];
  const levels = (f: (p: { N: number; D: number }) => number) => new Set(points.map(f)).size;
  const nLevels = levels((p) => p.N);
  const dLevels = levels((p) => p.D);
  // Shared exponent: one exponent for both terms, so two levels per axis suffice if the other has three.
  const need = (axis: 'N' | 'D') => (form === 'shared' ? (axis === 'N' ? (dLevels >= MIN_LOSS_LAW_LEVELS ? 2 : 3) : nLevels >= MIN_LOSS_LAW_LEVELS ? 2 : 3) : MIN_LOSS_LAW_LEVELS);
  for (const axis of ['N', 'D'] as const) {
    const used = axis === 'N' ? form !== 'D-only' : form !== 'N-only';
    const k = axis === 'N' ? nLevels : dLevels;
    if (used && k < need(axis)) {
      out.push({
        reason: 'no-spread',
        subject: `the ${axis} term`,
        why: `${k} distinct ${axis} level(s): fewer than ${need(axis)} cannot fix its coefficient and exponent`,
        detail: { axis, levels: k, needed: need(axis) },
      });
    }
  }
  if (form === 'full' || form === 'shared') {
    const distinct = [...new Map(points.map((p) => [`${p.N} ${p.D}`, p])).values()];
    const c = designCondition({ 'ln N': distinct.map((p) => Math.log(p.N)), 'ln D': distinct.map((p) => Math.log(p.D)) });
    if (c.rank < 2 || c.condition > MAX_CONDITION) {
      out.push({
        reason: c.rank < 2 ? 'rank-deficient' : 'ill-conditioned',
        subject: 'the N and D terms',
        why:
          c.rank < 2
            ? 'ln N and ln D are collinear over the (N, D) points (e.g. D ∝ N, a compute-optimal ladder): A/N^α and B/D^β cannot be told apart'
            : `ln N and ln D are nearly collinear over the (N, D) points (condition number ${c.condition.toPrecision(3)} > ${MAX_CONDITION})`,
        detail: { condition: c.condition, rank: c.rank },
      });
    }
  }
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (p.loss < min) min = p.loss;
    if (p.loss > max) max = p.loss;
  }
  if (points.length > 0 && !((max - min) / min > 1e-9)) {
    out.push({ reason: 'no-spread', subject: 'the loss', why: 'all losses are equal: nothing depends on N or D', detail: { loss: min } });
  }
  return out;
}

/**
 * Criterion 4: the tolerance above which an eigenvalue λ of a loss Hessian in
 * (ln lr, ln B) counts as curvature. Along that eigenvector, a unit step in
 * log space changes the loss by λ/2; below 1e-6 of the loss (the precision
 * losses are logged to, 6–7 significant digits) that is no bowl at all. A flat
 * grid fitted exactly gives eigenvalues of ~1e-16, which `> 0` would call
 * positive definite.
 * @example curvatureTolerance(2.5); // => 5e-6
 */
export function curvatureTolerance(lossScale: number): number {
  return 2e-6 * Math.abs(lossScale);
}
