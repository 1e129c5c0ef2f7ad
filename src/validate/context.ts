/**
 * What the validator tells a law about a grid (its `LawContext`), and how.
 *
 * - N: the grid's N (non-embedding; total for MoE, docs/method.md#step-law), or the
 *   value of another column (`--N-column Na`) — the same for every run of the group.
 * - D: the grid's D (tokens).
 * - C = M·D (DeepSeek's compute, docs/method.md#published-laws): M from an `M` column when the
 *   data have one (the MoE file does: M = 6·Na + 12·seq_len·numl·h, FLOPs per
 *   token), else M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h from the shape columns
 *   h, ffnh, numl (the Step Law code); seq_len from a `seq_len` column, else the
 *   sweep's sequence length, else 2048. Without either, C is absent (flag
 *   `C-unavailable`).
 * - L = the grid's minimum loss, for loss-based batch laws (OpenAI, MiniCPM):
 *   the loss the best configuration reached — our choice; the laws were stated
 *   for a target loss. Flagged `L-from-grid-min` wherever a law uses it.
 */
import { InputError, msg } from '../messages.js';
import { gridWith, type Grid } from '../sweep/grid.js';
import type { LawContext } from '../laws/law.js';
import { own } from '../util/own.js';

export type ContextSource = 'C-from-M-column' | 'C-from-shape' | 'C-unavailable';

/** The value of a numeric attribute shared by every run of the grid; undefined when absent or not numeric. */
function sharedAttr(grid: Grid, column: string): number | undefined {
  let v: number | undefined;
  for (const r of grid.runs) {
    const a = own(r.attrs, column);
    if (typeof a !== 'number' || !Number.isFinite(a)) return undefined;
    if (v === undefined) v = a;
    else if (a !== v) throw new InputError(msg.nColumnInconsistent(grid.key, column));
  }
  return v;
}

/** Non-embedding FLOPs per token, M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h (Step Law code, docs/method.md#published-laws). */
export function flopsPerToken(h: number, ffnh: number, numl: number, seqLen: number): number {
  return 6 * (4 * h + 3 * ffnh + 2 * seqLen) * numl * h;
}

/** The LawContext of a grid and where C came from. */
export function contextOf(grid: Grid, seqLen = 2048): { ctx: LawContext; cSource: ContextSource } {
  const ctx: LawContext = { N: grid.N, D: grid.D, L: grid.minLoss > 0 ? grid.minLoss : undefined };
  const seq = sharedAttrSafe(grid, 'seq_len') ?? seqLen;
  ctx.seqLen = seq;
  const M = sharedAttrSafe(grid, 'M');
  if (M !== undefined && M > 0) return { ctx: { ...ctx, C: M * grid.D }, cSource: 'C-from-M-column' };
  const h = sharedAttrSafe(grid, 'h');
  const ffnh = sharedAttrSafe(grid, 'ffnh');
  const numl = sharedAttrSafe(grid, 'numl');
  if (h && ffnh && numl) return { ctx: { ...ctx, C: flopsPerToken(h, ffnh, numl, seq) * grid.D }, cSource: 'C-from-shape' };
  return { ctx, cSource: 'C-unavailable' };
}

function sharedAttrSafe(grid: Grid, column: string): number | undefined {
  try {
    return sharedAttr(grid, column);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return undefined;
  }
}

/**
 * Grids with N taken from another column (e.g. `Na`, activated parameters of
 * an MoE). The column must be numeric and constant within each group.
 * @throws InputError naming the column when it is absent or varies in a group.
 */
export function withNColumn(grids: Grid[], column: string | undefined): Grid[] {
  if (!column || column === 'N') return grids;
  return grids.map((g) => {
    const v = sharedAttr(g, column);
    if (v === undefined || !(v > 0)) {
      const cols = Object.keys(g.runs[0]?.attrs ?? {});
      throw new InputError(msg.nColumnMissing(column, cols), { column });
    }
    return gridWith(g, { N: v });
  });
}
