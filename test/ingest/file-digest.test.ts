/**
 * A sweep file is fingerprinted (SHA-256) as it is streamed, and a fit record reuses that digest while the
 * file is unchanged; a changed or replaced file is hashed again. Checked against node:crypto over the file's
 * bytes read independently.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSweepFile } from '../../src/ingest/sweep.js';
import { fileSha256 } from '../../src/ingest/files.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function sweep(dir: string, name: string, extra = ''): string {
  const f = join(dir, name);
  const rows = ['N,D,lr,batch,loss'];
  for (let k = 0; k < 5000; k++) rows.push(`1e8,1e10,${(1e-4 * (1 + (k % 9))).toPrecision(3)},${65536 * (1 + (k % 7))},${(2 + k * 1e-6).toFixed(6)}`);
  writeFileSync(f, rows.join('\n') + '\n' + extra);
  return f;
}

describe('file digests taken while streaming', () => {
  it('the digest of a streamed file is the SHA-256 of its bytes (more than one read chunk)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-digest-'));
    const f = sweep(dir, 'a.csv');
    readSweepFile(f, { batchUnit: 'tokens' });
    expect(fileSha256(f)).toBe(sha(f));
    // A file never streamed is hashed on demand.
    const g = sweep(dir, 'b.csv', '1e8,1e10,0.001,65536,2.5\n');
    expect(fileSha256(g)).toBe(sha(g));
  });

  it('a file changed after it was read is hashed again (size, modification time or inode differ)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-digest-'));
    const f = sweep(dir, 'a.csv');
    readSweepFile(f, { batchUnit: 'tokens' });
    const before = sha(f);
    appendFileSync(f, '1e8,1e10,0.001,65536,2.5\n');
    expect(fileSha256(f)).toBe(sha(f));
    expect(fileSha256(f)).not.toBe(before);
    // Other bytes of the same size, given the old modification time and renamed over the file: hashed again.
    readSweepFile(f, { batchUnit: 'tokens' });
    const read = sha(f);
    const st = statSync(f);
    const other = join(dir, 'other.csv');
    writeFileSync(other, readFileSync(f, 'utf8').replace(/2\.5\n$/, '2.6\n'));
    expect(statSync(other).size).toBe(st.size);
    utimesSync(other, st.atime, st.mtime);
    const replaced = sha(other);
    expect(replaced).not.toBe(read);
    renameSync(other, f);
    expect(fileSha256(f)).toBe(replaced);
  });
});
