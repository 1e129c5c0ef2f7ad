/**
 * The fits/ records of `steplaw reproduce`, built from the job's results
 * (reproduce.ts) — the same objects the report draws — and the terminal
 * summary lines. Records drop what only the report needs (full per-group
 * validations inside a comparison, bootstrap samples of the loss laws).
 */
import type { StepLawFit } from '../laws/steplaw-fit.js';
import type { ValidationResult } from '../validate/validate.js';
import type { Comparison } from '../validate/compare.js';
import type { CrossValidation } from '../validate/cv.js';
import type { SliceStudy } from '../slices/study.js';
import type { ShapeStudy } from '../slices/shapes.js';
import type { PorianReproduction } from './porian.js';
import type { GadreReproduction } from './gadre.js';
import type { ReproductionRecord } from './steplaw-record.js';
import type { LandscapeStudy, ReleasedValidation } from './steps.js';
import type { Reproduction } from './reproduce.js';

import { pct } from '../util/format.js';

/** A validation without the per-group reader details: what the record keeps. */
export function briefValidation(v: ValidationResult) {
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
export type BriefValidation = ReturnType<typeof briefValidation>;

/** A comparison with each law's validation cut to its per-group relative errors. */
export function briefComparison(c: Comparison) {
  return { ...c, rows: c.rows.map(({ validation, ...row }) => ({ ...row, groupErrors: validation?.groups.map((g) => ({ group: g.group, relativeError: g.relativeError, flags: g.flags })) ?? null })) };
}

export interface ValidationRecord {
  kind: 'steplaw-validation';
  version: 1;
  note: string;
  dense: Record<keyof ReleasedValidation['dense'], BriefValidation>;
  moe: Record<keyof ReleasedValidation['moe'], BriefValidation>;
}
export type CompareRecord = { kind: 'steplaw-compare'; version: 1; data: 'dense' | 'moe' } & ReturnType<typeof briefComparison>;
export type CvRecord = { kind: 'steplaw-cv'; version: 1 } & CrossValidation;
export interface LandscapeRecord {
  kind: 'steplaw-landscape';
  version: 1;
  dense: LandscapeStudy;
  moe: LandscapeStudy;
}
export type PorianRecord = { kind: 'steplaw-porian'; version: 1 } & PorianReproduction;
export type GadreRecord = { kind: 'steplaw-gadre'; version: 1 } & GadreReproduction;

/** One file under fits/ and what it holds. */
export type FitsRecord =
  | { file: 'steplaw-dense.fit.json' | 'steplaw-moe.fit.json'; record: StepLawFit }
  | { file: 'steplaw-reproduction.json'; record: ReproductionRecord }
  | { file: 'steplaw-validation.json'; record: ValidationRecord }
  | { file: 'compare-dense.json' | 'compare-moe.json'; record: CompareRecord }
  | { file: 'cv-dense.json'; record: CvRecord }
  | { file: 'landscape.json'; record: LandscapeRecord }
  | { file: 'slices-moe-sparsity.json'; record: SliceStudy }
  | { file: 'slices-dense-shape.json'; record: ShapeStudy }
  | { file: 'porian-compute-optimal.json'; record: PorianRecord }
  | { file: 'gadre-loss-law.json'; record: GadreRecord };

const mapValues = <K extends string, A, B>(o: Record<K, A>, f: (a: A) => B): Record<K, B> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as A)])) as Record<K, B>;

/** Every record `reproduce` writes to fits/, in the order it writes them. */
export function reproductionRecords(r: Reproduction): FitsRecord[] {
  return [
    { file: 'steplaw-dense.fit.json', record: r.fit },
    { file: 'steplaw-reproduction.json', record: r.reproduction },
    { file: 'steplaw-moe.fit.json', record: r.moeFit },
    {
      file: 'steplaw-validation.json',
      record: {
        kind: 'steplaw-validation',
        version: 1,
        note: 'relative error = loss read at the predicted (lr, B) / group grid-minimum loss − 1 (docs/method.md#relative-error). "nearest" reads the nearest grid cell in (ln lr, ln B), the crudest choice and the one the acceptance numbers use; the default reader was chosen by leave-one-cell-out (README).',
        dense: mapValues(r.validation.dense, briefValidation),
        moe: mapValues(r.validation.moe, briefValidation),
      },
    },
    { file: 'compare-dense.json', record: { kind: 'steplaw-compare', version: 1, data: 'dense', ...briefComparison(r.compare.dense) } },
    { file: 'compare-moe.json', record: { kind: 'steplaw-compare', version: 1, data: 'moe', ...briefComparison(r.compare.moe) } },
    { file: 'cv-dense.json', record: { kind: 'steplaw-cv', version: 1, ...r.cv } },
    { file: 'landscape.json', record: { kind: 'steplaw-landscape', version: 1, dense: r.landscape.dense, moe: r.landscape.moe } },
    { file: 'slices-moe-sparsity.json', record: r.moeSlices },
    { file: 'slices-dense-shape.json', record: r.shapes },
    { file: 'porian-compute-optimal.json', record: { kind: 'steplaw-porian', version: 1, ...r.porian } },
    { file: 'gadre-loss-law.json', record: { kind: 'steplaw-gadre', version: 1, ...r.gadre.record } },
  ];
}

/** The terminal summary of `reproduce`: a few lines per result. */
export function reproductionSummary(r: Reproduction): string[][] {
  const v = r.validation;
  const s = (x: ValidationResult) =>
    `mean ${pct(x.summary.meanRelativeError)}, median ${pct(x.summary.medianRelativeError)}, worst ${pct(x.summary.maxRelativeError)} (${x.summary.insideBand}/${x.summary.evaluated} inside the 0.25% band)`;
  const groups = (x: ValidationResult) => `${x.summary.groups} groups`;
  const sections: string[][] = [];
  sections.push(['Step Law reproduction on the released dense runs:', ...r.reproduction.statements.map((t) => `  - ${t}`)]);
  sections.push([
    `Published Step Law vs the grid optimum (${v.dense.roundedNearest.reader.name} reader):`,
    `  - dense, ${groups(v.dense.roundedNearest)}, rounded constants:  ${s(v.dense.roundedNearest)}`,
    `  - dense, ${groups(v.dense.bootstrapMeansNearest)}, bootstrap means:    ${s(v.dense.bootstrapMeansNearest)}`,
    `  - MoE, ${groups(v.moe.totalNRoundedNearest)}, total N:              ${s(v.moe.totalNRoundedNearest)}`,
    `  - MoE, ${groups(v.moe.activatedNRoundedNearest)}, activated N (Na):     ${s(v.moe.activatedNRoundedNearest)}`,
  ]);
  const dense = r.compare.dense;
  const compare = [`Law comparison on the ${dense.rows[0]?.groups ?? 0} released dense groups (${dense.reader} reader; mean / max relative error):`];
  for (const row of dense.rows) compare.push(`  - ${row.law.padEnd(16)} ${row.error ? `not evaluable: ${row.error}` : `${pct(row.meanRelativeError)} / ${pct(row.maxRelativeError)}`}`);
  sections.push(compare);
  const cv = r.cv.summary;
  sections.push([
    `Leave-one-group-out on the dense groups (${r.cv.reader} reader):`,
    `  - refit without the group: mean ${pct(cv.cv.meanRelativeError)}, worst ${pct(cv.cv.maxRelativeError)}`,
    `  - published Step Law:      mean ${pct(cv.published?.meanRelativeError)}, worst ${pct(cv.published?.maxRelativeError)}`,
  ]);
  const { dense: ld, moe: lm } = r.landscape;
  const m = (band: number) => ld.summary.medians.find((x) => x.band === band)!;
  const d1 = m(0.0025);
  const d2 = m(0.01);
  sections.push([
    'Loss landscape (dense, medians over groups):',
    `  - within 0.25% of the minimum: ${d1.runs} runs spanning ×${d1.lrSpan.toPrecision(3)} in lr and ×${d1.batchSpan.toPrecision(3)} in batch`,
    `  - within 1%: ${d2.runs} runs spanning ×${d2.lrSpan.toPrecision(3)} in lr and ×${d2.batchSpan.toPrecision(3)} in batch`,
    `  - convex (positive-definite quadratic near the minimum): dense ${ld.summary.convex}/${ld.summary.groups}, MoE ${lm.summary.convex}/${lm.summary.groups}` +
      (ld.summary.notConvex.length + lm.summary.notConvex.length ? `; not: ${[...ld.summary.notConvex, ...lm.summary.notConvex].join('; ')}` : ''),
  ]);
  const slices = ['MoE sparsity slices (fitted on D alone: one total N per sparsity):'];
  for (const e of r.moeSlices.exponents) {
    slices.push(`  - ${e.exponent} (Step Law ${e.published}): ` + e.slices.map((x) => `${x.slice.replace('moe_name=', '')} ${x.estimate?.toFixed(3)} [${x.ci95?.[0].toFixed(3)}, ${x.ci95?.[1].toFixed(3)}]`).join('; '));
    const resolved = e.differences.filter((d) => d.excludesZero);
    slices.push(`    pairwise differences resolved (95% interval excludes 0): ${resolved.length ? resolved.map((d) => `${d.a} − ${d.b}`).join(', ') : 'none'}`);
  }
  sections.push(slices);
  sections.push(['Model shapes (dense):', ...r.shapes.notes.map((n) => `  - ${n}`)]);
  const matches = r.porian.configurations.filter((c) => c.nExponentMatches3dp).length;
  sections.push([`Porian et al. compute-optimal N*(C): ${matches}/${r.porian.configurations.length} stored bs_median_weighted exponents reproduced to 3 decimals`]);
  const g = r.gadre.record;
  const gadre = ['Gadre et al. loss law L = E + A/N^α + B/D^β (C4 eval loss):'];
  for (const p of g.check.predictions) gadre.push(`  - published check (rpj): ${p.model_config} at M = ${p.M} predicted within ${p.relativeErrorPct.toFixed(4)}% (paper ${p.publishedPct}%)`);
  const resolved = g.differences.rows.flatMap((row) => row.differences.filter((d) => d.excludesZero).map((d) => `${row.quantity}: ${d.of[0]} − ${d.of[1]}`));
  gadre.push(`  - differences between training sets resolved (95% interval excludes 0): ${resolved.length ? resolved.join(', ') : 'none'}`);
  sections.push(gadre);
  return sections;
}
