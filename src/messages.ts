/**
 * Every user-facing warning and error text lives here, as a named function
 * (the vega-lite `log/message.ts` habit): wording stays consistent and tests
 * assert on a warning's `code`, not on its prose.
 *
 * A `Warning` is structured: a stable `code`, a human `message`, and where it
 * applies the `file`, `row` (1-based data row; the header is not counted) and
 * `column` it is about, or a `count` of affected items.
 */

/**
 * Every warning code steplaw emits: a closed set, so a test or a caller can
 * match on a code without fearing a typo, and a new code is added here once.
 */
export type WarningCode =
  | 'at-boundary'
  | 'axis-not-searched'
  | 'bootstrap-failed'
  | 'covariance-singular'
  | 'cv-fit-failed'
  | 'dir-unreadable'
  | 'diverged'
  | 'dropped-top'
  | 'duplicate-cell'
  | 'extrapolated'
  | 'few-groups'
  | 'ill-conditioned'
  | 'log-empty'
  | 'log-no-loss'
  | 'log-non-increasing'
  | 'log-too-few-points'
  | 'log-unreadable'
  | 'malformed-lines'
  | 'no-interior-optimum'
  | 'non-finite'
  | 'non-finite-loss'
  | 'not-converged'
  | 'not-evaluable'
  | 'not-identified'
  | 'not-predicted'
  | 'optimum-not-readable'
  | 'optimum-on-edge'
  | 'plan-group-not-on-ladder'
  | 'pooled-files'
  | 'reduced-fit'
  | 'reduced-law'
  | 'run-no-hparams'
  | 'run-truncated'
  | 'several-runs-per-group'
  | 'sidecar-invalid'
  | 'single-level'
  | 'single-run-group'
  | 'skipped-runs'
  | 'too-few-optima'
  | 'too-few-points'
  | 'unidentifiable';

export interface Warning {
  code: WarningCode;
  message: string;
  file?: string;
  row?: number;
  column?: string;
  count?: number;
  /** Free-form structured details (group key, parameter name, ...). */
  detail?: Record<string, unknown>;
}

/**
 * Bad input: thrown by ingesters and by CLI argument checks. The CLI prints
 * `error: <message>` on one line and exits with status 2.
 */
export class InputError extends Error {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  constructor(message: string, where: { file?: string; row?: number; column?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
  }
}

/**
 * Bad output: a file or directory steplaw cannot or must not write (no space,
 * no permission, the path is an input, a directory it did not make). Printed
 * like an InputError: `error: <message>` on one line, exit status 2.
 */
export class OutputError extends InputError {
  constructor(message: string, path?: string) {
    super(message, { file: path });
    this.name = 'OutputError';
  }
}

/**
 * A user-supplied string made safe to print inside a one-line message: C0 and
 * C1 control characters (newline, carriage return, ESC of ANSI colour codes,
 * NUL, …), DEL, the Unicode line and paragraph separators and the bidirectional
 * overrides and isolates are shown as escapes (`\n`, `\x1b`, `\u202e`), so a
 * file named `a\nerror: b` or one carrying terminal codes cannot forge or hide
 * output. Printable text, including non-ASCII letters, is unchanged.
 * @example sanitize('a\nb\x1b[31m'); // => 'a\\nb\\x1b[31m'
 */
export function sanitize(s: string): string {
  return String(s).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    if (Object.hasOwn(named, c)) return named[c];
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const q = (s: string): string => JSON.stringify(s);

/** What each input of a law is, for "needs --L (…)" messages. */
const LAW_INPUT_WORDS: Record<string, string> = {
  N: 'the model size in non-embedding parameters',
  D: 'the training tokens',
  C: 'the training compute in FLOPs',
  L: 'the loss in nats per token at which its loss-based batch law is evaluated',
};
const show = (cell: string): string => (cell.length > 40 ? q(cell.slice(0, 37) + '...') : q(cell));
/** Where a cell is: the data row (header and blank lines not counted) and the physical line it starts on. */
export interface CellRef {
  file: string;
  row?: number;
  line?: number;
  column?: string;
}
const at = (c: CellRef): string =>
  `${c.file}${c.row !== undefined ? `: row ${c.row}${c.line !== undefined ? ` (line ${c.line})` : ''}` : c.line !== undefined ? `: line ${c.line}` : ''}${c.column !== undefined ? `, column ${q(c.column)}` : ''}`;

const messages = {
  // ── ingest: files ────────────────────────────────────────────────────
  fileMissing: (file: string) => `${file}: file not found`,
  fileUnreadable: (file: string, why: string) => `${file}: cannot read file (${why})`,
  notJsonFile: (file: string, why: string) => `${file}: not a readable JSON file (${why})`,
  fileEmpty: (file: string) => `${file}: file is empty (no header and no rows)`,
  noDataRows: (file: string) => `${file}: has a header but no data rows`,
  missingColumn: (file: string, column: string, role: string, header: string[]) =>
    `${file}: missing required column ${q(column)} (for ${role}); the header has ${header.map(q).join(', ')}`,
  duplicateHeader: (file: string, column: string) => `${file}: column ${q(column)} appears more than once in the header`,
  fieldCount: (file: string, row: number, line: number, got: number, want: number) =>
    `${at({ file, row, line })}: has ${got} fields, the header has ${want}${got === 1 && want > 1 ? ' (is the delimiter one of , tab ; | ?)' : ''}`,
  notANumber: (c: CellRef, cell: string) => `${at(c)}: ${show(cell)} is not a number`,
  emptyCell: (c: CellRef) => `${at(c)}: cell is empty`,
  notPositive: (c: CellRef, cell: string, range?: 'underflow' | 'overflow') =>
    `${at(c)}: ${show(cell)} must be a finite number > 0${
      range === 'underflow'
        ? ' (it underflows to 0: below the smallest positive double, about 4.9e-324)'
        : range === 'overflow'
          ? ' (it overflows to infinity: above the largest double, about 1.8e308)'
          : ''
    }`,
  csvWhere: (file: string, row: number | undefined, line: number) => at({ file, row, line }),
  csvSyntax: (where: string, what: string) => `${where}: CSV syntax error: ${what}`,
  csvEncoding: (file: string, encoding: string, what: string) => `${file}: the file is ${encoding}; ${what}`,
  badMapping: (spec: string) =>
    `bad --map ${q(spec)}: expected role=column pairs separated by commas, roles N, D, lr, batch, loss (e.g. N=params,D=tokens,lr=peak_lr,batch=bs,loss=final_loss)`,
  unknownRole: (role: string) => `unknown role ${q(role)} in --map; roles are N, D, lr, batch, loss`,
  batchTwice: (file: string, column: string) =>
    `${file}: has a batch column ${q(column)} and --batch-tokens was given; use one (--batch-tokens is for sweeps with one fixed batch size and no batch column)`,
  batchUnitAmbiguous: (file: string, column: string, min: number, max: number, limit: number) =>
    `${file}: batch column ${q(column)} holds ${min}–${max} and no --batch-unit was given: values ≤ ${limit} look like sequences per step, not tokens; say --batch-unit sequences (with --seq-len, default 2048) or --batch-unit tokens`,
  poolRefused: (a: string, aFormat: string, b: string, bFormat: string) =>
    `${b} (${bFormat}) has a different header from ${a} (${aFormat}): one law over both would pool two sweeps silently; fit them one at a time, slice with --by file, or pool on purpose with --pool`,
  pooledFiles: (files: string[]) => `pooled files with different headers into one sweep (--pool): ${files.join(', ')}; one law is fitted over all of them`,
  badBatchUnit: (unit: string) => `bad --batch-unit ${q(unit)}: use tokens or sequences`,
  badOption: (option: string, value: string, want: string) => `bad ${option} ${q(value)}: ${want}`,

  // ── ingest: warnings ─────────────────────────────────────────────────
  nonFiniteLoss: (c: CellRef, cell: string) =>
    `${at(c)}: loss ${show(cell)} is not finite; run kept, flagged and excluded from fits`,
  duplicateCell: (file: string, rows: number[], key: string) =>
    `${file}: rows ${rows.join(', ')} are the same grid cell (${key}); all kept`,

  // ── ingest-logs (issue 7) ────────────────────────────────────────────
  logDirMissing: (dir: string) => `${dir}: log directory not found`,
  logDirNotDir: (dir: string) => `${dir}: not a directory`,
  badPattern: (option: string, value: string, why: string) => `bad ${option} ${q(value)}: not a valid regular expression (${why})`,
  noRunDirs: (dir: string, pattern: string) =>
    `${dir}: no run directories found (a directory below it whose name matches ${q(pattern)} and that holds a log file)`,
  noRunsIngested: (dir: string, found: number) => `${dir}: none of the ${found} run(s) found gave a row (see the warnings above)`,
  layoutNeedsName: (run: string) =>
    `--layout steplaw needs every run's shape in its name (h, ffnh, numh, numl, lr, bs, ti), seq_len 2048 and no sidecar; run ${q(run)} does not qualify`,
  jsonNeedsOut: () => '--json writes the summary to stdout, so the CSV needs --out <file>',
  dirUnreadable: (dir: string, why: string) => `${dir}: cannot list directory (${why}); skipped`,
  logUnreadable: (file: string, why: string) => `${file}: cannot read log (${why}); run skipped`,
  logEmpty: (file: string) => `${file}: log file is empty; run skipped`,
  logNoLoss: (file: string, format: string, why?: string) =>
    `${file}: no (iteration, loss) records found as ${format}${why ? ` (${why})` : ''}; run skipped`,
  logTooFewPoints: (file: string) => `${file}: only one logged point, a log interval needs two; run skipped`,
  logNonIncreasing: (file: string) => `${file}: iterations do not increase between logged points; run skipped`,
  logMalformed: (file: string, count: number) => `${file}: ${count} malformed line(s) ignored`,
  runTruncated: (run: string, finalIter: number, planned: number, interval: number) =>
    `run ${q(run)}: final iteration ${finalIter} is more than one logging interval (${interval}) from the planned ${planned}; run skipped`,
  runNoHparams: (run: string, missing: string[]) =>
    `run ${q(run)}: ${missing.join(', ')} unknown (neither its name nor a run.json/hparams.json sidecar gives them); run skipped`,
  sidecarInvalid: (file: string, why: string) => `${file}: bad sidecar, ${why}; run skipped`,

  // ── grid ─────────────────────────────────────────────────────────────
  divergedRuns: (count: number, ratio: number) =>
    `${count} run(s) diverged (loss above ${ratio}× their group's minimum); kept, flagged and excluded from fits`,
  optimumOnEdge: (group: string, axes: string[]) =>
    `group ${group}: the grid optimum is on the edge of the ${axes.join(' and ')} range tried (not bracketed)`,
  axisNotSearched: (axis: string) =>
    `every group tried a single ${axis === 'lr' ? 'learning rate' : 'batch size'}: the ${axis} axis was not searched, so no optimum ${axis} can be read from these data`,
  singleRunGroup: (group: string) => `group ${group}: only one valid run; it has no landscape to speak of`,
  // ── Step Law fit (src/laws/steplaw-fit.ts) ─────────────────────────────
  fewGroups: (groups: number, min: number) =>
    `the intervals rest on ${groups} (N, D) group(s) with an optimum (fewer than ${min}): runs of one group are not independent, so the exponents are only as certain as ${groups} point(s) allow; intervals, where the centroids allow one, are two-step t intervals on the ${groups} group centroid(s), not bootstrap percentiles`,
  slicesSameWarning: (count: number, total: number, first: string) =>
    `${count} of ${total} slices carry the same kind of warning; the first: ${first}`,
  levelsNoOverlap: (pairs: string[], total: number) =>
    `${pairs.length} of ${total} pair(s) of slices do not share an N or D range (${pairs.slice(0, 3).join('; ')}${pairs.length > 3 ? '; …' : ''}): their level ratios are read at the centre of the combined range, where at least one slice's law extrapolates`,
  fitFileNeedsSlice: (file: string, slices: string[]) =>
    `${file}: holds one fit per slice (written by \`fit --by\`); choose one with --slice: ${slices.join(', ')}`,
  fitFileUnknownSlice: (file: string, slice: string, slices: string[]) =>
    `${file}: no slice ${q(slice)}; the slices are ${slices.join(', ')}`,
  fitFileSliceNotFitted: (file: string, slice: string, why: string) => `${file}: slice ${q(slice)} was not fitted (${why})`,
  sliceNeedsFitFile: (law: string) => `--slice chooses a slice of a \`fit --by\` file; ${q(law)} is a catalog law`,
  fitFileNotSliced: (file: string) => `${file}: --slice applies to fit files written by \`fit --by\`; this one holds a single fit`,
  // ── slices: shapes at matched size (src/slices/shapes.ts) ─────────────
  shapesNoPairs: (shapes: number, tol: string) =>
    `no model size (groups of one D with N within ${tol}) has more than one shape in these data (${shapes} shape(s) in all): they cannot show whether the optimum moves with shape; per-shape errors of the pooled and published laws are still given (--size-tolerance sets what counts as one size)`,
  shapesNoShift: (pairs: number, sizes: number, tol: string, band: number) =>
    `in all ${pairs} pair(s) of shapes of one model size (${sizes} size(s); N within ${tol}, same D), the optima are within one grid step or inside each other's ${band * 100}% band: no shift beyond the grid's resolution`,
  shapesShift: (moved: number, pairs: number, sizes: number, tol: string, band: number) =>
    `${moved} of ${pairs} pair(s) of shapes of one model size (${sizes} size(s); N within ${tol}, same D) have optima more than one grid step apart with one outside the other's ${band * 100}% band: the optimum moves with shape there`,
  // ── loss law and compute-optimal allocation (src/laws/loss-law.ts, compute-optimal.ts) ──
  noInteriorOptimum: (config: string, count: number, rows: number[]) =>
    `configuration ${config}: ${count} budget(s) without an interior optimum (rows ${rows.join(', ')}); excluded from the N*(C) fit`,
  tooFewOptima: (config: string, count: number) =>
    `configuration ${config}: only ${count} optima at distinct budgets; need at least 3 to fit N*(C) = k·C^a with an error estimate; not fitted`,
  lossLawTooFewPoints: (slice: string, count: number, params: number) =>
    `${slice}: ${count} usable point(s) for ${params} free parameters; not fitted`,
  lossLawNotConverged: (slice: string, message: string) =>
    `${slice}: the best start of the loss-law fit did not report convergence (${message}); estimates are where it stopped`,
  lossLawDroppedTop: (slice: string, count: number, rows: number[]) =>
    `${slice}: excluded the ${count} highest loss(es) (--drop-top), rows ${rows.join(', ')}`,
  lossLawSkippedRuns: (slice: string, count: number) =>
    `${slice}: ${count} run(s) with a missing or non-finite N, D or loss were left out of the fit`,
  noKeptRuns: () => 'no runs within the band of their group minimum: nothing to fit',
  tooFewKeptRuns: (kept: number, needed: number) => `only ${kept} kept run(s) for ${needed} coefficients: widen the band or add runs`,
  singleLevelKept: (axis: 'lr' | 'batch', value: number) =>
    `every kept run has the same ${axis === 'lr' ? 'learning rate' : 'batch size'} (${value}): the ${axis} law is not identified and is reported as that constant`,
  regressionNotConverged: (method: string, target: string, status: string, why: string) =>
    `${method} fit of ${target} did not converge (${status}: ${why}); its estimates are not to be trusted`,
  notAFitFile: (file: string) => `${file}: not a steplaw fit file (expected "kind": "steplaw-fit")`,
  stepLawBootstrapFailed: (failed: number, nboot: number) =>
    `${failed} of ${nboot} bootstrap resamples could not identify the coefficients and were dropped`,
  lossLawBootstrapFailed: (slice: string, failed: number, nboot: number) =>
    `${slice}: ${failed} of ${nboot} bootstrap refits failed (not converged or non-finite); intervals use the rest`,
  lossLawSingleLevel: (slice: string, axis: string) =>
    `${slice}: all points share one ${axis}; the ${axis} term cannot be separated from E`,
  lossLawReduced: (slice: string, formula: string) =>
    `${slice}: fitted the reduced law ${formula} (E' absorbs the constant term); the other coefficient, its exponent and the compute-optimal split are not identified (NaN)`,
  lossLawNotIdentified: (slice: string) => `${slice}: all points share one N and one D; no loss law can be fitted`,

  lossLawNotFitted: (refused: boolean) => (refused ? 'not fitted: the points cannot identify the law (allowUnidentifiable fits anyway)' : 'not fitted'),
  // ── identifiability and extrapolation (src/laws/identifiability.ts, extrapolation.ts; issue 11) ──
  unidentifiable: (reason: string, subject: string, why: string, more: number) =>
    `not identifiable (${reason}): ${subject}: ${why}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}; the data cannot support this fit (--allow-unidentifiable fits anyway and marks every output)`,
  unidentifiableOverridden: (reason: string, subject: string, why: string) =>
    `NOT IDENTIFIABLE (${reason}), fitted anyway (--allow-unidentifiable): ${subject}: ${why}; do not use these coefficients as a law`,
  groupExcludedSingleLevel: (group: string, axes: string[]) =>
    `group ${group}: tried a single ${axes.join(' and ')} level where other groups searched it: no optimum to read; group excluded from the fit (--exclude-unbracketed)`,
  lossLawUnidentifiable: (slice: string, reason: string, subject: string, why: string) =>
    `${slice}: not identifiable (${reason}): ${subject}: ${why}; not fitted (--allow-unidentifiable fits anyway and marks every output)`,
  carriedWarnings: (first: string, more: number) => `${first}${more > 0 ? ` (and ${more} more such problem${more === 1 ? '' : 's'} in the fit file)` : ''}`,
  fitNonFiniteCoefficients: (target: string) =>
    `the ${target} fit gave non-finite coefficients: the data cannot identify it`,
  sameColumnTwice: (column: string, roles: string[]) =>
    `bad --map: column ${q(column)} is mapped to ${roles.join(' and ')}; each role needs its own column`,
  extrapolatedInput: (axis: string, value: number, side: 'above' | 'below', factor: number, bound: number) =>
    `${axis} = ${value.toPrecision(3)} is ${factor.toPrecision(2)}× ${side} the ${side === 'above' ? 'largest' : 'smallest'} ${axis} fitted (${bound.toPrecision(4)}): extrapolated, the interval covers coefficient uncertainty only`,
  predictionNotFinite: (law: string, what: string, value: number) =>
    `law ${q(law)} gives ${what} = ${value} at these inputs: not a finite positive number, refused (are --N and --D in parameters and tokens?)`,
  inputNotPlausible: (option: string, value: number, why: string) => `bad ${option} ${value}: ${why}`,
  batchNotPhysical: (law: string, batchTokens: number, why: string) =>
    `law ${q(law)} gives a batch of ${batchTokens.toPrecision(3)} tokens at these inputs: ${why}, not a batch one can train with; refused (are --N and --D in parameters and tokens?)`,
  fitFileBad: (file: string, field: string, why: string) => `${file}: not a valid steplaw fit file: field ${q(field)} ${why}`,
  // ── fitter (nonlinear least-squares engine, src/fitter/) ─────────────
  fitNotConverged: (status: string, why: string) => `fit did not converge (${status}): ${why}`,
  fitAtBoundary: (param: string, side: 'min' | 'max', bound: number) =>
    `parameter ${q(param)} is at its ${side} bound ${bound}; its standard error is not estimated and the others' are conditional on it`,
  fitCovarianceSingular: (why: string) => `uncertainties could not be estimated: ${why}`,
  fitIllConditioned: (condition: number) =>
    `the Jacobian is ill-conditioned (condition number ${condition.toPrecision(3)} with unit-norm columns); parameters are nearly collinear and standard errors are fragile`,
  fitNonFinite: (where: string) => `non-finite values (NaN or Infinity) in the ${where}`,
  // ── validate / laws (issue 4) ─────────────────────────────────────────
  unknownLaw: (name: string, names: string[]) =>
    `unknown law ${q(name)}: use one of ${names.join(', ')}, or the path of a fit JSON written by \`steplaw fit\``,
  lawNotEvaluable: (name: string, why: string) => `law ${q(name)} cannot be evaluated: ${why}`,
  openAiLrNonPositive: (N: number, limit: number) =>
    `the formula 3.239e-3 − 1.395e-4·ln N is ≤ 0 for N ≥ ${limit.toExponential(1)} (N = ${N.toExponential(2)} given)`,
  predictNeeds: (inputs: string[]) =>
    `needs ${inputs.map((i) => `--${i}, ${Object.hasOwn(LAW_INPUT_WORDS, i) ? LAW_INPUT_WORDS[i] : i}`).join(', and ')}`,
  lawGivesNothing: () => 'the law gives no value at these inputs',
  predictNothing: (name: string, lr: string, batch: string) => `law ${q(name)} predicts nothing here — lr: ${lr}; batch: ${batch}`,
  lawNeedsMissing: (name: string, inputs: string[], why: string) =>
    `law ${q(name)} needs ${inputs.join(', ')}, which the data do not give: ${why}`,
  computeNeedsShape: () =>
    'training compute C = M·D needs the model-shape columns h, ffnh and numl (M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h) or an M column',
  nColumnMissing: (column: string, columns: string[]) =>
    `--N-column ${q(column)}: no such numeric column in the data (columns: ${columns.map(q).join(', ')})`,
  nColumnInconsistent: (group: string, column: string) =>
    `group ${group}: column ${q(column)} takes more than one value inside the group; cannot use it as N`,
  noGroups: () => 'no groups with a usable run in the data',
  groupNotPredicted: (group: string, law: string, missing: string[]) =>
    `group ${group}: law ${q(law)} predicts nothing here (missing ${missing.join(', ')}); group skipped`,
  predictionUnplaceable: (what: string, value: number) => `the law predicts ${what} = ${value}, which cannot be placed on the grid's log axes`,
  latticeEmpty: () => 'the group has no run to read a loss from',
  readingNotFinite: (value: number) => `the loss read at the prediction is ${value}`,
  groupNotEvaluable: (group: string, law: string, why: string) => `group ${group}: law ${q(law)} is not evaluable here (${why}); not scored`,
  cvFitFailed: (group: string, why: string) => `group ${group}: the leave-one-group-out fit failed (${why}); group skipped`,
  // ── plan (src/plan, steplaw plan) ────────────────────────────────────
  planModeConflict: () => 'give either --replay <csv> (simulate the planner on a complete grid) or targets (--N and --D, or --ladder <csv>), not both',
  planNoTargets: () => 'no targets: give --N and --D, or --ladder <csv> with columns N and D (or --replay <csv>)',
  planTargetHalf: () => '--N and --D go together: give both (or --ladder <csv>)',
  planPriorLacks: (law: string, what: string) =>
    `law ${q(law)} has no ${what} formula: the planner needs a prior that predicts both lr and batch (e.g. steplaw, deepseek, porian, or a fit JSON)`,
  planPriorNoPrediction: (law: string, group: string, needs: string[]) =>
    `law ${q(law)} predicts nothing for ${group} (it needs ${needs.join(', ')}); for a compute-based law the planner uses C = 6·N·D when the data give no shape`,
  planLadderColumn: (file: string, column: string) => `${file}: missing required column ${q(column)} (a ladder has one target per row: columns N and D)`,
  planAfterOutsideLadder: (group: string) => `runs of group ${group} are not on the ladder; they are ignored (add the target to --ladder to plan it)`,
  planGridCannotIdentify: () => 'the complete grid cannot identify the law (fewer group optima than coefficients)',
  planNoiseModelUnidentified: () => "the grid does not identify the planner's noise model (curvature, run noise and scatter of the optima)",
  planCannotIdentify: () => 'the revealed runs cannot identify the law (fewer group optima than coefficients): raise --runs-per-group or use more groups',
  planRunsPerGroup: (k: number) => `bad --runs-per-group ${q(String(k))}: an integer ≥ 3 (a group's optimum needs three runs)`,
  planWritten: (path: string, runs: number) => `${runs} proposed run${runs === 1 ? '' : 's'} written to ${path}`,
  planNothingToPropose: () => 'every group on the ladder has its runs: nothing left to propose (fit the law with `steplaw fit`, or raise --runs-per-group)',
  // ── report (src/report, steplaw report) ──────────────────────────────
  reportWritten: (path: string, figures: number) =>
    `report written: ${path} (${figures} figure${figures === 1 ? '' : 's'}, each also a .svg file beside it)`,
  reportRenderWarnings: (count: number, first: string) => `the plotting library reported ${count} warning(s), e.g. ${first}`,
  // ── output (src/util/atomic-write.ts, output-guard.ts) and the command line (src/cli/main.ts) ──
  outDirOption: () => 'folder every output path is relative to (default: the current directory)',
  outputRule: () =>
    'Output: files are written under the current directory, or under --out-dir DIR; relative output paths (--out) are taken relative to it. Input data shipped with steplaw are read from the installed package.',
  cannotWrite: (path: string, reason: string) => `cannot write ${path}: ${reason}`,
  notADirectory: () => 'it exists and is not a directory',
  outputIsInput: (out: string, input: string) =>
    `refusing to write ${out}: it is the input file ${input}; choose another output path`,
  outputDirNotOurs: (dir: string, marker: string, force: string) =>
    `refusing to write into ${dir}: it is a non-empty directory steplaw did not make (no ${marker} file); choose another folder or add ${force} to write into it anyway`,
  optionTooLarge: (option: string, value: string, max: number, why: string) =>
    `bad ${option} ${q(value)}: at most ${max.toLocaleString('en-US')} (${why})`,
  usage: (text: string, command: string) => `${text} (run ${command} --help for usage)`,
  internalError: (text: string) =>
    `internal error: ${text}. This is a bug, please report it with the command you ran (set STEPLAW_DEBUG=1 to print the stack trace)`,
};

type Messages = typeof messages;

/**
 * Every message, with the whole text passed through `sanitize`: whatever a
 * user-supplied name carries (a newline in a file name, an ANSI escape in a
 * run name), a message stays one printable line.
 */
export const msg: Messages = Object.fromEntries(
  Object.entries(messages).map(([name, fn]) => [name, (...args: unknown[]) => sanitize((fn as (...a: unknown[]) => string)(...args))]),
) as Messages;
