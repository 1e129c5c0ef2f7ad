/**
 * `ingestLogs`: a directory of training runs → one sweep row per usable run
 * (the Step Law authors' `log_analysis.py` pipeline, docs/method.md#smooth-loss), with
 * structured warnings and a summary of what was skipped and why.
 *
 * Per run: find its last log (`walk.ts`), read the tail (`read-log.ts`),
 * resolve N, D, lr, batch from its name and sidecar (`hparams.ts`), and skip
 * it when its final iteration is more than one logging interval from the
 * planned one — the authors' test
 * |final_iter // interval − ti // interval| > 1, interval = spacing of the
 * last two logged points (github.com/step-law/steplaw `update_loss_item`).
 */
import { relative } from 'node:path';
import { msg, type Warning, type WarningCode } from '../../messages.js';
import { hasStepLawName, missingHparams, resolveHparams, type HparamOptions } from './hparams.js';
import type { FieldNames, LogFormat } from './line-result.js';
import { defaultJobs, readLogs, type LogResult } from './pool.js';
import { readSidecar } from './sidecar.js';
import { sortRuns, type IngestedRun, type Layout, type LayoutChoice } from './sweep-csv.js';
import { findRuns, type WalkOptions } from './walk.js';

export interface IngestLogsOptions extends WalkOptions, HparamOptions {
  format?: LogFormat;
  fields?: Partial<FieldNames>;
  /** Worker threads (default: available cores, at most 8). */
  jobs?: number;
  layout?: LayoutChoice;
  /** Called once the runs are found, with their count. */
  onStart?: (total: number) => void;
  /** Called as logs finish reading. */
  onProgress?: (done: number) => void;
}

export interface IngestSummary {
  root: string;
  /** Run directories found. */
  runs: number;
  /** Rows written. */
  written: number;
  skipped: {
    truncated: number;
    noHparams: number;
    badSidecar: number;
    unreadable: number;
    empty: number;
    noLossRecords: number;
    tooFewPoints: number;
    nonIncreasing: number;
  };
  /** Runs with no planned iteration count, so no truncation check. */
  truncationUnchecked: number;
  /** Directories that could not be listed. */
  unreadableDirs: number;
  /** Malformed lines over all logs read (including skipped runs). */
  malformedLines: number;
  /** Bytes read from log files (tail reading: less than their size for long logs). */
  bytesRead: number;
  /** Total size of the log files read. */
  logBytes: number;
  /** Logs read successfully, by format (runs skipped later included). */
  formats: Partial<Record<LogFormat, number>>;
  layout: Layout;
}

export interface IngestLogsResult {
  runs: IngestedRun[];
  layout: Layout;
  summary: IngestSummary;
  warnings: Warning[];
}

/** The authors' truncation test; true when the run is cut short (or overran). */
export function isTruncated(finalIter: number, plannedIters: number, interval: number): boolean {
  return Math.abs(Math.floor(finalIter / interval) - Math.floor(plannedIters / interval)) > 1;
}

export async function ingestLogs(root: string, options: IngestLogsOptions = {}): Promise<IngestLogsResult> {
  const { runs: dirs, problems } = findRuns(root, options);
  options.onStart?.(dirs.length);
  const warnings: Warning[] = [];
  const summary: IngestSummary = {
    root,
    runs: dirs.length,
    written: 0,
    skipped: { truncated: 0, noHparams: 0, badSidecar: 0, unreadable: 0, empty: 0, noLossRecords: 0, tooFewPoints: 0, nonIncreasing: 0 },
    truncationUnchecked: 0,
    unreadableDirs: problems.length,
    malformedLines: 0,
    bytesRead: 0,
    logBytes: 0,
    formats: {},
    layout: 'canonical',
  };
  for (const p of problems) {
    warnings.push({ code: 'dir-unreadable', message: msg.dirUnreadable(p.path, p.why), file: p.path });
  }

  const results: LogResult[] = await readLogs(
    dirs.map((d) => d.logFile),
    { format: options.format, fields: options.fields },
    options.jobs ?? defaultJobs(),
    options.onProgress,
  );

  const out: IngestedRun[] = [];
  dirs.forEach((dir, i) => {
    const log = results[i];
    const file = log.file;
    summary.malformedLines += log.malformed;
    summary.bytesRead += log.bytesRead;
    if (log.malformed > 0) {
      warnings.push({ code: 'malformed-lines', message: msg.logMalformed(file, log.malformed), file, count: log.malformed });
    }
    if (!log.ok) {
      const w = (code: WarningCode, message: string) => warnings.push({ code, message, file });
      switch (log.kind) {
        case 'unreadable':
          summary.skipped.unreadable++;
          w('log-unreadable', msg.logUnreadable(file, log.why ?? 'unknown error'));
          break;
        case 'empty':
          summary.skipped.empty++;
          w('log-empty', msg.logEmpty(file));
          break;
        case 'no-loss-records':
          summary.skipped.noLossRecords++;
          w('log-no-loss', msg.logNoLoss(file, log.format ?? 'log', log.why));
          break;
        case 'too-few-points':
          summary.skipped.tooFewPoints++;
          w('log-too-few-points', msg.logTooFewPoints(file));
          break;
        case 'non-increasing-iterations':
          summary.skipped.nonIncreasing++;
          w('log-non-increasing', msg.logNonIncreasing(file));
          break;
      }
      return;
    }
    summary.logBytes += log.fileBytes;
    summary.formats[log.format] = (summary.formats[log.format] ?? 0) + 1;

    const sidecar = readSidecar(dir.dir, dir.files);
    if (sidecar && !sidecar.ok) {
      summary.skipped.badSidecar++;
      warnings.push({ code: 'sidecar-invalid', message: msg.sidecarInvalid(sidecar.file, sidecar.why), file: sidecar.file });
      return;
    }
    const hp = resolveHparams(dir.name, sidecar?.values, options);
    const missing = missingHparams(hp);
    if (missing.length > 0) {
      summary.skipped.noHparams++;
      warnings.push({ code: 'run-no-hparams', message: msg.runNoHparams(dir.name, missing), file: dir.dir, detail: { missing } });
      return;
    }
    if (hp.ti === undefined) summary.truncationUnchecked++;
    else if (log.lastInterval <= 0) {
      summary.skipped.nonIncreasing++;
      warnings.push({ code: 'log-non-increasing', message: msg.logNonIncreasing(file), file });
      return;
    } else if (isTruncated(log.finalIter, hp.ti, log.lastInterval)) {
      summary.skipped.truncated++;
      warnings.push({
        code: 'run-truncated',
        message: msg.runTruncated(dir.name, log.finalIter, hp.ti, log.lastInterval),
        file,
        detail: { finalIter: log.finalIter, plannedIters: hp.ti, interval: log.lastInterval },
      });
      return;
    }
    out.push({ run: dir.name, logFile: relative(root, dir.logFile), hp, log });
  });

  const runs = sortRuns(out);
  summary.written = runs.length;
  const layout: Layout =
    options.layout === 'steplaw' || options.layout === 'canonical'
      ? options.layout
      : runs.length > 0 && runs.every((r) => hasStepLawName(r.hp))
        ? 'steplaw'
        : 'canonical';
  summary.layout = layout;
  return { runs, layout, summary, warnings };
}
