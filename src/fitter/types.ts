/**
 * Public types of the nonlinear least-squares engine (knows nothing about LLMs).
 *
 * Vocabulary follows lmfit (`chisqr`, `redchi`, `aic`, `bic`, `nfree`, `stderr`,
 * `correl`, "at boundary") and scipy `least_squares` (`cost`, `loss`, `f_scale`,
 * `x_scale`, `status`, `message`).
 */
import type { Warning } from '../messages.js';

export type { Warning };

/** One model parameter: start value, optional bounds, optional fixed flag. */
export interface ParamSpec {
  name: string;
  value: number;
  min?: number;
  max?: number;
  fixed?: boolean;
}

/** scipy `least_squares` robust losses, rho(z) on z = (r / f_scale)². */
export type RobustLoss = 'linear' | 'huber' | 'soft_l1' | 'cauchy';

export interface LeastSquaresOptions {
  /** Robust loss (default 'linear'); applied as scipy `least_squares` does. */
  loss?: RobustLoss;
  /** scipy `f_scale`: the residual scale of the robust loss (Huber δ). Default 1. */
  fScale?: number;
  /**
   * Parameter scaling. 'jac' (default): MINPACK's diag = running max of the
   * Jacobian column norms (mode 1 of lmder). An array: fixed characteristic
   * scales per FREE (non-fixed) parameter, in order; diag = 1/scale.
   */
  xScale?: 'jac' | number[];
  /** Relative reduction of the cost (MINPACK ftol). Default 1e-10; an ftol stop is refined by Gauss–Newton steps with ftol off (see least-squares.ts). */
  ftol?: number;
  /** Relative step size (MINPACK xtol: trust radius ≤ xtol·‖diag·x‖ — relative to the whole scaled vector, not per parameter). Default 1e-10. */
  xtol?: number;
  /** Cosine between residual vector and Jacobian columns (MINPACK gtol). Default 1e-10. */
  gtol?: number;
  /** Maximum residual evaluations, Jacobian evaluations by finite differences included. Default 2000·(n+1). */
  maxEvaluations?: number;
  /** Finite differences when no analytic Jacobian: '2-point' (default, MINPACK relative step √eps·|x|) or '3-point'. */
  diffMethod?: '2-point' | '3-point';
  /**
   * Robust losses only: lower bound c·rho′ on each row's Gauss–Newton curvature
   * during the iterations (default 0.1; 0 = iterate exactly as scipy). Does not
   * change the solution or the covariance. See least-squares.ts.
   */
  robustCurvatureFloor?: number;
  /**
   * Skip the covariance (and with it the final Jacobian, the condition number
   * and the 'degenerate' check) — for inner loops such as bootstrap refits.
   */
  skipCovariance?: boolean;
}

export interface LeastSquaresProblem {
  params: ParamSpec[];
  /** Residuals r_i(p) for the FULL parameter vector p (fixed ones included), already divided by sigma_i if weighted. */
  residuals: (p: Float64Array) => Float64Array;
  /**
   * Optional analytic Jacobian dr_i/dp_j, m rows × (all) n params, for the full
   * vector: an array of rows, or (faster, no per-row allocation) one flat
   * row-major Float64Array of length m·n with element (i, j) at i·n + j.
   * Without it: finite differences with MINPACK's relative steps.
   */
  jacobian?: (p: Float64Array) => Float64Array[] | Float64Array;
}

export interface FitParam {
  name: string;
  value: number;
  init: number;
  /** Standard error (√ of the covariance diagonal), null when it could not be estimated (fixed, at a bound, singular). */
  stderr: number | null;
  min: number;
  max: number;
  fixed: boolean;
  atBoundary: boolean;
}

export interface FitResult {
  success: boolean;
  /** 'ftol' | 'xtol' | 'ftol+xtol' | 'gtol' | 'max-evaluations' | 'tolerance-too-small' | 'non-finite' | 'no-free-params' */
  status: string;
  message: string;
  params: FitParam[];
  values: Record<string, number>;
  /** Full parameter vector (fixed ones included), in `params` order. */
  x: number[];
  nfev: number;
  njev: number;
  iterations: number;
  ndata: number;
  nvarys: number;
  nfree: number;
  /** scipy's cost: 0.5·f_scale²·Σ rho((r/f_scale)²); for 'linear' 0.5·Σ r². */
  cost: number;
  /** lmfit definitions on the plain (weighted) residuals: Σ r², chisqr/nfree, n·ln(chisqr/n) + 2k, n·ln(chisqr/n) + ln(n)·k. */
  chisqr: number;
  redchi: number;
  aic: number;
  bic: number;
  rsquared?: number;
  residuals: number[];
  /** Covariance of the parameters named in `covarianceParams` (free, not at a bound). */
  covariance: number[][] | null;
  /** Names of the parameters (rows/columns) of `covariance`, in order. */
  covarianceParams: string[];
  /** Condition number s_max/s_min of the (rescaled) Jacobian at the solution over `covarianceParams`. */
  condition: number | null;
  correl: Record<string, Record<string, number>>;
  /** Options actually used (defaults filled in). */
  options: { loss: RobustLoss; fScale: number; ftol: number; xtol: number; gtol: number; maxEvaluations: number };
  warnings: Warning[];
}

export interface BootstrapResult {
  /** Successful refits, one parameter vector each, in resample order. */
  samples: number[][];
  nboot: number;
  failed: number;
  mean: number[];
  std: number[];
  /** 2.5% and 97.5% percentiles (numpy type-7 quantiles). */
  lower: number[];
  upper: number[];
}
