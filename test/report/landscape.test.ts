/**
 * The landscape figure: built from a Grid with a known optimum, rendered to
 * SVG; deterministic bytes (rendered twice, and against a committed snapshot);
 * and assertions on what the SVG contains: the four contour levels, the grid
 * minimum and the law's prediction where they should be, readable axes.
 */
import { describe, expect, it } from 'vitest';
import { groupSweep } from '../../src/sweep/grid.js';
import { landscapeFromGrid } from '../../src/report/adapters.js';
import { landscapeSpec, MINIMUM_LABEL } from '../../src/report/landscape.js';
import { renderSvg } from '../../src/report/svg.js';
import { ariaFields, ariaLabels, BOWL, bowlSweep, svgTexts } from './synthetic.js';
import { porianLrOnly, stepLawRounded } from './fixture.js';

const grid = groupSweep(bowlSweep()).grids[0];
const input = landscapeFromGrid(grid, { laws: [stepLawRounded, porianLrOnly], source: 'bowl.csv' });

describe('landscapeFromGrid', () => {
  it('takes the minimum from the grid argmin', () => {
    expect(input.minimum.lr).toBeCloseTo(BOWL.lr0, 15);
    expect(input.minimum.batchTokens).toBe(BOWL.B0);
    expect(input.minimum.loss).toBe(BOWL.L0);
    expect(input.minimum.run).toBe('run_0_0');
  });
  it('marks the published Step Law at the values REFERENCE.md §1 gives for N = 7e9, D = 1.4e12 (rounded: lr ≈ 9.17e-4)', () => {
    const p = input.predictions.find((q) => q.law === stepLawRounded.label)!;
    expect(p.lr).toBeCloseTo(9.17e-4, 6);
    // 0.58·(1.4e12)^0.571 = 4.9988e6 tokens (python: 0.58*1.4e12**0.571 = 4998815.43)
    expect(p.batchTokens! / 4998815.43 - 1).toBeLessThan(1e-8);
  });
  it('keeps a law without a batch formula as lr-only', () => {
    const p = input.predictions.find((q) => q.law === porianLrOnly.label)!;
    expect(p.batchTokens).toBeUndefined();
  });
  it('says in the caption what data and which law', () => {
    expect(input.caption).toContain('bowl.csv');
    expect(input.caption).toContain(stepLawRounded.label);
    expect(input.caption).toContain('+0.25%, +0.5%, +1%, +2%');
  });
});

describe('landscape SVG', async () => {
  const a = await renderSvg(landscapeSpec(input), 'landscape-test');
  const b = await renderSvg(landscapeSpec(input), 'landscape-test');
  const labels = ariaLabels(a.svg).map(ariaFields);

  it('renders without warnings and with the same bytes twice', () => {
    expect(a.warnings).toEqual([]);
    expect(a.svg).toBe(b.svg);
  });

  it('matches the committed snapshot', async () => {
    await expect(a.svg).toMatchFileSnapshot('./__snapshots__/landscape.svg');
  });

  it('has all internal ids scoped to the figure (no process-global gradient ids)', () => {
    const ids = [...a.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith('landscape-test-')).toBe(true);
    expect(a.svg).not.toMatch(/url\(#gradient_/);
  });

  it('draws contour segments at each of the four levels, near the circles r = √(level/k) in log space', () => {
    for (const [level, text] of [
      [0.0025, '+0.25%'],
      [0.005, '+0.5%'],
      [0.01, '+1%'],
      [0.02, '+2%'],
    ] as const) {
      const segs = labels.filter((l) => l.level === text);
      expect(segs.length, text).toBeGreaterThan(4);
      const r0 = Math.sqrt(level / BOWL.k);
      for (const s of segs) {
        const r = Math.hypot(Math.log(Number(s.lr) / BOWL.lr0), Math.log(Number(s.b) / BOWL.B0));
        expect(Math.abs(r / r0 - 1)).toBeLessThan(0.06);
      }
    }
    // and the legend names them
    expect(svgTexts(a.svg)).toEqual(expect.arrayContaining(['+0.25%', '+0.5%', '+1%', '+2%', 'contour above min']));
  });

  it('marks the grid minimum and the law prediction at their coordinates', () => {
    const min = labels.find((l) => l.marker === MINIMUM_LABEL)!;
    expect(Number(min.lr)).toBeCloseTo(BOWL.lr0, 10);
    expect(Number(min.b)).toBe(BOWL.B0);
    const step = labels.find((l) => l.marker === stepLawRounded.label)!;
    expect(Number(step.lr)).toBeCloseTo(9.17e-4, 6);
    expect(svgTexts(a.svg)).toEqual(expect.arrayContaining([MINIMUM_LABEL, stepLawRounded.label, `${porianLrOnly.label} (lr only)`]));
  });

  it('has a title, the caption, axis titles and readable tick labels', () => {
    const texts = svgTexts(a.svg);
    expect(texts).toContain(input.title);
    expect(texts).toEqual(expect.arrayContaining(['peak learning rate (lr)', 'batch size (tokens)', 'loss above min (%)']));
    expect(texts.some((t) => t.includes('bowl.csv'))).toBe(true);
    // Tick labels on the lr axis (3.4e-4 … 8.7e-3 here) and batch axis (1e6 … 1.7e7).
    expect(texts).toEqual(expect.arrayContaining(['5e-4', '1e-3', '2e-3', '5e-3', '2e6', '5e6', '1e7']));
    expect(input.title).toBe('Loss landscape — N = 7e9, D = 1.4e12');
    const ticks = texts.filter((t) => /^[-\d.e]+$/.test(t));
    expect(ticks.length).toBeGreaterThan(8);
    for (const t of ticks) expect(t).toMatch(/^(\d(\.\d{1,2})?e-?\d+|\d+(\.\d{1,3})?)$/);
  });
});
