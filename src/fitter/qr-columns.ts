/**
 * Householder QR of a tall, narrow matrix held column by column (one
 * Float64Array per column): the JAMA algorithm (Hicklin et al., *JAMA: A Java
 * Matrix Package*, NIST 2000 — the one ml-matrix's QrDecomposition ports),
 * with the same operations in the same order, so the same bits, but O(n·p)
 * memory in p contiguous arrays instead of one object per row (a 360,000-row
 * design took 340 MB of garbage and seconds through a row-wise matrix).
 *
 * A = Q·R; the Householder vectors are stored below the diagonal of the
 * working columns, R's diagonal in `rdiag`.
 *
 * The factorisation and the solve run in WebAssembly when the compiled kernel is there
 * (src/fitter/qr-columns.wat: the same operations in the same order, so the same bits; it says why), else in
 * the TypeScript below.
 */
import { wasmInstance, wasmModule, type WasmMemoryExports } from '../util/wasm.js';

interface QrExports extends WasmMemoryExports {
  factor(m: number, n: number): void;
  solve(m: number, n: number): void;
}

let wasmEnabled = true;

/** Switch the WebAssembly kernel off (false) or back on: the tests compare the two. */
export function useWasmQr(on: boolean): void {
  wasmEnabled = on;
}

/** Whether the compiled kernel is there (and not switched off). */
export function wasmQrAvailable(): boolean {
  return wasmEnabled && wasmModule('qr-columns') !== undefined;
}

/** √(a² + b²) without overflow, as JAMA's `hypot`. */
function hypotenuse(a: number, b: number): number {
  if (Math.abs(a) > Math.abs(b)) {
    const r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

export class ColumnQr {
  /** Working columns: R above the diagonal, Householder vectors on and below it. */
  private readonly qr: Float64Array[];
  readonly rdiag: Float64Array;
  readonly m: number;
  readonly n: number;
  /** The kernel instance holding the factorisation (the columns and `rdiag` are views of its memory), if used. */
  private readonly kernel: QrExports | undefined;

  /** @param columns the n columns of A, each of length m (copied). */
  constructor(columns: readonly ArrayLike<number>[]) {
    const n = columns.length;
    const m = n > 0 ? columns[0].length : 0;
    this.m = m;
    this.n = n;
    // The columns, R's diagonal and a right-hand side.
    const e = wasmEnabled && n > 0 ? wasmInstance<QrExports>('qr-columns', 8 * (n * m + n + m)) : undefined;
    if (e) {
      this.qr = columns.map((c, j) => {
        const view = new Float64Array(e.memory.buffer, 8 * j * m, m);
        view.set(c);
        return view;
      });
      this.rdiag = new Float64Array(e.memory.buffer, 8 * n * m, n);
      e.factor(m, n);
      this.kernel = e;
      return;
    }
    this.qr = columns.map((c) => Float64Array.from(c));
    this.rdiag = new Float64Array(n);
    const qr = this.qr;
    for (let k = 0; k < n; k++) {
      const ck = qr[k];
      let nrm = 0;
      for (let i = k; i < m; i++) nrm = hypotenuse(nrm, ck[i]);
      if (nrm !== 0) {
        if (ck[k] < 0) nrm = -nrm;
        for (let i = k; i < m; i++) ck[i] = ck[i] / nrm;
        ck[k] = ck[k] + 1;
        for (let j = k + 1; j < n; j++) {
          const cj = qr[j];
          let s = 0;
          for (let i = k; i < m; i++) s += ck[i] * cj[i];
          s = -s / ck[k];
          for (let i = k; i < m; i++) cj[i] = cj[i] + s * ck[i];
        }
      }
      this.rdiag[k] = -nrm;
    }
  }

  isFullRank(): boolean {
    for (let k = 0; k < this.n; k++) if (this.rdiag[k] === 0) return false;
    return true;
  }

  /** Least-squares solution of A·x = b. @throws Error when A is rank deficient. */
  solve(b: ArrayLike<number>): number[] {
    if (b.length !== this.m) throw new Error('Matrix row dimensions must agree');
    if (!this.isFullRank()) throw new Error('Matrix is rank deficient');
    const { qr, m, n } = this;
    if (this.kernel) {
      const x = new Float64Array(this.kernel.memory.buffer, 8 * (n * m + n), m);
      x.set(b);
      this.kernel.solve(m, n);
      return Array.from(x.subarray(0, n));
    }
    const x = Float64Array.from(b);
    for (let k = 0; k < n; k++) {
      const ck = qr[k];
      let s = 0;
      for (let i = k; i < m; i++) s += ck[i] * x[i];
      s = -s / ck[k];
      for (let i = k; i < m; i++) x[i] = x[i] + s * ck[i];
    }
    for (let k = n - 1; k >= 0; k--) {
      x[k] = x[k] / this.rdiag[k];
      for (let i = 0; i < k; i++) x[i] = x[i] - x[k] * qr[k][i];
    }
    return Array.from(x.subarray(0, n));
  }

  /** R (n × n, upper triangular). */
  upperTriangular(): number[][] {
    const { qr, n } = this;
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i < j ? qr[j][i] : i === j ? this.rdiag[i] : 0)));
  }
}
