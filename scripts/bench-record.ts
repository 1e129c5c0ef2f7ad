/**
 * The committed measurement of the large-input benchmarks (`bench/large.json`, written by
 * `node dist/scripts/bench-large.js big|sweep --record`) and its README rendering (the
 * `bench-large` block of scripts/docs-generated.ts, checked by test/docs-generated.test.ts
 * against the committed record, without re-running anything).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One process under GNU time. */
export interface Measured {
  /** Wall seconds. */
  wall: number;
  /** CPU seconds (user + system). */
  user: number;
  /** Peak resident set size, MiB. */
  rssMiB: number;
}

/** One input fitted by both tools, one after the other. */
export interface PairRecord {
  runs: number;
  kept: number;
  groups: number;
  bootstrap: number;
  /** What the bootstrap resampled (steplaw's default: 'groups'). */
  resample: string;
  steplaw: Measured;
  /** The numpy peer doing the same work the same way (group resamples from per-group sums). */
  numpy: Measured;
  /** The numpy peer with the group resample as weights over every kept run (O(kept runs) per replicate). */
  numpyDirect?: Measured;
  /** Largest |difference| between the two tools' OLS estimates. */
  maxEstimateDiff: number;
  /** 1-minute load average before and after the pair. */
  load: [number, number];
}

export interface BenchLargeRecord {
  kind: 'steplaw-bench-large';
  version: 1;
  /** Runs of each command per pair (alternating), in records made before each part kept its own. */
  repeats?: number;
  /** Machine line (CPU, memory, OS, Node) and the numpy version of the peer. */
  machine: string;
  numpy: string;
  /** The Python that ran the peer: version and the interpreter's path (not a launcher in front of it). */
  python?: string;
  /** The 5M-run `fit --bootstrap 0` (one pair), when measured. */
  big?: PairRecord & { date: string; repeats?: number };
  /** `fit --bootstrap 1000` at each size, when measured. */
  sweep?: { date: string; repeats?: number; rows: PairRecord[] };
}

/**
 * The peer is the yardstick: on one machine its medians should not move between recordings. Where a part's new
 * numpy wall-time median differs from the one recorded before (same part, same number of runs) by more than
 * `tolerance` (a fraction), the machine was busier or quieter than before and the ratio is not comparable:
 * returns one line per such size, empty when every size is within it (or nothing was recorded before).
 * @example peerDrift({ sweep: { rows: [{ runs: 2000, numpy: { wall: 0.24 } }] } }, { sweep: { rows: [{ runs: 2000, numpy: { wall: 0.36 } }] } }, 0.2); // => ['sweep, 2,000 runs: numpy 0.24 s before, 0.36 s now (+50%)']
 */
export function peerDrift(before: DriftPart, now: DriftPart, tolerance: number): string[] {
  const out: string[] = [];
  const parts: [string, DriftRow[] | undefined, DriftRow[] | undefined][] = [
    ['big', before.big ? [before.big] : undefined, now.big ? [now.big] : undefined],
    ['sweep', before.sweep?.rows, now.sweep?.rows],
  ];
  for (const [name, old, next] of parts) {
    if (!old || !next) continue;
    for (const row of next) {
      const prev = old.find((o) => o.runs === row.runs);
      if (!prev) continue;
      const change = row.numpy.wall / prev.numpy.wall - 1;
      if (Math.abs(change) > tolerance) {
        out.push(`${name}, ${int(row.runs)} runs: numpy ${prev.numpy.wall.toFixed(2)} s before, ${row.numpy.wall.toFixed(2)} s now (${change > 0 ? '+' : ''}${(change * 100).toFixed(0)}%)`);
      }
    }
  }
  return out;
}

/** What `peerDrift` reads of a record: each measured size and the peer's median wall time there. */
export interface DriftPart {
  big?: DriftRow;
  sweep?: { rows: DriftRow[] };
}
type DriftRow = { runs: number; numpy: { wall: number } };

/** Issue 11's targets. */
export const TARGETS = { bigWallSeconds: 60, bigRssBytes: 1.5e9 };

export const BENCH_LARGE_FILE = join('bench', 'large.json');

export function readBenchLarge(root: string): BenchLargeRecord {
  return JSON.parse(readFileSync(join(root, BENCH_LARGE_FILE), 'utf8')) as BenchLargeRecord;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const load = (l: [number, number]) => `${l[0].toFixed(1)}–${l[1].toFixed(1)}`;
const mib = (x: number) => `${x.toFixed(0)} MiB`;
const int = (x: number) => x.toLocaleString('en-US');

/** A lead smaller than this fraction of the peer's time is reported as about even (see the sweep target text). */
export const CLOSE_MARGIN = 0.1;

/** The README block: both tables from the record, and each target said met or missed, by how much. */
export function benchLargeMarkdown(r: BenchLargeRecord): string {
  // Each part says how many runs its medians are of (recorded with it; older records kept one count for both).
  const runs = (n: number | undefined) => ((n ?? r.repeats) ? `median of ${n ?? r.repeats} runs per tool, the tools alternating` : 'one run per tool');
  const out: string[] = [`Machine: ${r.machine}; peer: numpy ${r.numpy}${r.python ? ` (${r.python})` : ''}. CPU is user + system time.`, ''];
  if (r.big) {
    const b = r.big;
    const rssBytes = b.steplaw.rssMiB * 2 ** 20;
    const wallOk = b.steplaw.wall <= TARGETS.bigWallSeconds;
    const rssOk = rssBytes <= TARGETS.bigRssBytes;
    out.push(
      `**One ${int(b.runs)}-run CSV, \`fit --bootstrap 0\`** (${b.date}, ${runs(b.repeats)}, load average ${load(b.load)} before–after): ${int(b.kept)} runs kept in ${int(b.groups)} groups.`,
      '',
      '| | wall | CPU | peak RSS |',
      '|---|---:|---:|---:|',
      `| steplaw | ${b.steplaw.wall.toFixed(1)} s | ${b.steplaw.user.toFixed(1)} s | ${mib(b.steplaw.rssMiB)} |`,
      `| numpy peer | ${b.numpy.wall.toFixed(1)} s | ${b.numpy.user.toFixed(1)} s | ${mib(b.numpy.rssMiB)} |`,
      `| steplaw / numpy | ${ratio(b.steplaw.wall, b.numpy.wall)} | ${ratio(b.steplaw.user, b.numpy.user)} | ${ratio(b.steplaw.rssMiB, b.numpy.rssMiB)} |`,
      '',
      `Targets: ≤ ${TARGETS.bigWallSeconds} s wall — ${wallOk ? `**met** (${b.steplaw.wall.toFixed(1)} s)` : `**missed** by ${(b.steplaw.wall - TARGETS.bigWallSeconds).toFixed(1)} s (${b.steplaw.wall.toFixed(1)} s)`}; ` +
        `peak RSS ≤ 1.5 GB (${mib(TARGETS.bigRssBytes / 2 ** 20)}) — ${rssOk ? `**met** (${(rssBytes / 1e9).toFixed(2)} GB)` : `**missed** by ${((rssBytes - TARGETS.bigRssBytes) / 1e9).toFixed(2)} GB (${(rssBytes / 1e9).toFixed(2)} GB)`}. ` +
        `Largest difference between the two tools' OLS estimates: ${b.maxEstimateDiff.toExponential(1)}.`,
      '',
    );
  }
  if (r.sweep) {
    const rows = r.sweep.rows;
    out.push(
      `**\`fit\` with ${rows[0]?.bootstrap ?? 1000} bootstraps** (${r.sweep.date}; ${runs(r.sweep.repeats)}; ${rows[0]?.resample ?? 'groups'} resampled, steplaw's default):`,
      '',
      '| runs | kept | groups | steplaw / numpy wall | steplaw / numpy CPU | steplaw / numpy (direct weights) wall | steplaw peak RSS | numpy peak RSS | load average (before–after) | max \\|Δ estimate\\| |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const x of rows) {
      out.push(
        `| ${int(x.runs)} | ${int(x.kept)} | ${int(x.groups)} | ${x.steplaw.wall.toFixed(3)} s / ${x.numpy.wall.toFixed(3)} s (**${ratio(x.steplaw.wall, x.numpy.wall)}**) | ${ratio(x.steplaw.user, x.numpy.user)} | ${x.numpyDirect ? ratio(x.steplaw.wall, x.numpyDirect.wall) : '–'} | ${mib(x.steplaw.rssMiB)} | ${mib(x.numpy.rssMiB)} | ${load(x.load)} | ${x.maxEstimateDiff.toExponential(1)} |`,
      );
    }
    const slower = rows.filter((x) => x.steplaw.wall > x.numpy.wall);
    // Faster by less than CLOSE_MARGIN: one recording on a shared machine does not settle which tool is ahead.
    const close = rows.filter((x) => x.steplaw.wall <= x.numpy.wall && x.steplaw.wall > (1 - CLOSE_MARGIN) * x.numpy.wall);
    // Memory: growth per run between the smallest and the largest size, and at each step.
    const perRun = rows.slice(1).map((x, k) => (x.steplaw.rssMiB - rows[k].steplaw.rssMiB) * 1024 / (x.runs - rows[k].runs));
    out.push(
      '',
      `Target: no slower than numpy at any size — ${
        slower.length === 0
          ? '**met** at every size'
          : `**missed** at ${slower.map((x) => `${int(x.runs)} runs (${ratio(x.steplaw.wall, x.numpy.wall)}, ${(x.steplaw.wall - x.numpy.wall).toFixed(3)} s slower)`).join(', ')}`
      }${
        close.length === 0
          ? ''
          : ` (at ${close.map((x) => `${int(x.runs)}`).join(' and ')} runs by less than ${CLOSE_MARGIN * 100}%, within what this shared machine's load moves a median from one recording to the next: there the two tools are about even)`
      }. Memory grows at most linearly: ${perRun.map((v) => `${v.toFixed(2)}`).join(', ')} KiB of steplaw's peak RSS per added run between successive sizes.`,
    );
  }
  return out.join('\n').trimEnd();
}
