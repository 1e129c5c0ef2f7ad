/**
 * Report sections for what `reproduce` computes beyond the Step Law grids:
 * the loss laws of Gadre et al. (observed vs fitted, iso-loss / compute-optimal
 * frontier, the published check, differences between training sets), Porian
 * et al.'s compute-optimal exponents, and the cross-validation summary.
 * The landscapes, Step Law fits, validation, compare and MoE slices are drawn
 * by standalone.ts. Every section draws results the job computed once.
 */
import type { LossLawFit, LossPoint } from '../laws/loss-law.js';
import type { LossLawCurves } from '../laws/loss-law-curves.js';
import type { LossLawComparison } from '../laws/loss-law-slices.js';
import type { CrossValidation } from '../validate/cv.js';
import { lossLawItemsFromFit } from './from-loss-law.js';
import type { ForestInput, ReportItem, ReportSection } from './types.js';
import { tableSection } from './tables.js';

/** What the loss-law section draws of the Gadre et al. reproduction (src/jobs/gadre.ts). */
export interface GadreResultForReport {
  check: {
    description: string;
    predictions: { model_config: string; M: number; observed: number; predicted: number; relativeErrorPct: number; publishedPct: number }[];
  };
  differences: LossLawComparison;
}

/** What the compute-optimal section draws of the Porian et al. reproduction (src/jobs/porian.ts). */
export interface PorianResultForReport {
  configurations: {
    config: Record<string, string>;
    N: { exponent: number; bootstrap?: { exponentCi95: [number, number] } } | null;
    stored: { n_exponent: number } | null;
    nExponentMatches3dp: boolean | null;
  }[];
}

/** `curves[k]`: what `fits[k]` says over its slice's points (laws/loss-law-curves.ts, points in order). */
export function gadreSection(
  rec: GadreResultForReport,
  fits: LossLawFit[],
  curves: LossLawCurves[],
  points: (LossPoint & { slice: string })[],
  pooled?: LossLawFit,
): ReportSection {
  const items: ReportItem[] = [];
  items.push({ kind: 'forest', figure: gadreForest(rec, pooled) });
  items.push({
    kind: 'table',
    table: {
      id: 'gadre-check',
      title: 'Gadre et al.: the published extrapolation check',
      caption: `${rec.check.description}. Published: 0.7103% and 0.7320%.`,
      columns: [
        { key: 'model', label: 'model' },
        { key: 'M', label: 'tokens / parameter', format: 'int' },
        { key: 'observed', label: 'observed loss', format: 'num', digits: 5 },
        { key: 'predicted', label: 'predicted loss', format: 'num', digits: 5 },
        { key: 'err', label: 'relative error (%)', format: 'num', digits: 4 },
        { key: 'published', label: 'published (%)', format: 'num', digits: 4 },
      ],
      rows: rec.check.predictions.map((p) => ({ model: p.model_config, M: p.M, observed: p.observed, predicted: p.predicted, err: p.relativeErrorPct, published: p.publishedPct })),
    },
  });
  fits.forEach((fit, k) => {
    const own = points.filter((p) => p.slice === fit.label).map((p) => ({ ...p, series: p.slice }));
    items.push(...lossLawItemsFromFit(fit, curves[k], own, 'Gadre et al. 2024 (data/gadre-overtraining), C4 eval loss', `gadre-${fit.label}`));
  });
  const rows: Record<string, string | number | boolean | null>[] = [];
  for (const row of rec.differences.rows) {
    for (const d of row.differences) {
      rows.push({ quantity: row.quantity, pair: `${d.of[0]} − ${d.of[1]}`, estimate: d.estimate, lo: d.ci95?.[0] ?? null, hi: d.ci95?.[1] ?? null, resolved: d.excludesZero });
    }
  }
  items.push({
    kind: 'table',
    table: {
      id: 'gadre-differences',
      title: 'Do the loss-law exponents differ between training sets?',
      caption: 'Pairwise differences of the 5-parameter Huber fits per training set, with 95% paired-bootstrap intervals; "resolved" = the interval excludes 0.',
      columns: [
        { key: 'quantity', label: 'quantity' },
        { key: 'pair', label: 'training sets' },
        { key: 'estimate', label: 'difference', format: 'num', digits: 3 },
        { key: 'lo', label: '95% low', format: 'num', digits: 3 },
        { key: 'hi', label: '95% high', format: 'num', digits: 3 },
        { key: 'resolved', label: 'resolved', format: 'bool' },
      ],
      rows,
      flagKey: 'resolved',
    },
  });
  return {
    id: 'loss-laws',
    title: 'Loss laws: Gadre et al. 2024 (Chinchilla form)',
    intro: [
      'L = E + A/N^α + B/D^β fitted per training set the field\'s way (LSE parametrisation, sum of Huber(δ = 1e-3) on log residuals, 4,500-start grid), with bootstrap intervals; and the published check of Gadre et al. (shared exponent, least squares in loss).',
    ],
    items,
  };
}

const QUANTITY_LABEL: Record<string, string> = { alpha: 'α (N exponent)', beta: 'β (D exponent)', a: 'a = β/(α+β)', E: 'E (irreducible loss)' };

/** Forest plot of the loss-law exponents by training set, the fit pooled over all sets as the reference line. */
export function gadreForest(rec: GadreResultForReport, pooled?: LossLawFit): ForestInput {
  const rows: ForestInput['rows'] = [];
  const ref: ForestInput['pooled'] = [];
  for (const row of rec.differences.rows) {
    if (row.quantity === 'E') continue;
    const exponent = QUANTITY_LABEL[row.quantity] ?? row.quantity;
    for (const sl of row.slices) if (sl.ci95) rows.push({ slice: sl.label, exponent, estimate: sl.value, lo: sl.ci95[0], hi: sl.ci95[1] });
    const v = pooled?.estimates[row.quantity as keyof LossLawFit['estimates']]?.value;
    if (v !== undefined && Number.isFinite(v)) ref.push({ exponent, estimate: v });
  }
  return {
    id: 'forest-gadre-train-dataset',
    title: 'Loss-law exponents by training set (Gadre et al. 2024)',
    caption:
      'L = E + A/N^α + B/D^β fitted per training set (C4 eval loss; sum of Huber(δ = 1e-3) on log residuals, 4,500 starts); square: estimate, bar: 95% bootstrap interval; reference line: the same fit pooled over the three sets.',
    rows,
    pooled: ref,
  };
}

export function porianSection(rec: PorianResultForReport): ReportSection {
  return tableSection(
    {
      id: 'compute-optimal',
      title: 'Compute-optimal allocation: Porian et al. 2024',
      intro: ['N*(C) = k·C^a by weighted least squares on logs (weights 1/log-std²) over the per-budget optima, per configuration, next to the authors\' stored bs_median_weighted exponents.'],
    },
    {
      id: 'porian-exponents',
      title: 'N*(C) exponent per configuration',
      caption: 'Re-derived exponent a with its 95% bootstrap interval, and the stored value; "matches" = equal to 3 decimals.',
      columns: [
        { key: 'config', label: 'configuration' },
        { key: 'a', label: 'a (re-derived)', format: 'num', digits: 4 },
        { key: 'lo', label: '95% low', format: 'num', digits: 4 },
        { key: 'hi', label: '95% high', format: 'num', digits: 4 },
        { key: 'stored', label: 'stored', format: 'num', digits: 4 },
        { key: 'matches', label: 'matches', format: 'bool' },
      ],
      rows: rec.configurations.map((c) => {
        const ci = c.N?.bootstrap?.exponentCi95 ?? null;
        return {
          config: Object.entries(c.config)
            .filter(([k]) => k !== 'source_file')
            .map(([, v]) => v)
            .join(' '),
          a: c.N?.exponent ?? null,
          lo: ci?.[0] ?? null,
          hi: ci?.[1] ?? null,
          stored: c.stored?.n_exponent ?? null,
          matches: c.nExponentMatches3dp,
        };
      }),
    },
  );
}

export function cvSection(cv: CrossValidation): ReportSection {
  return tableSection(
    {
      id: 'cross-validation',
      title: 'Honest generalisation: leave one group out',
      intro: [
        'Each dense (N, D) group is held out in turn; the Step Law form is refitted the authors\' way on the other groups and scored on the held-out group (nearest cell), next to the published law on the same group.',
      ],
    },
    {
      id: 'cv-dense',
      title: 'Leave-one-group-out relative error per dense group',
      caption: 'relative error = loss at the prediction / grid minimum − 1.',
      columns: [
        { key: 'group', label: 'held-out group' },
        { key: 'cv', label: 'refit without it', format: 'pct', digits: 3 },
        { key: 'published', label: 'published Step Law', format: 'pct', digits: 3 },
      ],
      rows: cv.groups.map((g) => ({ group: g.group, cv: g.heldOut?.relativeError ?? null, published: g.published?.relativeError ?? null })),
    },
  );
}
