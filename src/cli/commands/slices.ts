/**
 * `steplaw slices <csv…> --by <attribute>`: fit each slice, compare the
 * exponents with bootstrap intervals, and validate each slice's own law, the
 * pooled law and the published Step Law on the slice's grid optima.
 */
import type { Command } from 'commander';
import { InputError, msg } from '../../messages.js';
import { loadSweep } from '../../ingest/sweep.js';
import { sliceStudy } from '../../slices/study.js';
import { withSliceAttribute } from '../../slices/derive.js';
import { sliceStudyText, shapeStudyText } from '../../slices/text.js';
import { DEFAULT_SIZE_TOLERANCE, shapeStudy } from '../../slices/shapes.js';
import type { ExponentKey } from '../../slices/differences.js';
import { DEFAULT_READER, type ReaderName } from '../../validate/readers/index.js';
import { action, positiveOption, prepareOutput, summariseWarnings, printJson, writeJsonFile } from '../run.js';
import { resampleOption } from './fit.js';
import { bandOption, ingestOptions, withSweepOptions, divergedRatioOption, type SweepCliOptions } from '../sweep-options.js';
import { own } from '../../util/own.js';
import { bootstrapOptions, withBootstrapOptions, withJsonOption, withOutOption } from '../options.js';

interface SlicesCliOptions extends SweepCliOptions {
  by: string;
  target: string;
  bootstrap: string;
  seed: string;
  resample: string;
  read: string;
  altN?: string;
  referenceN?: string;
  referenceD?: string;
  sizeTolerance: string;
  json?: boolean;
  out?: string;
}

const TARGETS: Record<string, ExponentKey[]> = {
  lr: ['lr/lnN', 'lr/lnD'],
  batch: ['batch/lnN', 'batch/lnD'],
  all: ['lr/lnN', 'lr/lnD', 'batch/lnN', 'batch/lnD'],
};

/** `--size-tolerance r`: a relative N tolerance in [0, 1). */
function sizeToleranceOption(value: string): number {
  const r = Number(value);
  if (value.trim() === '' || !(r >= 0 && r < 1)) throw new InputError(msg.badOption('--size-tolerance', value, 'a relative tolerance in [0, 1), e.g. 0.01'));
  return r;
}

export function register(program: Command): void {
  const cmd = withSweepOptions(
    program
      .command('slices')
      .description('fit each slice of a sweep (a column, or derived: sparsity, shape, recipe) and say with intervals whether the exponents differ')
      .argument('<csv...>', 'sweep CSV files'),
  )
    .requiredOption('--by <attribute>', 'column to slice by, or sparsity (Na/N) | shape (d_model×layers×FFN) | recipe (data set column)')
    .option('--target <what>', 'exponents to compare: lr | batch | all (for loss laws use `steplaw loss-fit --by`)', 'all')
    .option('--resample <what>', "what each slice's bootstrap resamples: groups (whole (N, D) groups, the default) | runs (the authors' way)", 'groups')
    .option('--read <reader>', 'how the validator reads the loss at a prediction: nearest | linear | surface', DEFAULT_READER)
    .option('--alt-n <column>', 'also validate the published law with N from this column (e.g. Na, activated parameters)')
    .option('--reference-n <N>', 'N at which to compare the slices\' optimal lr and batch levels (default per pair: geometric centre of the N range both slices span)')
    .option('--reference-d <D>', 'D at which to compare the levels (default per pair: geometric centre of the shared D range)')
    .option('--size-tolerance <r>', '--by shape: groups of one D whose N differ by less than this relative amount are one model size', String(DEFAULT_SIZE_TOLERANCE));
  withBootstrapOptions(cmd, { bootstrap: 'per slice', seed: 'seed of the bootstrap' });
  withOutOption(cmd, 'also write the study JSON to this file');
  withJsonOption(cmd, 'print the study as JSON');
  cmd
    .action(
      action(async (files: string[], o: SlicesCliOptions) => {
        const exponents = own(TARGETS, o.target);
        if (!exponents) throw new InputError(msg.badOption('--target', o.target, 'lr | batch | all (loss laws: steplaw loss-fit --by)'));
        if (!['nearest', 'linear', 'surface'].includes(o.read)) throw new InputError(msg.badOption('--read', o.read, 'nearest | linear | surface'));
        prepareOutput(o.out, files);
        // Derived once here so the warnings printed (duplicate cells) are keyed on the slice too.
        const sweep = withSliceAttribute(loadSweep(files, ingestOptions(o)), o.by);
        const divergedRatio = divergedRatioOption(o);
        const study = sliceStudy(sweep, o.by, {
          band: bandOption(o),
          ...bootstrapOptions(o, { min: 2 }),
          resample: resampleOption(o.resample),
          reader: o.read as ReaderName,
          exponents,
          alternativeNColumn: o.altN,
          divergedRatio,
          reference: {
            ...(o.referenceN !== undefined ? { N: positiveOption('--reference-n', o.referenceN) } : {}),
            ...(o.referenceD !== undefined ? { D: positiveOption('--reference-d', o.referenceD) } : {}),
          },
        });
        // Shapes: also where each shape's optimum lies and whether it moves with shape.
        const shapes = o.by === 'shape' ? shapeStudy(sweep, { band: bandOption(o), reader: o.read as ReaderName, divergedRatio, sizeTolerance: sizeToleranceOption(o.sizeTolerance) }) : undefined;
        const record = shapes ? { ...study, shapes } : study;
        if (o.out) writeJsonFile(o.out, record);
        if (o.json) {
          await printJson(record);
          return;
        }
        for (const line of summariseWarnings(sweep.warnings)) process.stderr.write(line + '\n');
        process.stdout.write(sliceStudyText(study));
        if (shapes) process.stdout.write(shapeStudyText(shapes));
      }),
    );
}
