/**
 * Slice attributes: any column of the sweep, or a derived attribute.
 *
 *  - `sparsity`: Na/N, activated over total parameters (MoE; the Step Law MoE
 *    file has it as column `Na/N`, else computed from `Na` and N), 3 significant digits;
 *  - `shape`: d_model × layers × FFN ratio, from h / numl / ffnh (Step Law
 *    files) or d_model / n_layers / d_ff columns;
 *  - `recipe`: the data-set column (recipe, dataset, train_dataset or data);
 *  - `file`: the file the run was read from (to fit several files side by side).
 */
import { InputError } from '../messages.js';
import { duplicateCellWarnings } from '../ingest/sweep.js';
import { withAttrs, type AttrValue, type Run, type Sweep } from '../sweep/types.js';
import { own } from '../util/own.js';

export const DERIVED_ATTRIBUTES = ['sparsity', 'shape', 'recipe', 'file'] as const;

const num = (v: AttrValue | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const first = (run: Run, names: string[]): AttrValue | undefined => {
  for (const n of names) {
    const v = own(run.attrs, n);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
};

function sparsityOf(run: Run): AttrValue | undefined {
  const na = num(own(run.attrs, 'Na'));
  const ratio = num(own(run.attrs, 'Na/N')) ?? (na !== undefined ? na / run.N : undefined);
  return ratio === undefined ? undefined : Number(ratio.toPrecision(3));
}

function shapeOf(run: Run): AttrValue | undefined {
  const h = num(first(run, ['h', 'd_model', 'hidden_size']));
  const layers = num(first(run, ['numl', 'n_layers', 'num_layers', 'layers']));
  const ffn = num(first(run, ['ffnh', 'd_ff', 'ffn_hidden_size']));
  if (h === undefined || layers === undefined || ffn === undefined) return undefined;
  return `d${h}×L${layers}×ffn${(ffn / h).toFixed(2)}`;
}

function recipeOf(run: Run): AttrValue | undefined {
  return first(run, ['recipe', 'dataset', 'train_dataset', 'data']);
}

const DERIVE: Record<(typeof DERIVED_ATTRIBUTES)[number], { of: (r: Run) => AttrValue | undefined; needs: string }> = {
  sparsity: { of: sparsityOf, needs: 'a Na/N column, or Na (activated parameters)' },
  shape: { of: shapeOf, needs: 'h/numl/ffnh (or d_model/n_layers/d_ff) columns' },
  recipe: { of: recipeOf, needs: 'a recipe, dataset, train_dataset or data column' },
  file: { of: (r) => r.file, needs: 'the file name' },
};

/**
 * The sweep with attribute `name` present on every run (derived if it is one
 * of DERIVED_ATTRIBUTES and no column of that name exists).
 * @throws InputError when a run lacks the attribute.
 */
export function withSliceAttribute(sweep: Sweep, name: string): Sweep {
  const derived = (DERIVED_ATTRIBUTES as readonly string[]).includes(name) ? DERIVE[name as keyof typeof DERIVE] : undefined;
  const runs = sweep.runs.map((run) => {
    const have = own(run.attrs, name);
    if (have !== undefined && have !== '') return run;
    const v = derived?.of(run);
    if (v === undefined) {
      throw new InputError(
        derived
          ? `${run.file}: row ${run.row}: cannot derive ${JSON.stringify(name)}: needs ${derived.needs}`
          : `${run.file}: row ${run.row}: no value in column ${JSON.stringify(name)} to slice by`,
        { file: run.file, row: run.row, column: name },
      );
    }
    return withAttrs(run, { [name]: v });
  });
  // Runs that differ in the slice attribute are not the same grid cell: re-key the duplicate check on it.
  const hadDuplicates = sweep.warnings.some((w) => w.code === 'duplicate-cell');
  const warnings = hadDuplicates
    ? [...sweep.warnings.filter((w) => w.code !== 'duplicate-cell'), ...duplicateCellWarnings(runs, [...sweep.groupKeys.filter((k) => k !== name), name])]
    : sweep.warnings;
  return { ...sweep, runs, warnings };
}

/** Distinct values of an attribute, sorted (numbers numerically, then strings). */
export function sliceValues(sweep: Sweep, name: string): AttrValue[] {
  const values = [...new Set(sweep.runs.map((r) => own(r.attrs, name)))].filter((v): v is AttrValue => v !== undefined);
  return values.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
