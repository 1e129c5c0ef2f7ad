/**
 * Report sections for views the landscapes and fits do not give (issue 14):
 * - the convexity view of a group (loss against lr at each batch size, and
 *   against batch at each lr), with the measured 0.25% plateau shaded;
 * - the model-shape section (per shape: the grid optimum and how far the
 *   pooled and published laws land from it);
 * - MoE: the Step Law with total N against activated N, per sparsity
 *   labelled by its activated fraction Na/N.
 * Each builder takes result objects (grids, landscape study, shape study,
 * slice study) and only arranges them; nothing is fitted here.
 */
import type { Grid } from '../sweep/grid.js';
import type { Sweep } from '../sweep/types.js';
import type { GroupLandscape } from '../validate/landscape.js';
import type { ShapeStudy } from '../slices/shapes.js';
import type { SliceStudy } from '../slices/study.js';
import { landscapeFromGrid, shortGroupLabel } from './adapters.js';
import { slug } from './escape.js';
import { fmtNum, fmtPct } from './format.js';
import type { ReportItem, ReportSection } from './types.js';
import { groupBy } from '../util/group-by.js';
import { GROUP_OPTIMUM_COLUMNS, tableSection } from './tables.js';

/** The group shown in the convexity view: the one with the most usable runs (first in grid order on a tie). */
export function convexityGroup(grids: readonly Grid[]): Grid | undefined {
  return grids.filter((g) => g.argmin).reduce<Grid | undefined>((best, g) => (!best || g.usable.length > best.usable.length ? g : best), undefined);
}

/** Convexity section: loss against lr per batch and against batch per lr, for the group with the most runs. */
export function convexitySection(grids: readonly Grid[], landscapes: readonly GroupLandscape[], label: string, source: string, band = 0.0025): ReportSection {
  const id = `convexity-${slug(label)}`;
  const g = convexityGroup(grids);
  if (!g) return { id, title: `Convexity — ${label}`, items: [{ kind: 'text', id: `${id}-none`, paragraphs: ['No group with a usable run.'] }] };
  const land = landscapeFromGrid(g, { source });
  const rec = landscapes.find((l) => l.group === g.key);
  const p = rec?.plateaus.find((x) => x.band === band);
  const plateau = p ? { band, lrRange: p.lrRange, batchRange: p.batchRange } : undefined;
  const conv = rec?.convexity;
  const shape = conv?.positiveDefinite === true ? 'a bowl (the quadratic fitted near the minimum is positive definite)' : conv?.positiveDefinite === false ? 'not a bowl (the quadratic fitted near the minimum is not positive definite)' : 'not tested';
  const common = {
    cells: land.cells,
    minimum: land.minimum,
    plateau,
  };
  const plateauText = p ? ` Shaded: the ${p.runs} runs within ${fmtPct(band)} of the minimum span lr ${fmtNum(p.lrRange[0])}–${fmtNum(p.lrRange[1])} (×${fmtNum(p.lrSpan)}) and batch ${fmtNum(p.batchRange[0])}–${fmtNum(p.batchRange[1])} (×${fmtNum(p.batchSpan)}).` : '';
  const items: ReportItem[] = [
    {
      kind: 'convexity',
      figure: {
        ...common,
        along: 'lr',
        id: `${id}-lr`,
        title: `Loss against lr, one line per batch · ${shortGroupLabel(g)}`,
        caption: `${source}, group ${g.key}: loss above the group minimum against the peak learning rate, one line per batch size (dark = small batch).${plateauText} Runs more than 2% above the minimum run off the top.`,
        summary: `Loss against learning rate for each batch size of group ${g.key}: ${shape}.`,
      },
    },
    {
      kind: 'convexity',
      figure: {
        ...common,
        along: 'batch',
        id: `${id}-batch`,
        title: `Loss against batch, one line per lr · ${shortGroupLabel(g)}`,
        caption: `${source}, group ${g.key}: loss above the group minimum against the batch size, one line per learning rate (dark = small lr).${plateauText} Runs more than 2% above the minimum run off the top.`,
        summary: `Loss against batch size for each learning rate of group ${g.key}: ${shape}.`,
      },
    },
  ];
  return {
    id,
    title: `Convexity — ${label}`,
    intro: [
      `The paper's convexity view for the group with the most runs (${g.key}, ${g.usable.length} usable runs): each line is one row or column of its landscape. Near the minimum the loss is ${shape}; the flat floor is the plateau a prediction only has to land in.`,
    ],
    items,
  };
}

/** Model shapes: each shape's grid optimum and the pooled and published laws' relative error there. */
export function shapesSection(study: ShapeStudy, source: string): ReportSection {
  return tableSection(
    {
      id: 'model-shapes',
      title: 'Model shapes',
      intro: study.notes,
    },
    {
      id: 'shapes-dense',
      title: 'Grid optimum per model shape (width × depth × FFN ratio).',
      caption: `${source}: per (shape, N, D) group the lowest-loss run and how far the pooled refit and the published Step Law land from it (loss at their prediction, ${study.reader} cell, relative to the minimum).`,
      columns: [
        { key: 'shape', label: 'shape' },
        ...GROUP_OPTIMUM_COLUMNS,
        { key: 'bracketed', label: 'bracketed', format: 'bool' },
        { key: 'pooled', label: 'pooled refit error', format: 'pct' },
        { key: 'published', label: 'published error', format: 'pct' },
      ],
      rows: study.shapes.map((s) => ({
        shape: s.shape,
        N: s.N,
        D: s.D,
        argminLr: s.argmin?.lr ?? null,
        argminBatch: s.argmin?.batchTokens ?? null,
        bracketed: s.bracketed.lr && s.bracketed.batch,
        pooled: s.pooledRelativeError,
        published: s.publishedRelativeError,
      })),
    },
  );
}

/** The activated fraction Na/N of each value of `by` in a sweep (median over its runs), e.g. `1in8` → 0.087. */
export function activatedFraction(sweep: Sweep, by: string, column = 'Na/N'): Map<string, number> {
  const kept = sweep.runs.filter((r) => r.attrs[by] !== undefined && Number.isFinite(Number(r.attrs[column])));
  const values = new Map([...groupBy(kept, (r) => String(r.attrs[by]))].map(([k, runs]) => [k, runs.map((r) => Number(r.attrs[column]))]));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return new Map([...values].map(([k, xs]) => [k, med(xs)]));
}

/**
 * MoE: total against activated N. Per sparsity (labelled `Na/N = …`), the
 * published Step Law's mean relative error over the slice's groups with N =
 * total parameters and with N = activated parameters, a bar to the worst group.
 */
export function moeActivatedSection(study: SliceStudy, sweep: Sweep, source: string, band = 0.0025): ReportSection {
  const frac = activatedFraction(sweep, study.by);
  const label = (slice: string) => {
    const key = slice.replace(`${study.by}=`, '');
    const f = frac.get(key);
    return f !== undefined ? `Na/N ${fmtNum(f, 2)} (${key})` : key;
  };
  const rows: { row: string; series: string; value: number; to?: number }[] = [];
  const tableRows: Record<string, string | number | null>[] = [];
  const ordered = [...study.slices].sort((a, b) => (frac.get(a.slice.replace(`${study.by}=`, '')) ?? 0) - (frac.get(b.slice.replace(`${study.by}=`, '')) ?? 0));
  for (const s of ordered) {
    const entries = Object.entries(s.validation).filter(([k]) => k !== 'own' && k !== 'pooled');
    const total = entries.find(([k]) => !k.includes('(N='));
    const active = entries.find(([k]) => k.includes('(N='));
    const ok = (e: (typeof entries)[number] | undefined) => (e && !('error' in e[1]) ? e[1] : undefined);
    const t = ok(total);
    const a = ok(active);
    const fin = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
    if (t && fin(t.meanRelativeError)) rows.push({ row: label(s.slice), series: 'Step Law, N = total parameters', value: t.meanRelativeError, ...(fin(t.maxRelativeError) ? { to: t.maxRelativeError } : {}) });
    if (a && fin(a.meanRelativeError)) rows.push({ row: label(s.slice), series: 'Step Law, N = activated parameters (Na)', value: a.meanRelativeError, ...(fin(a.maxRelativeError) ? { to: a.maxRelativeError } : {}) });
    tableRows.push({
      slice: label(s.slice),
      groups: t?.groups ?? a?.groups ?? null,
      totalMean: t?.meanRelativeError ?? null,
      totalInside: t ? `${t.insideBand}/${t.evaluated}` : null,
      activeMean: a?.meanRelativeError ?? null,
      activeInside: a ? `${a.insideBand}/${a.evaluated}` : null,
    });
  }
  const items: ReportItem[] = [];
  if (rows.length > 0) {
    items.push({
      kind: 'dots',
      figure: {
        id: 'moe-total-vs-activated-n',
        title: 'MoE: Step Law with total vs activated N',
        caption: `${source}: per sparsity (activated fraction Na/N), the published Step Law's relative error — loss at its prediction over the group minimum − 1, mean over the slice's groups (marker) and worst group (end of bar) — with N = total parameters and with N = activated parameters.`,
        summary: 'Per MoE sparsity, the Step Law relative error with total N against activated N.',
        rows,
        xTitle: 'relative error (%)',
        percent: true,
        reference: { value: band, label: `the ${fmtPct(band)} band` },
      },
    });
  }
  items.push({
    kind: 'table',
    table: {
      id: 'moe-total-vs-activated-n-table',
      title: 'MoE: total against activated N.',
      caption: `${source}: mean relative error and groups inside the ${fmtPct(band)} band, Step Law with N = total and N = activated parameters.`,
      columns: [
        { key: 'slice', label: 'sparsity' },
        { key: 'groups', label: 'groups', format: 'int' },
        { key: 'totalMean', label: 'total N: mean error', format: 'pct' },
        { key: 'totalInside', label: `inside ${fmtPct(band)}` },
        { key: 'activeMean', label: 'activated N: mean error', format: 'pct' },
        { key: 'activeInside', label: `inside ${fmtPct(band)}` },
      ],
      rows: tableRows,
    },
  });
  return {
    id: 'moe-total-vs-activated',
    title: 'MoE: total against activated parameters',
    intro: ['Which N does the Step Law want for a mixture of experts? Each sparsity is labelled by its activated fraction Na/N.'],
    items,
  };
}
