/**
 * A deterministic loss series whose float64 values numpy computes identically
 * (same operations in the same order): loss_i = 2 + 1/(i+1) + ((i·7919) mod 13)/1000.
 * Python: `i = np.arange(n); 2 + 1/(i+1) + ((i*7919) % 13)/1000`.
 */
export function series(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 2 + 1 / (i + 1) + ((i * 7919) % 13) / 1000);
}
