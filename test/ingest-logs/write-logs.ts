/** Writers of synthetic logs in the three formats, for the tests. */
export function megatronLine(iter: number, total: number, loss: number | string): string {
  return (
    ` iteration ${String(iter).padStart(8)}/${String(total).padStart(8)} | consumed samples: ${iter * 32} |` +
    ` elapsed time per iteration (ms): 412.3 | learning rate: 1.726E-04 | global batch size:    32 |` +
    ` lm loss: ${loss} | loss scale: 1.0 | number of skipped iterations:   0 | number of nan iterations:   0 |`
  );
}

/** Megatron text: a banner, then one line per point (with a validation line now and then). */
export function megatronLog(iters: number[], losses: number[], total = iters[iters.length - 1]): string {
  const lines = ['using world size: 8, data-parallel size: 8', '> building GPT model ...'];
  iters.forEach((it, i) => {
    lines.push(megatronLine(it, total, losses[i]));
    if (i % 50 === 49) lines.push(` validation loss at iteration ${it} on validation set | lm loss value: 3.0E+00 | lm loss PPL: 2.0E+01 |`);
  });
  return lines.join('\n') + '\n';
}

export function jsonlLog(iters: number[], losses: number[], stepKey = 'step', lossKey = 'loss'): string {
  return iters.map((it, i) => JSON.stringify({ [stepKey]: it, [lossKey]: losses[i], lr: 1e-4 })).join('\n') + '\n';
}

/** W&B history export: _runtime,_step,loss,_timestamp with an eval-only row (empty loss) every 40 rows. */
export function wandbCsv(iters: number[], losses: number[], lossCol = 'loss'): string {
  const lines = [`"_runtime","_step","${lossCol}","_timestamp"`];
  iters.forEach((it, i) => {
    lines.push(`${(i * 0.5).toFixed(1)},${it},${losses[i]},${1718000000 + i}`);
    if (i % 40 === 39) lines.push(`${(i * 0.5).toFixed(1)},${it},,${1718000000 + i}`);
  });
  return lines.join('\r\n') + '\r\n';
}

export const range = (n: number, step: number, first = step): number[] => Array.from({ length: n }, (_, i) => first + i * step);
