import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands/index.js';
import { repoRoot } from '../helpers/paths.js';

/** The options every command shares: one declaration (src/cli/options.ts, output-dir.ts), one default each. */
describe('shared CLI options', () => {
  it('--bootstrap defaults to 1000 resamples and --seed to 0 in every command that takes them', async () => {
    const program = new Command();
    await registerCommands(program, undefined);
    const withBootstrap = program.commands.filter((c) => c.options.some((o) => o.long === '--bootstrap'));
    // fit, slices, loss-fit, compute-optimal, plan, report, reproduce
    expect(withBootstrap.map((c) => c.name()).sort()).toEqual(['compute-optimal', 'fit', 'loss-fit', 'plan', 'report', 'reproduce', 'slices']);
    for (const c of withBootstrap) {
      expect([c.name(), c.options.find((o) => o.long === '--bootstrap')!.defaultValue]).toEqual([c.name(), '1000']);
      expect([c.name(), c.options.find((o) => o.long === '--seed')!.defaultValue]).toEqual([c.name(), '0']);
    }
  });

  it('every command that writes has exactly one --out-dir, and --band only where the band is used', async () => {
    const program = new Command();
    await registerCommands(program, undefined);
    for (const c of program.commands) {
      expect([c.name(), c.options.filter((o) => o.long === '--out-dir').length]).toEqual([c.name(), c.options.some((o) => o.long === '--out') || c.name() === 'reproduce' ? 1 : 0]);
    }
    const banded = program.commands.filter((c) => c.options.some((o) => o.long === '--band')).map((c) => c.name()).sort();
    expect(banded).toEqual(['compare', 'fit', 'report', 'slices', 'validate']);
  });

  it('no command declares --bootstrap, --seed, --json, --out or --out-dir itself', () => {
    const dir = join(repoRoot, 'src', 'cli', 'commands');
    const own = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/\.option\('--(bootstrap|seed|json|out|out-dir)\b/g)].map((m) => `${f}: --${m[1]}`),
    );
    expect(own).toEqual([]);
  });
});
