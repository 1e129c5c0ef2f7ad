/**
 * Linear-algebra kernels of MINPACK's Levenberg–Marquardt (Moré, Garbow,
 * Hillstrom 1980, MINPACK-1 `qrfac`, `lmpar`, `qrsolv`), translated line by
 * line to 0-based TypeScript on column-major Float64Arrays (element (i, j) of an
 * m×n matrix at a[i + j·ld]).
 *
 * Reference: J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and
 * theory", Lecture Notes in Mathematics 630 (1978).
 */

const DWARF = 2.2250738585072014e-308;
export const EPSMCH = 2.220446049250313e-16;

/**
 * Euclidean norm of x[off .. off+n-1]. Fast path: plain sum of squares; when
 * that overflows or underflows (a near-singular R gives Gauss–Newton steps
 * ~1e159, whose squares are Infinity) it is recomputed scaled by max |x_i|, as
 * MINPACK's enorm guards against.
 */
export function enorm(n: number, x: Float64Array, off = 0): number {
  let s = 0;
  for (let i = off; i < off + n; i++) s += x[i] * x[i];
  if (s < Infinity && s > 1e-290) return Math.sqrt(s);
  if (s !== s) return NaN;
  let big = 0;
  for (let i = off; i < off + n; i++) big = Math.max(big, Math.abs(x[i]));
  if (big === 0 || big === Infinity) return big;
  let t = 0;
  for (let i = off; i < off + n; i++) {
    const v = x[i] / big;
    t += v * v;
  }
  return big * Math.sqrt(t);
}

/**
 * Householder QR with column pivoting of the m×n matrix a (m ≥ n): on return
 * the upper triangle of a holds R except its diagonal (in rdiag), the lower
 * part the Householder vectors; ipvt the permutation (A·P = Q·R); acnorm the
 * column norms of the original A.
 */
export function qrfac(
  m: number,
  n: number,
  a: Float64Array,
  ld: number,
  ipvt: Int32Array,
  rdiag: Float64Array,
  acnorm: Float64Array,
  wa: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    acnorm[j] = enorm(m, a, j * ld);
    rdiag[j] = acnorm[j];
    wa[j] = rdiag[j];
    ipvt[j] = j;
  }
  const minmn = Math.min(m, n);
  for (let j = 0; j < minmn; j++) {
    let kmax = j;
    for (let k = j; k < n; k++) if (rdiag[k] > rdiag[kmax]) kmax = k;
    if (kmax !== j) {
      const cj = j * ld;
      const ck = kmax * ld;
      for (let i = 0; i < m; i++) {
        const t = a[i + cj];
        a[i + cj] = a[i + ck];
        a[i + ck] = t;
      }
      rdiag[kmax] = rdiag[j];
      wa[kmax] = wa[j];
      const k = ipvt[j];
      ipvt[j] = ipvt[kmax];
      ipvt[kmax] = k;
    }
    const cj = j * ld;
    let ajnorm = enorm(m - j, a, j + cj);
    if (ajnorm !== 0) {
      if (a[j + cj] < 0) ajnorm = -ajnorm;
      const inv = 1 / ajnorm;
      for (let i = j; i < m; i++) a[i + cj] *= inv;
      a[j + cj] += 1;
      for (let k = j + 1; k < n; k++) {
        const ck = k * ld;
        let sum = 0;
        for (let i = j; i < m; i++) sum += a[i + cj] * a[i + ck];
        const temp = sum / a[j + cj];
        for (let i = j; i < m; i++) a[i + ck] -= temp * a[i + cj];
        if (rdiag[k] !== 0) {
          const t = a[j + ck] / rdiag[k];
          rdiag[k] *= Math.sqrt(Math.max(0, 1 - t * t));
          const r = rdiag[k] / wa[k];
          if (0.05 * r * r <= EPSMCH) {
            rdiag[k] = enorm(m - j - 1, a, j + 1 + ck);
            wa[k] = rdiag[k];
          }
        }
      }
    }
    rdiag[j] = -ajnorm;
  }
}

/**
 * Solve min ‖(A; D)·x − (b; 0)‖ given the QR of A·P (R in the upper triangle of
 * r, n×n, leading dimension ld) and qtb = Qᵀb. On return the strict lower
 * triangle of r holds Sᵀ and sdiag the diagonal of S, where Pᵀ(AᵀA + DD)P = SᵀS.
 */
export function qrsolv(
  n: number,
  r: Float64Array,
  ld: number,
  ipvt: Int32Array,
  diag: Float64Array,
  qtb: Float64Array,
  x: Float64Array,
  sdiag: Float64Array,
  wa: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) r[i + j * ld] = r[j + i * ld];
    x[j] = r[j + j * ld];
    wa[j] = qtb[j];
  }
  for (let j = 0; j < n; j++) {
    const l = ipvt[j];
    if (diag[l] !== 0) {
      for (let k = j; k < n; k++) sdiag[k] = 0;
      sdiag[j] = diag[l];
      let qtbpj = 0;
      for (let k = j; k < n; k++) {
        if (sdiag[k] === 0) continue;
        const rkk = r[k + k * ld];
        let cos: number;
        let sin: number;
        if (Math.abs(rkk) < Math.abs(sdiag[k])) {
          const cotan = rkk / sdiag[k];
          sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
          cos = sin * cotan;
        } else {
          const tan = sdiag[k] / rkk;
          cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
          sin = cos * tan;
        }
        r[k + k * ld] = cos * rkk + sin * sdiag[k];
        const temp = cos * wa[k] + sin * qtbpj;
        qtbpj = -sin * wa[k] + cos * qtbpj;
        wa[k] = temp;
        for (let i = k + 1; i < n; i++) {
          const rik = r[i + k * ld];
          const t = cos * rik + sin * sdiag[i];
          sdiag[i] = -sin * rik + cos * sdiag[i];
          r[i + k * ld] = t;
        }
      }
    }
    sdiag[j] = r[j + j * ld];
    r[j + j * ld] = x[j];
  }
  let nsing = n;
  for (let j = 0; j < n; j++) {
    if (sdiag[j] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa[j] = 0;
  }
  for (let k = 0; k < nsing; k++) {
    const j = nsing - 1 - k;
    let sum = 0;
    for (let i = j + 1; i < nsing; i++) sum += r[i + j * ld] * wa[i];
    wa[j] = (wa[j] - sum) / sdiag[j];
  }
  for (let j = 0; j < n; j++) x[ipvt[j]] = wa[j];
}

/**
 * Levenberg–Marquardt parameter: find par ≥ 0 such that the solution x of
 * (AᵀA + par·DD)x = −Aᵀb (given A·P = Q·R, qtb = Qᵀb) has ‖D·x‖ within 10% of
 * delta (or par = 0 when the Gauss–Newton step is already inside). Returns par;
 * x receives the step with the sign convention of MINPACK (the caller negates).
 */
export function lmpar(
  n: number,
  r: Float64Array,
  ld: number,
  ipvt: Int32Array,
  diag: Float64Array,
  qtb: Float64Array,
  delta: number,
  par: number,
  x: Float64Array,
  sdiag: Float64Array,
  wa1: Float64Array,
  wa2: Float64Array,
): number {
  let nsing = n;
  for (let j = 0; j < n; j++) {
    wa1[j] = qtb[j];
    if (r[j + j * ld] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa1[j] = 0;
  }
  for (let k = 0; k < nsing; k++) {
    const j = nsing - 1 - k;
    wa1[j] /= r[j + j * ld];
    const temp = wa1[j];
    for (let i = 0; i < j; i++) wa1[i] -= r[i + j * ld] * temp;
  }
  for (let j = 0; j < n; j++) x[ipvt[j]] = wa1[j];

  let iter = 0;
  for (let j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
  let dxnorm = enorm(n, wa2);
  let fp = dxnorm - delta;
  if (fp <= 0.1 * delta) return 0;

  let parl = 0;
  if (nsing >= n) {
    for (let j = 0; j < n; j++) {
      const l = ipvt[j];
      wa1[j] = diag[l] * (wa2[l] / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < j; i++) sum += r[i + j * ld] * wa1[i];
      wa1[j] = (wa1[j] - sum) / r[j + j * ld];
    }
    const temp = enorm(n, wa1);
    parl = fp / delta / temp / temp;
  }
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += r[i + j * ld] * qtb[i];
    wa1[j] = sum / diag[ipvt[j]];
  }
  const gnorm = enorm(n, wa1);
  let paru = gnorm / delta;
  if (paru === 0) paru = DWARF / Math.min(delta, 0.1);
  par = Math.max(par, parl);
  par = Math.min(par, paru);
  if (par === 0) par = gnorm / dxnorm;

  for (;;) {
    iter++;
    if (par === 0) par = Math.max(DWARF, 0.001 * paru);
    const sp = Math.sqrt(par);
    for (let j = 0; j < n; j++) wa1[j] = sp * diag[j];
    qrsolv(n, r, ld, ipvt, wa1, qtb, x, sdiag, wa2);
    for (let j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
    dxnorm = enorm(n, wa2);
    const temp0 = fp;
    fp = dxnorm - delta;
    if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= temp0 && temp0 < 0) || iter === 10) break;
    for (let j = 0; j < n; j++) {
      const l = ipvt[j];
      wa1[j] = diag[l] * (wa2[l] / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      wa1[j] /= sdiag[j];
      const temp = wa1[j];
      for (let i = j + 1; i < n; i++) wa1[i] -= r[i + j * ld] * temp;
    }
    const temp = enorm(n, wa1);
    const parc = fp / delta / temp / temp;
    if (fp > 0) parl = Math.max(parl, par);
    if (fp < 0) paru = Math.min(paru, par);
    par = Math.max(parl, par + parc);
  }
  return par;
}
