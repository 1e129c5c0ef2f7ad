/**
 * What the catalog adds to a `Law`: its units in words and the relative error
 * the Step Law paper reports for it on its own test group (Table 1).
 */
import type { Law } from '../law.js';

export type CatalogLaw = Law & {
  /** Units of the inputs and outputs, in words. */
  units: string;
  /** The Step Law paper's Table 1 relative error on its (unreleased) 1B/100B test group, as printed. */
  paperRelativeError?: string;
};
