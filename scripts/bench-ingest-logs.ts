/**
 * Benchmark: `steplaw ingest-logs` on a generated tree of Megatron-style logs (RUNS run directories with
 * Step Law names, one `train_log_1.txt` of GiB / RUNS each: 1000 runs × ~1 MiB by default), against its peer
 * measured in the same run: the same parsing job in lean Python (scripts/peers/ingest_logs.py: `re` and
 * numpy; the authors' code/log_analysis.py needs pandas). Each tool runs as a user runs it, a fresh process
 * per run (`node dist/steplaw.cjs ingest-logs`, `python3 scripts/peers/ingest_logs.py`), the runs
 * alternating so both see the same machine load; GNU time gives wall time and peak RSS. Before any timing
 * the two outputs are compared run by run — same runs, N, D, lr, batch, last loss, final iteration and
 * points, smooth loss to 1e-12 relative — and the script stops if they differ. The figure to quote is the
 * ratio of the median wall times. The tree is deleted at the end.
 *
 *   npm run build && node dist/scripts/bench-ingest-logs.js [runs=1000] [GiB=1] [reps=3] [--record]   (--record: bench/speed.json)
 *
 * The logs were just written, so they are read from the page cache: the figures are parsing throughput,
 * not disk throughput.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/util/random.js';
import { cliPath, packageRoot } from '../src/util/paths.js';
import { median } from '../src/util/stats.js';
import { machineLine, machineSummary, pythonInterpreter } from './machine.js';
import { recordSpeed } from './bench-speed.js';

/** One Megatron-LM style `training_log` line. */
function line(iter: number, total: number, bs: number, lr: number, loss: number, ms: number): string {
  const w = String(total).length;
  return (
    ` iteration ${String(iter).padStart(w + 2)}/${String(total).padStart(w + 2)} | consumed samples: ${String(iter * bs).padStart(12)} |` +
    ` elapsed time per iteration (ms): ${ms.toFixed(1)} | learning rate: ${lr.toExponential(3).toUpperCase()} |` +
    ` global batch size: ${String(bs).padStart(5)} | lm loss: ${loss.toExponential(6).toUpperCase()} | loss scale: 1.0 |` +
    ` grad norm: ${(0.2 + loss / 10).toFixed(3)} | number of skipped iterations:   0 | number of nan iterations:   0 |\n`
  );
}

function generate(root: string, runs: number, bytesPerRun: number): number {
  const rng = createRng(7);
  const shapes = [
    { h: 960, ffnh: 9368, numh: 15, numl: 7 },
    { h: 1280, ffnh: 9472, numh: 10, numl: 10 },
    { h: 1536, ffnh: 9472, numh: 12, numl: 12 },
  ];
  const bss = [64, 128, 256, 512, 736, 1024];
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const s = shapes[r % shapes.length];
    const bs = bss[Math.floor(r / shapes.length) % bss.length];
    const lr = 2.441e-4 * Math.SQRT2 ** (Math.floor(r / (shapes.length * bss.length)) % 12);
    const interval = 10;
    const sample = line(1000000, 1000000, bs, lr, 2.5, 412.3).length;
    const lines = Math.floor(bytesPerRun / sample);
    const ti = lines * interval;
    const name = `bench${String(r).padStart(5, "0")}_h${s.h}_ffnh${s.ffnh}_numh${s.numh}_numl${s.numl}_lr${lr.toExponential(3)}_bs${bs}_ti${ti}_mlr1.00e-05`;
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const parts: string[] = ['using world size: 8, data-parallel size: 8\n> building GPT model ...\n'];
    for (let i = 1; i <= lines; i++) {
      const it = i * interval;
      const loss = 2.2 + 1.5 * Math.exp(-it / (ti / 5)) + 0.02 * (rng.float() - 0.5);
      parts.push(line(it, ti, bs, lr, loss, 400 + 20 * rng.float()));
    }
    const text = parts.join('');
    writeFileSync(join(dir, 'train_log_1.txt'), text);
    total += Buffer.byteLength(text);
  }
  return total;
}

interface Measure {
  seconds: number;
  maxRssMB: number | null;
}

/** Wall time and peak RSS (GNU time, when installed) of one fresh process; throws with its stderr if it fails. */
function measure(argv: string[], dir: string): Measure {
  const gnuTime = existsSync('/usr/bin/time');
  const report = join(dir, 'time.txt');
  const cmd = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', report, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} … failed: ${r.stderr || r.error}`);
  return { seconds, maxRssMB: gnuTime ? Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024 : null };
}

/** A CSV without quoted commas (both outputs here) as records keyed by column name. */
function readRows(file: string): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const l of lines) {
    const rec = Object.fromEntries(l.split(',').map((v, k) => [cols[k], v]));
    rows.set(rec.exp_name, rec);
  }
  return rows;
}

/** Compare steplaw's CSV with the peer's, run by run; returns the largest relative smooth-loss difference. */
function compareOutputs(oursFile: string, peerFile: string): { runs: number; maxRelDiff: number } {
  const ours = readRows(oursFile);
  const peer = readRows(peerFile);
  if (ours.size !== peer.size) throw new Error(`steplaw wrote ${ours.size} runs, the peer ${peer.size}`);
  let maxRelDiff = 0;
  for (const [name, o] of ours) {
    const p = peer.get(name);
    if (!p) throw new Error(`run ${name} missing from the peer's output`);
    for (const [a, b] of [['N', 'N'], ['D', 'D'], ['lr', 'lr'], ['bs', 'bs'], ['loss', 'loss'], ['final_iter', 'final_iter'], ['points', 'points'], ['log_interval', 'log_interval']]) {
      if (Number(o[a]) !== Number(p[b])) throw new Error(`run ${name}: ${a} is ${o[a]} in steplaw's output, ${p[b]} in the peer's`);
    }
    const [x, y] = [Number(o['smooth loss']), Number(p['smooth loss'])];
    maxRelDiff = Math.max(maxRelDiff, Math.abs(x - y) / Math.abs(y));
  }
  if (!(maxRelDiff <= 1e-12)) throw new Error(`smooth losses differ: largest relative difference ${maxRelDiff}`);
  return { runs: ours.size, maxRelDiff };
}

function main(): void {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const runs = Number(positional[0] ?? 1000);
  const gib = Number(positional[1] ?? 1);
  const reps = Number(positional[2] ?? 3);
  const root = packageRoot();
  const cli = cliPath();
  if (!existsSync(cli)) throw new Error('build first: npm run build');
  // The interpreter itself, not a launcher in front of it (scripts/machine.ts).
  const python = pythonInterpreter();
  if (python === undefined || spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' }).status !== 0) throw new Error('the peer needs python3 with numpy');
  const base = mkdtempSync(join(tmpdir(), 'steplaw-bench-logs-'));
  const tree = join(base, 'runs');
  try {
    const g0 = Date.now();
    const bytes = generate(tree, runs, (gib * 2 ** 30) / runs);
    const mb = bytes / 1e6;
    // What is printed is also what --record keeps (bench/speed.json; docs/ingest-logs.md quotes it).
    const output: string[] = [];
    const say = (line: string) => {
      console.log(line);
      output.push(line);
    };
    say(`generated ${runs} runs, ${(bytes / 2 ** 20).toFixed(0)} MiB of Megatron logs in ${((Date.now() - g0) / 1000).toFixed(1)} s`);
    const ours = (jobs: number) => [process.execPath, cli, 'ingest-logs', tree, '--out', join(base, `steplaw-${jobs}.csv`), '--jobs', String(jobs)];
    const peer = [python, join(root, 'scripts', 'peers', 'ingest_logs.py'), tree, join(base, 'peer.csv')];
    // First runs warm the page cache; their outputs are compared before anything is timed.
    measure(ours(1), base);
    measure(peer, base);
    const same = compareOutputs(join(base, 'steplaw-1.csv'), join(base, 'peer.csv'));
    say(`same numbers: ${same.runs} runs, N, D, lr, batch, last loss, iterations equal; smooth loss within ${same.maxRelDiff.toExponential(1)} relative`);
    const t: Record<string, Measure[]> = { 'steplaw --jobs 1': [], 'steplaw --jobs 2': [], peer: [] };
    const load0 = loadavg()[0];
    for (let i = 0; i < reps; i++) {
      t['steplaw --jobs 1'].push(measure(ours(1), base));
      t.peer.push(measure(peer, base));
      t['steplaw --jobs 2'].push(measure(ours(2), base));
    }
    const med = (xs: Measure[]) => median(xs.map((x) => x.seconds));
    for (const [name, xs] of Object.entries(t)) {
      const rss = xs.map((x) => x.maxRssMB).filter((x): x is number => x !== null);
      say(
        `${name === 'peer' ? 'peer (scripts/peers/ingest_logs.py)' : name}: median wall ${med(xs).toFixed(2)} s over ${xs.length} runs = ${(mb / med(xs)).toFixed(0)} MB/s` +
          (rss.length ? `; peak RSS ${Math.max(...rss).toFixed(0)} MB` : ''),
      );
    }
    const ratios: number[] = [];
    for (const jobs of [1, 2]) {
      const ratio = med(t[`steplaw --jobs ${jobs}`]) / med(t.peer);
      ratios.push(ratio);
      say(`ratio: steplaw --jobs ${jobs} takes ${ratio.toFixed(2)}× the peer's time (${(1 / ratio).toFixed(2)}× faster)`);
    }
    say(`machine: ${machineLine()} (at start ${load0.toFixed(1)}); peer interpreter: ${python}`);
    if (process.argv.includes('--record')) {
      recordSpeed(root, 'ingestLogs', {
        date: new Date().toISOString().slice(0, 10),
        load: Number(load0.toFixed(2)),
        machine: machineSummary(),
        peer: python,
        repeats: reps,
        figures: { jobs1: med(t['steplaw --jobs 1']), jobs2: med(t['steplaw --jobs 2']), peer: med(t.peer), ratioJobs1: ratios[0], ratioJobs2: ratios[1] },
        output,
      });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
