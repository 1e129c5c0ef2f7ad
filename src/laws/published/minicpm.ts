/**
 * MiniCPM (Hu et al. 2024, arXiv 2404.06395), as quoted in the Step Law paper's
 * Table 1 (docs/method.md#published-laws): batch B(L) = 1.21e9 / L^6.24 tokens; no lr law
 * (lr ≈ 0.01 under μP, which does not carry over to a standard
 * parametrisation).
 */
import type { LawContext, Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';

/** 1.21e9 tokens (MiniCPM paper). The Step Law Table 1 prints "2e18/L^6.24" — a misprint (docs/method.md#published-laws). */
export const MINICPM_BATCH_COEF = 1.21e9;
export const MINICPM_BATCH_EXP = 6.24;

export function miniCpmLaw(): CatalogLaw {
  return {
    name: 'minicpm',
    title: 'MiniCPM (Hu et al. 2024)',
    formula: 'B = 1.21e9 / L^6.24 tokens; no lr law (≈ 0.01 under μP)',
    units: 'L loss in nats/token; B tokens per step',
    citation: 'Hu et al. 2024, "MiniCPM: Unveiling the Potential of Small Language Models with Scalable Training Strategies", arXiv 2404.06395; as quoted in Step Law Table 1',
    caveats: [
      'The Step Law Table 1 prints the batch law as 2e18/L^6.24; the MiniCPM paper has 1.21e9/L^6.24 tokens (used here).',
      'No lr law for a standard parametrisation (MiniCPM uses μP with lr ≈ 0.01): the validator scores it at the best lr for its batch (flag lr-from-grid), which flatters it.',
      'Loss-based: the validator uses L = the group\'s grid-minimum loss (flag L-from-grid-min).',
    ],
    paperRelativeError: '–',
    needs: { lr: [], batch: ['L'] },
    predicts: { lr: false, batch: true },
    evaluable: true,
    predict(ctx: LawContext): Prediction {
      if (ctx.L === undefined) return {};
      return { batchTokens: MINICPM_BATCH_COEF / ctx.L ** MINICPM_BATCH_EXP };
    },
  };
}
