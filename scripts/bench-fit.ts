/**
 * Benchmark: `steplaw fit` on the released dense file with 1000 bootstrap
 * resamples, as a user runs it (a fresh `node` process each time: start-up,
 * CSV parsing, grouping, OLS, bootstrap, JSON writing). Median wall time of
 * RUNS runs (default 7). Run after `npm run build`:
 *
 *   node dist/scripts/bench-fit.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { median } from '../src/util/stats.js';
import { machineLine } from './machine.js';

const runs = Number(process.argv[2] ?? 7);
const root = packageRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'steplaw-bench-'));
const args = [cli, 'fit', join(root, 'data', 'steplaw', 'dense_lr_bs_loss.csv'), '--bootstrap', '1000', '--out', join(dir, 'fit.json')];
const times: number[] = [];
spawnSync(process.execPath, args); // warm the file cache
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`steplaw fit failed: ${r.stderr}`);
  times.push(Number(t1 - t0) / 1e9);
}
rmSync(dir, { recursive: true, force: true });
console.log(`steplaw fit dense_lr_bs_loss.csv --bootstrap 1000: median wall ${median(times).toFixed(3)} s over ${runs} runs (min ${Math.min(...times).toFixed(3)}, max ${Math.max(...times).toFixed(3)})`);
console.log(`machine: ${machineLine()}`);
