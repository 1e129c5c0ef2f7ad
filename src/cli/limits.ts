/**
 * Upper bounds on option values, refused up front with one line (exit 2)
 * instead of failing after minutes of work (`--bootstrap 1e7` used to run three
 * minutes into `Invalid string length`). Each bound says why it is there;
 * README "Limits" lists them.
 */
export interface Limit {
  max: number;
  why: string;
}

export const LIMITS = {
  /** Step Law, slices and compute-optimal bootstraps: each resample's coefficients are kept in the record. */
  bootstrap: {
    max: 100_000,
    why: 'every resample is stored in the JSON record; 100,000 already puts a 95% percentile well inside its own sampling error',
  },
  /** Loss-law bootstrap: each resample is a full nonlinear refit. */
  lossFitBootstrap: { max: 10_000, why: 'each resample is a full nonlinear refit of the loss law' },
  /** Seeds: the generator takes a 32-bit integer; larger values would silently repeat smaller seeds. */
  seed: { max: 2 ** 31 - 1, why: 'the random generator takes a 31-bit seed; a larger one would repeat a smaller one' },
  /** Tokens per sequence. */
  seqLen: { max: 2 ** 24, why: '16,777,216 tokens per sequence' },
  /** Significant digits of D in ingest-logs: a double has 17. */
  dDigits: { max: 17, why: 'a double-precision number has 17 significant digits' },
  /** Worker threads of ingest-logs. */
  jobs: { max: 256, why: 'worker threads' },
} satisfies Record<string, Limit>;
