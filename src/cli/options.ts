/**
 * Options several commands share, each declared once with one default:
 * `--bootstrap <n>` and `--seed <n>` (every bootstrapped fit), `--json`.
 */
import type { Command } from 'commander';
import { integerOption } from './run.js';
import { DEFAULT_SEED } from '../util/random.js';
import { LIMITS, type Limit } from './limits.js';

/** Bootstrap resamples of every bootstrapped fit unless a command is told otherwise. */
export const DEFAULT_BOOTSTRAP = 1000;

export interface BootstrapCliOptions {
  bootstrap: string;
  seed: string;
}

/**
 * Add `--bootstrap <n>` and `--seed <n>`. `what` says what is resampled
 * (e.g. `per slice`); `min` is the smallest count accepted (0: no bootstrap).
 */
export function withBootstrapOptions(cmd: Command, what = 'for each bootstrapped fit', defaultCount = DEFAULT_BOOTSTRAP): Command {
  return cmd
    .option('--bootstrap <n>', `bootstrap resamples ${what}`, String(defaultCount))
    .option('--seed <n>', 'seed of every bootstrap', String(DEFAULT_SEED));
}

/** Parse `--bootstrap` (an integer in [min, limit]) and `--seed` (within LIMITS.seed). */
export function bootstrapOptions(o: BootstrapCliOptions, min = 2, limit: Limit = LIMITS.bootstrap): { bootstrap: number; seed: number } {
  return { bootstrap: integerOption('--bootstrap', o.bootstrap, min, limit), seed: integerOption('--seed', o.seed, 0, LIMITS.seed) };
}
