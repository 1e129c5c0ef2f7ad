/**
 * Chinchilla-form loss law  L(N, D) = E + A/N^α + B/D^β,  fitted the field's way.
 *
 * Method (Hoffmann et al. 2022, App. D.2; Besiroglu et al. 2024, "Chinchilla
 * Scaling: A replication attempt"; docs/method.md#loss-laws):
 * - parametrise A = e^a, B = e^b, E = e^e and predict
 *     ln L̂ = LSE(a − α ln N, b − β ln D, e)      (log-sum-exp: always finite, L̂ > 0);
 * - objective `huber` (default): minimise Σ_i Huber_δ(ln L_i − ln L̂_i), δ = 1e-3,
 *   where Huber_δ(r) = r²/2 for |r| ≤ δ, δ(|r| − δ/2) otherwise. The engine's
 *   scipy-style robust loss 'huber' with fScale = δ has cost ½δ²Σρ((r/δ)²) =
 *   Σ Huber_δ(r) exactly, so its optimum is the field's optimum;
 * - objective `lsq`: plain least squares in loss, Σ (L_i − L̂_i)² (Gadre et al.
 *   2024 fit this way, with α = β);
 * - multi-start from a grid (default α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
 *   a, b ∈ {0, 5, …, 25}: 4,500 starts; 900 with a shared exponent), keep the
 *   best converged start (lowest objective). The Jacobian is analytic: with the
 *   softmax weights w_k = exp(t_k − LSE(t)) of the three terms t,
 *     ∂ ln L̂/∂a = w₁, ∂/∂b = w₂, ∂/∂e = w₃, ∂/∂α = −w₁ ln N, ∂/∂β = −w₂ ln D
 *   (for `lsq` multiplied by L̂, since ∂L̂ = L̂·∂ ln L̂).
 * - compute-optimal split (Hoffmann et al. eq. 4): N_opt ∝ C^a, D_opt ∝ C^b with
 *   a = β/(α+β), b = α/(α+β).
 *
 * Uncertainty: seeded nonparametric bootstrap (resample the points with
 * replacement, refit). Each bootstrap refit starts from the full-data best
 * point only, not from the whole grid — 4,500 starts × 1,000 resamples would be
 * far too slow, and a resample's optimum lies near the full-data one; a refit
 * that does not converge counts as failed (reported). Standard errors are the
 * bootstrap standard deviations, intervals the 2.5–97.5% percentiles. The
 * engine's asymptotic (Jacobian) standard errors are also reported, for the
 * LSE parameters, but for a Huber objective with δ = 1e-3 they are not
 * trustworthy: use the bootstrap.
 *
 * Estimates are never rounded; convergence status of the best start is
 * reported (Besiroglu et al. found Hoffmann's original fit stopped early).
 */
import { bootstrap, gridStarts, leastSquares, multiStart, type FitResult, type LeastSquaresProblem } from '../fitter/index.js';
import { msg, type Warning } from '../messages.js';
import { createRng, DEFAULT_SEED } from '../util/random.js';
import { quantile, sampleStd } from '../util/stats.js';
import { lossLawDesignProblems } from './identifiability.js';

/** One observation: model size N, data size D (tokens), final loss (nats/token). */
export interface LossPoint {
  N: number;
  D: number;
  loss: number;
  /** Where it came from (1-based data row, file), for reports. */
  row?: number;
  file?: string;
}

export type LossObjective = 'huber' | 'lsq';

/** Grid of starting values in the LSE parametrisation. */
export interface LossLawGrid {
  alpha: number[];
  beta: number[];
  e: number[];
  a: number[];
  b: number[];
}

const range = (lo: number, hi: number, step: number): number[] => {
  const out: number[] = [];
  for (let k = 0; lo + k * step <= hi + 1e-12; k++) out.push(lo + k * step);
  return out;
};

/** Hoffmann et al. / Besiroglu et al. grid: 5 × 5 × 5 × 6 × 6 = 4,500 starts. */
export const HOFFMANN_GRID: LossLawGrid = {
  alpha: range(0, 2, 0.5),
  beta: range(0, 2, 0.5),
  e: range(-1, 1, 0.5),
  a: range(0, 25, 5),
  b: range(0, 25, 5),
};

/** Huber δ of the field's method (Hoffmann et al. 2022; Besiroglu et al. 2024). */
export const HUBER_DELTA = 1e-3;

export interface LossLawOptions {
  /** 'huber' (default): Σ Huber_δ of log residuals; 'lsq': Σ squared residuals in loss. */
  objective?: LossObjective;
  /** Huber δ (default 1e-3). */
  delta?: number;
  /** Fit one exponent γ = α = β (Gadre et al. 2024). */
  sharedExponent?: boolean;
  /** Start grid (default HOFFMANN_GRID; with a shared exponent its `alpha` axis is γ's and `beta` is ignored). */
  grid?: LossLawGrid;
  /** Exclude the K highest losses before fitting (reported). */
  dropTop?: number;
  /** Bootstrap resamples (default 0 = none). */
  bootstrap?: number;
  /** Bootstrap seed (default DEFAULT_SEED = 0). */
  seed?: number;
  /** Name of the data (slice) for messages. */
  label?: string;
  /**
   * Run every start to full tolerance (the literal method; ~10× slower). By
   * default starts are screened: each grid start gets `screenEvaluations`
   * residual evaluations, then the `polish` lowest-cost distinct points are run
   * to full tolerance and the best converged one is kept.
   */
  exhaustive?: boolean;
  /** Screening budget per start (default 10 evaluations). */
  screenEvaluations?: number;
  /** Screened points polished to full tolerance (default 20). */
  polish?: number;
  /** Progress of the bootstrap. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Fit even when the points cannot identify the law (src/laws/identifiability.ts lossLawDesignProblems); the
   * problems become `unidentifiable` warnings. Default false: the fit is not made, its status is
   * 'not-identifiable' and an `unidentifiable` warning (a refusal) says why.
   */
  allowUnidentifiable?: boolean;
}

/** One reported quantity: point estimate, bootstrap stderr and 95% percentile interval. */
export interface Estimate {
  value: number;
  /** Bootstrap standard deviation; null without bootstrap. */
  stderr: number | null;
  /** Bootstrap 2.5% and 97.5% percentiles; null without bootstrap. */
  ci95: [number, number] | null;
}

/** The reported quantities, in the order of bootstrap sample vectors. */
export const LOSS_LAW_QUANTITIES = ['E', 'A', 'B', 'alpha', 'beta', 'a', 'b'] as const;
export type LossLawQuantity = (typeof LOSS_LAW_QUANTITIES)[number];

export interface LossLawFit {
  label: string;
  objective: LossObjective;
  delta: number | null;
  sharedExponent: boolean;
  /** The law fitted: full, shared exponent, or a reduced law when all points share one N or one D. */
  form: LossLawForm;
  /** Points used (after --drop-top). */
  n: number;
  /** Points excluded by dropTop, highest loss first. */
  dropped: LossPoint[];
  /**
   * E, A, B, α, β and the compute-optimal split a = β/(α+β) (N_opt ∝ C^a),
   * b = α/(α+β) (D_opt ∝ C^b). Not rounded.
   */
  estimates: Record<LossLawQuantity, Estimate>;
  /** Best point in the LSE parametrisation (a = ln A, b = ln B, e = ln E), with the engine's asymptotic stderr. */
  lse: { name: string; value: number; asymptoticStderr: number | null }[];
  /** Objective at the best point: Σ Huber_δ(log residual) or Σ (loss residual)². */
  objectiveValue: number;
  /** RMS of the log residuals ln L − ln L̂ at the best point. */
  rmsLogResidual: number;
  convergence: {
    /** Of the reported (best) run: the engine's status. */
    success: boolean;
    status: string;
    message: string;
    /** 'screened' (default) or 'exhaustive' (every start to full tolerance). */
    search: 'screened' | 'exhaustive';
    /** Grid starts tried. */
    starts: number;
    /** Evaluation budget per start in the screening phase. */
    screenEvaluations?: number;
    /** Starts run to full tolerance (screened: the best distinct screened points; exhaustive: all). */
    polished: number;
    /** How many of the polished runs converged. */
    convergedStarts: number;
    /** The grid start [a, b, e, alpha(, beta)] the best point came from. */
    bestStart: number[];
    /** Residual evaluations in all. */
    nfev: number;
  };
  bootstrap: null | {
    nboot: number;
    failed: number;
    seed: number;
    start: 'full-data best point';
    /** Per successful resample: [E, A, B, alpha, beta, a, b]. */
    samples: number[][];
  };
  warnings: Warning[];
}

/** Prediction of the law at (N, D). */
export function predictLoss(p: { E: number; A: number; B: number; alpha: number; beta: number }, N: number, D: number): number {
  return p.E + p.A / N ** p.alpha + p.B / D ** p.beta;
}

/** Point estimates as plain numbers. */
export function lossLawValues(fit: LossLawFit): Record<LossLawQuantity, number> {
  const out = {} as Record<LossLawQuantity, number>;
  for (const q of LOSS_LAW_QUANTITIES) out[q] = fit.estimates[q].value;
  return out;
}

/** Residuals of ln L̂ = lse: ln L − ln L̂ ('huber', log residuals) or L − L̂ ('lsq', loss residuals). */
function lseResiduals(objective: LossObjective, lnL: ArrayLike<number>, L: ArrayLike<number>, lse: ArrayLike<number>): Float64Array {
  const r = new Float64Array(lse.length);
  if (objective === 'huber') for (let i = 0; i < r.length; i++) r[i] = lnL[i] - lse[i];
  else for (let i = 0; i < r.length; i++) r[i] = L[i] - Math.exp(lse[i]);
  return r;
}

/** d r/dθ = s·∂ ln L̂/∂θ with s = −1 (log residual) or −L̂ (loss residual). */
const residualScale = (objective: LossObjective, lse: number): number => (objective === 'huber' ? -1 : -Math.exp(lse));

/**
 * The least-squares problem in the LSE parametrisation. Parameter vector
 * [a, b, e, alpha, beta], or [a, b, e, gamma] with a shared exponent.
 * Residuals: ln L − ln L̂ ('huber') or L − L̂ ('lsq').
 */
export function lossLawProblem(points: readonly LossPoint[], objective: LossObjective, shared: boolean): LeastSquaresProblem {
  const m = points.length;
  const lnN = Float64Array.from(points, (p) => Math.log(p.N));
  const lnD = Float64Array.from(points, (p) => Math.log(p.D));
  const lnL = Float64Array.from(points, (p) => Math.log(p.loss));
  const L = Float64Array.from(points, (p) => p.loss);
  const w1 = new Float64Array(m);
  const w2 = new Float64Array(m);
  const w3 = new Float64Array(m);
  const lse = new Float64Array(m);
  // Evaluate LSE and softmax weights at p.
  const evaluate = (p: Float64Array) => {
    const a = p[0], b = p[1], e = p[2];
    const alpha = p[3], beta = shared ? p[3] : p[4];
    for (let i = 0; i < m; i++) {
      const t1 = a - alpha * lnN[i];
      const t2 = b - beta * lnD[i];
      const mx = Math.max(t1, t2, e);
      const x1 = Math.exp(t1 - mx), x2 = Math.exp(t2 - mx), x3 = Math.exp(e - mx);
      const s = x1 + x2 + x3;
      lse[i] = mx + Math.log(s);
      w1[i] = x1 / s;
      w2[i] = x2 / s;
      w3[i] = x3 / s;
    }
  };
  const names = shared ? ['a', 'b', 'e', 'gamma'] : ['a', 'b', 'e', 'alpha', 'beta'];
  return {
    params: names.map((name) => ({ name, value: 0 })),
    residuals(p) {
      evaluate(p);
      return lseResiduals(objective, lnL, L, lse);
    },
    jacobian(p) {
      evaluate(p);
      const rows: Float64Array[] = new Array(m);
      for (let i = 0; i < m; i++) {
        const s = residualScale(objective, lse[i]);
        const row = new Float64Array(names.length);
        row[0] = s * w1[i];
        row[1] = s * w2[i];
        row[2] = s * w3[i];
        if (shared) row[3] = -s * (w1[i] * lnN[i] + w2[i] * lnD[i]);
        else {
          row[3] = -s * w1[i] * lnN[i];
          row[4] = -s * w2[i] * lnD[i];
        }
        rows[i] = row;
      }
      return rows;
    },
  };
}

/** Starts (full parameter vectors) from a grid. */
export function lossLawStarts(grid: LossLawGrid, shared: boolean): number[][] {
  // Order of the grid's product: alpha, beta, e, a, b (as Besiroglu et al. loop); vectors are [a, b, e, alpha(, beta)].
  if (shared) return gridStarts([grid.alpha, grid.e, grid.a, grid.b]).map(([g, e, a, b]) => [a, b, e, g]);
  return gridStarts([grid.alpha, grid.beta, grid.e, grid.a, grid.b]).map(([al, be, e, a, b]) => [a, b, e, al, be]);
}

/** [E, A, B, alpha, beta, a, b] from an LSE parameter vector. */
export function lseToQuantities(x: ArrayLike<number>, shared: boolean): number[] {
  const alpha = x[3];
  const beta = shared ? x[3] : x[4];
  return [Math.exp(x[2]), Math.exp(x[0]), Math.exp(x[1]), alpha, beta, beta / (alpha + beta), alpha / (alpha + beta)];
}

/**
 * The law actually fitted. 'full' and 'shared' are L = E + A/N^α + B/D^β (α = β
 * for 'shared'). When every point has the same N, A/N^α is a constant that
 * cannot be told apart from E: the reduced law 'D-only' L = E' + B/D^β is fitted
 * instead (E' = E + A/N^α at that N; A, α and the split are not identified and
 * reported as NaN). 'N-only' likewise when every point has the same D.
 */
export type LossLawForm = 'full' | 'shared' | 'D-only' | 'N-only';

/** Residual problem of a form; reduced forms have parameters [c, e, k] (ln coefficient, ln E', exponent). */
export function formProblem(points: readonly LossPoint[], objective: LossObjective, form: LossLawForm): LeastSquaresProblem {
  if (form === 'full' || form === 'shared') return lossLawProblem(points, objective, form === 'shared');
  const m = points.length;
  const lnX = Float64Array.from(points, (p) => Math.log(form === 'D-only' ? p.D : p.N));
  const lnL = Float64Array.from(points, (p) => Math.log(p.loss));
  const L = Float64Array.from(points, (p) => p.loss);
  const w = new Float64Array(m);
  const lse = new Float64Array(m);
  const evaluate = (p: Float64Array) => {
    for (let i = 0; i < m; i++) {
      const t = p[0] - p[2] * lnX[i];
      const mx = Math.max(t, p[1]);
      const x1 = Math.exp(t - mx), x2 = Math.exp(p[1] - mx);
      lse[i] = mx + Math.log(x1 + x2);
      w[i] = x1 / (x1 + x2);
    }
  };
  const names = form === 'D-only' ? ['b', 'e', 'beta'] : ['a', 'e', 'alpha'];
  return {
    params: names.map((name) => ({ name, value: 0 })),
    residuals(p) {
      evaluate(p);
      return lseResiduals(objective, lnL, L, lse);
    },
    jacobian(p) {
      evaluate(p);
      const rows: Float64Array[] = new Array(m);
      for (let i = 0; i < m; i++) {
        const s = residualScale(objective, lse[i]);
        rows[i] = Float64Array.of(s * w[i], s * (1 - w[i]), -s * w[i] * lnX[i]);
      }
      return rows;
    },
  };
}

/** Grid starts of a form (reduced forms: exponent × e × coefficient axes). */
export function formStarts(grid: LossLawGrid, form: LossLawForm): number[][] {
  if (form === 'full' || form === 'shared') return lossLawStarts(grid, form === 'shared');
  const [ex, co] = form === 'D-only' ? [grid.beta, grid.b] : [grid.alpha, grid.a];
  return gridStarts([ex, grid.e, co]).map(([k, e, c]) => [c, e, k]);
}

/** [E, A, B, alpha, beta, a, b] of a form's parameter vector (NaN where not identified). */
export function formQuantities(x: ArrayLike<number>, form: LossLawForm): number[] {
  if (form === 'full' || form === 'shared') return lseToQuantities(x, form === 'shared');
  if (form === 'D-only') return [Math.exp(x[1]), NaN, Math.exp(x[0]), NaN, x[2], NaN, NaN];
  return [Math.exp(x[1]), Math.exp(x[0]), NaN, x[2], NaN, NaN, NaN];
}

function objectiveValue(r: ArrayLike<number>, objective: LossObjective, delta: number): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const x = Math.abs(r[i]);
    if (objective === 'lsq') s += x * x;
    else s += x <= delta ? 0.5 * x * x : delta * (x - 0.5 * delta);
  }
  return s;
}

function engineOptions(objective: LossObjective, delta: number) {
  return objective === 'huber' ? { loss: 'huber' as const, fScale: delta } : { loss: 'linear' as const };
}

interface SearchResult {
  mode: 'screened' | 'exhaustive';
  best: FitResult;
  bestStart: number;
  polished: number;
  converged: number;
  nfev: number;
}

type EngineOptions = ReturnType<typeof engineOptions>;

function fromStart(problem: LeastSquaresProblem, x: ArrayLike<number>): LeastSquaresProblem {
  return { ...problem, params: problem.params.map((q, j) => ({ ...q, value: x[j] })) };
}

/** Every start to full tolerance; the engine's multi-start keeps the best converged one. */
function exhaustiveSearch(problem: LeastSquaresProblem, starts: number[][], opts: EngineOptions): SearchResult {
  const r = multiStart(problem, starts, opts);
  const nfev = (r as FitResult & { totalNfev?: number }).totalNfev ?? r.nfev;
  return { mode: 'exhaustive', best: r, bestStart: r.bestStart, polished: starts.length, converged: r.convergedStarts, nfev };
}

/**
 * Two-phase multi-start. Phase 1 runs LM from every grid start with a small
 * evaluation budget (most stop unconverged, by design) and records the cost
 * reached. Phase 2 runs the `polish` lowest-cost distinct phase-1 points to
 * full tolerance; the best converged one is refined once more with covariance.
 * On a 240-point Huber problem this finds the same optimum as running all
 * 4,500 starts to full tolerance (checked in test/loss-law), ~15× faster: the
 * Huber objective with δ = 1e-3 is nearly L1 and LM converges only linearly on
 * it, so full-tolerance runs spend most of their evaluations in the last digits.
 */
function screenedSearch(
  problem: LeastSquaresProblem,
  starts: number[][],
  opts: EngineOptions,
  screenEvaluations: number,
  polish: number,
): SearchResult {
  let nfev = 0;
  const screened: { cost: number; x: number[]; start: number }[] = [];
  starts.forEach((st, k) => {
    const r = leastSquares(fromStart(problem, st), { ...opts, maxEvaluations: screenEvaluations, skipCovariance: true });
    nfev += r.nfev;
    if (Number.isFinite(r.cost)) screened.push({ cost: r.cost, x: r.x, start: k });
  });
  screened.sort((p, q) => p.cost - q.cost || p.start - q.start);
  const chosen: typeof screened = [];
  for (const c of screened) {
    if (chosen.length >= polish) break;
    if (chosen.some((d) => d.x.every((v, j) => Math.abs(v - c.x[j]) <= 1e-9 * Math.max(1, Math.abs(v))))) continue;
    chosen.push(c);
  }
  let best: { r: FitResult; start: number } | undefined;
  let converged = 0;
  for (const c of chosen) {
    const r = leastSquares(fromStart(problem, c.x), { ...opts, skipCovariance: true });
    nfev += r.nfev;
    if (r.success) converged++;
    const better = !best || (r.success && !best.r.success) || (r.success === best.r.success && r.cost < best.r.cost);
    if (better) best = { r, start: c.start };
  }
  if (!best) {
    // Every start gave a non-finite cost: report the first start's failure.
    const r = leastSquares(fromStart(problem, starts[0]), opts);
    return { mode: 'screened', best: r, bestStart: 0, polished: 0, converged: 0, nfev: nfev + r.nfev };
  }
  const final = leastSquares(fromStart(problem, best.r.x), opts);
  nfev += final.nfev;
  const keep = final.success && final.cost <= best.r.cost ? final : best.r;
  return { mode: 'screened', best: keep, bestStart: best.start, polished: chosen.length, converged, nfev };
}

/** Exclude the K highest losses (stable: among equal losses the later row goes first). */
export function dropHighest(points: readonly LossPoint[], k: number): { kept: LossPoint[]; dropped: LossPoint[] } {
  if (k <= 0) return { kept: [...points], dropped: [] };
  const order = points.map((_, i) => i).sort((i, j) => points[j].loss - points[i].loss || j - i);
  const out = new Set(order.slice(0, k));
  return { kept: points.filter((_, i) => !out.has(i)), dropped: order.slice(0, k).map((i) => points[i]) };
}

/**
 * Fit the loss law to points. Points with a non-finite or non-positive N, D or
 * loss are left out (warning). With fewer usable points than free parameters
 * nothing is fitted: estimates are NaN, convergence.success is false and a
 * 'too-few-points' warning says why. All points at one N (or one D) give a
 * 'single-level' warning and the reduced law is fitted (see LossLawForm);
 * all points at one (N, D) cannot identify anything ('not-identified').
 */
export function fitLossLaw(input: readonly LossPoint[], options: LossLawOptions = {}): LossLawFit {
  const objective = options.objective ?? 'huber';
  const delta = options.delta ?? HUBER_DELTA;
  const shared = options.sharedExponent ?? false;
  const grid = options.grid ?? HOFFMANN_GRID;
  const label = options.label ?? 'all points';
  const nboot = options.bootstrap ?? 0;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(delta > 0)) throw new Error(`fitLossLaw: delta must be > 0, got ${delta}`);
  const warnings: Warning[] = [];

  const usable = input.filter((p) => [p.N, p.D, p.loss].every((v) => Number.isFinite(v) && v > 0));
  if (usable.length < input.length) {
    warnings.push({ code: 'skipped-runs', message: msg.lossLawSkippedRuns(label, input.length - usable.length), count: input.length - usable.length });
  }
  const { kept: points, dropped } = dropHighest(usable, options.dropTop ?? 0);
  if (dropped.length > 0) {
    warnings.push({
      code: 'dropped-top',
      message: msg.lossLawDroppedTop(label, dropped.length, dropped.map((p) => p.row ?? NaN)),
      count: dropped.length,
      detail: { rows: dropped.map((p) => ({ file: p.file, row: p.row, loss: p.loss })) },
    });
  }
  const oneN = points.length > 0 && new Set(points.map((p) => p.N)).size === 1;
  const oneD = points.length > 0 && new Set(points.map((p) => p.D)).size === 1;
  if (oneN) warnings.push({ code: 'single-level', message: msg.lossLawSingleLevel(label, 'N'), detail: { axis: 'N' } });
  if (oneD) warnings.push({ code: 'single-level', message: msg.lossLawSingleLevel(label, 'D'), detail: { axis: 'D' } });
  const form: LossLawForm = oneN && !oneD ? 'D-only' : oneD && !oneN ? 'N-only' : shared ? 'shared' : 'full';
  if (form === 'D-only' || form === 'N-only') {
    warnings.push({ code: 'reduced-law', message: msg.lossLawReduced(label, form === 'D-only' ? "L = E' + B/D^beta" : "L = E' + A/N^alpha"), detail: { form } });
  }

  const nParams = oneN && oneD ? Infinity : form === 'full' ? 5 : form === 'shared' ? 4 : 3;
  const base = {
    label,
    objective,
    delta: objective === 'huber' ? delta : null,
    sharedExponent: shared,
    form,
    n: points.length,
    dropped,
  };
  // Too few points for the parameters is reported as such; identifiability is checked when there are enough.
  const problems = (oneN && oneD) || points.length < nParams ? [] : lossLawDesignProblems(points, form);
  for (const p of problems) {
    warnings.push({
      code: 'unidentifiable',
      message: options.allowUnidentifiable
        ? msg.unidentifiableOverridden(p.reason, `${label}: ${p.subject}`, p.why)
        : msg.lossLawUnidentifiable(label, p.reason, p.subject, p.why),
      detail: { reason: p.reason, subject: p.subject, refused: !options.allowUnidentifiable, ...(p.detail ?? {}) },
    });
  }
  const refused = problems.length > 0 && !options.allowUnidentifiable;
  if (points.length < nParams || refused) {
    if (refused) {
      // Reported by the unidentifiable warnings above.
    } else if (oneN && oneD) warnings.push({ code: 'not-identified', message: msg.lossLawNotIdentified(label), count: points.length });
    else warnings.push({ code: 'too-few-points', message: msg.lossLawTooFewPoints(label, points.length, nParams), count: points.length });
    const nan: Estimate = { value: NaN, stderr: null, ci95: null };
    const estimates = Object.fromEntries(LOSS_LAW_QUANTITIES.map((q) => [q, nan])) as Record<LossLawQuantity, Estimate>;
    return {
      ...base,
      estimates,
      lse: [],
      objectiveValue: NaN,
      rmsLogResidual: NaN,
      convergence: {
        success: false,
        status: refused ? 'not-identifiable' : 'too-few-data',
        message: msg.lossLawNotFitted(refused),
        search: options.exhaustive ? 'exhaustive' : 'screened',
        starts: 0,
        polished: 0,
        convergedStarts: 0,
        bestStart: [],
        nfev: 0,
      },
      bootstrap: null,
      warnings,
    };
  }

  const problem = formProblem(points, objective, form);
  const starts = formStarts(grid, form);
  const opts = engineOptions(objective, delta);
  const search = options.exhaustive
    ? exhaustiveSearch(problem, starts, opts)
    : screenedSearch(problem, starts, opts, options.screenEvaluations ?? 10, options.polish ?? 20);
  const best = search.best;
  if (!best.success) warnings.push({ code: 'not-converged', message: msg.lossLawNotConverged(label, best.message), detail: { status: best.status } });
  for (const w of best.warnings) if (w.code !== 'not-converged') warnings.push(w);

  const point = formQuantities(best.x, form);
  let ss = 0;
  for (const p of points) {
    const pred =
      point[0] + (Number.isFinite(point[1]) ? point[1] / p.N ** point[3] : 0) + (Number.isFinite(point[2]) ? point[2] / p.D ** point[4] : 0);
    ss += (Math.log(p.loss) - Math.log(pred)) ** 2;
  }

  let boot: LossLawFit['bootstrap'] = null;
  let samples: number[][] = [];
  if (nboot > 0) {
    const rng = createRng(seed);
    const res = bootstrap(
      points.length,
      nboot,
      rng,
      (idx) => {
        const sub = Array.from(idx, (i) => points[i]);
        const pb = formProblem(sub, objective, form);
        pb.params.forEach((q, j) => (q.value = best.x[j]));
        const fit = leastSquares(pb, { ...opts, skipCovariance: true });
        return fit.success ? fit.x : undefined;
      },
      options.onProgress,
    );
    samples = res.samples.map((x) => formQuantities(x, form));
    boot = { nboot, failed: res.failed, seed, start: 'full-data best point', samples };
    if (res.failed > 0) warnings.push({ code: 'bootstrap-failed', message: msg.lossLawBootstrapFailed(label, res.failed, nboot), count: res.failed });
  }

  const estimates = {} as Record<LossLawQuantity, Estimate>;
  LOSS_LAW_QUANTITIES.forEach((q, j) => {
    const col = samples.map((s) => s[j]).filter(Number.isFinite);
    estimates[q] = {
      value: point[j],
      stderr: col.length >= 2 ? sampleStd(col) : null,
      ci95: col.length >= 2 ? [quantile(col, 0.025), quantile(col, 0.975)] : null,
    };
  });

  return {
    ...base,
    estimates,
    lse: best.params.map((q) => ({ name: q.name, value: q.value, asymptoticStderr: q.stderr })),
    objectiveValue: objectiveValue(best.residuals, objective, delta),
    rmsLogResidual: Math.sqrt(ss / points.length),
    convergence: {
      success: best.success,
      status: best.status,
      message: best.message,
      search: search.mode,
      starts: starts.length,
      ...(search.mode === 'screened' ? { screenEvaluations: options.screenEvaluations ?? 10 } : {}),
      polished: search.polished,
      convergedStarts: search.converged,
      bestStart: starts[search.bestStart] ?? [],
      nfev: search.nfev,
    },
    bootstrap: boot,
    warnings,
  };
}
