/**
 * ml-matrix (github.com/mljs/matrix), loaded with `require`. Its ESM entry
 * (`matrix.mjs`) re-exports the CommonJS build, which Node's ESM loader then
 * scans for export names (cjs-module-lexer) on every start: ~50 ms of each
 * command's start-up here, against ~13 ms for `require` reading the same
 * build directly. The classes are the package's own; only the loading differs.
 */
import { createRequire } from 'node:module';

const mlMatrix = createRequire(import.meta.url)('ml-matrix') as typeof import('ml-matrix');

export const { Matrix, SingularValueDecomposition, inverse } = mlMatrix;
export type Matrix = import('ml-matrix').Matrix;
