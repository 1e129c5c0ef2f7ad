/**
 * `steplaw compare <csv…> [--law fit.json …]`: every evaluable catalog law
 * (and any given fit) on every group, best first — the paper's Table 1 on
 * the user's grids (src/validate/compare.ts).
 */
import type { Command } from 'commander';
import { catalogLaws, resolveLaw } from '../../laws/catalog.js';
import type { Law } from '../../laws/law.js';
import { compareLaws } from '../../validate/compare.js';
import { formatComparison } from '../../validate/format.js';
import { DEFAULT_READER, READER_NAMES } from '../../validate/readers/index.js';
import { action, summariseWarnings, printJson } from '../run.js';
import { bandOption, ingestOptions, loadGrids, withSweepOptions, withByOption, type SweepCliOptions } from '../sweep-options.js';
import { readerOption } from './validate.js';
import { withJsonOption } from '../options.js';

interface CompareCliOptions extends SweepCliOptions {
  law: string[];
  read: string;
  json?: boolean;
  NColumn?: string;
}

export function register(program: Command): void {
  const cmd = withByOption(withSweepOptions(
    program
      .command('compare')
      .description('every evaluable catalog law (plus --law fits) validated on every group; table of mean/median/max relative error, best first')
      .argument('<csv...>', 'sweep CSV files'),
  ))
    .option('--law <name|fit.json>', 'add a law (a fit JSON or a catalog name); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--read <reader>', `how to read the loss at an off-grid prediction: ${READER_NAMES.join(' | ')}`, DEFAULT_READER)
    .option('--N-column <column>', 'column to use as N (e.g. Na); default N');

  withJsonOption(cmd, 'print JSON instead of the table');
  cmd
    .action(
      action(async (files: string[], o: CompareCliOptions) => {
        const band = bandOption(o);
        const reader = readerOption(o.read);
        const laws: Law[] = catalogLaws().filter((l) => l.evaluable);
        for (const name of o.law) {
          const law = resolveLaw(name);
          if (!laws.some((l) => l.name === law.name)) laws.push(law);
        }
        const { grids, warnings } = loadGrids(files, o);
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        const cmp = compareLaws(grids, laws, { band, reader, NColumn: o.NColumn, seqLen: ingestOptions(o).seqLen });
        if (o.json) {
          await printJson({
            ...cmp,
            rows: cmp.rows.map(({ validation, ...r }) => ({
              ...r,
              groups: validation?.groups.map((g) => ({ group: g.group, relativeError: g.relativeError, flags: g.flags })) ?? [],
              notes: validation?.notes ?? [],
            })),
          });
        } else process.stdout.write(formatComparison(cmp));
      }),
    );
}
