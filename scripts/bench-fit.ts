/**
 * Benchmark: `steplaw fit` on the released dense file with 1000 bootstrap resamples, as a user runs it (a
 * fresh `node` process each time: start-up, CSV parsing, grouping, OLS, bootstrap, JSON writing), against
 * its peer measured in the same run: the authors' procedure in lean numpy (scripts/peers/steplaw_fit.py, a
 * fresh Python process each time, the interpreter itself: scripts/machine.ts; same band, OLS and 1000-row bootstrap). Runs alternate between the two
 * so that both see the same machine load; the figure to quote is the ratio of the medians.
 *
 *   npm run build && node dist/scripts/bench-fit.js [runs] [--record]      (default 7 runs each; --record: bench/speed.json)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, packageRoot } from '../src/util/paths.js';
import { median } from '../src/util/stats.js';
import { machineLine, machineSummary, pythonInterpreter, timeCommand } from './machine.js';
import { recordSpeed } from './bench-speed.js';

const runs = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 7);
const root = packageRoot();
const data = join(root, 'data', 'steplaw', 'dense_lr_bs_loss.csv');
const dir = mkdtempSync(join(tmpdir(), 'steplaw-bench-'));
const ours = [process.execPath, cliPath(), 'fit', data, '--bootstrap', '1000', '--out', join(dir, 'fit.json')];
// The interpreter itself, not a launcher in front of it (scripts/machine.ts).
const python = pythonInterpreter();
const peer = [python ?? 'python3', join(root, 'scripts', 'peers', 'steplaw_fit.py'), data, join(dir, 'peer.json'), '--bootstrap', '1000'];
const peerAvailable = python !== undefined && spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

const load = loadavg()[0];
const t = { ours: [] as number[], peer: [] as number[] };
timeCommand(ours); // warm the file cache
if (peerAvailable) timeCommand(peer);
for (let i = 0; i < runs; i++) {
  t.ours.push(timeCommand(ours));
  if (peerAvailable) t.peer.push(timeCommand(peer));
}
rmSync(dir, { recursive: true, force: true });
const line = (name: string, xs: number[]) =>
  `${name}: median wall ${median(xs).toFixed(3)} s over ${xs.length} runs (min ${Math.min(...xs).toFixed(3)}, max ${Math.max(...xs).toFixed(3)})`;
const output = [line('steplaw fit dense_lr_bs_loss.csv --bootstrap 1000', t.ours)];
if (peerAvailable) {
  output.push(line("authors' procedure, numpy (scripts/peers/steplaw_fit.py)", t.peer));
  output.push(`ratio: steplaw takes ${(median(t.ours) / median(t.peer)).toFixed(2)}× the numpy peer's time (${(median(t.peer) / median(t.ours)).toFixed(2)}× faster)`);
} else {
  output.push('peer: python3 with numpy not found; no ratio');
}
output.push(`machine: ${machineLine()}; peer interpreter: ${python ?? 'none'}`);
console.log(output.join('\n'));
if (process.argv.includes('--record')) {
  if (!peerAvailable) throw new Error('--record needs the peer');
  recordSpeed(root, 'fit', {
    date: new Date().toISOString().slice(0, 10),
    load: Number(load.toFixed(2)),
    machine: machineSummary(),
    peer: python!,
    repeats: runs,
    figures: { ours: median(t.ours), peer: median(t.peer), ratio: median(t.ours) / median(t.peer) },
    output,
  });
}
