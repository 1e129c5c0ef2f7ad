/**
 * Encodings that cannot mislead (issue 14), checked on the rendered SVG and
 * on the colours themselves (WCAG 2 relative luminance and contrast; a
 * deuteranope's view by the Machado, Oliveira & Fernandes 2009 matrix,
 * severity 1, applied in linear RGB):
 * - an untried lattice point and a diverged run never share a fill with a
 *   measured cell, and neither looks like the near-optimal cells;
 * - a diverged run (+145%) does not share the fill of a capped +5% cell;
 * - the contour colours are one ordered family: luminance rises with the
 *   level for normal and deuteranope vision, each line ≥ 3:1 on white;
 * - law markers are hollow and shrink in key order, so none hides another;
 * - numbers in prose never break (`5.63e-4` is one unbreakable span).
 */
import { describe, expect, it } from 'vitest';
import {
  CONTOUR_COLOURS,
  DIVERGED_FILL,
  heatFill,
  HEAT_CLIP,
  landscapeSpec,
  UNTRIED_FILL,
} from '../../src/report/landscape.js';
import { RUN_RAMP } from '../../src/report/loss-law.js';
import { renderSvg } from '../../src/report/svg.js';
import { prose } from '../../src/report/escape.js';
import type { LandscapeInput } from '../../src/report/types.js';

const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((k) => lin(parseInt(hex.slice(k, k + 2), 16) / 255));
const lum = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (a: number[], b: number[]) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const deutan = ([r, g, b]: number[]) =>
  [0.367322 * r + 0.860646 * g - 0.227968 * b, 0.280085 * r + 0.672501 * g + 0.047413 * b, -0.01182 * r + 0.04294 * g + 0.968881 * b].map((v) => Math.min(1, Math.max(0, v)));
const WHITE = rgb('#ffffff');

/** A 4 × 3 lattice: a minimum, a near-optimal cell, a +5% and a +20% cell, a diverged run (+145%) and an untried point. */
const input: LandscapeInput = {
  id: 'enc',
  title: 'enc',
  caption: 'encodings',
  cells: [
    { lr: 1e-3, batchTokens: 1e6, loss: 2 },
    { lr: 2e-3, batchTokens: 1e6, loss: 2.002 },
    { lr: 4e-3, batchTokens: 1e6, loss: 2.1 },
    { lr: 8e-3, batchTokens: 1e6, loss: 2.4 },
    { lr: 1e-3, batchTokens: 2e6, loss: 2.01 },
    { lr: 2e-3, batchTokens: 2e6, loss: 2.02 },
    { lr: 4e-3, batchTokens: 2e6, loss: 2.05 },
    { lr: 8e-3, batchTokens: 2e6, loss: 4.9, diverged: true },
    { lr: 1e-3, batchTokens: 4e6, loss: 2.03 },
    { lr: 2e-3, batchTokens: 4e6, loss: 2.04 },
    { lr: 4e-3, batchTokens: 4e6, loss: 2.06 },
    // (8e-3, 4e6) untried
  ],
  minimum: { lr: 1e-3, batchTokens: 1e6, loss: 2 },
  predictions: [
    { law: 'law A', lr: 1.1e-3, batchTokens: 1.05e6 },
    { law: 'law B', lr: 1.1e-3, batchTokens: 1.05e6 },
  ],
};

describe('landscape cells: untried, diverged and near-optimal are distinct', async () => {
  const { svg } = await renderSvg(landscapeSpec(input), 'enc');
  const cells = [...svg.matchAll(/<path d="[^"]*" fill="(#[0-9a-f]{6})"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({ fill: m[1], tip: m[2] }));
  const fillOf = (pred: (t: string) => boolean) => cells.filter((c) => pred(c.tip)).map((c) => c.fill);

  it('every lattice point is drawn once, with its hover values', () => {
    expect(cells).toHaveLength(12);
    expect(fillOf((t) => t.endsWith('untried'))).toEqual([UNTRIED_FILL]);
    expect(fillOf((t) => t.endsWith('diverged'))).toEqual([DIVERGED_FILL]);
  });

  it('an untried cell and a diverged cell never share a fill with a measured cell', () => {
    const measured = fillOf((t) => t.includes('above min') || t.includes('(+'));
    expect(measured).toHaveLength(10);
    expect(measured).not.toContain(UNTRIED_FILL);
    expect(measured).not.toContain(DIVERGED_FILL);
  });

  it('near-optimal cells stand out from untried ones (≥ 3:1), not white-ish like #fff8e1 (1.06:1)', () => {
    const best = heatFill(HEAT_CLIP[0]);
    expect(contrast(rgb(best), rgb(UNTRIED_FILL))).toBeGreaterThanOrEqual(3);
    expect(contrast(rgb(heatFill(0.0025)), rgb(UNTRIED_FILL))).toBeGreaterThanOrEqual(1.5);
  });

  it('a diverged run (+145%) does not look like a capped +5% cell', () => {
    const capped = heatFill(HEAT_CLIP[1]);
    expect(fillOf((t) => t.includes('(+20%)'))).toEqual([capped]);
    expect(fillOf((t) => t.includes('(+5%)'))).toEqual([capped]);
    expect(contrast(rgb(DIVERGED_FILL), rgb(capped))).toBeGreaterThanOrEqual(3);
  });

  it('the fill is ordered: darker the closer to the minimum', () => {
    const levels = [5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2e-2, 5e-2];
    const L = levels.map((r) => lum(rgb(heatFill(r))));
    for (let k = 1; k < L.length; k++) expect(L[k]).toBeGreaterThan(L[k - 1]);
  });
});

describe('contour colours: one ordered family', () => {
  it('luminance rises with the level, for normal and deuteranope vision; each ≥ 3:1 on white', () => {
    for (const view of [(c: number[]) => c, deutan]) {
      const L = CONTOUR_COLOURS.map((c) => lum(view(rgb(c))));
      for (let k = 1; k < L.length; k++) expect(L[k]).toBeGreaterThan(L[k - 1] * 1.15);
      for (const c of CONTOUR_COLOURS) expect(contrast(view(rgb(c)), WHITE)).toBeGreaterThanOrEqual(3);
    }
  });
  it('observed-run colours of the loss-law figure: no yellow on white (each ≥ 3:1)', () => {
    for (const c of RUN_RAMP) expect(contrast(rgb(c), WHITE)).toBeGreaterThanOrEqual(3);
  });
});

describe('markers do not hide each other', () => {
  const spec = landscapeSpec(input) as unknown as { layer: { mark: { type: string; filled?: boolean; size?: number }; data?: { values: { law?: string }[] } }[] };
  it('two laws predicting the same point: both drawn, hollow, the later one smaller', () => {
    const laws = spec.layer.filter((l) => l.mark.type === 'point' && l.data?.values.some((v) => v.law !== undefined));
    expect(laws.map((l) => l.data!.values[0].law)).toEqual(['law A', 'law B']);
    for (const l of laws) expect(l.mark.filled).toBe(false);
    expect(laws[1].mark.size!).toBeLessThan(laws[0].mark.size!);
  });
});

describe('numbers never wrap', () => {
  it('an exponent or signed number in prose is one unbreakable span', () => {
    expect(prose('lr 5.63e-4 at N')).toBe('lr <span class="nw">5.63e-4</span> at N');
    expect(prose('[−15.76, −11.1]')).toBe('[<span class="nw">−15.76</span>, <span class="nw">−11.1</span>]');
    expect(prose('plain 0.25% stays')).toBe('plain 0.25% stays');
    expect(prose('<b>')).toBe('&lt;b&gt;');
  });
});
