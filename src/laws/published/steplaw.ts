/**
 * The published Step Law (Li et al., "Predictable Scale: Part I", arXiv 2503.04715).
 *
 *   η(N, D) = 1.79 · N^−0.713 · D^0.307        (optimal peak learning rate)
 *   B(D)    = 0.58 · D^0.571                   (optimal batch size, tokens)
 *
 * N = non-embedding parameters (total N for MoE), D = training tokens, natural
 * logs. Two variants (docs/method.md#step-law):
 *  - `steplaw` (default): the MEANS of the authors' 1000 bootstrap rows in
 *    github.com/step-law/steplaw `data/1004_fitted_lr_bs_scaling_model_parameters.csv` (means
 *    0.586308, −0.712922, 0.307491, −0.543542, 0.570944) — what the authors'
 *    prediction tool uses: for N = 7e9, D = 1.4e12 it prints lr = 9.347e-04 and
 *    bs = 4,996,961 tokens. Its `interval()` is the 2.5–97.5 percentile range of
 *    the 1000 rows' predictions.
 *  - `steplaw-rounded`: the paper's rounded constants; about 2% lower lr at
 *    that point (≈ 9.17e-04).
 */
import { BOOTSTRAP_ROWS_FILE, readStepLawBootstrapTable } from '../../ingest/steplaw-bootstrap.js';
import { quantile } from '../../util/stats.js';
import { predictLogLinear, type Law, type LawContext, type LogLinearCoefficients } from '../law.js';
import type { FittedRange } from '../extrapolation.js';

const CITATION = 'Li et al. 2025, "Predictable Scale: Part I — Optimal Hyperparameter Scaling Law in Large Language Model Pretraining", arXiv 2503.04715';

/**
 * The (N, D) range the published Step Law rests on (docs/method.md#the-range-behind-the-published-law): from
 * the smallest models and shortest runs of the paper's grid searches (59M parameters, 2B tokens; groups not
 * released) to the largest in the authors' release (2.156e9 total parameters, the MoE models the paper applies
 * the law to; 1e11 tokens, the 1B-parameter, 100B-token groups). A prediction outside it rests on the power-law
 * form alone: `predict` and `validate` flag it with the factor, as for a fit file's `data.range`.
 */
export const STEP_LAW_RANGE: FittedRange = { N: [5.9e7, 2.16e9], D: [2e9, 1e11] };

const RANGE_CAVEAT = `The paper's grid searches span N from ${STEP_LAW_RANGE.N[0].toPrecision(2)} to ${STEP_LAW_RANGE.N[1].toPrecision(3)} parameters and D from ${STEP_LAW_RANGE.D[0].toPrecision(1)} to ${STEP_LAW_RANGE.D[1].toPrecision(1)} tokens; outside that range a prediction is an extrapolation and says so (docs/method.md#the-range-behind-the-published-law).`;

/** The authors' 1000 bootstrap coefficient rows (Repo data/1004_...csv) as log-linear coefficients; B has no N term. */
export function stepLawBootstrapRows(file?: string): LogLinearCoefficients[] {
  return readStepLawBootstrapTable(file).map(([lrIntercept, lrCoefN, lrCoefD, bsIntercept, bsCoefD]) => ({
    lr: { intercept: lrIntercept, coefN: lrCoefN, coefD: lrCoefD },
    batch: { intercept: bsIntercept, coefN: 0, coefD: bsCoefD },
  }));
}

/** Coefficient-wise mean of bootstrap rows. */
export function meanCoefficients(rows: LogLinearCoefficients[]): LogLinearCoefficients {
  const m = (f: (c: LogLinearCoefficients) => number) => rows.reduce((s, c) => s + f(c), 0) / rows.length;
  return {
    lr: { intercept: m((c) => c.lr.intercept), coefN: m((c) => c.lr.coefN), coefD: m((c) => c.lr.coefD) },
    batch: { intercept: m((c) => c.batch.intercept), coefN: m((c) => c.batch.coefN), coefD: m((c) => c.batch.coefD) },
  };
}

/** `+ 0.307491` / `− 0.712922`: a coefficient with its sign as an operator. */
export function signed(v: number, digits = 6): string {
  return `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(digits)}`;
}

/** A Law from log-linear coefficients, with an optional set of bootstrap rows for intervals and the (N, D) range it rests on. */
export function logLinearLaw(
  meta: Pick<Law, 'name' | 'title' | 'formula' | 'citation' | 'caveats'>,
  coefficients: LogLinearCoefficients,
  rows?: LogLinearCoefficients[],
  range?: FittedRange,
): Law & { coefficients: LogLinearCoefficients } {
  const batchNeedsN = coefficients.batch.coefN !== 0;
  const law: Law & { coefficients: LogLinearCoefficients } = {
    ...meta,
    coefficients,
    needs: { lr: ['N', 'D'], batch: batchNeedsN ? ['N', 'D'] : ['D'] },
    predicts: { lr: true, batch: true },
    evaluable: true,
    ...(range ? { range } : {}),
    predict(ctx: LawContext) {
      const { D } = ctx;
      if (D === undefined) return {};
      const N = ctx.N;
      if (N === undefined) {
        // Batch law on D alone still predicts without N.
        return batchNeedsN ? {} : { batchTokens: Math.exp(coefficients.batch.intercept + coefficients.batch.coefD * Math.log(D)) };
      }
      return predictLogLinear(coefficients, N, D);
    },
  };
  if (rows && rows.length > 1) {
    law.interval = (ctx: LawContext) => {
      if (ctx.N === undefined || ctx.D === undefined) return {};
      const preds = rows.map((c) => predictLogLinear(c, ctx.N!, ctx.D!));
      const lr = preds.map((p) => p.lr);
      const bt = preds.map((p) => p.batchTokens);
      return {
        lr: [quantile(lr, 0.025), quantile(lr, 0.975)],
        batchTokens: [quantile(bt, 0.025), quantile(bt, 0.975)],
      };
    };
  }
  return law;
}

/** `steplaw`: the means of the authors' 1000 bootstrap rows (their prediction tool's choice). */
export function stepLaw(): Law & { coefficients: LogLinearCoefficients } {
  const rows = stepLawBootstrapRows();
  const c = meanCoefficients(rows);
  return logLinearLaw(
    {
      name: 'steplaw',
      title: 'Step Law (bootstrap-mean coefficients)',
      formula: `ln lr = ${c.lr.intercept.toFixed(6)} ${signed(c.lr.coefN)}·ln N ${signed(c.lr.coefD)}·ln D; ln B = ${c.batch.intercept.toFixed(6)} ${signed(c.batch.coefD)}·ln D (B in tokens)`,
      citation: CITATION,
      caveats: [
        `Means of the authors' 1000 bootstrap rows (github.com/step-law/steplaw data/${BOOTSTRAP_ROWS_FILE}); the paper rounds them to 1.79·N^−0.713·D^0.307 and 0.58·D^0.571.`,
        'N is non-embedding parameters (total N for MoE); B is in tokens.',
        'The released dense runs do not reproduce these coefficients: the published fit used (N, D) groups that were not released (docs/method.md#fitting-procedure).',
        RANGE_CAVEAT,
      ],
    },
    c,
    rows,
    STEP_LAW_RANGE,
  );
}

/** `steplaw-rounded`: η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571 tokens (paper's rounded constants). */
export function stepLawRounded(): Law & { coefficients: LogLinearCoefficients } {
  return logLinearLaw(
    {
      name: 'steplaw-rounded',
      title: 'Step Law (rounded constants)',
      formula: 'lr = 1.79·N^−0.713·D^0.307; B = 0.58·D^0.571 tokens',
      citation: CITATION,
      caveats: [
        'Rounded constants as printed in the paper; about 2% lower lr than the bootstrap-mean coefficients at N = 7e9, D = 1.4e12.',
        'N is non-embedding parameters (total N for MoE); B is in tokens.',
        RANGE_CAVEAT,
      ],
    },
    {
      lr: { intercept: Math.log(1.79), coefN: -0.713, coefD: 0.307 },
      batch: { intercept: Math.log(0.58), coefN: 0, coefD: 0.571 },
    },
    undefined,
    STEP_LAW_RANGE,
  );
}
