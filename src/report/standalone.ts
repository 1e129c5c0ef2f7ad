/**
 * The report of analysed sweeps: per sweep a section of loss landscapes, one
 * per group, with each given law's prediction marked, and a per-group table of
 * the grid optimum, its run name and the predictions; then the sections drawn
 * from the analysis results (a Step Law fit, validations, a comparison, slice
 * studies) computed once by src/jobs/ — this module draws them, it never fits.
 */
import type { Law, LawContext } from '../laws/law.js';
import type { Grid } from '../sweep/grid.js';
import type { StepLawFit } from '../laws/steplaw-fit.js';
import type { ValidationResult } from '../validate/validate.js';
import type { Comparison } from '../validate/compare.js';
import type { SliceStudy } from '../slices/study.js';
import type { Sweep } from '../sweep/types.js';
import { landscapeFromGrid, runName } from './adapters.js';
import { slug } from './escape.js';
import type { ReportInput, ReportItem, ReportSection, TableInput } from './types.js';
import { fitFiguresFromStepLawFit, reproductionRowsFromStepLawFit, type PublishedCoefficients } from './from-steplaw-fit.js';
import { reproductionTable } from './tables.js';
import { compareTableFromComparison, validationTableFromResult } from './from-validate.js';
import { forestFromSliceStudy, sliceDifferencesTable } from './from-slices.js';
import { fmtPct } from './format.js';

export interface SweepForReport {
  /** Section title, e.g. `Dense models (dense_lr_bs_loss.csv)`. */
  label: string;
  /** Data description used in captions, e.g. the file name. */
  source: string;
  grids: Grid[];
  /** The sweep itself (needed for slice studies). */
  sweep?: Sweep;
}

export interface StandaloneOptions {
  laws: Law[];
  /** LawContext per grid (N and D at least; C, L for laws that need them). */
  context: (grid: Grid) => LawContext;
  title?: string;
  intro?: string[];
}

/** A law's legend label: its title (e.g. `Step Law (bootstrap-mean coefficients)`). */
const lawLabel = (law: Law): string => law.title;

function optimaTable(sweep: SweepForReport, options: StandaloneOptions, id: string): TableInput {
  const rows = sweep.grids
    .filter((g) => g.argmin)
    .map((g) => {
      const row: Record<string, string | number | boolean> = {
        group: g.key,
        // the group's landscape (same id as standaloneReport gives it): the row links to its figure
        figure: `landscape-${slug(sweep.label)}-${g.key}`,
        runs: g.usable.length,
        minLoss: g.minLoss,
        lr: g.argmin!.lr,
        batch: g.argmin!.batchTokens,
        run: runName(g.argmin!),
        bracketed: g.bracketed.lr && g.bracketed.batch,
      };
      options.laws.forEach((law, k) => {
        const p = law.predict(options.context(g));
        if (p.lr !== undefined) row[`lr${k}`] = p.lr;
        if (p.batchTokens !== undefined) row[`b${k}`] = p.batchTokens;
      });
      return row;
    });
  return {
    id,
    title: `Grid optima — ${sweep.label}.`,
    caption: `${sweep.source}: per group the run with the lowest loss, whether it is bracketed (not on the edge of the lr or batch range tried), and each law's predicted lr and batch (tokens).`,
    columns: [
      { key: 'group', label: 'group', linkKey: 'figure' },
      { key: 'runs', label: 'usable runs', format: 'int' },
      { key: 'minLoss', label: 'L_min', format: 'num', digits: 5 },
      { key: 'lr', label: 'argmin lr', format: 'num' },
      { key: 'batch', label: 'argmin batch', format: 'num' },
      { key: 'run', label: 'argmin run' },
      { key: 'bracketed', label: 'bracketed', format: 'bool' },
      ...options.laws.flatMap((law, k) => [
        { key: `lr${k}`, label: `${law.name} lr`, format: 'num' as const },
        { key: `b${k}`, label: `${law.name} batch`, format: 'num' as const },
      ]),
    ],
    rows,
  };
}

/** Landscape sections (one per sweep) with an optima table each. */
export function standaloneReport(sweeps: SweepForReport[], options: StandaloneOptions): ReportInput {
  const laws = options.laws.map((law) => ({ label: lawLabel(law), predict: (ctx: LawContext) => law.predict(ctx) }));
  const sections: ReportSection[] = sweeps.map((sweep) => {
    const prefix = `landscape-${slug(sweep.label)}`;
    const items: ReportItem[] = sweep.grids
      .filter((g) => g.argmin)
      .map((g) => ({ kind: 'landscape', figure: landscapeFromGrid(g, { laws, context: options.context, idPrefix: prefix, source: sweep.source }) }));
    items.push({ kind: 'table', table: optimaTable(sweep, options, `optima-${slug(sweep.label)}`) });
    return {
      id: `section-${slug(sweep.label)}`,
      title: `Loss landscapes — ${sweep.label}`,
      intro: [
        `${sweep.grids.length} groups. Each panel: loss over the (lr, batch) grid on log axes, coloured by how far above the group minimum it lies; contours at +0.25%, +0.5%, +1%, +2%; the grid minimum and ${options.laws.map(lawLabel).join(', ') || 'no law'} marked.`,
      ],
      items,
    };
  });
  return {
    title: options.title ?? 'steplaw report',
    intro: options.intro,
    sections,
  };
}

/** A result, or why the data could not support it (`subject`: what was attempted, e.g. a law's title). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; subject: string; error: string };

/** A sweep with its analysis results (src/jobs/analyse.ts computes them once). */
export interface SweepAnalysis extends SweepForReport {
  /** The authors' Step Law fit of the sweep. */
  fit: Outcome<StepLawFit>;
  /** Laws validated per group. */
  validations: Outcome<ValidationResult>[];
  /** Every catalog law on every group. */
  comparison: Outcome<Comparison>;
  /** One slice study per extra group key (the MoE file's moe_name). */
  slices: { by: string; study: Outcome<SliceStudy> }[];
}

const failedNote = (id: string, text: string): ReportItem => ({ kind: 'text', id, paragraphs: [text] });

/**
 * A "Fits" section for one sweep: the authors' procedure (runs within the
 * band, OLS in logs, bootstrap) → the fit figures with the published law
 * drawn, and the reproduction record. A fit the data could not support
 * becomes a note: the landscapes still stand.
 */
export function fitSection(sweep: SweepAnalysis, published: PublishedCoefficients): ReportSection {
  const id = `fits-${slug(sweep.label)}`;
  const title = `Fits — ${sweep.label}`;
  if (!sweep.fit.ok) return { id, title, items: [failedNote(`${id}-failed`, `No fit: ${sweep.fit.error}`)] };
  const fit = sweep.fit.value;
  const band = fit.options.band;
  const figures = fitFiguresFromStepLawFit(fit, published, `fit-${slug(sweep.label)}`);
  const items: ReportItem[] = figures.map((figure) => ({ kind: 'fit', figure }));
  const notes = fit.warnings.map((w) => w.message);
  if (notes.length > 0) items.push({ kind: 'text', id: `${id}-warnings`, paragraphs: notes });
  items.push({
    kind: 'table',
    table: reproductionTable(
      `reproduction-${slug(sweep.label)}`,
      reproductionRowsFromStepLawFit(fit, published),
      `${sweep.source}: the authors' procedure (runs within ${fmtPct(band)} of their group minimum, OLS in natural logs, ${fit.bootstrap?.samples.length ?? 0} bootstrap resamples, seed ${fit.options.seed}) against ${published.label}. Rows whose published value lies outside the re-derived interval are marked.`,
    ),
  });
  return {
    id,
    title,
    intro: [
      `Optimal hyperparameters against model and data size: the ${fit.data.keptRuns} runs within ${fmtPct(band)} of their group minimum (${fit.data.groups} groups), the re-derived law with its bootstrap band, and ${published.label} dashed.`,
    ],
    items,
  };
}

/**
 * A "Validation" section for one sweep: each validated law per group and the
 * compare table of the catalog laws. A law that could not be evaluated on the
 * data becomes a note.
 */
export function validationSection(sweep: SweepAnalysis): ReportSection {
  const id = `validation-${slug(sweep.label)}`;
  const items: ReportItem[] = sweep.validations.map((v, k) =>
    v.ok
      ? { kind: 'table', table: validationTableFromResult(v.value, `${id}-${k}-${slug(v.value.law.name)}`, sweep.source) }
      : failedNote(`${id}-${k}-failed`, `${v.subject}: not validated (${v.error})`),
  );
  const c = sweep.comparison;
  items.push(
    c.ok
      ? { kind: 'table', table: compareTableFromComparison(c.value, `compare-${slug(sweep.label)}`, sweep.source) }
      : failedNote(`compare-${slug(sweep.label)}-failed`, `No compare table: ${c.error}`),
  );
  return {
    id,
    title: `Validation — ${sweep.label}`,
    intro: ['How far each law lands from the grid optimum: the loss read at its predicted (lr, batch) against the group minimum.'],
    items,
  };
}

/**
 * A "Slices" section: one Step Law fit per value of `by` (e.g. the MoE
 * file's `moe_name`), the forest plot of the identified exponents and the
 * pairwise differences. A study the data could not support becomes a note.
 */
export function sliceSection(sweep: SweepForReport, slices: SweepAnalysis['slices'][number]): ReportSection {
  const { by, study: s } = slices;
  const id = `slices-${slug(sweep.label)}-${slug(by)}`;
  const title = `Slices — ${sweep.label} by ${by}`;
  if (!s.ok) return { id, title, items: [failedNote(`${id}-failed`, `No slice study: ${s.error}`)] };
  const study = s.value;
  const items: ReportItem[] = [
    { kind: 'forest', figure: forestFromSliceStudy(study, sweep.source, `forest-${slug(sweep.label)}-${slug(by)}`) },
    { kind: 'table', table: sliceDifferencesTable(study, sweep.source, `slice-differences-${slug(sweep.label)}-${slug(by)}`) },
  ];
  if (study.notes.length > 0) items.push({ kind: 'text', id: `${id}-notes`, paragraphs: study.notes });
  return { id, title, intro: [`Does one law hold across ${by}? Each slice fitted on its own, with intervals, against the pooled fit and the published value.`], items };
}

/**
 * The sections drawn from analysis results: per sweep the Fits section
 * (authors' procedure + reproduction record), the Validation section
 * (per-group tables + compare table), and a Slices section per slice study.
 */
export function analysisSections(analyses: SweepAnalysis[], published: PublishedCoefficients): ReportSection[] {
  return [
    ...analyses.map((a) => fitSection(a, published)),
    ...analyses.map((a) => validationSection(a)),
    ...analyses.flatMap((a) => a.slices.map((s) => sliceSection(a, s))),
  ];
}

/** The whole report of analysed sweeps: landscapes, then the analysis sections. */
export function analysisReport(analyses: SweepAnalysis[], options: StandaloneOptions & { published: PublishedCoefficients }): ReportInput {
  const report = standaloneReport(analyses, options);
  report.sections.push(...analysisSections(analyses, options.published));
  return report;
}
