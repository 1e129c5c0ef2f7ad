/**
 * One Step Law fit per slice (a value of an attribute), each with its own
 * bootstrap. A slice that cannot be fitted (no runs in the band, too few runs)
 * is reported with the reason; a slice that cannot identify an exponent (one
 * N, one D) gets the reduced fit with a `reduced-fit` warning (steplaw-fit.ts).
 */
import { InputError, type Warning } from '../messages.js';
import { groupSweep, type Grid } from '../sweep/grid.js';
import type { AttrValue, Sweep } from '../sweep/types.js';
import { fitStepLaw, type StepLawFit, type StepLawFitOptions } from '../laws/steplaw-fit.js';
import { sliceValues, withSliceAttribute } from './derive.js';
import { own } from '../util/own.js';

export interface SliceFit {
  by: string;
  value: AttrValue;
  /** `by=value`, e.g. `moe_name=1in8`. */
  label: string;
  grids: Grid[];
  runs: number;
  fit?: StepLawFit;
  /** Why the slice could not be fitted at all. */
  error?: string;
  warnings: Warning[];
}

export interface SliceFitOptions extends StepLawFitOptions {
  divergedRatio?: number;
}

export function fitSlices(sweep0: Sweep, by: string, options: SliceFitOptions = {}): SliceFit[] {
  const sweep = withSliceAttribute(sweep0, by);
  const out: SliceFit[] = [];
  for (const value of sliceValues(sweep, by)) {
    const part: Sweep = { ...sweep, runs: sweep.runs.filter((r) => own(r.attrs, by) === value), warnings: [] };
    const { grids, warnings } = groupSweep(part, { by: [by], divergedRatio: options.divergedRatio });
    const slice: SliceFit = { by, value, label: `${by}=${value}`, grids, runs: part.runs.length, warnings };
    try {
      slice.fit = fitStepLaw(grids, options);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      slice.error = e.message;
    }
    out.push(slice);
  }
  return out;
}
