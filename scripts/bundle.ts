/**
 * Bundle the command line into one file, dist/steplaw.mjs (the package's `bin`), with esbuild
 * (esbuild.github.io), after `tsc` has compiled dist/src. Node 20 loads an ES module graph file by file
 * (resolve, read, link each of the ~70 modules `fit` needs); one file skips that, and start-up — a third of
 * a 200k-run fit's time — is shorter (scripts/bench-large.ts measures the commands through this file).
 *
 * Left outside the bundle and loaded from node_modules at run time: commander and ml-matrix (required as
 * CommonJS by src/cli/main.ts and src/util/ml-matrix.ts), vega and vega-lite (the report, loaded only by it).
 * The ingest-logs worker stays its own file (dist/src/ingest/logs/worker.js; src/ingest/logs/pool.ts finds it).
 *
 *   node dist/scripts/bundle.js     # part of `npm run build`
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';

const root = packageRoot();
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile: join(root, 'dist', 'steplaw.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['vega', 'vega-lite', 'commander', 'ml-matrix'],
  logLevel: 'warning',
});
