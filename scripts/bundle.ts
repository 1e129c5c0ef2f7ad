/**
 * Build the installed command line (the package's `bin`) after `tsc` has compiled dist/src:
 *
 * - dist/steplaw-bundle.cjs: the command line bundled into one CommonJS file with esbuild (esbuild.github.io).
 *   Node 20 loads an ES module graph file by file (resolve, read, link each of the ~70 modules `fit` needs);
 *   one file skips that.
 * - dist/steplaw.cjs: the launcher (src/cli/launch.cts), which runs the bundle through V8's code cache.
 * - dist/steplaw-bundle.cache: that cache, made here by one `fit` of the released dense sweep with 1000
 *   bootstraps (the launcher keeps what V8 compiled during the run), headed by the SHA-256 of the bundle it
 *   belongs to.
 *
 * CommonJS, not an ES module, because only a script can be compiled with a code cache (`vm.Script`); esbuild
 * turns the sources' `import.meta.url` into the bundle's file URL. commander is bundled (its code then comes
 * from the code cache too). Left outside the bundle and loaded from node_modules at run time: ml-matrix
 * (required lazily by src/util/ml-matrix.ts, only for the Levenberg-Marquardt covariance), vega and vega-lite
 * (the report, loaded only by it, src/util/import-module.ts). The ingest-logs worker stays
 * its own file (dist/src/ingest/logs/worker.js; src/ingest/logs/pool.ts finds it).
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
import { execFileSync } from 'node:child_process';
import { build, type Plugin } from 'esbuild';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';

const root = packageRoot();
const dist = join(root, 'dist');
const outfile = join(dist, 'steplaw-bundle.cjs');
const launcher = join(dist, 'steplaw.cjs');
const cache = join(dist, 'steplaw-bundle.cache');
// A stale cache must not outlive the bundle it was made from (the launcher would ignore it, at a cost).
rmSync(cache, { force: true });

/**
 * commander requires node:child_process when it is loaded, only to spawn executable subcommands, which steplaw
 * has none of; loading it (and node:net behind it) took ~7 ms of every start. In the bundle commander gets a
 * stand-in whose `spawn` loads the real module on first use.
 */
const lazyChildProcess: Plugin = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'commander-child-process', namespace: 'steplaw-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'steplaw-lazy' }, () => ({
      contents: 'let real; module.exports = { spawn: (...args) => (real ??= require("node:child_process")).spawn(...args) };',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(dist, 'src', 'cli', 'main.js')],
  plugins: [lazyChildProcess],
  outfile,
  minifyWhitespace: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vega', 'vega-lite', 'ml-matrix'],
  // The sources are ES modules; in the bundle `import.meta.url` is the bundle's own URL, as it was when the
  // bundle was an ES module (paths.ts and pool.ts look for files from it).
  define: { 'import.meta': '__steplaw_import_meta' },
  banner: { js: 'var __steplaw_import_meta={url:require("node:url").pathToFileURL(__filename).href};' },
  logLevel: 'warning',
});

// The launcher compiles the bundle's text as a function body: the entry's #! line goes.
let text = readFileSync(outfile, 'latin1');
if (text.startsWith('#!')) text = text.slice(text.indexOf('\n') + 1);
const at = text.search(/[^\x00-\x7f]/);
if (at >= 0) {
  const context = Buffer.from(text, 'latin1').toString('utf8').slice(Math.max(0, at - 60), at + 20);
  console.error(`bundle: ${outfile} is not ASCII (byte ${at}, near ${JSON.stringify(context)}): write the character as \\uXXXX in the source`);
  process.exit(1);
}
writeFileSync(outfile, text, 'latin1');
copyFileSync(join(dist, 'src', 'cli', 'launch.cjs'), launcher);
chmodSync(launcher, 0o755);

// The code cache: what V8 compiled during one fit with 1000 bootstraps of the released dense sweep.
const work = mkdtempSync(join(tmpdir(), 'steplaw-cache-'));
try {
  execFileSync(
    process.execPath,
    [launcher, 'fit', join(root, 'data', 'steplaw', 'dense_lr_bs_loss.csv'), '--bootstrap', '1000', '--out', join(work, 'fit.json')],
    { env: { ...process.env, STEPLAW_WRITE_CODE_CACHE: cache }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
