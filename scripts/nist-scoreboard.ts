/**
 * NIST StRD scoreboard for the fitter engine: every problem from both starts,
 * the minimum number of significant digits (LRE) of the parameters and of the
 * standard errors against the certified values, and the evaluations used.
 * Run: npx tsx scripts/nist-scoreboard.ts [--fd] [path/to/nist-strd]
 * "solved" = the engine reports success AND params ≥ 6 digits AND stderr ≥ 4 digits.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leastSquares } from '../src/fitter/index.js';
import { lre, nistResiduals, parseNist } from '../test/helpers/nist.js';

export interface ScoreRow {
  problem: string;
  start: 1 | 2;
  success: boolean;
  status: string;
  solved: boolean;
  lreParams: number;
  lreStderr: number;
  nfev: number;
  njev: number;
}

/** The repository root: the nearest folder above this script holding package.json (works from scripts/ and dist/scripts/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('nist-scoreboard: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** The 27 NIST StRD problems, test/fixtures/nist-strd/ in the repository (see its SOURCE.md). */
export function nistDir(): string {
  return join(repoRoot(), 'test', 'fixtures', 'nist-strd');
}

export function scoreNist(dir = nistDir(), analytic = true): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.dat')).sort();
  for (const f of files) {
    const name = f.replace(/\.dat$/, '');
    const prob = parseNist(name, readFileSync(resolve(dir, f), 'utf8'));
    const { residuals, jacobian } = nistResiduals(prob, analytic);
    for (const start of [1, 2] as const) {
      const sv = start === 1 ? prob.start1 : prob.start2;
      const res = leastSquares({ params: prob.names.map((n, i) => ({ name: n, value: sv[i] })), residuals, jacobian });
      const lp = Math.min(...prob.certified.map((c, i) => lre(res.x[i], c)));
      const ls = Math.min(...prob.certifiedStd.map((c, i) => lre(res.params[i].stderr ?? NaN, c)));
      rows.push({
        problem: name,
        start,
        success: res.success,
        status: res.status,
        solved: res.success && lp >= 6 && ls >= 4,
        lreParams: lp,
        lreStderr: ls,
        nfev: res.nfev,
        njev: res.njev,
      });
    }
  }
  return rows;
}

export function scoreboardMarkdown(rows: ScoreRow[]): string {
  const solved = rows.filter((r) => r.solved).length;
  const wrong = rows.filter((r) => r.success && r.lreParams < 6).length;
  const failed = rows.filter((r) => !r.success).length;
  const shortSe = rows.filter((r) => r.success && r.lreParams >= 6 && r.lreStderr < 4).map((r) => `${r.problem} start ${r.start}`);
  const L = [
    `Solved ${solved} of ${rows.length} (params ≥ 6 significant digits and std devs ≥ 4). ` +
      `Reported failures: ${failed}. Wrong parameters claimed as converged: ${wrong}.` +
      (shortSe.length ? ` Converged with correct parameters but std devs < 4 digits: ${shortSe.join(', ')}.` : ''),
    '',
    '| problem | start | solved | status | min sig. digits params | min sig. digits stderr | nfev | njev |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    L.push(
      `| ${r.problem} | ${r.start} | ${r.solved ? 'yes' : 'NO'} | ${r.status} | ${r.lreParams.toFixed(1)} | ${r.lreStderr.toFixed(1)} | ${r.nfev} | ${r.njev} |`,
    );
  return L.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const fd = args.includes('--fd');
  const dir = args.find((a) => !a.startsWith('--')) ?? nistDir();
  if (!existsSync(dir)) {
    console.error(`nist-scoreboard: no NIST StRD folder at ${dir}`);
    process.exit(2);
  }
  console.log(scoreboardMarkdown(scoreNist(dir, !fd)));
}
