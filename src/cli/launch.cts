#!/usr/bin/env node
/**
 * The installed `steplaw` command (package.json `bin`, copied to dist/steplaw.cjs by scripts/bundle.ts): runs
 * the bundled command line, dist/steplaw-bundle.cjs, through V8's code cache.
 *
 * Every command starts by compiling the ~470 KB bundle, and then compiles each function on its first call.
 * The build runs one `fit` with `STEPLAW_WRITE_CODE_CACHE` set and keeps what V8 compiled by the end of it
 * (`Script#createCachedData`) in dist/steplaw-bundle.cache; here the bundle is compiled with that cache, and
 * neither step is repeated: ~30 ms less on every command, an eighth of a 2,000-run fit
 * (scripts/bench-large.ts).
 *
 * The cache is used only when it was made from these very bytes: its first 32 bytes are the SHA-256 of the
 * bundle it was made from (V8 checks its own version and flags, but of the source only its length). A missing,
 * stale or rejected cache costs only the time it would have saved: the bundle is compiled from its text.
 *
 * The bundle runs as a CommonJS module would (`exports, require, module, __filename, __dirname`), plus
 * `__steplawImport`, this file's `import()`: Node 20 loses the dynamic-import callback of a script restored from
 * a code cache (src/util/import-module.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'steplaw-bundle.cjs');
const cacheFile = join(__dirname, 'steplaw-bundle.cache');
const HASH_BYTES = 32;

// The bundle is ASCII (scripts/bundle.ts checks): latin1 is the exact and the fastest decoding.
const source = readFileSync(bundle, 'latin1');
const digest = createHash('sha256').update(source, 'latin1').digest();

let cachedData: Buffer | undefined;
let status = 'absent';
try {
  const cache = readFileSync(cacheFile);
  if (cache.length > HASH_BYTES && digest.equals(cache.subarray(0, HASH_BYTES))) cachedData = cache.subarray(HASH_BYTES);
  else status = 'stale';
} catch {
  // No cache (a build that made none, or removed): compile from the text.
}

const script = new Script(`(function (exports, require, module, __filename, __dirname, __steplawImport) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
if (cachedData) status = script.cachedDataRejected ? 'rejected' : 'used';
// STEPLAW_CODE_CACHE_STATUS=1: say on stderr whether the cache was used (absent, stale, rejected by V8, used).
if (process.env.STEPLAW_CODE_CACHE_STATUS === '1') process.stderr.write(`steplaw: code cache ${status}\n`);

const training = process.env.STEPLAW_WRITE_CODE_CACHE;
if (training) {
  // Build time (scripts/bundle.ts): keep what this run compiled, when it ends (commands end with process.exit).
  process.once('exit', () => writeFileSync(training, Buffer.concat([digest, script.createCachedData()])));
}

const module_ = { exports: {} };
const run = script.runInThisContext() as (...args: unknown[]) => void;
run.call(module_.exports, module_.exports, createRequire(bundle), module_, bundle, __dirname, (specifier: string) => import(specifier));
