/**
 * Writes ingested runs as a sweep CSV that `loadSweep` (src/ingest/sweep.ts)
 * reads without a column mapping.
 *
 * - `steplaw` layout: the authors' dense header (github.com/step-law/steplaw
 *   `data/dense_lr_bs_loss.csv`) `h,ffnh,numh,numl,lr,bs,ti,loss,smooth loss,
 *   exp_name,D,N,D/N` — `loss` is the raw last loss, `bs` in sequences of 2048
 *   — then extra columns. `detectFormat` sees `steplaw-dense`.
 * - `canonical` layout: `run,N,D,lr,batch_tokens,loss,...`, the batch in tokens
 *   (named so: `loadSweep` reads `batch_tokens` as tokens, no `--batch-unit`
 *   needed) and `loss` the smooth loss (`mapped` with the default column names).
 * - `auto`: `steplaw` when every run's shape is in its Step Law name (seq_len
 *   2048, no sidecar), else `canonical`.
 *
 * Extra columns (both layouts): `last_loss` (canonical only; steplaw has
 * `loss`), `D_exact` = ti·batch tokens, `final_iter`, `log_interval`
 * (the smoothing's), `sigma`, `points`, `malformed_lines`, `format`,
 * `log_file` (relative to the root). Rows come sorted by run name.
 */
import type { RunHparams } from './hparams.js';
import type { LogSummary } from './read-log.js';
import { escapeFormula } from '../formula-escape.js';

export type Layout = 'steplaw' | 'canonical';
export type LayoutChoice = Layout | 'auto';

export interface IngestedRun {
  run: string;
  /** Log file path relative to the root. */
  logFile: string;
  hp: RunHparams;
  log: LogSummary;
}

const STEPLAW_HEADER = ['h', 'ffnh', 'numh', 'numl', 'lr', 'bs', 'ti', 'loss', 'smooth loss', 'exp_name', 'D', 'N', 'D/N'];
const CANONICAL_HEADER = ['run', 'N', 'D', 'lr', 'batch_tokens', 'loss', 'last_loss', 'ti'];
const EXTRA = ['D_exact', 'final_iter', 'log_interval', 'sigma', 'points', 'malformed_lines', 'format', 'log_file'];

type Cell = string | number | undefined;

/**
 * A CSV field: numbers in shortest round-trip form; text escaped against
 * spreadsheet formula injection (src/ingest/formula-escape.ts) and quoted when
 * needed (always, when escaped, as OWASP advises).
 */
export function csvField(v: Cell): string {
  if (v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : escapeFormula(v);
  const escaped = typeof v === 'string' && s !== v;
  return escaped || /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function extra(r: IngestedRun): Cell[] {
  return [
    r.hp.Dexact,
    r.log.finalIter,
    r.log.smoothing.logInterval,
    r.log.smoothing.sigma,
    r.log.points,
    r.log.malformed,
    r.log.format,
    r.logFile,
  ];
}

export function headerFor(layout: Layout): string[] {
  return [...(layout === 'steplaw' ? STEPLAW_HEADER : CANONICAL_HEADER), ...EXTRA];
}

export function rowFor(layout: Layout, r: IngestedRun): Cell[] {
  const { hp, log } = r;
  if (layout === 'steplaw') {
    const n = hp.name;
    return [n.h, n.ffnh, n.numh, n.numl, hp.lr, n.bs, n.ti, log.lastLoss, log.smoothLoss, r.run, hp.D, hp.N, hp.D! / hp.N!, ...extra(r)];
  }
  return [r.run, hp.N, hp.D, hp.lr, hp.batchTokens, log.smoothLoss, log.lastLoss, hp.ti, ...extra(r)];
}

/** Runs sorted by name (then log path), deterministic whatever the read order. */
export function sortRuns(runs: IngestedRun[]): IngestedRun[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...runs].sort((a, b) => cmp(a.run, b.run) || cmp(a.logFile, b.logFile));
}

export function sweepCsv(runs: IngestedRun[], layout: Layout): string {
  const lines = [headerFor(layout).map(csvField).join(',')];
  for (const r of sortRuns(runs)) lines.push(rowFor(layout, r).map(csvField).join(','));
  return lines.join('\n') + '\n';
}
