/**
 * One seed, one truth: every random function and command defaults to DEFAULT_SEED (0), so what the
 * library returns, what the commands print and what `npm start` writes to fits/ agree without options.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../src/util/random.js';
import { reproducePorian } from '../src/jobs/porian.js';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep } from '../src/sweep/grid.js';
import { fitStepLaw } from '../src/laws/steplaw-fit.js';
import { runCli } from './helpers/cli.js';
import { repoData, repoRoot } from './helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
}

describe('one default seed', () => {
  it('is 0', () => {
    expect(DEFAULT_SEED).toBe(0);
  });

  it('no source file defaults a seed to a literal: library options and command options use DEFAULT_SEED', () => {
    const literal = [/seed\s*\?\?\s*\d/, /seed\s*=\s*\d+\s*[,)]/, /\.option\('--seed[^)]*,\s*'\d+'\)/];
    const hits = sources(join(repoRoot, 'src')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (literal.some((re) => re.test(line)) ? [`${relative(repoRoot, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('library functions without a seed give what seed 0 gives', () => {
    const { grids } = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]));
    const a = fitStepLaw(grids, { bootstrap: 40 });
    const b = fitStepLaw(grids, { bootstrap: 40, seed: 0 });
    expect(a.bootstrap).toEqual(b.bootstrap);
    const p = reproducePorian({ bootstrap: 20 });
    const q = reproducePorian({ bootstrap: 20, seed: 0 });
    expect(p).toEqual(q);
  });

  it('every command with --seed shows default 0 in its help', () => {
    for (const cmd of ['fit', 'slices', 'loss-fit', 'compute-optimal', 'reproduce', 'plan']) {
      const help = runCli([cmd, '--help']).stdout.replace(/\s+/g, ' ');
      expect(help, cmd).toMatch(/--seed <\w+> (?:(?!--).)*\(default: "0"\)/);
    }
  });
});
