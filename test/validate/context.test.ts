import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { contextOf, flopsPerToken, withNColumn } from '../../src/validate/context.js';
import { repoData } from '../helpers/paths.js';

describe('LawContext of a grid', () => {
  it('M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h (Step Law code)', () => {
    // h=960, ffnh=9368, numl=7, seq 2048: 6·(3840 + 28104 + 4096)·7·960 = 6·36040·6720
    expect(flopsPerToken(960, 9368, 7, 2048)).toBe(6 * 36040 * 6720);
  });

  it('dense file: C from the shape columns, L = group minimum, N and D of the grid', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const g = grids.find((x) => x.N === 214663680 && x.D === 1e11)!;
    const { ctx, cSource } = contextOf(g);
    expect(cSource).toBe('C-from-shape');
    expect(ctx.C).toBe(6 * 36040 * 6720 * 1e11);
    expect(ctx.L).toBe(g.minLoss);
    expect(ctx.N).toBe(214663680);
  });

  it('MoE file: C from its M column (6·Na + 12·seq_len·numl·h), N total, or Na with --N-column', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')])).grids;
    const g = grids.find((x) => x.keyAttrs.moe_name === '1in89' && x.D === 2e9)!;
    const { ctx, cSource } = contextOf(g);
    expect(cSource).toBe('C-from-M-column');
    // Row 1 of the file: M = 1681489920 = 6·187973632 + 12·2048·16·1408
    expect(1681489920).toBe(6 * 187973632 + 12 * 2048 * 16 * 1408);
    expect(ctx.C).toBe(1681489920 * 2e9);
    expect(ctx.N).toBe(2150612992);
    expect(withNColumn([g], 'Na')[0].N).toBe(187973632);
  });
});
