/**
 * Compile the WebAssembly text of the sweep reader's plain-row lane (src/ingest/plain-rows.wat) to
 * dist/plain-rows.wasm, with wabt (the WebAssembly Binary Toolkit's wat2wasm, built for JavaScript:
 * npmjs.com/package/wabt). Part of `npm run build`, before the bundle.
 *
 *   node dist/scripts/build-wasm.js
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import wabtInit from 'wabt';
import { packageRoot } from '../src/util/paths.js';
import { PLAIN_ROWS_WASM } from '../src/ingest/plain-rows.js';

const root = packageRoot();
const source = join(root, 'src', 'ingest', 'plain-rows.wat');
const wabt = await wabtInit();
const module = wabt.parseWat(source, readFileSync(source, 'utf8'));
try {
  module.validate();
  const { buffer } = module.toBinary({});
  const out = join(root, PLAIN_ROWS_WASM);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, buffer);
} finally {
  module.destroy();
}
