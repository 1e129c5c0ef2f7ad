/**
 * ml-matrix (github.com/mljs/matrix), loaded with `require` when first used. Its ESM entry (`matrix.mjs`)
 * re-exports the CommonJS build, which Node's ESM loader then scans for export names (cjs-module-lexer) on
 * every start: ~50 ms of each command's start-up here, against ~13 ms for `require` reading the same build
 * directly. Even that is ~30 ms of wall time, and only the Levenberg–Marquardt engine's covariance
 * (fitter/covariance.ts) needs the package: OLS (fitter/ols.ts) computes its covariance itself. So the
 * package is loaded by the first caller of `mlMatrix()`, not at start. The classes are the package's own.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('ml-matrix') | undefined;

/** The ml-matrix module (loaded on the first call). */
export function mlMatrix(): typeof import('ml-matrix') {
  return (loaded ??= createRequire(import.meta.url)('ml-matrix') as typeof import('ml-matrix'));
}

export type Matrix = import('ml-matrix').Matrix;
