/**
 * What a format reader says about one log line: a logged (iteration, loss)
 * point, `'skip'` (not a training-loss record: banners, eval lines, blank
 * lines) or `'malformed'` (looks like a record but does not parse; counted,
 * never fatal).
 */
export type LineResult = { iter: number; loss: number } | 'skip' | 'malformed';

export type LogFormat = 'megatron' | 'jsonl' | 'wandb-csv';
export const LOG_FORMATS: readonly LogFormat[] = ['megatron', 'jsonl', 'wandb-csv'];

/** Field names for step and loss (JSON-lines keys, CSV columns); the first present wins. */
export interface FieldNames {
  step: string[];
  loss: string[];
}

export const DEFAULT_JSONL_FIELDS: FieldNames = { step: ['step', 'iteration', '_step'], loss: ['loss', 'lm loss', 'train/loss'] };
export const DEFAULT_CSV_FIELDS: FieldNames = { step: ['_step'], loss: ['loss', 'lm loss', 'train/loss'] };
