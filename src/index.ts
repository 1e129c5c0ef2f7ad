/**
 * steplaw as a library: the same pieces the CLI uses.
 *
 * @example
 * import { loadSweep, groupSweep, fitStepLaw, fitToLaw, validateLaw, stepLaw } from 'steplaw';
 * const { grids } = groupSweep(loadSweep(['sweep.csv'], { map: { N: 'params', D: 'tokens', lr: 'peak_lr', batch: 'bs', loss: 'final_loss' } }));
 * const fit = fitStepLaw(grids, { bootstrap: 1000, seed: 0 });
 * validateLaw(grids, fitToLaw(fit), { reader: 'nearest' }).summary.meanRelativeError;
 * stepLaw().predict({ N: 7e9, D: 1.4e12 }); // => { lr: 9.347e-4, batchTokens: 4996961.3 }
 */
export { InputError, type Warning, type WarningCode } from './messages.js';
export { loadSweep, parseColumnMap, type IngestOptions, type ColumnMap } from './ingest/sweep.js';
export { parseNumber } from './ingest/number.js';
export type { Run, Sweep } from './sweep/types.js';
export { groupSweep, withinBand, edgeAxes, type Grid, type GroupOptions } from './sweep/grid.js';
export type { Law, LawContext, Prediction, LogLinearCoefficients } from './laws/law.js';
export { stepLaw, stepLawRounded } from './laws/published/steplaw.js';
export { catalogLaws, resolveLaw } from './laws/catalog.js';
export { fitStepLaw, fitToLaw, readFitLaw, type StepLawFit, type StepLawFitOptions } from './laws/steplaw-fit.js';
export { fitLossLaw, type LossLawFit, type LossPoint } from './laws/loss-law.js';
export { fitComputeOptimal } from './laws/compute-optimal.js';
export { readOptimalPairs } from './ingest/optimal-pairs.js';
export { sliceStudy, type SliceStudy } from './slices/study.js';
export { shapeStudy, type ShapeStudy } from './slices/shapes.js';
export * as fitter from './fitter/index.js';
export * as validate from './validate/index.js';
export { validateLaw } from './validate/validate.js';
export { createRng, type Rng } from './util/random.js';
export * as plan from './plan/index.js';
