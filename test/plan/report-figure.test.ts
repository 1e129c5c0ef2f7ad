import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFigure } from '../../src/report/figures.js';
import { planLandscapeFigure, planReplaySection } from '../../src/jobs/plan-replay.js';
import { repoRoot } from '../helpers/paths.js';

const record = JSON.parse(readFileSync(join(repoRoot, 'fits', 'plan-replay-dense.json'), 'utf8'));

describe('report: the planned runs on one landscape (drawn from fits/plan-replay-dense.json)', () => {
  it('the figure input is the record: its group\'s complete grid, its revealed runs, the laws at its (N, D)', () => {
    const f = planLandscapeFigure(record);
    const g = record.groups.find((x: { key: string }) => x.key === record.landscape.group);
    expect(f.runs).toEqual(g.runs);
    expect(f.landscape.cells).toHaveLength(record.landscape.cells.length);
    const c = record.summary.plannedLaw;
    const lr = Math.exp(c.lr.intercept + c.lr.coefN * Math.log(g.N) + c.lr.coefD * Math.log(g.D));
    const planned = f.landscape.predictions.find((p) => p.law.startsWith('planned law'))!;
    expect(planned.lr).toBeCloseTo(lr, 12);
    expect(planned.batchTokens).toBeCloseTo(Math.exp(c.batch.intercept + c.batch.coefD * Math.log(g.D)), 6);
    const opt = f.landscape.predictions.find((p) => p.law.startsWith('optimum estimated'))!;
    expect(opt.lr).toBe(g.optimum.lr);
  });
  it('renders to SVG with every run numbered', async () => {
    const fig = await renderFigure({ kind: 'plan-landscape', figure: planLandscapeFigure(record) }, 'plan-landscape');
    expect(fig.svg).toContain('<svg');
    const n = planLandscapeFigure(record).runs.length;
    // Each run is a text mark showing its step, with its values as the hover title.
    const g = planLandscapeFigure(record).runs;
    for (const r of g) expect(fig.svg).toMatch(new RegExp(`<text[^>]*><title>planned run ${r.step}: lr [^<]*</title>${r.step}</text>`));
    expect(fig.svg).not.toContain(`planned run ${n + 1}:`);
  });
  it('the report section carries the figure and one table row per group', () => {
    const s = planReplaySection(record);
    expect(s.items.map((i) => i.kind)).toEqual(['plan-landscape', 'table']);
    const t = s.items[1] as { kind: 'table'; table: { rows: unknown[] } };
    expect(t.table.rows).toHaveLength(record.groups.length);
  });
});
