/**
 * steplaw's nonlinear least-squares engine (knows nothing about LLMs).
 *
 * - leastSquares(problem, options): bounded (MINUIT transform), fixed params,
 *   weights (divide residuals by σ), robust losses as scipy least_squares,
 *   MINPACK lmder LM with 'jac' diag scaling; lmfit statistics; scipy
 *   curve_fit covariance (SVD of J). See docs/engine.md.
 * - curveFit, multiStart, gridStarts, bootstrap / clusterBootstrap,
 *   pairedDifference, fitReport, fitResultJson.
 *
 * Beyond scipy's result: FitResult.covarianceParams (names of the covariance
 * rows: free params NOT at a bound), FitResult.condition, FitResult.options;
 * options diffMethod, robustCurvatureFloor, skipCovariance; the Jacobian may be
 * one flat row-major Float64Array; multiStart takes record starts and a
 * screenTol (default 1e-8, winner refined at full tolerance) and returns
 * bestStart, totalNfev, totalNjev. Statuses beyond MINPACK's: 'degenerate'
 * (converged where a free parameter has no effect — success false),
 * 'numerical-failure', 'too-few-data', 'no-free-params'. A parameter on a bound
 * has stderr null and is excluded from `covariance` (the others' covariance is
 * conditional on it).
 */
export type {
  ParamSpec,
  RobustLoss,
  LeastSquaresOptions,
  LeastSquaresProblem,
  FitParam,
  FitResult,
  BootstrapResult,
  Warning,
} from './types.js';
export { leastSquares, DEFAULT_TOL } from './least-squares.js';
export { curveFit, type CurveFitOptions } from './curve-fit.js';
export { multiStart, gridStarts, type MultiStartOptions, type MultiStartResult, type Start } from './multistart.js';
export { bootstrap, clusterBootstrap, clusterDrawBootstrap, drawClusters, replicateBootstrap, resampleClusters, stratifiedClusterBootstrap } from './bootstrap.js';
export { pairedDifference, clusterTInterval, type PairedDifference, type PairedDifferenceOptions } from './paired-difference.js';
export { fitReport, fitResultJson, gformat } from './report.js';
export { rho, rho1, rho2, robustCost } from './loss.js';
