/**
 * `steplaw predict --N 7e9 --D 1.4e12`: optimal lr and batch size from a law
 * (default: Step Law with the means of the authors' 1000 bootstrap rows, as
 * their prediction tool does), with an interval where the law has bootstrap rows.
 */
import type { Command } from 'commander';
import { resolveLaw } from '../../laws/catalog.js';
import type { Law, LawContext, LawInput, Prediction } from '../../laws/law.js';
import { InputError, msg, type Warning } from '../../messages.js';
import { extrapolation } from '../../laws/extrapolation.js';
import { action, integerOption, positiveOption, printJson } from '../run.js';
import { LIMITS } from '../limits.js';
import { textLines } from '../../util/text-table.js';
import { withJsonOption } from '../options.js';
import { sci } from '../../util/format.js';

interface PredictOptions {
  slice?: string;
  N?: string;
  D?: string;
  C?: string;
  L?: string;
  seqLen: string;
  law: string;
  fit?: string;
  json?: boolean;
}

/** The inputs a law needs that the user did not give. */
function missingInputs(needs: LawInput[], ctx: LawContext): LawInput[] {
  return [...new Set(needs)].filter((k) => ctx[k] === undefined);
}

/**
 * Why the law gives no lr (or batch) here, in words: it has no such formula,
 * an input it needs was not given (named, with what it is), or the inputs lie
 * outside the formula's domain (the law says why).
 */
function whyNot(law: Law, p: Prediction, ctx: LawContext, kind: 'lr' | 'batch'): string {
  if (!law.predicts[kind]) return kind === 'lr' ? 'this law has no learning-rate formula' : 'this law has no batch-size formula';
  const missing = missingInputs(law.needs[kind], ctx);
  if (missing.length > 0) return msg.predictNeeds(missing);
  return p.outside?.[kind] ?? msg.lawGivesNothing();
}


/** An interval's two ends with enough significant digits (4 to 10) that they differ when the numbers do. */
export function interval(lo: number, hi: number, fmt: (v: number, d: number) => string = sci): string {
  let d = 4;
  while (d < 10 && lo !== hi && fmt(lo, d) === fmt(hi, d)) d++;
  return `${fmt(lo, d)} – ${fmt(hi, d)}`;
}

/** A size input: finite and at least 1 (one parameter, one token, one FLOP). */
function sizeOption(option: string, value: string): number {
  const v = positiveOption(option, value);
  if (v < 1) throw new InputError(msg.inputNotPlausible(option, v, 'less than 1 (sizes are counts of parameters, tokens or FLOPs)'));
  return v;
}

/** Refuse a predicted number that is not finite and positive (an overflow, an underflow to 0, NaN). */
function checkFinite(law: string, what: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new InputError(msg.predictionNotFinite(law, what, v));
}

/**
 * Refuse a predicted batch no training run can have: less than one sequence per optimizer step, or more
 * tokens than the whole run (D) — fewer than one step. Such a prediction comes from inputs far outside any
 * law's range (e.g. --N 1e300 --D 1e6), where the formula still returns a finite number.
 */
function checkBatchPhysical(law: string, batchTokens: number | undefined, ctx: LawContext): void {
  if (batchTokens === undefined) return;
  const seqLen = ctx.seqLen!;
  if (batchTokens < seqLen) throw new InputError(msg.batchNotPhysical(law, batchTokens, `less than one sequence of ${seqLen} tokens per step`));
  if (ctx.D !== undefined && batchTokens > ctx.D) throw new InputError(msg.batchNotPhysical(law, batchTokens, `more than the D = ${ctx.D.toPrecision(3)} tokens of the whole run (fewer than one step)`));
}

export function register(program: Command): void {
  const cmd = program
    .command('predict')
    .description('predict the optimal peak learning rate and batch size (tokens and sequences) for a model size N and data size D')
    .option('--N <params>', 'non-embedding parameters (total N for MoE), e.g. 7e9')
    .option('--D <tokens>', 'training tokens, e.g. 1.4e12')
    .option('--C <flops>', 'training compute in FLOPs (laws that need it, e.g. deepseek)')
    .option('--L <loss>', 'target loss (loss-based batch laws: openai, minicpm)')
    .option('--seq-len <tokens>', 'sequence length, to express the batch in sequences', '2048')
    .option('--law <name>', 'a catalog law (see `steplaw laws`): steplaw (bootstrap means) | steplaw-rounded | ...', 'steplaw')
    .option('--fit <file>', 'a fit JSON written by `steplaw fit` (overrides --law)')
    .option('--slice <name>', 'with a fit file written by `fit --by`: the slice whose law to use (its label by=value, or the value)')
    .addHelpText('after', '\nExample: steplaw predict --N 7e9 --D 1.4e12   # lr 9.347e-04, batch 4,996,961 tokens (2439.9 sequences)');

  withJsonOption(cmd, 'print JSON');
  cmd
    .action(
      action(async (o: PredictOptions) => {
        const law = resolveLaw(o.fit ?? o.law, { slice: o.slice });
        const ctx: LawContext = { seqLen: integerOption('--seq-len', o.seqLen, 1, LIMITS.seqLen) };
        if (o.N !== undefined) ctx.N = sizeOption('--N', o.N);
        if (o.D !== undefined) ctx.D = sizeOption('--D', o.D);
        if (o.C !== undefined) ctx.C = sizeOption('--C', o.C);
        if (o.L !== undefined) ctx.L = positiveOption('--L', o.L);
        if (!law.evaluable) throw new InputError(msg.lawNotEvaluable(law.name, law.caveats.join(' ')));
        const p = law.predict(ctx);
        if (p.lr === undefined && p.batchTokens === undefined) {
          throw new InputError(msg.predictNothing(law.name, whyNot(law, p, ctx, 'lr'), whyNot(law, p, ctx, 'batch')));
        }
        const iv = law.interval?.(ctx) ?? {};
        checkFinite(law.name, 'lr', p.lr);
        checkFinite(law.name, 'batch (tokens)', p.batchTokens);
        for (const v of iv.lr ?? []) checkFinite(law.name, 'an lr interval end', v);
        for (const v of iv.batchTokens ?? []) checkFinite(law.name, 'a batch interval end', v);
        checkBatchPhysical(law.name, p.batchTokens, ctx);
        const outside = extrapolation(law.range, ctx);
        const warnings: Warning[] = [
          ...(law.warnings ?? []),
          ...outside.map((x) => ({ code: 'extrapolated' as const, message: x.message, detail: { axis: x.axis, value: x.value, side: x.side, bound: x.bound, factor: x.factor } })),
        ];
        const seqLen = ctx.seqLen!;
        const result = {
          law: law.name,
          title: law.title,
          N: ctx.N ?? null,
          D: ctx.D ?? null,
          seqLen,
          lr: p.lr ?? null,
          batchTokens: p.batchTokens ?? null,
          batchSequences: p.batchTokens !== undefined ? p.batchTokens / seqLen : null,
          interval95: {
            lr: iv.lr ?? null,
            batchTokens: iv.batchTokens ?? null,
          },
          formula: law.formula,
          caveats: law.caveats,
          fittedRange: law.range ?? null,
          warnings,
        };
        if (o.json) {
          await printJson(result);
          return;
        }
        const out: string[] = [];
        out.push(`law      ${law.name}: ${law.title}`);
        out.push(`input    N = ${ctx.N !== undefined ? sci(ctx.N) : '-'}, D = ${ctx.D !== undefined ? sci(ctx.D) : '-'}, seq_len = ${seqLen}`);
        if (p.lr !== undefined) {
          out.push(`lr       ${sci(p.lr)}${iv.lr ? `   (95% over bootstrap rows: ${interval(iv.lr[0], iv.lr[1])})` : ''}`);
        } else out.push(`lr       none: ${whyNot(law, p, ctx, 'lr')}`);
        if (p.batchTokens !== undefined) {
          const tok = Math.round(p.batchTokens).toLocaleString('en-US');
          out.push(
            `batch    ${tok} tokens = ${(p.batchTokens / seqLen).toFixed(1)} sequences of ${seqLen}` +
              (iv.batchTokens ? `   (95%: ${Math.round(iv.batchTokens[0]).toLocaleString('en-US')} – ${Math.round(iv.batchTokens[1]).toLocaleString('en-US')} tokens)` : ''),
          );
        } else out.push(`batch    none: ${whyNot(law, p, ctx, 'batch')}`);
        for (const x of outside) out.push(`extrapol ${x.message}`);
        if (law.warnings?.length) out.push(`WARNING  ${msg.carriedWarnings(law.warnings[0].message, law.warnings.length - 1)}`);
        out.push(`formula  ${law.formula}`);
        for (const c of law.caveats) if (!law.warnings?.length || !c.startsWith(law.warnings[0].message)) out.push(`note     ${c}`);
        process.stdout.write(textLines(out));
      }),
    );
}
