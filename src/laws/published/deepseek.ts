/**
 * DeepSeek LLM (Bi et al. 2024, arXiv 2401.02954), as quoted in the Step Law
 * paper's Table 1 (docs/method.md#published-laws):
 *
 *   lr(C) = 0.3118 · C^−0.125        B(C) = 0.2920 · C^0.3271 tokens
 *
 * C = M·D is training compute in FLOPs, M the non-embedding FLOPs per token
 * including attention. The Step Law code computes
 * M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h (docs/method.md#published-laws); the validator
 * builds C from the shape columns (src/validate/context.ts).
 */
import type { LawContext, Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';

/** lr coefficient 0.3118 (DeepSeek paper). The Step Law paper's Table 1 misprints it as 0.3188 (docs/method.md#published-laws). */
export const DEEPSEEK_LR_COEF = 0.3118;
export const DEEPSEEK_LR_EXP = -0.125;
/** Batch (tokens) coefficient and exponent, DeepSeek paper. */
export const DEEPSEEK_BATCH_COEF = 0.292;
export const DEEPSEEK_BATCH_EXP = 0.3271;

export function deepSeekLaw(): CatalogLaw {
  return {
    name: 'deepseek',
    title: 'DeepSeek (Bi et al. 2024)',
    formula: 'lr = 0.3118·C^−0.125; B = 0.2920·C^0.3271 tokens',
    units: 'C = M·D training FLOPs (M = non-embedding FLOPs per token incl. attention); lr peak learning rate; B tokens per step',
    citation: 'Bi et al. 2024, "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism", arXiv 2401.02954; as quoted in Step Law Table 1',
    caveats: [
      'The Step Law paper\'s Table 1 misprints the lr coefficient as 0.3188; the DeepSeek paper has 0.3118 (used here).',
      'C = M·D with M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h (the Step Law code), or the MoE file\'s own M column; it needs the shape columns h, ffnh, numl (or M).',
      'Fitted on DeepSeek\'s own data and schedule (multi-step lr schedule), not on the Step Law setup.',
    ],
    paperRelativeError: '9.26‰',
    needs: { lr: ['C'], batch: ['C'] },
    predicts: { lr: true, batch: true },
    evaluable: true,
    predict(ctx: LawContext): Prediction {
      if (ctx.C === undefined) return {};
      return {
        lr: DEEPSEEK_LR_COEF * ctx.C ** DEEPSEEK_LR_EXP,
        batchTokens: DEEPSEEK_BATCH_COEF * ctx.C ** DEEPSEEK_BATCH_EXP,
      };
    },
  };
}
