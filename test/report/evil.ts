/** A sweep CSV whose run names (and a slice column) are HTML/script injection attempts, for the escaping tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EVIL_NAME = `<script>alert(1)</script> "double" 'single' & <img src=x onerror=alert(2)>`;

/** CSV quoting: wrap in double quotes, double the inner ones. */
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Write a 5×5 bowl sweep in the default mapped format (N, D, lr, batch, loss + exp_name) to a temp dir; the argmin run has the evil name. */
export function writeEvilCsv(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'steplaw-evil-'));
  const file = join(dir, 'evil.csv');
  const lines = ['N,D,lr,batch,loss,exp_name'];
  for (let i = -2; i <= 2; i++) {
    for (let j = -2; j <= 2; j++) {
      const lr = 2e-3 * Math.SQRT2 ** i;
      const batch = 1048576 * 2 ** j;
      const loss = 2.5 * (1 + 0.004 * (Math.log(lr / 2e-3) ** 2 + Math.log(batch / 1048576) ** 2));
      const name = i === 0 && j === 0 ? EVIL_NAME : `run_${i}_${j}`;
      lines.push([4e8, 2e10, lr, batch, loss, csvCell(name)].join(','));
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return { dir, file };
}
