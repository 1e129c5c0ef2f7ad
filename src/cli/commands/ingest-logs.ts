/**
 * `steplaw ingest-logs <dir>`: training logs → sweep CSV (issue 7).
 * See src/ingest/logs/ingest.ts for the pipeline and docs/ingest-logs.md.
 */
import { resolve } from 'node:path';
import { directoryStatus } from '../../ingest/files.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { checkWritable } from '../../util/output-guard.js';
import { LIMITS } from '../limits.js';
import type { Command } from 'commander';
import { InputError, msg, type Warning } from '../../messages.js';
import { ingestLogs, type IngestSummary } from '../../ingest/logs/ingest.js';
import { hasStepLawName } from '../../ingest/logs/hparams.js';
import { LOG_FORMATS, type LogFormat } from '../../ingest/logs/line-result.js';
import { sweepCsv, type LayoutChoice } from '../../ingest/logs/sweep-csv.js';
import { action, integerOption, summariseWarnings, printJson } from '../run.js';
import { progressBar, type Progress } from '../progress.js';
import { withJsonOption, withOutOption } from '../options.js';

interface Opts {
  pattern?: string;
  out?: string;
  format: string;
  stepField?: string;
  lossField?: string;
  logFile?: string;
  seqLen: string;
  dDigits: string;
  layout: string;
  jobs?: string;
  json?: boolean;
}

function regexOption(name: string, value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (e) {
    throw new InputError(msg.badPattern(name, value, (e as Error).message));
  }
}

const list = (s: string | undefined): string[] | undefined =>
  s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter((x) => x !== '');

/** Warning codes whose every instance is printed (they name a path the user must look at). */
const LIST_ALL = new Set(['log-unreadable', 'dir-unreadable', 'sidecar-invalid']);

export function summaryLine(s: IngestSummary, out: string | undefined): string {
  const sk = s.skipped;
  const parts = [
    [sk.truncated, 'truncated'],
    [sk.noHparams, 'without hyperparameters'],
    [sk.badSidecar, 'with a bad sidecar'],
    [sk.unreadable, 'unreadable'],
    [sk.empty, 'empty'],
    [sk.noLossRecords, 'without loss records'],
    [sk.tooFewPoints, 'with one point'],
    [sk.nonIncreasing, 'with non-increasing iterations'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return (
    `ingest-logs: ${s.runs} run(s) found, ${s.written} written${out ? ` to ${out}` : ''} (${s.layout} layout)` +
    `; skipped: ${parts.length ? parts.join(', ') : 'none'}` +
    `; ${s.malformedLines} malformed line(s)` +
    (s.unreadableDirs ? `; ${s.unreadableDirs} unreadable director(ies)` : '')
  );
}

function warningLines(warnings: Warning[]): string[] {
  const listed = warnings.filter((w) => LIST_ALL.has(w.code)).map((w) => `warning [${w.code}]: ${w.message}`);
  return [...listed, ...summariseWarnings(warnings.filter((w) => !LIST_ALL.has(w.code)))];
}

export function register(program: Command): void {
  const cmd = program
    .command('ingest-logs')
    .description(
      "read each run's last training log under <dir> (Megatron text, JSON-lines or W&B CSV), compute the Step Law smooth loss, take N, D, lr and batch from the run name or a run.json/hparams.json sidecar, and write a sweep CSV for fit/validate",
    )
    .argument('<dir>', 'root directory holding one directory per run')
    .option('--pattern <regex>', 'only directories whose name matches this regex are runs (default: any)')
    .option('--format <format>', `log format: auto, ${LOG_FORMATS.join(', ')}`, 'auto')
    .option('--step-field <names>', 'step field/column names, comma-separated (JSON-lines default step,iteration,_step; CSV default _step)')
    .option('--loss-field <names>', "loss field/column names, comma-separated (default loss,'lm loss',train/loss)")
    .option('--log-file <regex>', 'which file names are logs (default \\.(log|txt|jsonl|csv)$)')
    .option('--seq-len <n>', 'tokens per sequence for batch sizes in sequences', '2048')
    .option('--d-digits <k>', 'round D = ti·bs·seq_len to k significant digits (0: exact)', '3')
    .option('--layout <layout>', 'CSV layout: auto, steplaw (authors\' dense header), canonical (N,D,lr,batch,loss)', 'auto')
    .option('--jobs <n>', 'worker threads (default: cores, at most 8)');
  withOutOption(cmd, 'write the sweep CSV here (default: stdout)');
  withJsonOption(cmd, 'print the summary and warnings as JSON on stdout (needs --out)');
  cmd
    .action(
      action(async (dir: string, opts: Opts) => {
        const root = resolve(dir);
        const status = directoryStatus(root);
        if (status === 'missing') throw new InputError(msg.logDirMissing(dir), { file: dir });
        if (status === 'not-directory') throw new InputError(msg.logDirNotDir(dir), { file: dir });
        if (opts.json && !opts.out) throw new InputError(msg.jsonNeedsOut());
        if (opts.format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(opts.format)) {
          throw new InputError(msg.badOption('--format', opts.format, `one of auto, ${LOG_FORMATS.join(', ')}`));
        }
        if (!['auto', 'steplaw', 'canonical'].includes(opts.layout)) {
          throw new InputError(msg.badOption('--layout', opts.layout, 'one of auto, steplaw, canonical'));
        }
        const pattern = opts.pattern !== undefined ? regexOption('--pattern', opts.pattern) : undefined;
        const logFile = opts.logFile !== undefined ? regexOption('--log-file', opts.logFile) : undefined;
        const seqLen = integerOption('--seq-len', opts.seqLen, 1, LIMITS.seqLen);
        const dDigits = integerOption('--d-digits', opts.dDigits, 0, LIMITS.dDigits);
        const jobs = opts.jobs !== undefined ? integerOption('--jobs', opts.jobs, 1, LIMITS.jobs) : undefined;
        // Before reading every log: the CSV can be written there.
        if (opts.out) checkWritable(opts.out);

        let bar: Progress = { tick() {}, done() {} };
        const result = await ingestLogs(root, {
          pattern,
          logFile,
          exclude: opts.out ? [resolve(opts.out)] : [],
          format: opts.format === 'auto' ? undefined : (opts.format as LogFormat),
          fields: { step: list(opts.stepField), loss: list(opts.lossField) },
          seqLen,
          dDigits,
          jobs,
          layout: opts.layout as LayoutChoice,
          onStart: (total) => {
            bar = progressBar('ingest-logs', total);
          },
          onProgress: (k) => bar.tick(k),
        });
        bar.done();
        const { summary, warnings, runs } = result;
        if (summary.runs === 0) throw new InputError(msg.noRunDirs(dir, opts.pattern ?? '.*'), { file: dir });
        if (opts.layout === 'steplaw') {
          const bad = runs.find((r) => !hasStepLawName(r.hp));
          if (bad) throw new InputError(msg.layoutNeedsName(bad.run));
        }
        for (const line of warningLines(warnings)) process.stderr.write(line + '\n');
        process.stderr.write(summaryLine(summary, opts.out) + '\n');
        if (runs.length === 0) throw new InputError(msg.noRunsIngested(dir, summary.runs), { file: dir });

        const csv = sweepCsv(runs, result.layout);
        if (opts.out) {
          writeFileAtomic(opts.out, csv);
        } else process.stdout.write(csv);
        if (opts.json) await printJson({ summary: { ...summary, root: dir }, warnings });
      }),
    );
}
