/**
 * Benchmark: `ingest-logs` on a generated 1 GiB tree of Megatron-style logs
 * (RUNS run directories with Step Law names, one `train_log_1.txt` of
 * 1 GiB / RUNS each, ~1 MiB for 1000 runs). The ingest runs in a fresh child process so its peak memory
 * (`process.resourceUsage().maxRSS`, worker threads included) is not the
 * generator's. Reports wall time, throughput (log MB / wall s) and peak RSS
 * for each --jobs setting, the machine, and removes the tree.
 *
 *   npx tsx scripts/bench-ingest-logs.ts [runs=1000] [GiB=1]
 *   node dist/scripts/bench-ingest-logs.js [runs] [GiB]     (after `npm run build`)
 *
 * The logs were just written, so they are read from the page cache: the
 * figures are parsing throughput, not disk throughput.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestLogs } from '../src/ingest/logs/ingest.js';
import { sweepCsv } from '../src/ingest/logs/sweep-csv.js';
import { createRng } from '../src/util/random.js';
import { machineLine } from './machine.js';

interface ChildReport {
  jobs: number;
  seconds: number;
  maxRssMB: number;
  logBytes: number;
  bytesRead: number;
  written: number;
  runs: number;
}

async function child(dir: string, jobs: number): Promise<void> {
  const t0 = process.hrtime.bigint();
  const res = await ingestLogs(dir, { jobs });
  writeFileSync(join(dir, '..', `sweep-${jobs}.csv`), sweepCsv(res.runs, res.layout));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const report: ChildReport = {
    jobs,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    logBytes: res.summary.logBytes,
    bytesRead: res.summary.bytesRead,
    written: res.summary.written,
    runs: res.summary.runs,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], Number(args[2]));
  const runs = Number(args[0] ?? 1000);
  const gib = Number(args[1] ?? 1);
  const base = mkdtempSync(join(tmpdir(), 'steplaw-bench-logs-'));
  const root = join(base, 'runs');
  try {
    const load0 = loadavg()[0].toFixed(2);
    const g0 = Date.now();
    const bytes = generate(root, runs, (gib * 2 ** 30) / runs);
    console.log(`generated ${runs} runs, ${(bytes / 2 ** 20).toFixed(0)} MiB of Megatron logs in ${((Date.now() - g0) / 1000).toFixed(1)} s (${root})`);
    const self = fileURLToPath(import.meta.url);
    for (const jobs of [1, 2]) {
      const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', root, String(jobs)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ingest child failed: ${r.stderr}`);
      const rep = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildReport;
      console.log(
        `--jobs ${rep.jobs}: ${rep.written}/${rep.runs} runs, ${(rep.logBytes / 1e6).toFixed(0)} MB of logs in ${rep.seconds.toFixed(2)} s` +
          ` = ${(rep.logBytes / 1e6 / rep.seconds).toFixed(0)} MB/s; peak RSS ${rep.maxRssMB.toFixed(0)} MB`,
      );
    }
    console.log(`machine: ${machineLine()}; load average before/after ${load0} / ${loadavg()[0].toFixed(2)}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
