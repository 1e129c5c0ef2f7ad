/**
 * The cluster bootstrap's replicates of a Step Law fit from per-group sums, drawn and added up in WebAssembly
 * (src/fitter/cluster-draws.wat, compiled at build time to dist/cluster-draws.wasm; the .wat file says what is
 * computed and why it is the JavaScript path's numbers bit for bit). `ClusterSums` (ols-columns.ts) uses it for
 * the twelve sums of the Step Law case when the generator's state is reachable (`Rng.words`), and otherwise
 * draws with `Rng.ints` and adds up in JavaScript.
 */
import { wasmInstance, wasmModule, type WasmMemoryExports } from '../util/wasm.js';

/** Sums per group (the Step Law case: 6 of XᵀX, 3 + 3 of Xᵀy). */
const STRIDE = 12;
const STATE = 0;
const OUT = 16;
const SUMS = 112;

interface KernelExports extends WasmMemoryExports {
  replicate(G: number, max: bigint, sums: number, out: number): void;
}

let enabled = true;

/** Switch the kernel off (false) or back on: the tests compare the replicates with and without it. */
export function useClusterDrawKernel(on: boolean): void {
  enabled = on;
}

/** Whether the compiled kernel is there (and not switched off). */
export function clusterDrawKernelAvailable(): boolean {
  return enabled && wasmModule('cluster-draws') !== undefined;
}

/** The kernel for one set of per-group sums: its own instance, the sums copied into its memory once. */
export class ClusterDrawKernel {
  readonly #e: KernelExports;
  readonly #state: Int32Array;
  readonly #out: Float64Array;
  readonly #max: bigint;

  private constructor(
    e: KernelExports,
    private readonly G: number,
  ) {
    this.#e = e;
    this.#state = new Int32Array(e.memory.buffer, STATE, 4);
    this.#out = new Float64Array(e.memory.buffer, OUT, STRIDE);
    // Rng.ints' rejection bound for G (G ≤ 2^31 here): whole blocks of G below 2^32; nothing rejected for G ≤ 2.
    this.#max = BigInt(G > 2 ? Math.floor(2 ** 32 / G) * G : 2 ** 32);
  }

  /**
   * The kernel for `sums`: group g's twelve sums at sums[12g …], G = sums.length / 12 groups; undefined when the
   * compiled kernel is not available or G is beyond what `Rng.ints` draws this way (2^31).
   */
  static create(sums: Float64Array): ClusterDrawKernel | undefined {
    const G = sums.length / STRIDE;
    if (!enabled || !Number.isInteger(G) || G < 1 || G > 2 ** 31) return undefined;
    const e = wasmInstance<KernelExports>('cluster-draws', SUMS + sums.byteLength);
    if (!e) return undefined;
    new Float64Array(e.memory.buffer, SUMS, sums.length).set(sums);
    return new ClusterDrawKernel(e, G);
  }

  /**
   * One replicate: G draws from the generator whose state is `words` (read, advanced and written back, as
   * `Rng.ints(G, …)` advances it), the drawn groups' sums added in order; returns the twelve sums (a view,
   * valid until the next call).
   */
  replicate(words: Int32Array): Float64Array {
    this.#state.set(words);
    this.#e.replicate(this.G, this.#max, SUMS, OUT);
    words.set(this.#state);
    return this.#out;
  }
}
