/**
 * Microsoft (Bjorck et al. 2024, arXiv 2409.19913), as quoted in the Step Law
 * paper's Table 1 (docs/method.md#published-laws): lr = C·N^−0.23·D^−0.32, no batch law.
 *
 * The table prints C = 1.3192e-5, which cannot be right in raw units (it gives
 * lr ≈ 1e-8 at N = 1e9, D = 1e11). In billions the form
 *   lr = 1.55e-3 · (N/1e9)^−0.23 · (D/1e9)^−0.32
 * matches the lr the Step Law paper draws for N ≈ 1.07e9, D = 1e11 (≈ 3.5e-4);
 * that is the form used here.
 */
import type { LawContext, Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';

/** 1.55e-3 with N and D in billions — our reading; the Step Law Table 1 prints C = 1.3192e-5 (see caveats). */
export const MICROSOFT_LR_COEF = 1.55e-3;
export const MICROSOFT_N_EXP = -0.23;
export const MICROSOFT_D_EXP = -0.32;

export function microsoftLaw(): CatalogLaw {
  return {
    name: 'microsoft',
    title: 'Microsoft (Bjorck et al. 2024)',
    formula: 'lr = 1.55e-3·(N/1e9)^−0.23·(D/1e9)^−0.32; no batch law',
    units: 'N parameters, D tokens (both divided by 1e9); lr peak learning rate',
    citation: 'Bjorck et al. 2024, "Scaling Optimal LR Across Token Horizons", arXiv 2409.19913; as quoted in Step Law Table 1',
    caveats: [
      'The Step Law Table 1 prints the constant as 1.3192e-5, which cannot be right in raw units; 1.55e-3 with N, D in billions matches the lr the paper draws for N ≈ 1.07e9, D = 1e11 (≈ 3.5e-4). Our reading, not a published constant.',
      'No batch-size law: the validator scores it at the best batch size for its lr (flag batch-from-grid), which flatters it.',
    ],
    paperRelativeError: '9.25‰',
    needs: { lr: ['N', 'D'], batch: [] },
    predicts: { lr: true, batch: false },
    evaluable: true,
    predict(ctx: LawContext): Prediction {
      if (ctx.N === undefined || ctx.D === undefined) return {};
      return { lr: MICROSOFT_LR_COEF * (ctx.N / 1e9) ** MICROSOFT_N_EXP * (ctx.D / 1e9) ** MICROSOFT_D_EXP };
    },
  };
}
