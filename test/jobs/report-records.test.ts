/**
 * One pipeline (issue 12): after `reproduce --bootstrap 20`, every number the
 * report prints for the Step Law fit, the validation, the compare tables and
 * the MoE slices is the value of the corresponding fits/ record, read by the
 * same (named) reader — the report draws the job's results, it never refits.
 * Expected cells are the record values put through the report's own cell
 * formatter, so a cell matches only if it shows that record value.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fmtNum, fmtPct } from '../../src/report/format.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-report-records-'));
const run = runCli(['reproduce', '--bootstrap', '20', '--out-dir', dir]);
const html = run.status === 0 ? readFileSync(join(dir, 'report', 'index.html'), 'utf8') : '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const record = (file: string): any => JSON.parse(readFileSync(join(dir, 'fits', file), 'utf8'));

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The table with this id: caption text, header labels, and rows as label → cell text. */
function table(id: string): { caption: string; rows: Record<string, string>[] } {
  const m = html.match(new RegExp(`<figure class="table" id="${id}"[^>]*>([\\s\\S]*?)</figure>`));
  if (!m) throw new Error(`no table ${id} in the report`);
  const cells = (row: string, tag: string) => [...row.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((c) => unescape(c[1].replace(/<[^>]+>/g, '')));
  const head = cells(m[1].match(/<thead>([\s\S]*?)<\/thead>/)![1], 'th');
  const body = m[1].match(/<tbody>([\s\S]*?)<\/tbody>/)![1];
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => Object.fromEntries(cells(r[1], 'td').map((c, k) => [head[k], c])));
  const caption = unescape(m[1].match(/<figcaption>([\s\S]*?)<\/figcaption>/)![1].replace(/<[^>]+>/g, ''));
  return { caption, rows };
}

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '–' : fmtNum(v, digits));
const pct = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '–' : fmtPct(v, digits));

describe('reproduce --bootstrap 20: the report shows the records', () => {
  it('runs', () => expect(run.status, run.stderr).toBe(0));

  it('every bootstrap count in the report is the 20 the records hold', () => {
    const fit = record('steplaw-dense.fit.json');
    expect(fit.bootstrap.resamples).toBe(20);
    expect(record('slices-moe-sparsity.json').options.bootstrap).toBe(20);
    const counts = [...html.matchAll(/(\d+) bootstrap (?:resamples|fits)/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(5);
    expect(new Set(counts)).toEqual(new Set([20]));
  });

  for (const [label, file] of [
    ['dense-models', 'steplaw-dense.fit.json'],
    ['moe-models-total-n', 'steplaw-moe.fit.json'],
  ]) {
    it(`the ${label} reproduction table is ${file}: bootstrap means and 95% intervals`, () => {
      const fit = record(file);
      const t = table(`reproduction-${label}`);
      const terms: Record<string, [string, string]> = {
        'ln lr: intercept': ['lr', 'intercept'], 'ln lr: N-exponent': ['lr', 'lnN'], 'ln lr: D-exponent': ['lr', 'lnD'],
        'ln B: intercept': ['batch', 'intercept'], 'ln B: N-exponent': ['batch', 'lnN'], 'ln B: D-exponent': ['batch', 'lnD'],
      };
      expect(t.rows.length).toBeGreaterThanOrEqual(3);
      for (const row of t.rows) {
        // A fit without an N term labels its intercept `… at N = <the kept runs' N>`.
        const quantity = row.quantity.replace(/ at N = .*$/, '');
        expect(terms[quantity], row.quantity).toBeDefined();
        const [target, term] = terms[quantity];
        const est = fit[target].terms.find((x: { term: string }) => x.term === term);
        // A term with a bootstrap interval shows its bootstrap mean and interval; without one (too few groups), the
        // least-squares estimate ± 1.96 stderr of the record.
        const [lo, hi] = est.ci95 ?? [est.estimate - 1.96 * est.stderr, est.estimate + 1.96 * est.stderr];
        expect(row['re-derived'], row.quantity).toBe(num(est.bootstrapMean ?? est.estimate, 4));
        expect(row['interval lo'], row.quantity).toBe(num(lo, 4));
        expect(row['interval hi'], row.quantity).toBe(num(hi, 4));
        if (est.ci95) expect(row.note).toContain(`${fit.bootstrap.resamples} resamples`);
      }
      expect(t.caption).toContain(`${fit.bootstrap.samples.length} bootstrap resamples, seed ${fit.options.seed}`);
    });
  }

  for (const [label, key] of [
    ['dense-models', 'dense.bootstrapMeansNearest'],
    ['moe-models-total-n', 'moe.totalNBootstrapMeansNearest'],
  ]) {
    it(`the ${label} validation table is steplaw-validation.json ${key}, same reader`, () => {
      const [data, name] = key.split('.');
      const v = record('steplaw-validation.json')[data][name];
      const t = table(`validation-${label}-0-steplaw`);
      expect(t.caption).toContain(`loss read by ${v.reader.name}`);
      const s = v.summary;
      expect(t.caption).toContain(`mean ${pct(s.meanRelativeError)}, median ${pct(s.medianRelativeError)}, max ${pct(s.maxRelativeError)} (${s.worstGroup})`);
      expect(t.rows).toHaveLength(v.groups.length);
      t.rows.forEach((row, k) => {
        const g = v.groups[k];
        expect(row.group).toBe(g.group);
        expect(row['predicted lr']).toBe(num(g.predicted.lr));
        expect(row['predicted batch']).toBe(num(g.predicted.batchTokens));
        expect(row['argmin lr']).toBe(num(g.argmin.lr));
        expect(row['L_min']).toBe(num(g.argmin.loss, 5));
        expect(row['L(pred)']).toBe(num(g.lossAtPrediction, 5));
        expect(row['relative error']).toBe(pct(g.relativeError));
        expect(row['inside 0.25%']).toBe(g.insideBand ? 'yes' : 'no');
      });
    });
  }

  for (const [label, file] of [
    ['dense-models', 'compare-dense.json'],
    ['moe-models-total-n', 'compare-moe.json'],
  ]) {
    it(`the ${label} compare table is ${file}, same reader`, () => {
      const c = record(file);
      const t = table(`compare-${label}`);
      expect(t.caption).toContain(`loss read by ${c.reader}`);
      expect(t.rows).toHaveLength(c.rows.length);
      for (const row of t.rows) {
        const r = c.rows.find((x: { title: string }) => x.title === row.law);
        expect(r, row.law).toBeDefined();
        expect(row['mean rel. error'], row.law).toBe(pct(r.meanRelativeError));
        expect(row.median, row.law).toBe(pct(r.medianRelativeError));
        expect(row.max, row.law).toBe(pct(r.maxRelativeError));
        expect(row.groups, row.law).toBe(String(r.evaluated));
      }
    });
  }

  it('the MoE Step Law error is one number: validation record, compare record and report agree', () => {
    const v = record('steplaw-validation.json').moe.totalNBootstrapMeansNearest.summary;
    const c = record('compare-moe.json').rows.find((r: { law: string }) => r.law === 'steplaw');
    expect(c.maxRelativeError).toBe(v.maxRelativeError);
    expect(c.meanRelativeError).toBe(v.meanRelativeError);
  });

  it('the MoE slice differences table is slices-moe-sparsity.json', () => {
    const study = record('slices-moe-sparsity.json');
    const t = table('slice-differences-moe-models-total-n-moe-name');
    const expected = study.exponents.flatMap((e: { exponent: string; differences: { a: string; b: string; difference: number; ci95: [number, number]; excludesZero: boolean }[] }) =>
      e.differences.map((d) => ({ a: d.a, b: d.b, 'a − b': num(d.difference), '95% lo': num(d.ci95[0]), '95% hi': num(d.ci95[1]), 'excludes 0': d.excludesZero ? 'yes' : 'no' })),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(t.rows.map(({ exponent: _e, ...rest }) => rest)).toEqual(expected);
    expect(html).toContain(`${study.options.bootstrap} bootstrap resamples, seed ${study.options.seed}`);
  });
});
