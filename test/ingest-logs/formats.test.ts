/** Line readers of the three log formats, and format detection. */
import { describe, expect, it } from 'vitest';
import { finiteDecimal, parseMegatronLine } from '../../src/ingest/logs/megatron.js';
import { parseNumber } from '../../src/ingest/number.js';
import { parseJsonlLine } from '../../src/ingest/logs/jsonl.js';
import { csvColumns, parseCsvLine, splitCsvLine } from '../../src/ingest/logs/wandb-csv.js';
import { detectLogFormat } from '../../src/ingest/logs/read-log.js';
import { DEFAULT_CSV_FIELDS, DEFAULT_JSONL_FIELDS } from '../../src/ingest/logs/line-result.js';

describe('Megatron text lines', () => {
  it('Megatron-LM training_log line', () => {
    const line =
      ' iteration      100/   30517 | consumed samples:         3200 | elapsed time per iteration (ms): 412.3 |' +
      ' learning rate: 1.726E-04 | global batch size:    32 | lm loss: 2.721691E+00 | loss scale: 1.0 |' +
      ' grad norm: 0.512 | number of skipped iterations:   0 | number of nan iterations:   0 |';
    expect(parseMegatronLine(line)).toEqual({ iter: 100, loss: 2.721691 });
  });

  it("the authors' variant (iter N/ M, lm loss only)", () => {
    const line =
      '2024-06-18 10:11:12.345 | INFO     | megatron.core.trainerv2:training_log:123 - iter   30516/ 30517 | lr: 1.0E-05 | lm loss only: 2.680630E+00 | grad norm: 0.2';
    expect(parseMegatronLine(line)).toEqual({ iter: 30516, loss: 2.68063 });
  });

  it('other lines are skipped: banners, validation losses', () => {
    expect(parseMegatronLine('> building GPT model ...')).toBe('skip');
    expect(parseMegatronLine('')).toBe('skip');
    expect(
      parseMegatronLine(' validation loss at iteration 1000 on validation set | lm loss value: 2.9E+00 | lm loss PPL: 1.8E+01 |'),
    ).toBe('skip');
  });

  it('a cut or garbled record is malformed', () => {
    expect(parseMegatronLine(' iteration      100/   30517 | consumed samples: 3200 | elap')).toBe('malformed');
    expect(parseMegatronLine(' iteration      100/   30517 | lm loss: 2.7x1E+00 |')).toBe('malformed');
    expect(parseMegatronLine(' iteration      100/   30517 | lm loss: nan |')).toBe('malformed');
    expect(parseMegatronLine('garbage | lm loss: 2.5 |')).toBe('malformed');
  });

  it('Windows line ends are tolerated', () => {
    expect(parseMegatronLine(' iteration 7/ 9 | lm loss: 3.5\r')).toEqual({ iter: 7, loss: 3.5 });
  });
});

describe('finiteDecimal = parseNumber restricted to finite values', () => {
  it('on spellings that are and are not numbers', () => {
    const cells = ['2.721691E+00', '1.', '.5', '+.5', '-3', '1e5', '1E-05', '', '.', '+', '-', 'e', 'e5', '1e', '1-2', '--1',
      '1.5.2', '.e1', '0x10', 'nan', 'inf', 'Infinity', '1_0', '1,5', '١'];
    for (const c of cells) {
      const p = parseNumber(c);
      expect(finiteDecimal(c), c).toBe(p !== undefined && Number.isFinite(p) ? p : undefined);
    }
  });
});

describe('JSON-lines', () => {
  const f = DEFAULT_JSONL_FIELDS;
  it('step and loss under the default names', () => {
    expect(parseJsonlLine('{"step": 10, "loss": 2.5}', f)).toEqual({ iter: 10, loss: 2.5 });
    expect(parseJsonlLine('{"iteration": 20, "lm loss": 2.25, "lr": 1e-4}', f)).toEqual({ iter: 20, loss: 2.25 });
    expect(parseJsonlLine('{"step": 30, "train/loss": 2}', f)).toEqual({ iter: 30, loss: 2 });
  });
  it('configurable names', () => {
    expect(parseJsonlLine('{"it": 5, "nll": 3.5}', { step: ['it'], loss: ['nll'] })).toEqual({ iter: 5, loss: 3.5 });
  });
  it('records without a loss are skipped; broken ones are malformed', () => {
    expect(parseJsonlLine('{"step": 10, "eval/loss": 2.5}', f)).toBe('skip');
    expect(parseJsonlLine('   ', f)).toBe('skip');
    expect(parseJsonlLine('{"step": 10, "loss": 2.5', f)).toBe('malformed');
    expect(parseJsonlLine('[1, 2]', f)).toBe('malformed');
    expect(parseJsonlLine('{"loss": 2.5}', f)).toBe('malformed');
    expect(parseJsonlLine('{"step": 1.5, "loss": 2.5}', f)).toBe('malformed');
    expect(parseJsonlLine('{"step": 1, "loss": "2.5"}', f)).toBe('malformed');
    expect(parseJsonlLine('{"step": 1, "loss": null}', f)).toBe('malformed');
  });
});

describe('W&B CSV history', () => {
  it('splits quoted fields', () => {
    expect(splitCsvLine('a,"b,c","d ""e""",\r')).toEqual(['a', 'b,c', 'd "e"', '']);
  });
  it('finds _step and the loss column; reads rows', () => {
    const cols = csvColumns('"_runtime","_step","train/loss","_timestamp"', DEFAULT_CSV_FIELDS)!;
    expect(cols).toMatchObject({ step: 1, loss: 2, width: 4, lossName: 'train/loss' });
    expect(parseCsvLine('12.5,100,2.75,1718000000', cols)).toEqual({ iter: 100, loss: 2.75 });
    expect(parseCsvLine('12.5,110,,1718000000', cols)).toBe('skip');
    expect(parseCsvLine('12.5,120,2.7', cols)).toBe('malformed');
    expect(parseCsvLine('12.5,abc,2.7,1', cols)).toBe('malformed');
    expect(parseCsvLine('12.5,130,NaN,1', cols)).toBe('malformed');
  });
  it('no loss column → no columns', () => {
    expect(csvColumns('_step,eval/acc', DEFAULT_CSV_FIELDS)).toBeUndefined();
  });
});

describe('format detection from the first line', () => {
  it('JSON object, CSV header with _step and a loss column, else Megatron text', () => {
    expect(detectLogFormat('{"step": 1, "loss": 2}', DEFAULT_CSV_FIELDS)).toBe('jsonl');
    expect(detectLogFormat('_step,_runtime,loss', DEFAULT_CSV_FIELDS)).toBe('wandb-csv');
    expect(detectLogFormat('using world size: 8, data-parallel size: 8', DEFAULT_CSV_FIELDS)).toBe('megatron');
    expect(detectLogFormat(' iteration 10/ 100 | lm loss: 2.5 |', DEFAULT_CSV_FIELDS)).toBe('megatron');
  });
});
