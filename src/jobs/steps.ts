/**
 * The steps of `steplaw reproduce`, each computing one result once from the
 * released data (released.ts). records.ts turns the results into the fits/
 * records and the summary lines; report.ts hands the same objects to the report.
 */
import { join } from 'node:path';
import { meanCoefficients, stepLawBootstrapRows, stepLaw, stepLawRounded } from '../laws/published/steplaw.js';
import { BOOTSTRAP_ROWS_FILE } from '../ingest/steplaw-bootstrap.js';
import { catalogLaws } from '../laws/catalog.js';
import { fitStepLaw, fitToLaw, type StepLawFit } from '../laws/steplaw-fit.js';
import { validateLaw, type ValidationResult } from '../validate/validate.js';
import { compareLaws, type Comparison } from '../validate/compare.js';
import { crossValidate, type CrossValidation } from '../validate/cv.js';
import { landscape } from '../validate/landscape.js';
import { DEFAULT_READER, type ReaderName } from '../validate/readers/index.js';
import { sliceStudy, type SliceStudy } from '../slices/study.js';
import { shapeStudy, type ShapeStudy } from '../slices/shapes.js';
import { fitLossLaw, type LossLawFit, type LossPoint } from '../laws/loss-law.js';
import type { Grid } from '../sweep/grid.js';
import { reproducePorian, type PorianReproduction } from './porian.js';
import { reproduceGadreWithFits, type GadreReproduction } from './gadre.js';
import { reproductionRecord, type ReproductionRecord } from './steplaw-record.js';
import { DENSE_FILE, MOE_FILE, type LoadedSweep, type ReleasedData } from './released.js';
import { chinchillaParams, lossLawCurves, type LossLawCurves } from '../laws/loss-law-curves.js';

/**
 * The one loss reader of every validation, comparison, cross-validation and
 * slice study of `reproduce`: the nearest grid cell in (ln lr, ln B), the
 * paper's choice and the crudest. Named in every record and caption.
 */
export const REPRODUCE_READER: ReaderName = 'nearest';

export interface ReproduceOptions {
  /** Bootstrap resamples for every bootstrapped fit. */
  bootstrap: number;
  seed: number;
  /** Progress messages (stderr). */
  log: (line: string) => void;
}

/** The authors' Step Law fit of one released file, with the file's ingest and grouping warnings in front. */
function releasedFit(data: LoadedSweep, o: ReproduceOptions): StepLawFit {
  const fit = fitStepLaw(data.grids, { bootstrap: o.bootstrap, seed: o.seed, resample: 'groups' });
  // The fit reports unbracketed optima itself (with whether they were excluded).
  fit.warnings.unshift(...data.warnings.filter((w) => w.code !== 'optimum-on-edge'));
  return fit;
}

/** Step 1: the authors' fit on the released dense file, and the reproduction record against the published coefficients. */
export function stepLawStep(data: ReleasedData, o: ReproduceOptions): { fit: StepLawFit; reproduction: ReproductionRecord } {
  o.log(`fitting the Step Law on ${DENSE_FILE} (${o.bootstrap} bootstrap resamples)`);
  const fit = releasedFit(data.dense, o);
  // The authors' run resampling, for the record's second column.
  const runsFit = fitStepLaw(data.dense.grids, { bootstrap: o.bootstrap, seed: o.seed, resample: 'runs' });
  const authors = meanCoefficients(stepLawBootstrapRows(join('data', 'steplaw', BOOTSTRAP_ROWS_FILE)));
  return { fit, reproduction: reproductionRecord(fit, authors, runsFit) };
}

/** The same fit on the released MoE file (total N): one N per sparsity, so the lr N-exponent is not identified. */
export function moeFitStep(data: ReleasedData, o: ReproduceOptions): StepLawFit {
  o.log(`fitting the Step Law on ${MOE_FILE} (${o.bootstrap} bootstrap resamples)`);
  return releasedFit(data.moe, o);
}

export interface ReleasedValidation {
  dense: { roundedNearest: ValidationResult; bootstrapMeansNearest: ValidationResult; roundedDefaultReader: ValidationResult };
  moe: { totalNRoundedNearest: ValidationResult; activatedNRoundedNearest: ValidationResult; totalNBootstrapMeansNearest: ValidationResult };
}

/** Published Step Law on every released group: dense and MoE, nearest cell (as the paper) and the default reader; MoE with total and activated N. */
export function validationStep(data: ReleasedData, o: ReproduceOptions): ReleasedValidation {
  o.log('validating the published Step Law on the released dense and MoE groups');
  const means = stepLaw();
  const rounded = stepLawRounded();
  const run = (grids: Grid[], law: typeof means, reader: ReaderName, NColumn?: string) => validateLaw(grids, law, { reader, NColumn });
  return {
    dense: {
      roundedNearest: run(data.dense.grids, rounded, REPRODUCE_READER),
      bootstrapMeansNearest: run(data.dense.grids, means, REPRODUCE_READER),
      roundedDefaultReader: run(data.dense.grids, rounded, DEFAULT_READER),
    },
    moe: {
      totalNRoundedNearest: run(data.moe.grids, rounded, REPRODUCE_READER),
      activatedNRoundedNearest: run(data.moe.grids, rounded, REPRODUCE_READER, 'Na'),
      totalNBootstrapMeansNearest: run(data.moe.grids, means, REPRODUCE_READER),
    },
  };
}

/** Every catalog law (and the fit of the released dense runs) on every group — the paper's Table 1 on released data. */
export function compareStep(data: ReleasedData, fit: StepLawFit, o: ReproduceOptions): { dense: Comparison; moe: Comparison } {
  o.log('comparing every catalog law on the released groups');
  const laws = [...catalogLaws(), fitToLaw(fit, 'refit-dense')];
  return {
    dense: compareLaws(data.dense.grids, laws, { reader: REPRODUCE_READER }),
    moe: compareLaws(data.moe.grids, laws, { reader: REPRODUCE_READER }),
  };
}

/** Leave one group out on the dense groups, next to the published law. */
export function crossValidationStep(data: ReleasedData, o: ReproduceOptions): CrossValidation {
  o.log('cross-validating: leave one dense group out, refit, predict it');
  return crossValidate(data.dense.grids, { reader: REPRODUCE_READER, published: stepLawRounded() });
}

export type LandscapeStudy = ReturnType<typeof landscape>;

/** Plateau and convexity per group. */
export function landscapeStep(data: ReleasedData, o: ReproduceOptions): { dense: LandscapeStudy; moe: LandscapeStudy } {
  o.log('measuring plateaus and convexity of every group');
  return { dense: landscape(data.dense.grids), moe: landscape(data.moe.grids) };
}

/** MoE sparsity slices: per-sparsity lr and batch D-exponents with intervals, Step Law with total and activated N. */
export function moeSlicesStep(data: ReleasedData, o: ReproduceOptions): SliceStudy {
  o.log(`fitting each MoE sparsity (${o.bootstrap} bootstrap resamples each)`);
  return sliceStudy(data.moe.sweep, 'moe_name', {
    bootstrap: o.bootstrap,
    seed: o.seed,
    reader: REPRODUCE_READER,
    alternativeNColumn: 'Na',
  });
}

/** Model shapes on the dense file: each shape's optimum, the pooled and published laws there, and whether optima move with shape. */
export function shapesStep(data: ReleasedData, o: ReproduceOptions): ShapeStudy {
  o.log('checking model shapes on the dense groups');
  return shapeStudy(data.dense.sweep, { reader: REPRODUCE_READER });
}

/** Porian et al.'s compute-optimal exponents per configuration; rw vs owt2. */
export function porianStep(o: ReproduceOptions): PorianReproduction {
  o.log("refitting Porian et al.'s compute-optimal N*(C) for 15 configurations");
  return reproducePorian({ dir: 'data/porian', bootstrap: o.bootstrap, seed: o.seed });
}

export interface GadreResult {
  record: GadreReproduction;
  /** The per-training-set Huber fits (with their bootstrap samples) and the points they were fitted on. */
  fits: LossLawFit[];
  points: (LossPoint & { slice: string })[];
  /** The same fit pooled over the three training sets: the reference line of the forest plot. */
  pooled: LossLawFit;
  /** What each per-set law says over its own points (curves[k] for fits[k]; the points of its slice, in order). */
  curves: LossLawCurves[];
}

/** Gadre et al.: the published prediction check, per-training-set loss laws and their differences. */
export function gadreStep(o: ReproduceOptions): GadreResult {
  o.log("fitting Gadre et al.'s loss laws per training set (4,500-start Huber fits)");
  const { record, fits, points } = reproduceGadreWithFits({ file: 'data/gadre-overtraining/gadre_104_models_flat.csv', bootstrap: o.bootstrap, seed: o.seed });
  const pooled = fitLossLaw(points, { objective: 'huber', label: 'all training sets' });
  const curves = fits.map((fit) => lossLawCurves(chinchillaParams(fit), points.filter((p) => p.slice === fit.label)));
  return { record, fits, points, pooled, curves };
}
