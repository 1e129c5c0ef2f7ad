/**
 * The committed measurements behind the README's speed table (`bench/speed.json`). Each benchmark script
 * run with `--record` (bench-fit.js, bench-loss-fit.js, bench-ingest-logs.js) replaces its own entry;
 * scripts/docs-generated.ts renders the table (README block `bench-speed`) and the ingest-logs run quoted in
 * docs/ingest-logs.md (block `bench-ingest-logs`) from it, and test/docs-generated.test.ts checks both
 * against the committed record without re-running anything. Like bench/large.json (bench-record.ts), a
 * record says when, on what and under which load it was measured, and what ran the peer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_SPEED_FILE = join('bench', 'speed.json');

/** One benchmark run: the figures the README quotes and what the script printed. */
export interface SpeedEntry {
  /** ISO date of the run. */
  date: string;
  /** 1-minute load average when the run started. */
  load: number;
  /** CPU, memory, OS and Node. */
  machine: string;
  /** What ran the peer: the interpreter's path (scripts/machine.ts pythonInterpreter). */
  peer: string;
  /** Runs of each command; the figures are medians. */
  repeats: number;
  /** The figures quoted, by name (seconds, ratios, whether both tools agree). */
  figures: Record<string, number | boolean>;
  /** The script's report, line by line, as printed. */
  output: string[];
}

export interface SpeedRecord {
  kind: 'steplaw-bench-speed';
  version: 1;
  /** `steplaw fit` on the released dense file against the authors' procedure in numpy (bench-fit.ts). */
  fit?: SpeedEntry;
  /** The 4,500-start Huber loss-law fit against scipy from every start (bench-loss-fit.ts). */
  lossFit?: SpeedEntry;
  /** `ingest-logs` on 1 GiB of Megatron logs against the lean Python peer (bench-ingest-logs.ts). */
  ingestLogs?: SpeedEntry;
}

export function readBenchSpeed(root: string): SpeedRecord {
  const file = join(root, BENCH_SPEED_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SpeedRecord) : { kind: 'steplaw-bench-speed', version: 1 };
}

/** Replace one benchmark's entry of bench/speed.json (the others are kept). */
export function recordSpeed(root: string, name: 'fit' | 'lossFit' | 'ingestLogs', entry: SpeedEntry): void {
  const next: SpeedRecord = { ...readBenchSpeed(root), [name]: entry };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, BENCH_SPEED_FILE), JSON.stringify(next, null, 2) + '\n');
  console.log(`recorded in ${BENCH_SPEED_FILE}`);
}

const num = (e: SpeedEntry, k: string): number => {
  const v = e.figures[k];
  if (typeof v !== 'number') throw new Error(`bench/speed.json: figure ${k} missing`);
  return v;
};
const when = (e: SpeedEntry) => `${e.date}, load average ≈ ${e.load.toFixed(1)}`;
const missing = '– (not recorded)';

/** The README's speed table. */
export function benchSpeedMarkdown(r: SpeedRecord): string {
  const fit = r.fit
    ? `steplaw takes **${num(r.fit, 'ratio').toFixed(2)}×** the peer's time (median of ${r.fit.repeats} each; ${when(r.fit)})`
    : missing;
  const loss = r.lossFit
    ? `scipy from every start takes **${num(r.lossFit, 'peerOverOurs').toFixed(0)}×** steplaw's default (screened) fit and **${num(r.lossFit, 'peerOverOursExhaustive').toFixed(0)}×** steplaw's exhaustive fit, which does the same work; ${
        r.lossFit.figures.sameOptimum === true ? `both reach the same optimum (Σ Huber equal to ${num(r.lossFit, 'costRelDiff').toExponential(0)} relative)` : '**not the same optimum**'
      } — steplaw's default the median of ${r.lossFit.repeats} runs, the exhaustive fit and scipy one run each, both timed inside their process (${when(r.lossFit)})`
    : missing;
  const logs = r.ingestLogs
    ? `steplaw takes **${num(r.ingestLogs, 'ratioJobs1').toFixed(2)}×** the peer's time with \`--jobs 1\`, **${num(r.ingestLogs, 'ratioJobs2').toFixed(2)}×** with \`--jobs 2\` (median of ${r.ingestLogs.repeats} each; ${when(r.ingestLogs)}; [docs/ingest-logs.md](docs/ingest-logs.md#speed-and-memory))`
    : missing;
  return [
    '| what | script | peer | ratio |',
    '|---|---|---|---|',
    `| \`steplaw fit\` dense file, 1000 bootstraps, fresh process each run | \`node dist/scripts/bench-fit.js\` | the authors' procedure in numpy (\`scripts/peers/steplaw_fit.py\`: band, OLS, 1000-row bootstrap, a fresh Python process each run) | ${fit} |`,
    `| 4,500-start Huber loss fit, 240 points | \`node dist/scripts/bench-loss-fit.js --runs 5 --exhaustive\` | scipy \`least_squares(loss="huber")\` from every start of the same grid (\`scripts/peers/loss_fit_scipy.py\`) | ${loss} |`,
    `| \`ingest-logs\` on 1 GiB of Megatron logs (1000 runs), fresh process each run | \`node dist/scripts/bench-ingest-logs.js\` | the same parsing job in lean Python (\`scripts/peers/ingest_logs.py\`: \`re\` + numpy, same files, records and smoothing; the authors' \`log_analysis.py\` needs pandas); outputs checked equal first | ${logs} |`,
    '| engine multi-start alone, 4,500 starts each to convergence | `node dist/scripts/bench-engine.js` | the scipy peer above does the same work | – |',
    '',
    `Machines and peers: ${[r.fit, r.lossFit, r.ingestLogs]
      .filter((e): e is SpeedEntry => e !== undefined)
      .map((e) => e.machine)
      .filter((m, i, all) => all.indexOf(m) === i)
      .join('; ')}; the Python peers run as ${[r.fit, r.lossFit, r.ingestLogs]
      .filter((e): e is SpeedEntry => e !== undefined)
      .map((e) => e.peer)
      .filter((m, i, all) => all.indexOf(m) === i)
      .join(', ')}. Rendered from \`bench/speed.json\` (each script's \`--record\`).`,
  ].join('\n');
}

/** The ingest-logs run quoted in docs/ingest-logs.md: its date and load, then what the script printed. */
export function ingestLogsRunMarkdown(r: SpeedRecord): string {
  if (!r.ingestLogs) return 'Not recorded yet: run `node dist/scripts/bench-ingest-logs.js --record`.';
  const e = r.ingestLogs;
  return [`One run (${e.date}, 2-core machine shared with other work, load average ≈ ${e.load.toFixed(1)}):`, '', '```', ...e.output, '```'].join('\n');
}
