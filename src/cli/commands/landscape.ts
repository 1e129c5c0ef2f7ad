/**
 * `steplaw landscape <csv…>`: per group the plateau near the optimum (runs and
 * lr / batch span within 0.25%, 0.5%, 1%, 2%) and a convexity check
 * (src/validate/landscape.ts).
 */
import type { Command } from 'commander';
import { InputError, msg } from '../../messages.js';
import { parseNumber } from '../../ingest/number.js';
import { formatLandscape } from '../../validate/format.js';
import { DEFAULT_PLATEAU_BANDS, landscape } from '../../validate/landscape.js';
import { action, summariseWarnings, printJson } from '../run.js';
import { loadGrids, withSweepOptions, withByOption, type SweepCliOptions } from '../sweep-options.js';
import { withJsonOption } from '../options.js';

interface LandscapeCliOptions extends SweepCliOptions {
  bands: string;
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = withByOption(withSweepOptions(
    program
      .command('landscape')
      .description('per group: how many runs lie within 0.25/0.5/1/2% of the minimum and over what lr/batch span; is a quadratic fitted near the minimum convex')
      .argument('<csv...>', 'sweep CSV files'),
    { band: false },
  ))
    .option('--bands <list>', 'comma-separated relative bands', DEFAULT_PLATEAU_BANDS.join(','));

  withJsonOption(cmd, 'print JSON instead of the table');
  cmd
    .action(
      action(async (files: string[], o: LandscapeCliOptions) => {
        const bands = o.bands.split(',').map((s) => {
          const v = parseNumber(s.trim());
          if (v === undefined || !(v > 0 && v < 1)) throw new InputError(msg.badOption('--bands', o.bands, 'comma-separated fractions in (0, 1)'));
          return v;
        });
        const { grids, warnings } = loadGrids(files, o);
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        const result = landscape(grids, bands);
        if (result.groups.length === 0) throw new InputError(msg.noGroups());
        if (o.json) await printJson(result);
        else process.stdout.write(formatLandscape(result.groups, result.summary));
      }),
    );
}
