/**
 * `steplaw validate <csv…> --law <name|fit.json>`: how far a law's prediction
 * lands from each group's grid-search optimum (src/validate/validate.ts);
 * `--cv`: leave-one-group-out fits of the Step Law form, next to the published
 * law (src/validate/cv.ts).
 */
import type { Command } from 'commander';
import { resolveLaw } from '../../laws/catalog.js';
import { InputError, msg } from '../../messages.js';
import { crossValidate } from '../../validate/cv.js';
import { formatCrossValidation, formatValidation } from '../../validate/format.js';
import { DEFAULT_READER, READER_NAMES, type ReaderName } from '../../validate/readers/index.js';
import { validateLaw } from '../../validate/validate.js';
import { action, summariseWarnings, toJson } from '../run.js';
import { bandOption, ingestOptions, loadGrids, withSweepOptions, type SweepCliOptions } from '../sweep-options.js';

interface ValidateCliOptions extends SweepCliOptions {
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

export function register(program: Command): void {
  withSweepOptions(
    program
      .command('validate')
      .description(
        'validate a law against each group\'s grid-search optimum: predicted lr and batch, loss read there, relative error L(pred)/L_min − 1, distance from the argmin (--cv: leave-one-group-out refits)',
      )
      .argument('<csv...>', 'sweep CSV files (Step Law dense/MoE formats are recognised; others need --map)'),
  )
    .option('--law <name|fit.json>', 'catalog law name (see `steplaw laws`) or a fit JSON from `steplaw fit`', 'steplaw')
    .option('--read <reader>', `how to read the loss at an off-grid prediction: ${READER_NAMES.join(' | ')}`, DEFAULT_READER)
    .option('--N-column <column>', 'column to use as N (e.g. Na, the activated parameters of an MoE); default N (total)')
    .option('--cv', 'leave one group out, fit the Step Law form on the rest (OLS, no bootstrap), score the held-out group; shown next to --law')
    .option('--json', 'print JSON instead of the table')
    .action(
      action((files: string[], o: ValidateCliOptions) => {
        const band = bandOption(o);
        const reader = readerOption(o.read);
        const law = resolveLaw(o.law);
        const { grids, warnings } = loadGrids(files, o);
        const seqLen = ingestOptions(o).seqLen;
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        if (o.cv) {
          const cv = crossValidate(grids, { band, reader, NColumn: o.NColumn, seqLen, published: law.evaluable ? law : undefined });
          for (const line of summariseWarnings(cv.warnings)) process.stderr.write(line + '\n');
          process.stdout.write(o.json ? toJson(cv) : formatCrossValidation(cv));
          return;
        }
        const result = validateLaw(grids, law, { band, reader, NColumn: o.NColumn, seqLen });
        for (const line of summariseWarnings(result.warnings)) process.stderr.write(line + '\n');
        process.stdout.write(o.json ? toJson(result) : formatValidation(result));
      }),
    );
}
