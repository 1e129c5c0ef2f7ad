/**
 * Benchmark: the 4,500-start Huber loss-law fit (src/laws/loss-law.ts) on a
 * 240-point synthetic data set (12 model sizes × 20 tokens-per-parameter
 * ratios from 1 to ~724, Hoffmann et al.'s published law as truth, 1% seeded
 * log-normal noise). Reports the median wall time of ≥ 3 runs and the machine,
 * and, measured in the same run on the same points, the peer: scipy's
 * least_squares with the Huber loss from every start of the same grid
 * (scripts/peers/loss_fit_scipy.py; once, it is slow). The figures to quote are
 * the ratios, and whether both reach the same optimum.
 *
 *   npm run build && node dist/scripts/bench-loss-fit.js [--runs 5] [--exhaustive] [--bootstrap K] [--no-peer] [--json] [--record]
 *
 * --record (needs the peer and --exhaustive) writes the README's figures to bench/speed.json.
 *
 * --exhaustive also times the literal method (every start to full tolerance,
 * the same work scipy does) once; --bootstrap K also times K bootstrap refits.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release, arch, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fitLossLaw, predictLoss, type LossPoint } from '../src/laws/loss-law.js';
import { createRng, DEFAULT_SEED } from '../src/util/random.js';
import { median } from '../src/util/stats.js';
import { machineSummary, pythonInterpreter } from './machine.js';
import { recordSpeed } from './bench-speed.js';

const TRUE = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

export function benchData(seed = DEFAULT_SEED): LossPoint[] {
  const rng = createRng(seed);
  const pts: LossPoint[] = [];
  for (const N of [1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9, 1e10, 2e10, 5e10]) {
    for (let k = 0; k < 20; k++) {
      const D = N * 2 ** (k / 2);
      pts.push({ N, D, loss: predictLoss(TRUE, N, D) * Math.exp(0.01 * rng.normal()) });
    }
  }
  return pts;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const runs = Math.max(3, Number(arg('--runs') ?? 5));
  const nboot = Number(arg('--bootstrap') ?? 0);
  const pts = benchData();
  const times: number[] = [];
  let last = fitLossLaw(pts);
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    last = fitLossLaw(pts);
    times.push((performance.now() - t0) / 1000);
  }
  const result: Record<string, unknown> = {
    benchmark: '4,500-start Huber(δ = 1e-3) loss-law fit, 240 points',
    runs,
    secondsEach: times,
    medianSeconds: median(times),
    fit: {
      E: last.estimates.E.value,
      A: last.estimates.A.value,
      B: last.estimates.B.value,
      alpha: last.estimates.alpha.value,
      beta: last.estimates.beta.value,
      objective: last.objectiveValue,
      status: last.convergence.status,
      nfev: last.convergence.nfev,
    },
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: `${platform()} ${release()} ${arch()}`,
      node: process.version,
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
      date: new Date().toISOString().slice(0, 10),
    },
  };
  if (process.argv.includes('--exhaustive')) {
    const t0 = performance.now();
    const ex = fitLossLaw(pts, { exhaustive: true });
    result.exhaustive = {
      seconds: (performance.now() - t0) / 1000,
      objective: ex.objectiveValue,
      sameOptimum: Math.abs(ex.objectiveValue - last.objectiveValue) <= 1e-9 * last.objectiveValue,
      nfev: ex.convergence.nfev,
    };
  }
  if (nboot > 0) {
    const t0 = performance.now();
    const b = fitLossLaw(pts, { bootstrap: nboot, seed: 1 });
    result.withBootstrap = { nboot, seconds: (performance.now() - t0) / 1000, failed: b.bootstrap?.failed };
  }
  if (!process.argv.includes('--no-peer')) {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-bench-loss-'));
    writeFileSync(join(dir, 'points.json'), JSON.stringify(pts));
    const r = spawnSync(pythonInterpreter() ?? 'python3', [join(packageRoot(), 'scripts', 'peers', 'loss_fit_scipy.py'), join(dir, 'points.json')], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    if (r.status === 0) {
      const peer = JSON.parse(r.stdout) as { seconds: number; cost: number; alpha: number; beta: number; starts: number };
      const ex = result.exhaustive as { seconds: number } | undefined;
      result.peer = {
        name: 'scipy least_squares(loss="huber", f_scale=1e-3) from every start (scripts/peers/loss_fit_scipy.py)',
        ...peer,
        // Both objectives are Σ Huber_δ(log residual): the same optimum means the same cost to 1e-9 (relative).
        sameOptimum: Math.abs(peer.cost - last.objectiveValue) <= 1e-6 * last.objectiveValue,
        peerOverOurs: peer.seconds / median(times),
        peerOverOursExhaustive: ex ? peer.seconds / ex.seconds : undefined,
      };
    } else {
      result.peer = { error: `python3 with scipy not available or failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}` };
    }
  }
  const m = result.machine as Record<string, unknown>;
  const lines = [
    `${result.benchmark}: median ${median(times).toFixed(3)} s over ${runs} runs (${times.map((t) => t.toFixed(3)).join(', ')})`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, node ${m.node}; load average ${m.loadAverage}; ${m.date}`,
    result.exhaustive ? `exhaustive (every start to full tolerance): ${JSON.stringify(result.exhaustive)}` : '',
    result.withBootstrap ? `with bootstrap: ${JSON.stringify(result.withBootstrap)}` : '',
    result.peer ? `peer: ${JSON.stringify(result.peer)}` : '',
    result.peer && 'peerOverOurs' in (result.peer as object)
      ? `ratio: scipy from every start takes ${(result.peer as { peerOverOurs: number }).peerOverOurs.toFixed(1)}× steplaw's default fit` +
        ((result.peer as { peerOverOursExhaustive?: number }).peerOverOursExhaustive !== undefined
          ? `, ${(result.peer as { peerOverOursExhaustive: number }).peerOverOursExhaustive.toFixed(2)}× steplaw's exhaustive fit (same work)`
          : '') +
        `; same optimum: ${(result.peer as { sameOptimum: boolean }).sameOptimum}`
      : '',
  ].filter((l) => l !== '');
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(lines.join('\n') + '\n');
  if (process.argv.includes('--record')) {
    const peer = result.peer as { seconds?: number; cost?: number; peerOverOurs?: number; peerOverOursExhaustive?: number; sameOptimum?: boolean };
    const ex = result.exhaustive as { seconds: number } | undefined;
    if (peer?.seconds === undefined || ex === undefined) throw new Error('--record needs the peer and --exhaustive');
    recordSpeed(packageRoot(), 'lossFit', {
      date: String(m.date),
      load: Number(m.loadAverage),
      machine: machineSummary(),
      peer: pythonInterpreter() ?? 'python3',
      repeats: runs,
      figures: {
        oursSeconds: median(times),
        exhaustiveSeconds: ex.seconds,
        peerSeconds: peer.seconds,
        peerOverOurs: peer.peerOverOurs!,
        peerOverOursExhaustive: peer.peerOverOursExhaustive!,
        sameOptimum: peer.sameOptimum!,
        costRelDiff: Math.abs(peer.cost! - last.objectiveValue) / last.objectiveValue,
      },
      output: lines,
    });
  }
}
main();
