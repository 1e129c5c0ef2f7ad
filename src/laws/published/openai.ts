/**
 * OpenAI (Kaplan et al. 2020, arXiv 2001.08361), as quoted in the Step Law
 * paper's Table 1 (docs/method.md#published-laws):
 *
 *   lr(N) = 3.239e-3 − 1.395e-4 · ln N
 *   B(L)  = B* / L^(1/α_B),  B* ≈ 2e8 tokens, α_B ≈ 0.21   (critical batch)
 *
 * N non-embedding parameters; L the loss in nats/token.
 */
import type { LawContext, Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';
import { msg } from '../../messages.js';

/** Kaplan et al. eq. for the lr: 0.003239 − 0.0001395·ln N. */
export const OPENAI_LR_A = 3.239e-3;
export const OPENAI_LR_B = 1.395e-4;
/** Critical batch B* ≈ 2e8 tokens (Kaplan et al. §5.1). The Step Law Table 1 prints "2e18" — a misprint (docs/method.md#published-laws). */
export const OPENAI_BSTAR = 2e8;
/** α_B ≈ 0.21 (Kaplan et al.). */
export const OPENAI_ALPHA_B = 0.21;

export function openAiLaw(): CatalogLaw {
  return {
    name: 'openai',
    title: 'OpenAI (Kaplan et al. 2020)',
    formula: 'lr = 3.239e-3 − 1.395e-4·ln N; B = 2e8 / L^(1/0.21) tokens',
    units: 'N non-embedding parameters; L loss in nats/token; lr peak learning rate; B tokens per step',
    citation: 'Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv 2001.08361; as quoted in Step Law Table 1',
    caveats: [
      'The batch law is the critical batch size B_crit(L) = B*/L^(1/α_B); the Step Law Table 1 prints B* = "2e18", Kaplan et al. give B* ≈ 2e8 tokens (used here).',
      'Loss-based: the validator uses L = the group\'s grid-minimum loss (flag L-from-grid-min).',
      'The lr formula turns negative above N ≈ 1.2e10; it then predicts nothing.',
    ],
    paperRelativeError: '9.51‰',
    needs: { lr: ['N'], batch: ['L'] },
    predicts: { lr: true, batch: true },
    evaluable: true,
    predict(ctx: LawContext): Prediction {
      const out: Prediction = {};
      if (ctx.N !== undefined) {
        const lr = OPENAI_LR_A - OPENAI_LR_B * Math.log(ctx.N);
        if (lr > 0) out.lr = lr;
        else out.outside = { lr: msg.openAiLrNonPositive(ctx.N, Math.exp(OPENAI_LR_A / OPENAI_LR_B)) };
      }
      if (ctx.L !== undefined) out.batchTokens = OPENAI_BSTAR / ctx.L ** (1 / OPENAI_ALPHA_B);
      return out;
    },
  };
}
