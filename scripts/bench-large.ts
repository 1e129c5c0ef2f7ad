/**
 * Large-input benchmarks (issue 11), each paired with the lean numpy peer
 * (scripts/fit-peer.py: same selection, same OLS, same resampling scheme)
 * measured in the same run on the same seeded synthetic CSVs
 * (scripts/sweep-gen.ts). Wall time, user CPU time and peak RSS of each child
 * process come from GNU time (`/usr/bin/time -f`).
 *
 *   node dist/scripts/bench-large.js big     # one 5,000,000-run CSV, fit --bootstrap 0
 *   node dist/scripts/bench-large.js sweep   # 2k, 20k, 200k, 2M runs, fit --bootstrap 1000
 *   node dist/scripts/bench-large.js sweep 2000,20000   # chosen sizes
 *
 * CSVs are written under $STEPLAW_BENCH_DIR (default a temporary folder) and
 * reused when present. Prints a markdown table and checks that both tools
 * found the same OLS estimates.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { machineLine } from './machine.js';
import { writeSweepCsv } from './sweep-gen.js';

interface Measured {
  wall: number;
  user: number;
  rssMiB: number;
  stdout: string;
}

/** Run a command under GNU time; throws with its stderr when it fails. */
function measure(cmd: string, args: string[]): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('@@time '));
  if (r.status !== 0 || !line) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, rssKiB] = line.slice(7).trim().split(/\s+/).map(Number);
  return { wall, user, rssMiB: rssKiB / 1024, stdout: r.stdout };
}

const root = packageRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const peer = join(root, 'scripts', 'fit-peer.py');
const dir = process.env.STEPLAW_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'steplaw-bench-large-'));
mkdirSync(dir, { recursive: true });

function sweepCsv(runs: number): string {
  const f = join(dir, `sweep-${runs}.csv`);
  if (!existsSync(f)) writeSweepCsv(f, { runs, seed: 0 });
  return f;
}

interface Row {
  runs: number;
  kept: number;
  ours: Measured;
  numpy: Measured;
  scheme: string;
  maxEstimateDiff: number;
}

function pair(runs: number, bootstrap: number): Row {
  const csv = sweepCsv(runs);
  const out = join(dir, `fit-${runs}-${bootstrap}.json`);
  const ours = measure(process.execPath, [cli, 'fit', csv, '--bootstrap', String(bootstrap), '--out', out]);
  const fit = JSON.parse(readFileSync(out, 'utf8'));
  const scheme: string = fit.options.resample ?? 'runs';
  const numpy = measure('python3', [peer, csv, String(bootstrap), scheme]);
  const p = JSON.parse(numpy.stdout.trim().split('\n').pop()!);
  const est = (s: { terms: { term: string; estimate: number }[] }, t: string) => s.terms.find((x) => x.term === t)!.estimate;
  const mine = [est(fit.lr, 'intercept'), est(fit.lr, 'lnN'), est(fit.lr, 'lnD'), est(fit.batch, 'intercept'), est(fit.batch, 'lnD')];
  const maxEstimateDiff = Math.max(...mine.map((v, k) => Math.abs(v - p.estimate[k])));
  if (p.kept !== fit.data.keptRuns) throw new Error(`kept runs differ: ours ${fit.data.keptRuns}, numpy ${p.kept}`);
  return { runs, kept: fit.data.keptRuns, ours, numpy, scheme, maxEstimateDiff };
}

function table(rows: Row[], bootstrap: number): string {
  const lines = [
    `| runs | kept | resample | steplaw wall s | numpy wall s | wall ratio | steplaw CPU s | numpy CPU s | CPU ratio | steplaw peak RSS MiB | numpy peak RSS MiB | max |Δ estimate| |`,
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.runs.toLocaleString('en-US')} | ${r.kept.toLocaleString('en-US')} | ${bootstrap > 0 ? r.scheme : '–'} | ${r.ours.wall.toFixed(2)} | ${r.numpy.wall.toFixed(2)} | ${(r.ours.wall / r.numpy.wall).toFixed(2)} | ${r.ours.user.toFixed(2)} | ${r.numpy.user.toFixed(2)} | ${(r.ours.user / r.numpy.user).toFixed(2)} | ${r.ours.rssMiB.toFixed(0)} | ${r.numpy.rssMiB.toFixed(0)} | ${r.maxEstimateDiff.toExponential(1)} |`,
    );
  }
  return lines.join('\n');
}

const what = process.argv[2] ?? 'sweep';
if (what === 'big') {
  const runs = Number(process.argv[3] ?? 5_000_000);
  console.log(`steplaw fit --bootstrap 0 on one ${runs.toLocaleString('en-US')}-run CSV (ratios: steplaw / numpy)\n`);
  console.log(table([pair(runs, 0)], 0));
} else {
  const sizes = (process.argv[3] ?? '2000,20000,200000,2000000').split(',').map(Number);
  const bootstrap = Number(process.argv[4] ?? 1000);
  console.log(`steplaw fit --bootstrap ${bootstrap} (ratios: steplaw / numpy)\n`);
  const rows: Row[] = [];
  for (const n of sizes) rows.push(pair(n, bootstrap));
  console.log(table(rows, bootstrap));
}
console.log(`\nmachine: ${machineLine()}; load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
