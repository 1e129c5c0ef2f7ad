/**
 * Engine benchmark: multiStart over the docs/method.md#loss-laws grid (4,500 starts) on
 * a 240-point synthetic Chinchilla data set (Hoffmann et al.'s law as truth,
 * 1% seeded log-normal noise), LSE parametrisation, Huber δ = 1e-3 on log
 * residuals, analytic Jacobian as one flat row-major array. Every start runs
 * to convergence at multiStart's screening tolerance (1e-8), the winner is
 * refined at 1e-10. Prints the median wall time of ≥ 3 runs, the CPU time, the
 * share spent in the model functions, and the machine.
 *
 *   npx tsx scripts/bench-engine.ts [--runs 3]
 */
import { performance } from 'node:perf_hooks';
import { gridStarts, multiStart, type LeastSquaresProblem } from '../src/fitter/index.js';
import { createRng } from '../src/util/random.js';
import { median } from '../src/util/stats.js';
import { machineLine } from './machine.js';

export function chinchillaProblem(m = 240, seed = 1): LeastSquaresProblem & { calls: { res: number; jac: number } } {
  const rng = createRng(seed);
  const [E, A, B, alpha, beta] = [1.69, 406.4, 410.7, 0.34, 0.28];
  const lnN = new Float64Array(m);
  const lnD = new Float64Array(m);
  const lnL = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const N = 10 ** (7 + 3 * rng.float());
    const D = 10 ** (9 + 3 * rng.float());
    lnN[i] = Math.log(N);
    lnD[i] = Math.log(D);
    lnL[i] = Math.log((E + A / N ** alpha + B / D ** beta) * Math.exp(0.01 * rng.normal()));
  }
  const calls = { res: 0, jac: 0 };
  // p = [a, alpha, b, beta, e]; ln L̂ = LSE(a − α ln N, b − β ln D, e)
  return {
    calls,
    params: ['a', 'alpha', 'b', 'beta', 'e'].map((name) => ({ name, value: 0 })),
    residuals(p) {
      calls.res++;
      const r = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const t1 = p[0] - p[1] * lnN[i];
        const t2 = p[2] - p[3] * lnD[i];
        const mx = Math.max(t1, t2, p[4]);
        r[i] = mx + Math.log(Math.exp(t1 - mx) + Math.exp(t2 - mx) + Math.exp(p[4] - mx)) - lnL[i];
      }
      return r;
    },
    jacobian(p) {
      calls.jac++;
      const J = new Float64Array(m * 5);
      for (let i = 0; i < m; i++) {
        const t1 = p[0] - p[1] * lnN[i];
        const t2 = p[2] - p[3] * lnD[i];
        const mx = Math.max(t1, t2, p[4]);
        const e1 = Math.exp(t1 - mx);
        const e2 = Math.exp(t2 - mx);
        const e3 = Math.exp(p[4] - mx);
        const s = 1 / (e1 + e2 + e3);
        const o = i * 5;
        J[o] = e1 * s;
        J[o + 1] = -e1 * s * lnN[i];
        J[o + 2] = e2 * s;
        J[o + 3] = -e2 * s * lnD[i];
        J[o + 4] = e3 * s;
      }
      return J;
    },
  };
}

export function chinchillaStarts(): number[][] {
  const ax = (a: number, b: number, s: number) => Array.from({ length: Math.round((b - a) / s) + 1 }, (_, i) => a + i * s);
  // order [a, alpha, b, beta, e]
  return gridStarts([ax(0, 25, 5), ax(0, 2, 0.5), ax(0, 25, 5), ax(0, 2, 0.5), ax(-1, 1, 0.5)]);
}

function main(): void {
  const i = process.argv.indexOf('--runs');
  const runs = Math.max(3, i >= 0 ? Number(process.argv[i + 1]) : 3);
  const starts = chinchillaStarts();
  const walls: number[] = [];
  const cpus: number[] = [];
  let line = '';
  let calls = { res: 0, jac: 0 };
  for (let k = 0; k < runs; k++) {
    const prob = chinchillaProblem();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = multiStart(prob, starts, { loss: 'huber', fScale: 1e-3 });
    walls.push((performance.now() - t0) / 1000);
    cpus.push(process.cpuUsage(c0).user / 1e6);
    calls = prob.calls;
    const v = res.values;
    line =
      `${starts.length} starts, ${res.convergedStarts} converged, status ${res.status}; ` +
      `E = ${Math.exp(v.e).toFixed(4)}, A = ${Math.exp(v.a).toFixed(1)}, B = ${Math.exp(v.b).toFixed(1)}, ` +
      `alpha = ${v.alpha.toFixed(4)}, beta = ${v.beta.toFixed(4)}; ${calls.res} residual and ${calls.jac} Jacobian evaluations`;
  }
  // Model-function share: time the same numbers of calls alone.
  const prob = chinchillaProblem();
  const p = Float64Array.of(6, 0.33, 5.5, 0.25, 0.48);
  const c0 = process.cpuUsage();
  for (let k = 0; k < 20000; k++) prob.residuals(p);
  const tr = process.cpuUsage(c0).user / 1e6 / 20000;
  const c1 = process.cpuUsage();
  for (let k = 0; k < 20000; k++) prob.jacobian!(p);
  const tj = process.cpuUsage(c1).user / 1e6 / 20000;
  const modelCpu = calls.res * tr + calls.jac * tj;
  console.log(`engine multi-start benchmark (${runs} runs): median wall ${median(walls).toFixed(2)} s, median CPU ${median(cpus).toFixed(2)} s, of which ~${modelCpu.toFixed(2)} s in the model's residual/Jacobian functions`);
  console.log(line);
  console.log(`machine: ${machineLine()}`);
}

main();
