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
 * The bundle is whitespace-minified (comments and indentation gone; names kept, so a stack trace still names
 * its functions) and must be ASCII: V8 holds a source with any character beyond Latin-1 (the box-drawing and
 * mathematical characters of our comments) as a two-byte string, and Node decodes it through the slow UTF-8
 * path first. Together ~30 ms of every command's start (interleaved `steplaw --version` timings, 0.215 s →
 * 0.180 s median). esbuild escapes non-ASCII strings itself, not regular-expression literals: write those as
 * \uXXXX (src/report/escape.ts); the build fails, naming the character, if one slips in.
 *
 *   node dist/scripts/bundle.js     # part of `npm run build`
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';

const root = packageRoot();
const outfile = join(root, 'dist', 'steplaw.mjs');
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile,
  minifyWhitespace: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['vega', 'vega-lite', 'commander', 'ml-matrix'],
  logLevel: 'warning',
});

const text = readFileSync(outfile, 'latin1');
const at = text.search(/[^\x00-\x7f]/);
if (at >= 0) {
  const context = readFileSync(outfile, 'utf8').slice(Math.max(0, at - 60), at + 20);
  console.error(`bundle: ${outfile} is not ASCII (byte ${at}, near ${JSON.stringify(context)}): write the character as \\uXXXX in the source`);
  process.exit(1);
}
