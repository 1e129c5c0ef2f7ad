/**
 * The prediction the report's first screen shows: optimal lr and batch for a
 * target (N, D) by each law, with the law's 95% interval (the 2.5–97.5%
 * percentiles over its bootstrap coefficient rows), and the lr range that
 * costs at most the band (0.25%): the median, over the released groups, of
 * the measured plateau span (max/min lr of the runs within the band of their
 * group minimum, validate/landscape.ts), centred geometrically on the first
 * law's lr — the width a prediction has to hit, as the data measured it.
 */
import type { Law } from '../laws/law.js';
import type { Grid } from '../sweep/grid.js';
import type { GroupLandscape } from '../validate/landscape.js';
import { decisionSection, type ComparisonRecord, type TargetPrediction, type VerdictRecord } from '../report/decision.js';
import { convexitySection, moeActivatedSection, shapesSection } from '../report/views.js';
import type { ReportSection } from '../report/types.js';
import type { Sweep } from '../sweep/types.js';
import type { ShapeStudy } from '../slices/shapes.js';
import type { SliceStudy } from '../slices/study.js';
import { fitToLaw, type StepLawFit } from '../laws/steplaw-fit.js';
import { stepLaw } from '../laws/published/steplaw.js';
import { median } from '../util/stats.js';

/** The target of `npm start`'s prediction panel: the Step Law paper's example (README: steplaw predict --N 7e9 --D 1.4e12). */
export const DEFAULT_TARGET = { N: 7e9, D: 1.4e12 };

export function targetPrediction(target: { N: number; D: number }, laws: Law[], grids: Grid[], landscapes: GroupLandscape[], band = 0.0025): TargetPrediction {
  const ctx = { N: target.N, D: target.D };
  const rows = laws.flatMap((law) => {
    const p = law.predict(ctx);
    if (p.lr === undefined || p.batchTokens === undefined) return [];
    const iv = law.interval?.(ctx) ?? {};
    return [{ law: law.name, title: law.title, lr: p.lr, lrCi95: iv.lr ?? null, batchTokens: p.batchTokens, batchCi95: iv.batchTokens ?? null }];
  });
  const spans = landscapes.flatMap((g) => g.plateaus.filter((p) => p.band === band && p.runs > 0).map((p) => p.lrSpan));
  const s = spans.length > 0 ? median(spans) : NaN;
  const centre = rows[0]?.lr;
  const plateau =
    Number.isFinite(s) && centre !== undefined ? { band, groups: spans.length, medianLrSpan: s, lrRange: [centre / Math.sqrt(s), centre * Math.sqrt(s)] as [number, number] } : null;
  const Ns = grids.map((g) => g.N);
  const Ds = grids.map((g) => g.D);
  return {
    target,
    laws: rows,
    plateau,
    fittedRange: { N: [Math.min(...Ns), Math.max(...Ns)], D: [Math.min(...Ds), Math.max(...Ds)] },
  };
}

/**
 * The report sections the main job adds from its own records: the decision
 * (first screen: verdict, comparison, prediction), the convexity view and the
 * model shapes of the dense groups, and MoE total against activated N; plus
 * the prediction record (fits/prediction.json) the first screen draws.
 * `records` are the step outputs' records, by file name under fits/.
 */
export function reportViewsStep(
  data: { dense: { grids: Grid[] }; moe: { sweep: Sweep } },
  fit: StepLawFit,
  records: (file: string) => unknown,
): { output: { file: string; record: unknown; summary: string[] }; sections: ReportSection[] } {
  const landscape = records('landscape.json') as { dense: { groups: GroupLandscape[] } };
  const prediction = targetPrediction(DEFAULT_TARGET, [stepLaw(), fitToLaw(fit, 'refit-dense')], data.dense.grids, landscape.dense.groups);
  const sections: ReportSection[] = [
    decisionSection({
      record: records('steplaw-reproduction.json') as VerdictRecord,
      comparison: records('compare-dense.json') as ComparisonRecord,
      prediction,
      publishedLaw: 'steplaw',
      source: 'dense_lr_bs_loss.csv',
    }),
    convexitySection(data.dense.grids, landscape.dense.groups, 'dense models', 'dense_lr_bs_loss.csv'),
    shapesSection(records('slices-dense-shape.json') as ShapeStudy, 'dense_lr_bs_loss.csv'),
    moeActivatedSection(records('slices-moe-sparsity.json') as SliceStudy, data.moe.sweep, 'moe_lr_bs_loss.csv'),
  ];
  const s = prediction.laws[0];
  return {
    output: {
      file: 'prediction.json',
      record: { kind: 'steplaw-prediction', version: 1, ...prediction },
      summary: s ? [`Prediction for N = ${DEFAULT_TARGET.N}, D = ${DEFAULT_TARGET.D} (${s.title}): lr ${s.lr.toPrecision(4)}, batch ${Math.round(s.batchTokens)} tokens`] : [],
    },
    sections,
  };
}
