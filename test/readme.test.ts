/**
 * The README quotes results; they must be the numbers the code writes to
 * fits/, not numbers copied from some earlier run. Each quoted figure is
 * recomputed here from the committed records (which test/reproduce checks
 * against the code) and looked up in the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const fits = (f: string) => JSON.parse(readFileSync(join(repoRoot, 'fits', f), 'utf8'));
const pct = (v: number) => `${(100 * v).toFixed(3)}%`;

describe('README figures come from fits/', () => {
  it('Step Law reproduction table', () => {
    const r = fits('steplaw-reproduction.json');
    const d = r.coefficients.find((c: { law: string; term: string }) => c.law === 'lr' && c.term === 'lnD');
    expect(readme).toContain(`[${d.rederived.ci95[0].toFixed(3)}, ${d.rederived.ci95[1].toFixed(3)}] | **no** (${d.distanceInBootstrapSd.toFixed(1)} SD)`);
    expect(readme).toContain(`| lr D-exponent | 0.307 | 0.307491 | ${d.rederived.leastSquares.toFixed(6)} ± ${d.rederived.stderr.toFixed(3)} | ${d.rederived.bootstrapMean.toFixed(3)} |`);
    // Headline: the group (cluster) bootstrap; the authors' run bootstrap beside it.
    const [g, runs] = d.byResample;
    expect(g.resample).toBe('groups');
    expect(runs.resample).toBe('runs');
    expect(readme).toContain(`| [${runs.ci95[0].toFixed(3)}, ${runs.ci95[1].toFixed(3)}] | **no** (${runs.distanceInBootstrapSd.toFixed(1)} SD) |`);
    expect(readme).toContain(`D-exponent 0.307 lies ${g.distanceInBootstrapSd.toFixed(1)} group-bootstrap standard deviations`);
    expect(readme).toContain(`(bootstrap mean ${g.bootstrapMean.toFixed(3)}, interval\n${g.ci95[0].toFixed(3)}–${g.ci95[1].toFixed(3)})`);
    expect(readme).toContain(`narrow (${runs.ci95[0].toFixed(3)}–${runs.ci95[1].toFixed(3)}) and the distance look larger (${runs.distanceInBootstrapSd.toFixed(1)} SD)`);
    expect(readme).toContain(`plain percentiles (${g.percentileCi95[0].toFixed(3)}–${g.percentileCi95[1].toFixed(3)})`);
    expect(readme).toContain(`at about ${g.distanceInBootstrapSd.toFixed(1)} standard errors rather than ${runs.distanceInBootstrapSd.toFixed(1)}`);
    expect(r.data.keptRuns).toBe(129);
    expect(readme).toContain('(129 of the 1911 dense');
  });
  it('validation of the published law, dense and MoE', () => {
    const v = fits('steplaw-validation.json');
    const s = (x: { summary: { meanRelativeError: number; medianRelativeError: number; maxRelativeError: number } }) => x.summary;
    const rounded = s(v.dense.roundedNearest);
    expect(readme).toContain(`| Step Law, rounded constants | ${pct(rounded.meanRelativeError)} | ${pct(rounded.medianRelativeError)} | ${pct(rounded.maxRelativeError)} |`);
    const means = s(v.dense.bootstrapMeansNearest);
    expect(readme).toContain(`| Step Law, bootstrap-mean constants | ${pct(means.meanRelativeError)} | ${pct(means.medianRelativeError)} | ${pct(means.maxRelativeError)} |`);
    expect(readme).toContain(`(mean ${pct(s(v.moe.totalNRoundedNearest).meanRelativeError)},`);
    expect(readme).toContain(`worst ${pct(s(v.moe.totalNRoundedNearest).maxRelativeError)} at 3in8`);
    expect(readme).toContain(`(mean ${pct(s(v.moe.activatedNRoundedNearest).meanRelativeError)}, worst ${pct(s(v.moe.activatedNRoundedNearest).maxRelativeError)})`);
  });
  it('compare table rows', () => {
    const c = fits('compare-dense.json');
    const names: Record<string, string> = {
      'refit-dense': 'refit of the released dense runs',
      microsoft: 'Microsoft (Bjorck et al.) ¹',
      porian: 'Porian et al.',
      deepseek: 'DeepSeek (Bi et al.) ²',
      minicpm: 'MiniCPM (Hu et al.) ³',
      openai: 'OpenAI (Kaplan et al.) ⁴',
    };
    for (const row of c.rows) {
      if (!names[row.law]) continue;
      expect(readme).toContain(`| ${names[row.law]} | ${pct(row.meanRelativeError)} | ${pct(row.medianRelativeError)} | ${pct(row.maxRelativeError)} | ${row.insideBand}/${row.groups} |`);
    }
  });
  it('cross-validation, MoE slices, Gadre check, Porian', () => {
    const cv = fits('cv-dense.json');
    expect(readme).toContain(`gives mean ${pct(cv.summary.cv.meanRelativeError)} (worst ${pct(cv.summary.cv.maxRelativeError)})`);
    const m = fits('slices-moe-sparsity.json');
    const lrD = m.exponents.find((e: { exponent: string }) => e.exponent === 'lr/lnD');
    for (const s of m.slices) {
      expect(s.groups).toBe(4);
      expect(s.lr.interval).toBe('centroid-t');
    }
    expect(readme).toContain('rest on **4 (N, D) groups**');
    const lrLevels = m.levels.comparisons.filter((c: { quantity: string }) => c.quantity === 'lr');
    const shared = lrLevels.filter((c: { method: string }) => c.method === 'shared-exponents');
    const ratios = shared.map((c: { ratio: number }) => c.ratio);
    expect(readme).toContain(`shared-exponent ratios lie between ${Math.min(...ratios).toFixed(3)} and ${Math.max(...ratios).toFixed(3)}`);
    const c13 = shared.find((c: { pair: string[] }) => c.pair[0] === 'moe_name=1in8' && c.pair[1] === 'moe_name=3in8');
    expect(readme).toContain(`1in8 / 3in8\n  ×${c13.ratio.toFixed(3)} [${c13.ci95[0].toFixed(3)}, ${c13.ci95[1].toFixed(3)}]`);
    const resolved = lrLevels.filter((c: { resolved: boolean }) => c.resolved).length;
    expect(readme).toContain(`${resolved === 0 ? 'none' : resolved} of the ${lrLevels.length} lr ratios`);
    for (const s of lrD.slices) {
      expect(readme).toContain(`${s.slice.replace('moe_name=', '')} ${s.estimate.toFixed(3)}`);
      expect(readme).toContain(`[${s.ci95[0].toFixed(3)}, ${s.ci95[1].toFixed(3)}]`);
    }
    const g = fits('gadre-loss-law.json');
    for (const p of g.check.predictions) expect(readme).toContain(`**${p.relativeErrorPct.toFixed(4)}%**`);
    const p = fits('porian-compute-optimal.json');
    expect(p.allMatch3dp).toBe(true);
    expect(readme).toContain('reproduces **all 15** stored');
  });
});

describe('README: what the tool refuses (issue 11) is what the code does', () => {
  it('the condition-number limit, the level count and the extrapolation wording come from the code', async () => {
    const { MAX_CONDITION, MIN_LR_LEVELS } = await import('../src/laws/identifiability.js');
    const { extrapolation } = await import('../src/laws/extrapolation.js');
    expect(readme).toContain(`a condition number under ${MAX_CONDITION}`);
    expect(MIN_LR_LEVELS).toBe(3);
    expect(readme).toContain('at least three levels of each axis');
    const x = extrapolation({ N: [1e8, 1.6e9], D: [2e10, 3.2e11] }, { N: 1e15 })[0];
    // The README wraps lines: compare with whitespace collapsed.
    expect(readme.replace(/\s+/g, ' ')).toContain(`(\`${x.message.slice(0, x.message.indexOf(' ('))}\`)`);
  });
});
