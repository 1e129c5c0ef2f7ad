/**
 * `steplaw reproduce`, the main job: every result computed once from the data
 * shipped in data/ (fixed seeds, stable order), then handed — the same
 * objects — to the fits/ records (records.ts) and to the HTML report
 * (reproduceReport below). Relative data paths: the caller runs from the
 * package root, so the records do not depend on where it is installed.
 */
import type { StepLawFit } from '../laws/steplaw-fit.js';
import { fitToLaw } from '../laws/steplaw-fit.js';
import type { Comparison } from '../validate/compare.js';
import type { CrossValidation } from '../validate/cv.js';
import type { SliceStudy } from '../slices/study.js';
import type { ShapeStudy } from '../slices/shapes.js';
import type { ReportInput } from '../report/types.js';
import { cvSection, gadreSection, porianSection } from '../report/reproduction-sections.js';
import type { PorianReproduction } from './porian.js';
import type { ReproductionRecord } from './steplaw-record.js';
import { loadReleased, type LoadedSweep, type ReleasedData } from './released.js';
import {
  compareStep,
  crossValidationStep,
  gadreStep,
  landscapeStep,
  moeFitStep,
  moeSlicesStep,
  porianStep,
  shapesStep,
  stepLawStep,
  validationStep,
  type GadreResult,
  type LandscapeStudy,
  type ReleasedValidation,
  type ReproduceOptions,
} from './steps.js';
import { sweepReport, type SweepAnalysis } from './analyse.js';

export type { ReproduceOptions } from './steps.js';

/** Everything `reproduce` computes, each result once. */
export interface Reproduction {
  options: { bootstrap: number; seed: number };
  data: ReleasedData;
  /** The authors' Step Law fit of the released dense runs. */
  fit: StepLawFit;
  reproduction: ReproductionRecord;
  /** The same fit of the released MoE runs (total N). */
  moeFit: StepLawFit;
  validation: ReleasedValidation;
  compare: { dense: Comparison; moe: Comparison };
  cv: CrossValidation;
  landscape: { dense: LandscapeStudy; moe: LandscapeStudy };
  moeSlices: SliceStudy;
  shapes: ShapeStudy;
  porian: PorianReproduction;
  gadre: GadreResult;
}

/** Run every step of the main job on the released data. */
export function reproduce(o: ReproduceOptions): Reproduction {
  const data = loadReleased();
  const { fit, reproduction } = stepLawStep(data, o);
  const moeFit = moeFitStep(data, o);
  return {
    options: { bootstrap: o.bootstrap, seed: o.seed },
    data,
    fit,
    reproduction,
    moeFit,
    validation: validationStep(data, o),
    compare: compareStep(data, fit, o),
    cv: crossValidationStep(data, o),
    landscape: landscapeStep(data, o),
    moeSlices: moeSlicesStep(data, o),
    shapes: shapesStep(data, o),
    porian: porianStep(o),
    gadre: gadreStep(o),
  };
}

/**
 * The report of the main job, drawn from its results: the landscapes, fits,
 * validation, comparison and MoE slices of the released sweeps (the records'
 * objects, read by the records' reader), then the loss laws, compute-optimal
 * exponents and cross-validation.
 */
export function reproduceReport(r: Reproduction): ReportInput {
  // Each released sweep as the report's analysis of a sweep: every step succeeded here (reproduce stops on a failure).
  const analysis = (label: string, source: string, d: LoadedSweep, rest: Pick<SweepAnalysis, 'fit' | 'validations' | 'comparison' | 'slices'>): SweepAnalysis => ({
    label,
    source,
    sweep: d.sweep,
    grids: d.grids,
    ...rest,
  });
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const analyses: SweepAnalysis[] = [
    analysis('dense models', 'dense_lr_bs_loss.csv', r.data.dense, {
      fit: ok(r.fit),
      validations: [ok(r.validation.dense.bootstrapMeansNearest)],
      comparison: ok(r.compare.dense),
      slices: [],
    }),
    analysis('MoE models (total N)', 'moe_lr_bs_loss.csv', r.data.moe, {
      fit: ok(r.moeFit),
      validations: [ok(r.validation.moe.totalNBootstrapMeansNearest)],
      comparison: ok(r.compare.moe),
      slices: [{ by: 'moe_name', study: ok(r.moeSlices) }],
    }),
  ];
  const report = sweepReport(analyses, { extraLaws: [fitToLaw(r.fit, 'dense refit')] });
  report.sections.push(gadreSection(r.gadre.record, r.gadre.fits, r.gadre.curves, r.gadre.points, r.gadre.pooled), porianSection(r.porian), cvSection(r.cv));
  return report;
}
