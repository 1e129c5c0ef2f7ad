/**
 * `steplaw validate <csv…> --law <name|fit.json>`: how far a law's prediction
 * lands from each group's grid-search optimum (src/validate/validate.ts);
 * `--cv`: leave-one-group-out fits of the Step Law form, next to the published
 * law (src/validate/cv.ts).
 */
import type { Command } from 'commander';
import { resolveLaw } from '../../laws/catalog.js';
import { InputError, msg, sanitize } from '../../messages.js';
import { crossValidate } from '../../validate/cv.js';
import { formatCrossValidation, formatValidation } from '../../validate/format.js';
import { DEFAULT_READER, READER_NAMES, type ReaderName } from '../../validate/readers/index.js';
import { validateLaw } from '../../validate/validate.js';
import { summarise } from '../../validate/summary.js';
import type { ValidationResult } from '../../validate/validate.js';
import { action, summariseWarnings, printJson } from '../run.js';
import { pct } from '../../util/format.js';
import { bandOption, ingestOptions, loadGrids, withSweepOptions, withByOption, type SweepCliOptions } from '../sweep-options.js';
import { withJsonOption } from '../options.js';

interface ValidateCliOptions extends SweepCliOptions {
  slice?: string;
  law: string;
  read: string;
  json?: boolean;
  NColumn?: string;
  cv?: boolean;
}

/** Check a --read value. */
export function readerOption(name: string): ReaderName {
  if (!(READER_NAMES as readonly string[]).includes(name)) throw new InputError(msg.badOption('--read', name, `one of ${READER_NAMES.join(', ')}`));
  return name as ReaderName;
}

/** Summaries of a validation per value of the slice attribute `by` (a group key). */
function perSlice(result: ValidationResult, by: string) {
  const values = [...new Set(result.groups.map((g) => g.keyAttrs[by]))].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
  return values.map((slice) => ({
    slice,
    summary: summarise(result.groups.filter((g) => g.keyAttrs[by] === slice), result.band),
  }));
}

export function register(program: Command): void {
  const cmd = withByOption(withSweepOptions(
    program
      .command('validate')
      .description(
        'validate a law against each group\'s grid-search optimum: predicted lr and batch, loss read there, relative error L(pred)/L_min − 1, distance from the argmin (--cv: leave-one-group-out refits)',
      )
      .argument('<csv...>', 'sweep CSV files (Step Law dense/MoE formats are recognised; others need --map)'),
  ))
    .option('--law <name|fit.json>', 'catalog law name (see `steplaw laws`) or a fit JSON from `steplaw fit`', 'steplaw')
    .option('--read <reader>', `how to read the loss at an off-grid prediction: ${READER_NAMES.join(' | ')}`, DEFAULT_READER)
    .option('--N-column <column>', 'column to use as N (e.g. Na, the activated parameters of an MoE); default N (total)')
    .option('--cv', 'leave one group out, fit the Step Law form on the rest (OLS, no bootstrap), score the held-out group; shown next to --law')
    .option('--slice <name>', 'with a fit file written by `fit --by`: the slice whose law to use (its label by=value, or the value)');

  withJsonOption(cmd, 'print JSON instead of the table');
  cmd
    .action(
      action(async (files: string[], o: ValidateCliOptions) => {
        const band = bandOption(o);
        const reader = readerOption(o.read);
        const law = resolveLaw(o.law, { slice: o.slice });
        const { grids, warnings } = loadGrids(files, o);
        const seqLen = ingestOptions(o).seqLen;
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        if (o.cv) {
          const cv = crossValidate(grids, { band, reader, NColumn: o.NColumn, seqLen, published: law.evaluable ? law : undefined });
          for (const line of summariseWarnings(cv.warnings)) process.stderr.write(line + '\n');
          if (o.json) await printJson(cv);
          else process.stdout.write(formatCrossValidation(cv));
          return;
        }
        const result = validateLaw(grids, law, { band, reader, NColumn: o.NColumn, seqLen });
        for (const line of summariseWarnings(result.warnings)) process.stderr.write(line + '\n');
        const bySlice = o.by ? perSlice(result, o.by) : undefined;
        if (o.json) {
          await printJson(bySlice ? { ...result, by: o.by, bySlice } : result);
          return;
        }
        process.stdout.write(formatValidation(result));
        if (bySlice) {
          process.stdout.write(`\nper ${o.by}: groups, mean / median / max relative error\n`);
          for (const s of bySlice) {
            process.stdout.write(`  ${sanitize(String(s.slice)).padEnd(24)} ${String(s.summary.evaluated).padStart(3)}  ${pct(s.summary.meanRelativeError)} / ${pct(s.summary.medianRelativeError)} / ${pct(s.summary.maxRelativeError)}\n`);
          }
        }
      }),
    );
}
