/**
 * Text report of a Step Law fit, laid out like lmfit's fit report
 * ([[Data]], [[Fit Statistics]], [[Variables]]) so scientists read it at a glance.
 */
import type { CoefficientEstimate, RegressionSummary, StepLawFit } from './steplaw-fit.js';
import { textLines } from '../util/text-table.js';
import { sig } from '../util/format.js';

const METHOD_TEXT: Record<string, string> = {
  ols: 'ols (ordinary least squares on natural logs, the authors\' method)',
  huber: 'huber (log-space least squares with Huber loss, delta = 1.345·1.4826·MAD of OLS residuals)',
  nls: 'nls (least squares on relative residuals (pred − obs)/obs in linear space)',
};

const INTERVAL_TEXT: Record<RegressionSummary['interval'], string> = {
  'group-bootstrap-t': 'estimate ± t(G−1)·√(G/(G−1))·SD of the group (cluster) bootstrap',
  'run-bootstrap': 'percentiles of the run bootstrap (treats runs as independent: too narrow when groups have offsets)',
  'centroid-t': 'two-step t intervals on the group centroids (too few groups for a bootstrap)',
  none: 'not available',
};

const g = (v: number, d = 6): string => sig(v, d);

function variables(s: RegressionSummary): string[] {
  const lines: string[] = [];
  for (const t of s.terms) {
    const name = t.term.padEnd(10);
    const rel = t.estimate !== 0 ? ` (${g(Math.abs((100 * t.stderr) / t.estimate), 3)}%)` : '';
    let line = `    ${name} ${g(t.estimate).padStart(12)} +/- ${g(t.stderr, 4)}${rel}`;
    if (t.bootstrapMean !== undefined) line += `   bootstrap mean ${g(t.bootstrapMean)}`;
    if (t.ci95) line += `  95% [${g(t.ci95[0], 5)}, ${g(t.ci95[1], 5)}]`;
    if (t.bootstrapCi95) line += `  (bootstrap percentiles [${g(t.bootstrapCi95[0], 5)}, ${g(t.bootstrapCi95[1], 5)}])`;
    lines.push(line);
  }
  return lines;
}

function lawText(s: RegressionSummary, use: (t: CoefficientEstimate) => number): string {
  const get = (term: string) => s.terms.find((t) => t.term === term);
  const c0 = get('intercept');
  const parts = [`${g(Math.exp(c0 ? use(c0) : 0), 4)}`];
  const n = get('lnN');
  const d = get('lnD');
  if (n) parts.push(`N^${g(use(n), 4)}`);
  if (d) parts.push(`D^${g(use(d), 4)}`);
  return parts.join('·');
}

export function stepLawFitReport(fit: StepLawFit): string {
  const out: string[] = [];
  out.push('[[Data]]');
  out.push(`    files              = ${fit.data.files.map((f) => f.path).join(', ')}`);
  out.push(`    groups             = ${fit.data.groups}`);
  out.push(`    runs               = ${fit.data.runs} (usable ${fit.data.usableRuns}; excluded: ${fit.data.excluded.nonFiniteLoss} non-finite loss, ${fit.data.excluded.diverged} diverged)`);
  out.push(`    band               = ${fit.options.band} (runs within ${g(100 * fit.options.band, 4)}% of their group minimum)`);
  out.push(`    kept runs          = ${fit.data.keptRuns}`);
  if (fit.data.range) {
    const r = fit.data.range;
    out.push(`    fitted range       = N ${r.N[0].toPrecision(4)} – ${r.N[1].toPrecision(4)}, D ${r.D[0].toPrecision(4)} – ${r.D[1].toPrecision(4)} (predictions outside it are extrapolations)`);
  }
  for (const s of [fit.lr, fit.batch]) {
    out.push(`[[Fit Statistics: ${s.target}]]`);
    out.push(`    method             = ${METHOD_TEXT[fit.method]}`);
    if (s.engine) {
      out.push(`    converged          = ${s.engine.success ? 'yes' : 'NO'} (${s.engine.status}; ${s.engine.nfev} function evaluations)`);
      if (s.engine.fScale !== undefined) out.push(`    Huber delta (ln)   = ${g(s.engine.fScale)}`);
    }
    out.push(`    # data points      = ${s.n}`);
    out.push(`    # variables        = ${s.terms.length}`);
    out.push(`    dof                = ${s.dof}`);
    out.push(`    R-squared          = ${g(s.r2)}`);
    out.push(`    residual sd (ln)   = ${g(s.sigma)}`);
    out.push(`[[Variables: ${s.target}]]`);
    out.push(`    95% intervals      = ${INTERVAL_TEXT[s.interval]}`);
    out.push(...variables(s));
    if (s.olsReference) {
      out.push(`    (authors' OLS on the same runs: ${s.olsReference.map((t) => `${t.term} ${g(t.estimate)} +/- ${g(t.stderr, 4)}`).join(', ')})`);
    }
  }
  if (fit.bootstrap) {
    out.push('[[Bootstrap]]');
    out.push(`    resamples          = ${fit.bootstrap.resamples} (seed ${fit.bootstrap.seed}; ${fit.bootstrap.failed} failed)`);
    out.push(
      `    resampled          = ${fit.bootstrap.resample === 'groups' ? `whole (N, D) groups (${fit.bootstrap.units} clusters; --resample runs for the authors' run bootstrap)` : `kept runs independently (${fit.bootstrap.units} runs; the authors' way, which ignores that runs of one group share its offset)`}`,
    );
  }
  out.push('[[Law]]');
  if (fit.warnings.some((w) => w.code === 'unidentifiable')) {
    out.push('    NOT IDENTIFIABLE   = fitted anyway (--allow-unidentifiable); see [[Warnings]]: do not use as a law');
  }
  const use = (t: CoefficientEstimate) => t.bootstrapMean ?? t.estimate;
  out.push(`    lr(N, D)           = ${lawText(fit.lr, use)}`);
  out.push(`    B(D) [tokens]      = ${lawText(fit.batch, use)}`);
  out.push(`    (coefficients: ${fit.lawSource === 'bootstrap-mean' ? 'bootstrap means, as the authors report' : 'least-squares estimates'})`);
  if (fit.warnings.length > 0) {
    out.push('[[Warnings]]');
    // At most 5 of one kind in the text (the JSON has them all).
    const shown = new Map<string, number>();
    for (const w of fit.warnings) {
      const k = (shown.get(w.code) ?? 0) + 1;
      shown.set(w.code, k);
      if (k <= 5) out.push(`    [${w.code}] ${w.message}`);
    }
    for (const [code, k] of shown) if (k > 5) out.push(`    [${code}] … and ${k - 5} more (all in the fit JSON)`);
  }
  return textLines(out);
}
