/**
 * Writes the small example inputs the README's commands run on (examples/), from a known law so that a
 * reader can check what `fit` recovers:
 *   lr* = 1.79·N^−0.713·D^0.307,  B* = 0.58·D^0.571 tokens  (the published Step Law, docs/method.md#step-law)
 *   loss = 2 + 400·N^−0.3 + 300·D^−0.3 + 0.01·[(ln lr/lr*)² + (ln B/B*)²], times (1 + 0.0005·ε), ε ~ N(0, 1)
 * - examples/my_sweep.csv: a "your own sweep" CSV with its own column names (params, tokens, peak_lr, bs in
 *   sequences of 4096, final_loss) and two data recipes (recipe a at D = 4e9 and 1.6e10, b at 8e9 and 3.2e10 with a 1% higher loss);
 * - examples/runs/exp_*: training logs (JSON lines) with a run.json sidecar each, for `steplaw ingest-logs`.
 * Deterministic (seed DEFAULT_SEED). Run: npx tsx scripts/make-examples.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, DEFAULT_SEED } from '../src/util/random.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'examples');
const rng = createRng(DEFAULT_SEED);
const lrStar = (N: number, D: number) => 1.79 * N ** -0.713 * D ** 0.307;
const bStar = (D: number) => 0.58 * D ** 0.571;
const base = (N: number, D: number) => 2 + 400 * N ** -0.3 + 300 * D ** -0.3;
const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));
const loss = (N: number, D: number, lr: number, B: number, scale: number) =>
  (base(N, D) * scale + 0.01 * (Math.log(lr / lrStar(N, D)) ** 2 + Math.log(B / bStar(D)) ** 2)) * (1 + 0.0005 * rng.normal());

// examples/my_sweep.csv
const seqLen = 4096;
const rows = ['params,tokens,peak_lr,bs,final_loss,recipe'];
for (const [recipe, scale, Ds] of [['a', 1, [4e9, 1.6e10]], ['b', 1.01, [8e9, 3.2e10]]] as const) {
  for (const N of [1.2e8, 2.5e8, 5e8]) {
    for (const D of Ds) {
      for (let i = -3; i <= 3; i++) {
        for (let j = -2; j <= 2; j++) {
          const lr = sig(lrStar(N, D) * 2 ** (i / 2));
          const bs = Math.max(1, Math.round((bStar(D) * 2 ** (j / 2)) / seqLen));
          rows.push(`${N},${D},${lr},${bs},${loss(N, D, lr, bs * seqLen, scale).toFixed(6)},${recipe}`);
        }
      }
    }
  }
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'my_sweep.csv'), rows.join('\n') + '\n');

// examples/runs/exp_*/{train_log_1.jsonl, run.json}
const runs = join(dir, 'runs');
rmSync(runs, { recursive: true, force: true });
for (const N of [1e8, 4e8]) {
  for (const D of [2e9, 8e9]) {
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        const lr = sig(lrStar(N, D) * 2 ** i);
        const batch = 2048 * Math.round((bStar(D) * 2 ** j) / 2048);
        const final = loss(N, D, lr, batch, 1);
        const name = `exp_N${N.toExponential(0)}_D${D.toExponential(0)}_lr${lr.toExponential(3)}_b${batch}`.replace(/\+/g, '');
        const runDir = join(runs, name);
        mkdirSync(runDir, { recursive: true });
        const lines: string[] = [];
        for (let step = 10; step <= 600; step += 10) {
          const l = final + 3 * Math.exp(-step / 80) + 0.002 * rng.normal();
          lines.push(JSON.stringify({ step, loss: Number(l.toFixed(5)) }));
        }
        writeFileSync(join(runDir, 'train_log_1.jsonl'), lines.join('\n') + '\n');
        writeFileSync(join(runDir, 'run.json'), JSON.stringify({ N, D, lr, batch_tokens: batch }) + '\n');
      }
    }
  }
}
console.log(`wrote ${rows.length - 1} rows to examples/my_sweep.csv and 36 runs under examples/runs/`);
