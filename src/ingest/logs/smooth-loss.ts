/**
 * The Step Law "smooth loss" of one run (docs/method.md#smooth-loss; github.com/step-law/steplaw
 * `code/log_analysis.py`, functions `extract_df`, `apply_smooth`,
 * `update_loss_item`):
 *
 * - points: the last at most 32768 logged (iteration, loss) pairs
 *   (`MAX_CNT`; the authors read the log backwards and stop there);
 * - window = min(100, 0.01 · points) — a real number, not rounded;
 * - log interval = iteration of the 2nd kept point − iteration of the 1st;
 * - sigma = window / log interval;
 * - smooth loss = last value of `gaussian_filter1d(losses, sigma)` (reflect,
 *   truncate 4), i.e. the reflect-folded weighted mean of the last r + 1 points
 *   (r = int(4 · sigma + 0.5)).
 *
 * Fewer than 2 points, or a log interval ≤ 0 (iterations not increasing), have
 * no smooth loss in the authors' code (pandas raises an IndexError; scipy
 * raises for sigma = 0 or a negative radius): `smoothLoss` returns a reason
 * instead of a value.
 */
import { gaussianKernel, smoothedAt } from './gaussian.js';

/** The authors' cap on the points read from the end of a log (`MAX_CNT`). */
export const MAX_POINTS = 32768;
/** The authors' window cap (`DEFAULT_WINDOW_SIZE`). */
export const MAX_WINDOW = 100;

export interface SmoothingParams {
  /** min(100, 0.01 · points). */
  window: number;
  /** Iteration spacing of the first two kept points. */
  logInterval: number;
  /** window / logInterval. */
  sigma: number;
}

export type SmoothResult =
  | { ok: true; smoothLoss: number; params: SmoothingParams }
  | { ok: false; reason: 'too-few-points' | 'non-increasing-iterations' };

/** window, sigma for `points` kept points whose first two are `logInterval` iterations apart. */
export function smoothingParams(points: number, logInterval: number, maxWindow = MAX_WINDOW): SmoothingParams {
  const window = Math.min(maxWindow, 0.01 * points);
  return { window, logInterval, sigma: window / logInterval };
}

/**
 * Smooth loss from the kept series (the last ≤ MAX_POINTS points, oldest
 * first). `iters` and `losses` have the same length.
 */
export function smoothLoss(iters: ArrayLike<number>, losses: ArrayLike<number>, maxWindow = MAX_WINDOW): SmoothResult {
  const n = losses.length;
  if (n < 2) return { ok: false, reason: 'too-few-points' };
  const logInterval = iters[1] - iters[0];
  if (!(logInterval > 0)) return { ok: false, reason: 'non-increasing-iterations' };
  const params = smoothingParams(n, logInterval, maxWindow);
  const w = gaussianKernel(params.sigma);
  return { ok: true, smoothLoss: smoothedAt(losses, n - 1, w), params };
}
