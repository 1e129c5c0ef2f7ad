/**
 * A progress bar on stderr, drawn only when stderr is a terminal (so piped
 * output and CI logs stay clean). Throttled to at most ~20 redraws a second.
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { tick() {}, done() {} };
  let last = 0;
  const draw = (k: number) => {
    const width = 30;
    const filled = Math.round((width * k) / total);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${k}/${total}`);
  };
  return {
    tick(k: number) {
      const now = Date.now();
      if (now - last < 50 && k < total) return;
      last = now;
      draw(k);
    },
    done() {
      draw(total);
      stream.write('\n');
    },
  };
}
