/**
 * Porian et al. 2024 (arXiv 2406.19146), as quoted in the Step Law paper's
 * Table 1 (docs/method.md#published-laws):
 *
 *   lr(N) = 3.7 · N^−0.36        B(N) = 0.7576 · N^0.703 tokens
 */
import type { LawContext, Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';

export const PORIAN_LR_COEF = 3.7;
export const PORIAN_LR_EXP = -0.36;
export const PORIAN_BATCH_COEF = 0.7576;
export const PORIAN_BATCH_EXP = 0.703;

export function porianLaw(): CatalogLaw {
  return {
    name: 'porian',
    title: 'Porian et al. 2024',
    formula: 'lr = 3.7·N^−0.36; B = 0.7576·N^0.703 tokens',
    units: 'N parameters; lr peak learning rate; B tokens per step',
    citation: 'Porian et al. 2024, "Resolving Discrepancies in Compute-Optimal Scaling of Language Models", arXiv 2406.19146; as quoted in Step Law Table 1',
    caveats: [
      'Depends on N only: fitted along compute-optimal (N, D) pairs, so it cannot follow D at fixed N.',
      'Fitted in Porian et al.\'s own small-model setup, not the Step Law one; their parameter count N need not match Step Law\'s non-embedding N.',
    ],
    paperRelativeError: '3.71‰',
    needs: { lr: ['N'], batch: ['N'] },
    predicts: { lr: true, batch: true },
    evaluable: true,
    predict(ctx: LawContext): Prediction {
      if (ctx.N === undefined) return {};
      return { lr: PORIAN_LR_COEF * ctx.N ** PORIAN_LR_EXP, batchTokens: PORIAN_BATCH_COEF * ctx.N ** PORIAN_BATCH_EXP };
    },
  };
}
