import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogLaws, CATALOG_NAMES, resolveLaw } from '../../src/laws/catalog.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { InputError } from '../../src/messages.js';
import { syntheticGrids, levelsAround } from '../validate/synthetic.js';

describe('law catalog', () => {
  it('lists the eight laws of docs/method.md#published-laws by their command-line names, Meituan not evaluable', () => {
    const laws = catalogLaws();
    expect(laws.map((l) => l.name)).toEqual([...CATALOG_NAMES]);
    expect(laws.filter((l) => !l.evaluable).map((l) => l.name)).toEqual(['meituan']);
    for (const l of laws) {
      expect(l.formula.length).toBeGreaterThan(5);
      expect(l.units.length).toBeGreaterThan(5);
      expect(l.citation).toMatch(/20\d\d/);
      expect(l.caveats.length).toBeGreaterThan(0);
    }
  });

  it('steplaw (bootstrap means) reproduces the authors\' tool at N = 7e9, D = 1.4e12: lr 9.347e-4, 4,996,961 tokens (docs/method.md#step-law)', () => {
    const p = resolveLaw('steplaw').predict({ N: 7e9, D: 1.4e12 });
    expect(p.lr!).toBeCloseTo(9.347e-4, 6);
    expect(Math.abs(p.batchTokens! - 4996961)).toBeLessThan(5);
  });

  it('steplaw-rounded is 1.79·N^−0.713·D^0.307 and 0.58·D^0.571 (≈ 9.17e-4 at 7e9 / 1.4e12)', () => {
    const p = resolveLaw('steplaw-rounded').predict({ N: 7e9, D: 1.4e12 });
    expect(p.lr!).toBeCloseTo(1.79 * 7e9 ** -0.713 * 1.4e12 ** 0.307, 12);
    expect(p.lr! / 9.17e-4 - 1).toBeLessThan(0.002);
    expect(p.batchTokens!).toBeCloseTo(0.58 * 1.4e12 ** 0.571, 3);
  });

  it('deepseek uses 0.3118 (not the misprinted 0.3188) and C in FLOPs', () => {
    const C = 1e21;
    const p = resolveLaw('deepseek').predict({ C });
    // 0.3118·1e21^−0.125 = 0.3118·10^−2.625; 0.2920·10^(21·0.3271)
    expect(p.lr!).toBeCloseTo(0.3118 * 10 ** -2.625, 12);
    expect(p.batchTokens! / (0.292 * 10 ** (21 * 0.3271)) - 1).toBeLessThan(1e-12);
    expect(resolveLaw('deepseek').predict({ N: 1e9, D: 1e10 })).toEqual({});
  });

  it('microsoft in billions gives ≈ 3.5e-4 at N = 1.07e9, D = 1e11 (the lr the Step Law paper draws) and has no batch law', () => {
    const law = resolveLaw('microsoft');
    const p = law.predict({ N: 1.07e9, D: 1e11 });
    expect(p.lr!).toBeGreaterThan(3.4e-4);
    expect(p.lr!).toBeLessThan(3.6e-4);
    expect(p.batchTokens).toBeUndefined();
    expect(law.predicts.batch).toBe(false);
  });

  it('openai: lr = 3.239e-3 − 1.395e-4·ln N, none where that is ≤ 0; B = 2e8/L^(1/0.21)', () => {
    const law = resolveLaw('openai');
    expect(law.predict({ N: 1e9 }).lr!).toBeCloseTo(3.239e-3 - 1.395e-4 * Math.log(1e9), 15);
    expect(law.predict({ N: 1e11 }).lr).toBeUndefined();
    expect(law.predict({ L: 2 }).batchTokens!).toBeCloseTo(2e8 / 2 ** (1 / 0.21), 3);
  });

  it('porian and minicpm follow their formulas', () => {
    expect(resolveLaw('porian').predict({ N: 1e9 })).toEqual({ lr: 3.7 * 1e9 ** -0.36, batchTokens: 0.7576 * 1e9 ** 0.703 });
    const m = resolveLaw('minicpm');
    expect(m.predict({ L: 2.5 })).toEqual({ batchTokens: 1.21e9 / 2.5 ** 6.24 });
    expect(m.predicts.lr).toBe(false);
  });

  it('unknown names throw an InputError listing the catalog', () => {
    expect(() => resolveLaw('chinchilla')).toThrow(InputError);
    expect(() => resolveLaw('chinchilla')).toThrow(/steplaw, steplaw-rounded, deepseek, openai, microsoft, porian, minicpm, meituan/);
  });

  it('a fit JSON loads as a law that predicts its coefficients', () => {
    // Synthetic grids whose optima follow ln lr = 1 − 0.5 ln N + 0.2 ln D, ln B = −1 + 0.6 ln D exactly.
    const groups = [];
    for (const N of [1e8, 3e8, 1e9]) for (const D of [1e9, 5e9, 2e10]) {
      const lrStar = Math.exp(1 - 0.5 * Math.log(N) + 0.2 * Math.log(D));
      const bStar = Math.exp(-1 + 0.6 * Math.log(D));
      groups.push({ N, D, lrStar, bStar, lrs: levelsAround(lrStar, Math.SQRT2, 3), batches: levelsAround(bStar, 2, 2) });
    }
    const fit = fitStepLaw(syntheticGrids(groups), { bootstrap: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-cat-'));
    const path = join(dir, 'mine.fit.json');
    writeFileSync(path, JSON.stringify(fit));
    const law = resolveLaw(path);
    expect(law.name).toBe('mine.fit');
    const p = law.predict({ N: 2e9, D: 1e11 });
    expect(p.lr!).toBeCloseTo(Math.exp(1 - 0.5 * Math.log(2e9) + 0.2 * Math.log(1e11)), 10);
    expect(p.batchTokens! / Math.exp(-1 + 0.6 * Math.log(1e11)) - 1).toBeLessThan(1e-9);
  });
});
