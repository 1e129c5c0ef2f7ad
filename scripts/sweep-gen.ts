/**
 * Seeded synthetic sweep CSV for the large-input benchmarks and tests.
 *
 * Groups on a log-spaced (N, D) grid (N 1e8–1e10, D 1e10–1e12), each an
 * 8 × 8 lattice in (lr, batch) at √2 steps around the published Step Law
 * optimum lr* = 1.79·N^−0.713·D^0.307, B* = 0.58·D^0.571 tokens (Li et al.
 * 2025), shifted by a seeded fraction of a step per group so the optimum is
 * not always on a lattice point. Loss = 2 + 0.03·[(ln lr/lr*)² + (ln B/B*)²]
 * times (1 + 0.0005·z), z standard normal. Columns: N, D, lr, batch (tokens),
 * loss, run (a short unique id), written in 1 MiB chunks.
 *
 *   node dist/scripts/sweep-gen.js <out.csv> <runs> [seed]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/util/random.js';

export const GEN_LAW = { a: 1.79, cN: -0.713, cD: 0.307, b: 0.58, bD: 0.571 };
export const LATTICE = 8;

export interface GenSpec {
  /** Runs to write (rounded up to whole groups of LATTICE² runs). */
  runs: number;
  seed?: number;
}

/** Groups laid out on an nN × nD grid, nN·nD ≥ runs / LATTICE². */
export function genShape(runs: number): { nN: number; nD: number; groups: number } {
  const groups = Math.max(1, Math.ceil(runs / (LATTICE * LATTICE)));
  const nN = Math.max(1, Math.ceil(Math.sqrt(groups)));
  const nD = Math.ceil(groups / nN);
  return { nN, nD, groups };
}

/** Write the sweep; returns the number of runs written. */
export function writeSweepCsv(path: string, spec: GenSpec): number {
  const rng = createRng(spec.seed ?? 0);
  const { nN, nD, groups } = genShape(spec.runs);
  const fd = openSync(path, 'w');
  let out = 'N,D,lr,batch,loss,run\n';
  let written = 0;
  const flush = (force: boolean) => {
    if (out.length >= 1 << 20 || (force && out.length > 0)) {
      writeSync(fd, out);
      out = '';
    }
  };
  try {
    for (let g = 0; g < groups; g++) {
      const iN = g % nN;
      const iD = Math.floor(g / nN);
      const N = Number((1e8 * 100 ** (nN > 1 ? iN / (nN - 1) : 0)).toPrecision(6));
      const D = Number((1e10 * 100 ** (nD > 1 ? iD / (nD - 1) : 0)).toPrecision(6));
      const lrStar = GEN_LAW.a * N ** GEN_LAW.cN * D ** GEN_LAW.cD;
      const bStar = GEN_LAW.b * D ** GEN_LAW.bD;
      const lrShift = rng.float() - 0.5;
      const bShift = rng.float() - 0.5;
      for (let i = 0; i < LATTICE; i++) {
        const lr = Number((lrStar * 2 ** ((i - LATTICE / 2 + 0.5 + lrShift) / 2)).toPrecision(5));
        for (let j = 0; j < LATTICE; j++) {
          const batch = Math.round(bStar * 2 ** ((j - LATTICE / 2 + 0.5 + bShift) / 2));
          const bowl = 0.03 * (Math.log(lr / lrStar) ** 2 + Math.log(batch / bStar) ** 2);
          const loss = (2 + bowl) * (1 + 0.0005 * rng.normal());
          out += `${N},${D},${lr},${batch},${loss.toFixed(6)},r${written.toString(36)}\n`;
          written++;
        }
      }
      flush(false);
    }
    flush(true);
  } finally {
    closeSync(fd);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, runs, seed] = process.argv.slice(2);
  if (!out || !runs) {
    process.stderr.write('usage: node dist/scripts/sweep-gen.js <out.csv> <runs> [seed]\n');
    process.exit(2);
  }
  const n = writeSweepCsv(out, { runs: Number(runs), seed: Number(seed ?? 0) });
  process.stdout.write(`${out}: ${n} runs\n`);
}
