/**
 * The WebAssembly modules steplaw compiles at build time (scripts/build-wasm.ts: each `.wat` file of WASM_SOURCES
 * to dist/<name>.wasm, by wabt), loaded here once each. A module that is not there (a source checkout not built)
 * gives undefined: its caller then takes its JavaScript path, which computes the same numbers, only slower.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

/** The WebAssembly text sources, relative to the package root; each compiles to dist/<its base name>.wasm. */
export const WASM_SOURCES = ['src/ingest/plain-rows.wat', 'src/fitter/cluster-draws.wat', 'src/fitter/qr-columns.wat'] as const;

/** Where the compiled module `name` lives, relative to the package root. */
export function wasmPath(name: string): string {
  return join('dist', `${name}.wasm`);
}

const modules = new Map<string, WebAssembly.Module | null>();

/** The compiled module `name` (e.g. 'plain-rows'), or undefined when it was not built. */
export function wasmModule(name: string): WebAssembly.Module | undefined {
  let m = modules.get(name);
  if (m === undefined) {
    try {
      m = new WebAssembly.Module(readFileSync(join(packageRoot(), wasmPath(name))));
    } catch {
      m = null;
    }
    modules.set(name, m);
  }
  return m ?? undefined;
}

/** The exports every steplaw kernel has: its one memory. */
export interface WasmMemoryExports {
  memory: WebAssembly.Memory;
}

/**
 * A new instance of the compiled module `name` whose memory holds at least `bytes` bytes (grown once, here:
 * views of the memory made afterwards stay valid), or undefined when the module was not built.
 */
export function wasmInstance<T extends WasmMemoryExports>(name: string, bytes: number): T | undefined {
  const m = wasmModule(name);
  if (!m) return undefined;
  const e = new WebAssembly.Instance(m, {}).exports as unknown as T;
  const have = e.memory.buffer.byteLength;
  if (bytes > have) e.memory.grow(Math.ceil((bytes - have) / 65536));
  return e;
}
