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
import { ariaFields, BOWL, bowlSweep, markLabels, markTitles, svgTexts } from './synthetic.js';
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
  it('marks the published Step Law at the values docs/method.md#step-law gives for N = 7e9, D = 1.4e12 (rounded: lr ≈ 9.17e-4)', () => {
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
  const spec = landscapeSpec(input);
  const a = await renderSvg(spec, 'landscape-test', { title: input.title, desc: input.summary ?? input.caption });
  const b = await renderSvg(landscapeSpec(input), 'landscape-test', { title: input.title, desc: input.summary ?? input.caption });
  const labels = (await markLabels(spec)).map(ariaFields);
  const titles = markTitles(a.svg).map(ariaFields);

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

  it('is one accessible image: role="img", a <title> and a one-sentence <desc>; no per-mark ARIA; coordinates rounded', () => {
    expect(a.svg).toMatch(/^<svg[^>]* role="img" aria-labelledby="landscape-test-title landscape-test-desc"><title id="landscape-test-title">N 7e9 · D 1\.4e12<\/title><desc id="landscape-test-desc">[^<]+<\/desc>/);
    expect(a.svg).not.toMatch(/aria-label=|aria-roledescription|role="graphics/);
    expect(a.svg).not.toMatch(/<[^>]*\d\.\d{3,}/);
    // no attribute restating a default, no empty guide paths; one font-family on the root
    expect(a.svg).not.toMatch(/ opacity="1"[\s/>]|pointer-events|d="M0,0h0v0h0Z"|display="none"/);
    expect(a.svg.match(/font-family=/g)).toHaveLength(1);
    expect(a.svg).toMatch(/^<svg font-family="sans-serif" /);
    // every text says its fill: vega's root group has fill="none", which a text would otherwise inherit (invisible)
    const texts = a.svg.match(/<text[^>]*>/g)!;
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(t).toMatch(/ fill="#[0-9a-f]{3,6}"/);
    // 13 lr × 9 batch cells, each with its hover values
    expect(titles.filter((t) => 'lr' in t && 'loss' in t)).toHaveLength(13 * 9);
  });

  it('draws contours at each of the four levels, near the circles r = √(level/k) in log space', () => {
    const layers = (spec as unknown as { layer: { data?: { values: Record<string, unknown>[] }; mark: { type: string } }[] }).layer.filter((l) => l.mark.type === 'line');
    const values = layers.flatMap((l) => l.data!.values);
    for (const [level, text] of [
      [0.0025, '+0.25%'],
      [0.005, '+0.5%'],
      [0.01, '+1%'],
      [0.02, '+2%'],
    ] as const) {
      const pts = values.filter((v) => v.level === text);
      expect(pts.length, text).toBeGreaterThan(4);
      const r0 = Math.sqrt(level / BOWL.k);
      for (const s of pts) {
        const r = Math.hypot(Math.log(Number(s.lr) / BOWL.lr0), Math.log(Number(s.b) / BOWL.B0));
        expect(Math.abs(r / r0 - 1)).toBeLessThan(0.06);
      }
      // a ring inside the lattice (r0 < ln 2·2 = 1.386 in ln B) is one closed piece; wider ones are cut by the lattice edge
      if (r0 < 1.386) expect(new Set(pts.map((p) => p.piece)).size, text).toBe(1);
    }
    // and the rendered lines: one path per contour piece, for each of the four levels
    expect(new Set(labels.filter((l) => 'piece' in l).map((l) => l.piece.split('-')[0]))).toEqual(new Set(['0', '1', '2', '3']));
  });

  it('marks the grid minimum and the law prediction at their coordinates, with hover values', () => {
    const data = (spec as unknown as { layer: { data?: { values: Record<string, unknown>[] } }[] }).layer.flatMap((l) => l.data?.values ?? []);
    const min = data.find((v) => String(v.tip).startsWith(`${MINIMUM_LABEL}:`))!;
    expect(Number(min.lr)).toBeCloseTo(BOWL.lr0, 15);
    expect(Number(min.b)).toBe(BOWL.B0);
    const step = data.find((v) => v.law === stepLawRounded.label)!;
    expect(Number(step.lr)).toBeCloseTo(9.17e-4, 6);
    expect(Number(step.b) / 4998815.43 - 1).toBeLessThan(1e-8);
    // both are drawn: one point mark each at those coordinates
    expect(labels.some((l) => Math.abs(Number(l.lr) / BOWL.lr0 - 1) < 1e-9 && Number(l.b) === BOWL.B0)).toBe(true);
    expect(labels.some((l) => Math.abs(Number(l.lr) / Number(step.lr) - 1) < 1e-9 && Math.abs(Number(l.b) / Number(step.b) - 1) < 1e-9)).toBe(true);
    expect(markTitles(a.svg).some((t) => t.startsWith(`${MINIMUM_LABEL}: lr 1.2e-3; batch 4.194e6`))).toBe(true);
    expect(markTitles(a.svg).some((t) => t.startsWith(`${stepLawRounded.label}: lr 9.17e-4; batch 5e6`))).toBe(true);
    expect(markTitles(a.svg).some((t) => t.startsWith(`${porianLrOnly.label}: lr `) && t.includes('no batch formula'))).toBe(true);
  });

  it('has a short title, axis titles and readable tick labels; the long caption is the <desc>, not drawn text', () => {
    const texts = svgTexts(a.svg);
    expect(texts).toContain(input.title);
    expect(texts).toEqual(expect.arrayContaining(['peak learning rate', 'batch (tokens)']));
    expect(texts.some((t) => t.includes('bowl.csv'))).toBe(false);
    expect(texts).toEqual(expect.arrayContaining(['5e-4', '1e-3', '2e-3', '5e-3', '2e6', '5e6', '1e7']));
    expect(input.title).toBe('N 7e9 · D 1.4e12');
    const ticks = texts.filter((t) => /^[-\d.e]+$/.test(t));
    expect(ticks.length).toBeGreaterThan(8);
    for (const t of ticks) expect(t).toMatch(/^(\d(\.\d{1,2})?e-?\d+|\d+(\.\d{1,3})?)$/);
  });
});
