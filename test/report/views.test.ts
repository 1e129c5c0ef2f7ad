/**
 * The views issue 14 adds, built from result objects: the convexity view of
 * the group with the most runs (one line per batch level, the measured
 * plateau shaded), the model-shape table, and MoE total vs activated N with
 * sparsities labelled by their activated fraction Na/N (read here from the
 * CSV independently of the report code).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convexitySpec } from '../../src/report/convexity.js';
import { dotsSpec } from '../../src/report/dots.js';
import { renderSvg } from '../../src/report/svg.js';
import { activatedFraction, convexityGroup, convexitySection, moeActivatedSection } from '../../src/report/views.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { landscape } from '../../src/validate/landscape.js';
import type { SliceStudy } from '../../src/slices/study.js';
import type { ConvexityInput, DotsInput } from '../../src/report/types.js';
import { releasedGrids } from './fixture.js';
import { repoData } from '../helpers/paths.js';
import { markTitles } from './synthetic.js';

describe('convexity view', async () => {
  const { dense } = releasedGrids();
  const study = landscape(dense);
  const section = convexitySection(dense, study.groups, 'dense models', 'dense_lr_bs_loss.csv');
  const figs = section.items.flatMap((i) => (i.kind === 'convexity' ? [i.figure as ConvexityInput] : []));

  it('shows the group with the most usable runs, along lr and along batch', () => {
    const most = Math.max(...dense.map((g) => g.usable.length));
    expect(convexityGroup(dense)!.usable.length).toBe(most);
    expect(figs.map((f) => f.along)).toEqual(['lr', 'batch']);
  });

  it('one line per batch level; the shaded plateau is the landscape record of that group', async () => {
    const g = convexityGroup(dense)!;
    const rec = study.groups.find((x) => x.group === g.key)!.plateaus.find((p) => p.band === 0.0025)!;
    expect(figs[0].plateau!.lrRange).toEqual(rec.lrRange);
    const spec = convexitySpec(figs[0]) as unknown as { layer: { mark: { type: string }; data?: { values: Record<string, unknown>[] }; encoding: Record<string, unknown> }[] };
    const line = spec.layer.find((l) => l.mark.type === 'line')!;
    expect(new Set(line.data!.values.map((v) => v.bLabel)).size).toBe(g.batchLevels.length);
    const rect = spec.layer.find((l) => l.mark.type === 'rect')!;
    expect(rect.data!.values[0]).toEqual({ a: rec.lrRange[0], b: rec.lrRange[1] });
    // y is loss above the minimum in %: the minimum cell is at 0
    expect(Math.min(...line.data!.values.map((v) => Number(v.pct)))).toBe(0);
    const { svg, warnings } = await renderSvg(convexitySpec(figs[0]), 'conv', { title: figs[0].title, desc: figs[0].summary! });
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(markTitles(svg).filter((t) => t.startsWith('lr: ')).length).toBe(line.data!.values.length);
  });
});

describe('MoE: total against activated N, labelled by Na/N', () => {
  const sweep = loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')]);
  it('reads each sparsity\'s activated fraction from its runs (as the CSV column Na/N says)', () => {
    const lines = readFileSync(repoData('steplaw', 'moe_lr_bs_loss.csv'), 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    const [iName, iFrac] = [head.indexOf('moe_name'), head.indexOf('Na/N')];
    const first = new Map<string, number>();
    for (const l of lines.slice(1)) {
      const c = l.split(',');
      if (!first.has(c[iName])) first.set(c[iName], Number(c[iFrac]));
    }
    const f = activatedFraction(sweep, 'moe_name');
    expect([...f.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [k, v] of first) expect(f.get(k)!).toBeCloseTo(v, 6);
  });

  it('puts each slice\'s validation numbers in the dot plot and the table, total and activated', () => {
    const v = (mean: number, max: number, inside: number) => ({ groups: 4, evaluated: 4, meanRelativeError: mean, medianRelativeError: mean, maxRelativeError: max, worstGroup: 'g', insideBand: inside, band: 0.0025 });
    const study = {
      by: 'moe_name',
      slices: [
        { slice: 'moe_name=1in8', validation: { own: v(0, 0, 4), 'steplaw-rounded': v(0.001, 0.003, 3), 'steplaw-rounded (N=Na)': v(0.0067, 0.0102, 0) } },
        { slice: 'moe_name=3in8', validation: { 'steplaw-rounded': v(0.0036, 0.006, 1), 'steplaw-rounded (N=Na)': { error: 'no Na' } } },
      ],
    } as unknown as SliceStudy;
    const s = moeActivatedSection(study, sweep, 'moe.csv');
    const dots = s.items.find((i) => i.kind === 'dots')!.figure as DotsInput;
    const f = activatedFraction(sweep, 'moe_name');
    expect(dots.rows).toEqual([
      { row: `Na/N ${Number(f.get('1in8')!.toPrecision(2))} (1in8)`, series: 'Step Law, N = total parameters', value: 0.001, to: 0.003 },
      { row: `Na/N ${Number(f.get('1in8')!.toPrecision(2))} (1in8)`, series: 'Step Law, N = activated parameters (Na)', value: 0.0067, to: 0.0102 },
      { row: `Na/N ${Number(f.get('3in8')!.toPrecision(2))} (3in8)`, series: 'Step Law, N = total parameters', value: 0.0036, to: 0.006 },
    ]);
    const table = s.items.find((i) => i.kind === 'table')!;
    expect(table.kind === 'table' && table.table.rows.map((r) => [r.totalInside, r.activeInside])).toEqual([
      ['3/4', '0/4'],
      ['1/4', null],
    ]);
  });

  it('dot plot: one marker per (row, series) with its value as hover title; the 0.25% reference line', async () => {
    const input: DotsInput = { id: 'd', title: 'd', caption: 'c', xTitle: 'relative error (%)', percent: true, reference: { value: 0.0025, label: 'band' }, rows: [{ row: 'a', series: 's1', value: 0.001, to: 0.002 }, { row: 'a', series: 's2', value: 0.01 }] };
    const { svg, warnings } = await renderSvg(dotsSpec(input), 'dots');
    expect(warnings).toEqual([]);
    expect(markTitles(svg)).toEqual(['a, s1: 0.1% (to 0.2%)', 'a, s2: 1%']);
  });
});
