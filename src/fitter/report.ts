/**
 * Fit reports laid out like lmfit's `fit_report` (lmfit/printfuncs.py):
 * [[Fit Statistics]], [[Variables]] (value +/- stderr (relative %) (init = …)),
 * [[Correlations]] (|C| > 0.1, largest first), and the warnings. `fitResultJson`
 * carries the same content in JSON-safe form (non-finite numbers → null).
 */
import type { FitResult } from './types.js';
import { textLines } from '../util/text-table.js';
import { significant } from '../util/format.js';

/**
 * lmfit's `gformat`-like number for fit reports: 10 significant digits,
 * plain in [1e-4, min(1e10, 10^digits)) (where `toPrecision` is plain),
 * trailing zeros trimmed, the exponent's `+` kept;
 * missing values print as `n/a`, non-finite ones as JavaScript writes them.
 */
export function gformat(v: number | null | undefined, digits = 10): string {
  if (v === null || v === undefined) return 'n/a';
  if (!Number.isFinite(v)) return String(v);
  return significant(v, digits, [1e-4, Math.min(1e10, 10 ** digits)], true);
}

export function fitReport(result: FitResult, opts: { title?: string; minCorrelation?: number } = {}): string {
  const minC = opts.minCorrelation ?? 0.1;
  const L: string[] = [];
  if (opts.title) L.push(`[[Model]]`, `    ${opts.title}`);
  L.push('[[Fit Statistics]]');
  L.push(`    # fitting method   = levenberg-marquardt (MINPACK lmder), loss = ${result.options.loss}${result.options.loss !== 'linear' ? `, f_scale = ${gformat(result.options.fScale)}` : ''}`);
  L.push(`    # function evals   = ${result.nfev}`);
  L.push(`    # jacobian evals   = ${result.njev}`);
  L.push(`    # data points      = ${result.ndata}`);
  L.push(`    # variables        = ${result.nvarys}`);
  L.push(`    status             = ${result.status} (${result.success ? 'success' : 'FAILED'})`);
  L.push(`    chi-square         = ${gformat(result.chisqr)}`);
  L.push(`    reduced chi-square = ${gformat(result.redchi)}`);
  L.push(`    Akaike info crit   = ${gformat(result.aic)}`);
  L.push(`    Bayesian info crit = ${gformat(result.bic)}`);
  if (result.rsquared !== undefined) L.push(`    R-squared          = ${gformat(result.rsquared)}`);
  if (result.options.loss !== 'linear') L.push(`    cost (robust)      = ${gformat(result.cost)}`);
  const ms = (result as { starts?: number; convergedStarts?: number });
  if (ms.starts !== undefined) L.push(`    # starts           = ${ms.starts} (${ms.convergedStarts} converged)`);
  L.push('[[Variables]]');
  const w = Math.max(...result.params.map((q) => q.name.length)) + 1;
  for (const q of result.params) {
    let line = `    ${(q.name + ':').padEnd(w + 1)} ${gformat(q.value)}`;
    if (q.fixed) line += ' (fixed)';
    else {
      if (q.stderr !== null) {
        const rel = q.value !== 0 ? ` (${((100 * q.stderr) / Math.abs(q.value)).toFixed(2)}%)` : '';
        line += ` +/- ${gformat(q.stderr, 8)}${rel}`;
      } else line += ' +/- (not estimated)';
      line += ` (init = ${gformat(q.init)})`;
      if (q.atBoundary) line += ' (at boundary)';
    }
    L.push(line);
  }
  const pairs: [string, number][] = [];
  const names = result.covarianceParams;
  for (let a = 0; a < names.length; a++)
    for (let b = a + 1; b < names.length; b++) {
      const c = result.correl[names[a]]?.[names[b]];
      if (c !== undefined && Math.abs(c) > minC) pairs.push([`C(${names[a]}, ${names[b]})`, c]);
    }
  if (pairs.length) {
    pairs.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
    L.push(`[[Correlations]] (unreported correlations are < ${minC.toFixed(3)})`);
    const cw = Math.max(...pairs.map((p) => p[0].length));
    for (const [k, c] of pairs) L.push(`    ${k.padEnd(cw)} = ${c >= 0 ? '+' : ''}${c.toFixed(4)}`);
  }
  if (result.warnings.length) {
    L.push('[[Warnings]]');
    for (const wn of result.warnings) L.push(`    ${wn.code}: ${wn.message}`);
  }
  return textLines(L);
}

const safe = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

export function fitResultJson(result: FitResult): object {
  const ms = result as FitResult & { starts?: number; convergedStarts?: number; bestStart?: number };
  return {
    success: result.success,
    status: result.status,
    message: result.message,
    method: 'levenberg-marquardt (MINPACK lmder)',
    options: { ...result.options },
    statistics: {
      nfev: result.nfev,
      njev: result.njev,
      iterations: result.iterations,
      ndata: result.ndata,
      nvarys: result.nvarys,
      nfree: result.nfree,
      cost: safe(result.cost),
      chisqr: safe(result.chisqr),
      redchi: safe(result.redchi),
      aic: safe(result.aic),
      bic: safe(result.bic),
      rsquared: safe(result.rsquared),
      condition: safe(result.condition),
      ...(ms.starts !== undefined ? { starts: ms.starts, convergedStarts: ms.convergedStarts, bestStart: ms.bestStart } : {}),
    },
    params: result.params.map((q) => ({
      name: q.name,
      value: safe(q.value),
      stderr: safe(q.stderr),
      init: safe(q.init),
      min: safe(q.min),
      max: safe(q.max),
      fixed: q.fixed,
      atBoundary: q.atBoundary,
    })),
    covarianceParams: result.covarianceParams,
    covariance: result.covariance ? result.covariance.map((row) => row.map((v) => safe(v))) : null,
    correl: result.correl,
    residuals: result.residuals.map((v) => safe(v)),
    warnings: result.warnings,
  };
}
