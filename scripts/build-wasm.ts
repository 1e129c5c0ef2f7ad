/**
 * Compile steplaw's WebAssembly text sources (WASM_SOURCES in src/util/wasm.ts: the sweep reader's plain-row
 * lane, src/ingest/plain-rows.wat, and the cluster bootstrap's draws, src/fitter/cluster-draws.wat) to
 * dist/<name>.wasm with wabt (the WebAssembly Binary Toolkit's wat2wasm, built for JavaScript:
 * npmjs.com/package/wabt). Part of `npm run build`, before the bundle.
 *
 *   node dist/scripts/build-wasm.js
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import wabtInit from 'wabt';
import { packageRoot } from '../src/util/paths.js';
import { WASM_SOURCES, wasmPath } from '../src/util/wasm.js';

const root = packageRoot();
const wabt = await wabtInit();
for (const source of WASM_SOURCES) {
  const file = join(root, source);
  const module = wabt.parseWat(file, readFileSync(file, 'utf8'));
  try {
    module.validate();
    const { buffer } = module.toBinary({});
    const out = join(root, wasmPath(basename(source, '.wat')));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, buffer);
  } finally {
    module.destroy();
  }
}
