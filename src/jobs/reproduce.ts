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
import { loadReleased, type ReleasedData } from './released.js';
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
  const analyses: SweepAnalysis[] = [
    {
      label: 'dense models',
      source: 'dense_lr_bs_loss.csv',
      sweep: r.data.dense.sweep,
      grids: r.data.dense.grids,
      fit: { ok: true, value: r.fit },
      validations: [{ ok: true, value: r.validation.dense.bootstrapMeansNearest }],
      comparison: { ok: true, value: r.compare.dense },
      slices: [],
    },
    {
      label: 'MoE models (total N)',
      source: 'moe_lr_bs_loss.csv',
      sweep: r.data.moe.sweep,
      grids: r.data.moe.grids,
      fit: { ok: true, value: r.moeFit },
      validations: [{ ok: true, value: r.validation.moe.totalNBootstrapMeansNearest }],
      comparison: { ok: true, value: r.compare.moe },
      slices: [{ by: 'moe_name', study: { ok: true, value: r.moeSlices } }],
    },
  ];
  const report = sweepReport(analyses, { extraLaws: [fitToLaw(r.fit, 'dense refit')] });
  report.sections.push(gadreSection(r.gadre.record, r.gadre.fits, r.gadre.curves, r.gadre.points, r.gadre.pooled), porianSection(r.porian), cvSection(r.cv));
  return report;
}
