/**
 * The steps of `steplaw reproduce` after the Step Law fit (run.ts): each
 * returns the records it writes to fits/ and a few summary lines.
 */
import { stepLaw, stepLawRounded } from '../laws/published/steplaw.js';
import { catalogLaws } from '../laws/catalog.js';
import { fitToLaw, type StepLawFit } from '../laws/steplaw-fit.js';
import { validateLaw, type ValidationResult } from '../validate/validate.js';
import { compareLaws } from '../validate/compare.js';
import { crossValidate } from '../validate/cv.js';
import { landscape } from '../validate/landscape.js';
import { DEFAULT_READER, type ReaderName } from '../validate/readers/index.js';
import { sliceStudy } from '../slices/study.js';
import { shapeStudy } from '../slices/shapes.js';
import { reproducePorian } from './porian.js';
import { reproduceGadreWithFits } from './gadre.js';
import { fitLossLaw, type LossLawFit, type LossPoint } from '../laws/loss-law.js';
import { type ReleasedData, type ReproduceOptions, type StepOutput } from './run.js';

const pct = (v: number | null | undefined, d = 3): string => (v === null || v === undefined ? '–' : `${(100 * v).toFixed(d)}%`);

function brief(v: ValidationResult) {
  const { groups, ...rest } = v;
  return {
    ...rest,
    groups: groups.map((g) => ({
      group: g.group,
      N: g.N,
      D: g.D,
      predicted: g.predicted,
      argmin: g.argmin,
      lossAtPrediction: g.lossAtPrediction,
      relativeError: g.relativeError,
      distance: g.distance,
      insideBand: g.insideBand,
      flags: g.flags,
    })),
  };
}

/** Published Step Law on every released group: dense and MoE, nearest cell (as the paper) and the default reader; MoE with total and activated N. */
export function validationStep(data: ReleasedData, o: ReproduceOptions): StepOutput {
  o.log('validating the published Step Law on the released dense and MoE groups');
  const means = stepLaw();
  const rounded = stepLawRounded();
  const run = (grids: typeof data.dense.grids, law: typeof means, reader: ReaderName, NColumn?: string) => brief(validateLaw(grids, law, { reader, NColumn }));
  const record = {
    kind: 'steplaw-validation',
    version: 1,
    note: 'relative error = loss read at the predicted (lr, B) / group grid-minimum loss − 1 (docs/method.md#relative-error). "nearest" reads the nearest grid cell in (ln lr, ln B), the crudest choice and the one the acceptance numbers use; the default reader was chosen by leave-one-cell-out (README).',
    dense: {
      roundedNearest: run(data.dense.grids, rounded, 'nearest'),
      bootstrapMeansNearest: run(data.dense.grids, means, 'nearest'),
      roundedDefaultReader: run(data.dense.grids, rounded, DEFAULT_READER),
    },
    moe: {
      totalNRoundedNearest: run(data.moe.grids, rounded, 'nearest'),
      activatedNRoundedNearest: run(data.moe.grids, rounded, 'nearest', 'Na'),
      totalNBootstrapMeansNearest: run(data.moe.grids, means, 'nearest'),
    },
  };
  const s = (v: ReturnType<typeof run>) => `mean ${pct(v.summary.meanRelativeError)}, median ${pct(v.summary.medianRelativeError)}, worst ${pct(v.summary.maxRelativeError)} (${v.summary.insideBand}/${v.summary.evaluated} inside the 0.25% band)`;
  return {
    file: 'steplaw-validation.json',
    record,
    summary: [
      'Published Step Law vs the grid optimum (nearest cell):',
      `  - dense, 17 groups, rounded constants:  ${s(record.dense.roundedNearest)}`,
      `  - dense, 17 groups, bootstrap means:    ${s(record.dense.bootstrapMeansNearest)}`,
      `  - MoE, 16 groups, total N:              ${s(record.moe.totalNRoundedNearest)}`,
      `  - MoE, 16 groups, activated N (Na):     ${s(record.moe.activatedNRoundedNearest)}`,
    ],
  };
}

/** Every catalog law (and the fit of the released dense runs) on every group — the paper's Table 1 on released data. */
export function compareStep(data: ReleasedData, fit: StepLawFit, o: ReproduceOptions): StepOutput[] {
  o.log('comparing every catalog law on the released groups');
  const laws = [...catalogLaws(), fitToLaw(fit, 'refit-dense')];
  const strip = (c: ReturnType<typeof compareLaws>) => ({ ...c, rows: c.rows.map(({ validation, ...row }) => ({ ...row, groupErrors: validation?.groups.map((g) => ({ group: g.group, relativeError: g.relativeError, flags: g.flags })) ?? null })) });
  const dense = strip(compareLaws(data.dense.grids, laws, { reader: 'nearest' }));
  const moe = strip(compareLaws(data.moe.grids, laws, { reader: 'nearest' }));
  const lines = ['Law comparison on the 17 released dense groups (nearest cell; mean / max relative error):'];
  for (const r of dense.rows) lines.push(`  - ${r.law.padEnd(16)} ${r.error ? `not evaluable: ${r.error}` : `${pct(r.meanRelativeError)} / ${pct(r.maxRelativeError)}`}`);
  return [
    { file: 'compare-dense.json', record: { kind: 'steplaw-compare', version: 1, data: 'dense', ...dense }, summary: lines },
    { file: 'compare-moe.json', record: { kind: 'steplaw-compare', version: 1, data: 'moe', ...moe }, summary: [] },
  ];
}

/** Leave one group out on the dense groups, next to the published law. */
export function crossValidationStep(data: ReleasedData, o: ReproduceOptions): StepOutput {
  o.log('cross-validating: leave one dense group out, refit, predict it');
  const cv = crossValidate(data.dense.grids, { reader: 'nearest', published: stepLawRounded() });
  return {
    file: 'cv-dense.json',
    record: { kind: 'steplaw-cv', version: 1, ...cv },
    summary: [
      'Leave-one-group-out on the dense groups (nearest cell):',
      `  - refit without the group: mean ${pct(cv.summary.cv.meanRelativeError)}, worst ${pct(cv.summary.cv.maxRelativeError)}`,
      `  - published Step Law:      mean ${pct(cv.summary.published?.meanRelativeError)}, worst ${pct(cv.summary.published?.maxRelativeError)}`,
    ],
  };
}

/** Plateau and convexity per group. */
export function landscapeStep(data: ReleasedData, o: ReproduceOptions): StepOutput {
  o.log('measuring plateaus and convexity of every group');
  const dense = landscape(data.dense.grids);
  const moe = landscape(data.moe.grids);
  const m = (l: typeof dense, band: number) => l.summary.medians.find((x) => x.band === band)!;
  const d1 = m(dense, 0.0025);
  const d2 = m(dense, 0.01);
  return {
    file: 'landscape.json',
    record: { kind: 'steplaw-landscape', version: 1, dense, moe },
    summary: [
      'Loss landscape (dense, medians over groups):',
      `  - within 0.25% of the minimum: ${d1.runs} runs spanning ×${d1.lrSpan.toPrecision(3)} in lr and ×${d1.batchSpan.toPrecision(3)} in batch`,
      `  - within 1%: ${d2.runs} runs spanning ×${d2.lrSpan.toPrecision(3)} in lr and ×${d2.batchSpan.toPrecision(3)} in batch`,
      `  - convex (positive-definite quadratic near the minimum): dense ${dense.summary.convex}/${dense.summary.groups}, MoE ${moe.summary.convex}/${moe.summary.groups}` +
        (dense.summary.notConvex.length + moe.summary.notConvex.length ? `; not: ${[...dense.summary.notConvex, ...moe.summary.notConvex].join('; ')}` : ''),
    ],
  };
}

/** MoE sparsity slices: per-sparsity lr and batch D-exponents with intervals, Step Law with total and activated N. */
export function moeSlicesStep(data: ReleasedData, o: ReproduceOptions): StepOutput {
  o.log(`fitting each MoE sparsity (${o.bootstrap} bootstrap resamples each)`);
  const study = sliceStudy(data.moe.sweep, 'moe_name', {
    bootstrap: o.bootstrap,
    seed: o.seed,
    reader: 'nearest',
    alternativeNColumn: 'Na',
  });
  const lines = ['MoE sparsity slices (fitted on D alone: one total N per sparsity):'];
  for (const e of study.exponents) {
    lines.push(`  - ${e.exponent} (Step Law ${e.published}): ` + e.slices.map((s) => `${s.slice.replace('moe_name=', '')} ${s.estimate?.toFixed(3)} [${s.ci95?.[0].toFixed(3)}, ${s.ci95?.[1].toFixed(3)}]`).join('; '));
    const resolved = e.differences.filter((d) => d.excludesZero);
    lines.push(`    pairwise differences resolved (95% interval excludes 0): ${resolved.length ? resolved.map((d) => `${d.a} − ${d.b}`).join(', ') : 'none'}`);
  }
  return { file: 'slices-moe-sparsity.json', record: study, summary: lines };
}

/** Porian et al.'s compute-optimal exponents per configuration; rw vs owt2. */
export function porianStep(o: ReproduceOptions): StepOutput {
  o.log('refitting Porian et al.\'s compute-optimal N*(C) for 15 configurations');
  const rec = reproducePorian({ dir: 'data/porian', bootstrap: o.bootstrap, seed: o.seed });
  const matches = rec.configurations.filter((c) => c.nExponentMatches3dp).length;
  return {
    file: 'porian-compute-optimal.json',
    record: { kind: 'steplaw-porian', version: 1, ...rec },
    summary: [`Porian et al. compute-optimal N*(C): ${matches}/${rec.configurations.length} stored bs_median_weighted exponents reproduced to 3 decimals`],
  };
}

/** Gadre et al.: the published prediction check, per-training-set loss laws and their differences. */
export function gadreStep(o: ReproduceOptions): StepOutput & { fits: LossLawFit[]; points: (LossPoint & { slice: string })[]; pooled: LossLawFit } {
  o.log('fitting Gadre et al.\'s loss laws per training set (4,500-start Huber fits)');
  const { record: rec, fits, points } = reproduceGadreWithFits({ file: 'data/gadre-overtraining/gadre_104_models_flat.csv', bootstrap: o.bootstrap, seed: o.seed });
  const lines = ['Gadre et al. loss law L = E + A/N^α + B/D^β (C4 eval loss):'];
  for (const p of rec.check.predictions) {
    lines.push(`  - published check (rpj): ${p.model_config} at M = ${p.M} predicted within ${p.relativeErrorPct.toFixed(4)}% (paper ${p.publishedPct}%)`);
  }
  const resolved = rec.differences.rows.flatMap((row) => row.differences.filter((d) => d.excludesZero).map((d) => `${row.quantity}: ${d.of[0]} − ${d.of[1]}`));
  lines.push(`  - differences between training sets resolved (95% interval excludes 0): ${resolved.length ? resolved.join(', ') : 'none'}`);
  // Pooled over the three training sets: the reference line of the report's forest plot.
  const pooled = fitLossLaw(points, { objective: 'huber', label: 'all training sets' });
  return { file: 'gadre-loss-law.json', record: { kind: 'steplaw-gadre', version: 1, ...rec }, summary: lines, fits, points, pooled };
}

/** Model shapes on the dense file: each shape's optimum, the pooled and published laws there, and whether optima move with shape. */
export function shapesStep(data: ReleasedData, o: ReproduceOptions): StepOutput {
  o.log('checking model shapes on the dense groups');
  const study = shapeStudy(data.dense.sweep, { reader: 'nearest' });
  return { file: 'slices-dense-shape.json', record: study, summary: ['Model shapes (dense):', ...study.notes.map((n) => `  - ${n}`)] };
}
