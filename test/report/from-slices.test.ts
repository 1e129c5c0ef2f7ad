/**
 * Forest plot and differences table from a slice study on the released MoE
 * file (by moe_name: 4 sparsities × 4 D). One total N per slice, so only the
 * D-exponents are identified; the N-exponents must be named as left out.
 */
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { sliceStudy } from '../../src/slices/study.js';
import { forestFromSliceStudy, sliceDifferencesTable } from '../../src/report/from-slices.js';
import { forestSpec } from '../../src/report/forest.js';
import { renderSvg } from '../../src/report/svg.js';
import { repoData } from '../helpers/paths.js';
import { svgTexts } from './synthetic.js';

describe('report adapters from a slice study (released MoE file)', async () => {
  const study = sliceStudy(loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')]), 'moe_name', { bootstrap: 100, seed: 3 });
  const forest = forestFromSliceStudy(study, 'moe_lr_bs_loss.csv');

  it('one row per slice and identified exponent, carrying the study’s numbers', () => {
    const exps = [...new Set(forest.rows.map((r) => r.exponent))];
    expect(exps).toEqual(['lr: D-exponent', 'batch: D-exponent']);
    expect(forest.rows).toHaveLength(8);
    const lrD = study.exponents.find((c) => c.exponent === 'lr/lnD')!;
    for (const s of lrD.slices) {
      const row = forest.rows.find((r) => r.exponent === 'lr: D-exponent' && r.slice === s.slice)!;
      expect([row.lo, row.hi]).toEqual(s.ci95);
    }
    expect(forest.published!.map((p) => [p.exponent, p.value])).toEqual([
      ['lr: D-exponent', 0.307],
      ['batch: D-exponent', 0.571],
    ]);
  });

  it('renders one labelled row per slice in each panel', async () => {
    const { svg, warnings } = await renderSvg(forestSpec(forest), 'moe-forest');
    expect(warnings).toEqual([]);
    const texts = svgTexts(svg);
    for (const s of ['moe_name=1in89', 'moe_name=2in88', 'moe_name=1in8', 'moe_name=3in8']) expect(texts.filter((t) => t === s)).toHaveLength(2);
  });

  it('differences table: 6 pairs per identified exponent', () => {
    const t = sliceDifferencesTable(study, 'moe_lr_bs_loss.csv');
    expect(t.rows).toHaveLength(12);
    for (const r of t.rows) expect(r.excludesZero).toBe((r.lo as number) > 0 || (r.hi as number) < 0);
  });
});
