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
import type { TargetPrediction } from '../report/decision.js';
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
