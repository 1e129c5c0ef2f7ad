/**
 * The validator's public API (issue 4): validate a law against grid-search
 * optima, cross-validate the Step Law form, compare laws, describe the
 * landscape, and read the loss at off-grid points.
 *
 *   validateLaw(grids, law, { reader, band, NColumn, seqLen }) → ValidationResult
 *   crossValidate(grids, { reader, band, NColumn, seqLen, published }) → CrossValidation
 *   compareLaws(grids, laws, { reader, band, NColumn, seqLen }) → Comparison
 *   landscape(grids, bands?) → { groups: GroupLandscape[], summary: LandscapeSummary }
 *   getReader('surface' | 'linear' | 'nearest') → LossReader; latticeOf(grid) → Lattice
 */
export * from './validate.js';
export * from './cv.js';
export * from './compare.js';
export * from './landscape.js';
export * from './summary.js';
export * from './context.js';
export * from './lattice.js';
export * from './loo.js';
export * from './format.js';
export * from './readers/index.js';
