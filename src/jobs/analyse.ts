/**
 * Analyse a sweep (what `steplaw report <csv>` shows): the authors' Step Law
 * fit, each given law validated per group, the compare table of the catalog
 * laws and a slice study per extra group key — each computed once, here, and
 * drawn by src/report/standalone.ts. A step the data cannot support (an
 * InputError: too few groups, a law that needs a column the sweep lacks)
 * becomes a failed outcome with its reason; any other error is a bug and
 * propagates.
 */
import { InputError } from '../messages.js';
import type { Law } from '../laws/law.js';
import { catalogLaws } from '../laws/catalog.js';
import { stepLaw } from '../laws/published/steplaw.js';
import { fitStepLaw } from '../laws/steplaw-fit.js';
import { validateLaw } from '../validate/validate.js';
import { compareLaws } from '../validate/compare.js';
import { contextOf } from '../validate/context.js';
import { DEFAULT_READER, type ReaderName } from '../validate/readers/index.js';
import { sliceStudy } from '../slices/study.js';
import { analysisReport, type Outcome, type SweepAnalysis, type SweepForReport } from '../report/standalone.js';
import type { ReportInput } from '../report/types.js';

export type { SweepAnalysis } from '../report/standalone.js';

export interface AnalyseOptions {
  band: number;
  bootstrap: number;
  seed: number;
  /** Loss reader of every validation, comparison and slice study (default: the validator's default reader). */
  reader?: ReaderName;
  /** Laws validated per group. */
  validated: Law[];
  /** Laws of the compare table (default: the catalog). */
  catalog?: Law[];
  /** Relative change of the loss above which a run counts as diverged (slices regroup the sweep). */
  divergedRatio?: number;
}

/** Run `step`; an InputError (the data cannot support it) becomes a failed outcome naming `subject`. */
export function attempt<T>(subject: string, step: () => T): Outcome<T> {
  try {
    return { ok: true, value: step() };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { ok: false, subject, error: e.message };
  }
}

/** Fit, validate, compare and slice one sweep. */
export function analyseSweep(s: SweepForReport, o: AnalyseOptions): SweepAnalysis {
  const reader = o.reader ?? DEFAULT_READER;
  return {
    ...s,
    fit: attempt('Step Law fit', () => fitStepLaw(s.grids, { band: o.band, bootstrap: o.bootstrap, seed: o.seed })),
    validations: o.validated.map((law) => attempt(law.title, () => validateLaw(s.grids, law, { reader }))),
    comparison: attempt('compare table', () => compareLaws(s.grids, o.catalog ?? catalogLaws(), { reader })),
    slices: (s.sweep?.groupKeys ?? []).map((by) => ({
      by,
      study: attempt('slice study', () => sliceStudy(s.sweep!, by, { band: o.band, bootstrap: o.bootstrap, seed: o.seed, reader, divergedRatio: o.divergedRatio })),
    })),
  };
}

export interface SweepReportOptions {
  /** Laws marked on the landscapes (default: every evaluable catalog law, Step Law once). */
  laws?: Law[];
  /** More laws to mark after those (e.g. the law just fitted). */
  extraLaws?: Law[];
}

/** Every catalog law that can be evaluated, Step Law once (bootstrap means, not also the rounded twin). */
export const markedLaws = (): Law[] => catalogLaws().filter((l) => l.evaluable && l.name !== 'steplaw-rounded');

/** The report of analysed sweeps: landscapes per sweep, then fits (against the published Step Law, bootstrap means), validation and slices. */
export function sweepReport(analyses: SweepAnalysis[], o: SweepReportOptions = {}): ReportInput {
  const laws = [...(o.laws ?? markedLaws()), ...(o.extraLaws ?? [])];
  const sources = analyses.map((a) => a.source).join(', ');
  return analysisReport(analyses, {
    laws,
    context: (g) => contextOf(g).ctx,
    intro: [`Data: ${sources}. Laws marked: ${laws.map((l) => l.title).join(', ')}.`],
    published: { label: 'Step Law (published, bootstrap means)', coefficients: stepLaw().coefficients },
  });
}
