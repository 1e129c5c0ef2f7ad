/**
 * Options several commands share, each declared once here with one default:
 * `--bootstrap <n>` (DEFAULT_BOOTSTRAP resamples), `--seed <n>` (DEFAULT_SEED),
 * `--json` and `--out <path>` (no default unless the command names one).
 * `--out-dir <dir>` is added to every command that writes by output-dir.ts
 * (`applyOutputRule`). A command passes only its own help wording and, where
 * its method needs it, the smallest bootstrap count it accepts.
 */
import type { Command } from 'commander';
import { integerOption } from './run.js';
import { DEFAULT_SEED } from '../util/random.js';
import { LIMITS, type Limit } from './limits.js';

/** Bootstrap resamples of every bootstrapped fit, in every command. */
export const DEFAULT_BOOTSTRAP = 1000;

export interface BootstrapCliOptions {
  bootstrap?: string;
  seed?: string;
}

/**
 * Add `--bootstrap <n>` and `--seed <n>`. `help.bootstrap` says what is
 * resampled (e.g. `per slice`), `help.seed` what the seed drives.
 */
export function withBootstrapOptions(cmd: Command, help: { bootstrap?: string; seed?: string } = {}): Command {
  return cmd
    .option('--bootstrap <n>', `bootstrap resamples ${help.bootstrap ?? 'for each bootstrapped fit'}`, String(DEFAULT_BOOTSTRAP))
    .option('--seed <n>', help.seed ?? 'seed of every bootstrap', String(DEFAULT_SEED));
}

/**
 * Parse `--bootstrap` (an integer in [min, limit.max]; min 0 = no bootstrap
 * allowed) and `--seed` (within LIMITS.seed); absent values take the defaults.
 */
export function bootstrapOptions(o: BootstrapCliOptions, bounds: { min?: number; limit?: Limit } = {}): { bootstrap: number; seed: number } {
  const { min = 0, limit = LIMITS.bootstrap } = bounds;
  return {
    bootstrap: integerOption('--bootstrap', o.bootstrap ?? String(DEFAULT_BOOTSTRAP), min, limit),
    seed: integerOption('--seed', o.seed ?? String(DEFAULT_SEED), 0, LIMITS.seed),
  };
}

/** Add `--json`: print JSON on stdout instead of the text report. */
export function withJsonOption(cmd: Command, help = 'print JSON instead of the text report'): Command {
  return cmd.option('--json', help);
}

/** Add `--out <file>` (or `<dir>`): where the command writes; relative paths follow the output rule (output-dir.ts). */
export function withOutOption(cmd: Command, help: string, how: { arg?: '<file>' | '<dir>'; default?: string } = {}): Command {
  return cmd.option(`--out ${how.arg ?? '<file>'}`, help, how.default);
}
