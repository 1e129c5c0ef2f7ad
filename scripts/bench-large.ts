/**
 * Large-input benchmarks (issue 11), each paired with the lean numpy peer
 * (scripts/fit-peer.py: same selection, same OLS, same resampling scheme)
 * measured in the same run on the same seeded synthetic CSVs
 * (scripts/sweep-gen.ts). Wall time, user CPU time and peak RSS of each child
 * process come from GNU time (`/usr/bin/time -f`); the tools alternate
 * `--repeat=k` times (default 3) and each figure is the median.
 *
 *   node dist/scripts/bench-large.js big     # one 5,000,000-run CSV, fit --bootstrap 0
 *   node dist/scripts/bench-large.js sweep   # 2k, 20k, 200k, 2M runs, fit --bootstrap 1000
 *   node dist/scripts/bench-large.js sweep 2000,20000   # chosen sizes
 *   node dist/scripts/bench-large.js big --record     # and write bench/large.json (README figures)
 *
 * `--record` refuses when a numpy median moved more than 20% from the one recorded before (the machine was busier
 * or quieter, and the ratios are not comparable): run again, or pass `--accept-drift` if the peer or the machine
 * changed.
 *
 * CSVs are written under $STEPLAW_BENCH_DIR (default a temporary folder) and
 * reused when present. Prints a markdown table and checks that both tools
 * found the same OLS estimates. With `--record`, the measurement (times, peak
 * RSS, runs, load average before and after each pair) replaces its part of
 * bench/large.json, which the README quotes (scripts/bench-record.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, packageRoot } from '../src/util/paths.js';
import { machineLine, machineSummary, pythonInterpreter } from './machine.js';
import { writeSweepCsv } from './sweep-gen.js';
import { BENCH_LARGE_FILE, peerDrift, type BenchLargeRecord, type PairRecord } from './bench-record.js';

interface Measured {
  wall: number;
  /** User + system CPU seconds. */
  user: number;
  rssMiB: number;
  stdout: string;
}

/**
 * Run a command under GNU time (CPU and peak RSS); the wall time is taken around the process here, to the
 * microsecond: GNU time prints it to 10 ms, too coarse to tell two tools apart on a sweep that takes a few
 * tenths of a second. Both tools are timed the same way (the ~1 ms of starting GNU time is in both). Throws with its stderr
 * when it fails.
 */
function measureOnce(cmd: string, args: string[]): Measured {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const line = r.stderr.split('\n').find((l) => l.startsWith('@@time '));
  if (r.status !== 0 || !line) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [user, sys, rssKiB] = line.slice(7).trim().split(/\s+/).map(Number);
  return { wall, user: user + sys, rssMiB: rssKiB / 1024, stdout: r.stdout };
}

/** Repetitions of each command (--repeat k, default 3): the tools alternate, each figure is the median. */
const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The commands of one pair, alternated `repeat` times; medians of wall, CPU and peak RSS (stdout of the last). */
function measurePair(commands: [string, string[]][]): Measured[] {
  const runs: Measured[][] = commands.map(() => []);
  for (let k = 0; k < repeat; k++) commands.forEach(([cmd, args], j) => runs[j].push(measureOnce(cmd, args)));
  return runs.map((ms) => ({ wall: median(ms.map((m) => m.wall)), user: median(ms.map((m) => m.user)), rssMiB: median(ms.map((m) => m.rssMiB)), stdout: ms[ms.length - 1].stdout }));
}

const root = packageRoot();
const cli = cliPath();
const peer = join(root, 'scripts', 'fit-peer.py');
// The interpreter itself, not a launcher in front of it (a pyenv shim costs ~0.3 s per process: scripts/machine.ts).
const pythonPath = pythonInterpreter();
if (pythonPath === undefined) throw new Error('the peer needs python3 with numpy');
const python: string = pythonPath;
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
  groups: number;
  bootstrap: number;
  ours: Measured;
  numpy: Measured;
  numpyDirect?: Measured;
  scheme: string;
  maxEstimateDiff: number;
  load: [number, number];
}

function pair(runs: number, bootstrap: number): Row {
  const csv = sweepCsv(runs);
  const out = join(dir, `fit-${runs}-${bootstrap}.json`);
  const before = loadavg()[0];
  // steplaw's default resampling (groups); the peer is told the same.
  const scheme = 'groups';
  const commands: [string, string[]][] = [
    [process.execPath, [cli, 'fit', csv, '--bootstrap', String(bootstrap), '--out', out]],
    [python, [peer, csv, String(bootstrap), scheme]],
  ];
  // The group bootstrap also the way a first numpy script writes it: weights over every kept run per replicate.
  if (bootstrap > 0) commands.push([python, [peer, csv, String(bootstrap), scheme, '0.0025', '0', 'direct']]);
  const [ours, numpy, numpyDirect] = measurePair(commands);
  const fit = JSON.parse(readFileSync(out, 'utf8'));
  if (bootstrap > 0 && fit.options.resample !== scheme) throw new Error(`steplaw resampled ${fit.options.resample}, not ${scheme}`);
  const p = JSON.parse(numpy.stdout.trim().split('\n').pop()!);
  const est = (s: { terms: { term: string; estimate: number }[] }, t: string) => s.terms.find((x) => x.term === t)!.estimate;
  const mine = [est(fit.lr, 'intercept'), est(fit.lr, 'lnN'), est(fit.lr, 'lnD'), est(fit.batch, 'intercept'), est(fit.batch, 'lnD')];
  const maxEstimateDiff = Math.max(...mine.map((v, k) => Math.abs(v - p.estimate[k])));
  if (p.kept !== fit.data.keptRuns) throw new Error(`kept runs differ: ours ${fit.data.keptRuns}, numpy ${p.kept}`);
  if (p.groups !== fit.data.keptGroups) throw new Error(`kept groups differ: ours ${fit.data.keptGroups}, numpy ${p.groups}`);
  return { runs, kept: fit.data.keptRuns, groups: fit.data.keptGroups, bootstrap, ours, numpy, numpyDirect, scheme, maxEstimateDiff, load: [before, loadavg()[0]] };
}

const measured = (m: Measured) => ({ wall: Number(m.wall.toFixed(3)), user: Number(m.user.toFixed(2)), rssMiB: Number(m.rssMiB.toFixed(1)) });
const toRecord = (r: Row): PairRecord => ({
  runs: r.runs,
  kept: r.kept,
  groups: r.groups,
  bootstrap: r.bootstrap,
  resample: r.bootstrap > 0 ? r.scheme : 'none',
  steplaw: measured(r.ours),
  numpy: measured(r.numpy),
  ...(r.numpyDirect ? { numpyDirect: measured(r.numpyDirect) } : {}),
  maxEstimateDiff: Number(r.maxEstimateDiff.toExponential(2)),
  load: [Number(r.load[0].toFixed(2)), Number(r.load[1].toFixed(2))],
});

/** Replace the measured part of bench/large.json (the other part is kept). */
function record(part: Pick<BenchLargeRecord, 'big'> | Pick<BenchLargeRecord, 'sweep'>): void {
  const file = join(root, BENCH_LARGE_FILE);
  const old: Partial<BenchLargeRecord> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // A busy (or quiet) hour moves every figure: a peer far from its recorded medians is re-measured, not recorded.
  const drift = peerDrift(old, part, PEER_DRIFT);
  if (drift.length > 0 && !process.argv.includes('--accept-drift')) {
    console.error(
      `\nnot recorded: the numpy peer's medians moved more than ${PEER_DRIFT * 100}% from bench/large.json (the machine's load changed; run again when it is steady, or pass --accept-drift if the peer or the machine changed):\n  ${drift.join('\n  ')}`,
    );
    process.exitCode = 1;
    return;
  }
  const numpy = spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout.trim();
  const pythonVersion = spawnSync(python, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).stdout.trim();
  const next: BenchLargeRecord = {
    kind: 'steplaw-bench-large',
    version: 1,
    machine: machineSummary(),
    numpy,
    python: `Python ${pythonVersion}, run as ${python}`,
    ...(old.big ? { big: old.big } : {}),
    ...(old.sweep ? { sweep: old.sweep } : {}),
    ...part,
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(file, JSON.stringify(next, null, 2) + '\n');
  console.log(`\nrecorded in ${BENCH_LARGE_FILE}`);
}
const today = () => new Date().toISOString().slice(0, 10);
/** Largest change of a peer median, as a fraction, that `--record` accepts without `--accept-drift`. */
const PEER_DRIFT = 0.2;
const save = process.argv.includes('--record');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function table(rows: Row[], bootstrap: number): string {
  const lines = [
    `| runs | kept | resample | steplaw wall s | numpy wall s | wall ratio | steplaw CPU s | numpy CPU s | CPU ratio | steplaw peak RSS MiB | numpy peak RSS MiB | max |Δ estimate| |`,
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.runs.toLocaleString('en-US')} | ${r.kept.toLocaleString('en-US')} | ${bootstrap > 0 ? r.scheme : '–'} | ${r.ours.wall.toFixed(3)} | ${r.numpy.wall.toFixed(3)} | ${(r.ours.wall / r.numpy.wall).toFixed(2)} | ${r.ours.user.toFixed(2)} | ${r.numpy.user.toFixed(2)} | ${(r.ours.user / r.numpy.user).toFixed(2)} | ${r.ours.rssMiB.toFixed(0)} | ${r.numpy.rssMiB.toFixed(0)} | ${r.maxEstimateDiff.toExponential(1)} |`,
    );
  }
  return lines.join('\n');
}

const what = args[0] ?? 'sweep';
if (what === 'big') {
  const runs = Number(args[1] ?? 5_000_000);
  console.log(`steplaw fit --bootstrap 0 on one ${runs.toLocaleString('en-US')}-run CSV (ratios: steplaw / numpy)\n`);
  const row = pair(runs, 0);
  console.log(table([row], 0));
  if (save) record({ big: { ...toRecord(row), date: today(), repeats: repeat } });
} else {
  const sizes = (args[1] ?? '2000,20000,200000,2000000').split(',').map(Number);
  const bootstrap = Number(args[2] ?? 1000);
  console.log(`steplaw fit --bootstrap ${bootstrap} (ratios: steplaw / numpy)\n`);
  const rows: Row[] = [];
  for (const n of sizes) rows.push(pair(n, bootstrap));
  console.log(table(rows, bootstrap));
  if (save) record({ sweep: { date: today(), repeats: repeat, rows: rows.map(toRecord) } });
}
console.log(`\nmachine: ${machineLine()}; load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
