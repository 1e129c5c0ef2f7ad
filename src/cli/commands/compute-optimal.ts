/**
 * `steplaw compute-optimal <csv>`: N*(C) = k·C^a (and D*(C)) per configuration
 * by weighted least squares on logs (src/laws/compute-optimal.ts; Porian et
 * al. 2024). Columns: flops, N_star, N_star_log_std (D_star, D_star_log_std
 * optional); configuration = the text-valued columns unless `--config` names them.
 */
import type { Command } from 'commander';
import { InputError, msg } from '../../messages.js';
import {
  compareComputeOptimalSlices,
  fitComputeOptimal,
  type ComputeOptimalComparison,
  type ComputeOptimalFit,
} from '../../laws/compute-optimal.js';
import { readOptimalPairs } from '../../ingest/optimal-pairs.js';
import { action, prepareOutput, summariseWarnings, printJson, writeJsonFile } from '../run.js';
import { alignedTable, textLines } from '../../util/text-table.js';
import { bootstrapOptions, withBootstrapOptions, withJsonOption, withOutOption } from '../options.js';

interface Opts {
  config?: string;
  compare?: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
  out?: string;
}

const g = (v: number | undefined, digits = 6): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(digits));

function fitJson(f: ComputeOptimalFit) {
  const strip = (p: ComputeOptimalFit['N']) => {
    if (!p) return null;
    const { bootstrap, ...rest } = p;
    if (!bootstrap) return rest;
    const { exponentSamples: _s, ...b } = bootstrap;
    return { ...rest, bootstrap: b };
  };
  return { ...f, N: strip(f.N), D: strip(f.D) };
}

export function computeOptimalText(fits: ComputeOptimalFit[], comparisons?: ComputeOptimalComparison[], by?: string): string {
  const lines: string[] = ['N*(C) = k·C^a by weighted least squares on logs (weights 1/N_star_log_std²)', ''];
  const head = ['configuration', 'optima', 'a', 'stderr', '95% interval', 'k', 'R²', 'D* exponent'];
  const rows = fits.map((f) => [
    f.key,
    `${f.budgets - f.withoutOptimum}/${f.budgets}`,
    g(f.N?.exponent),
    g(f.N?.stderr.exponent, 3),
    f.N?.bootstrap ? `[${g(f.N.bootstrap.exponentCi95[0], 4)}, ${g(f.N.bootstrap.exponentCi95[1], 4)}]` : '–',
    g(f.N?.coef, 4),
    g(f.N?.r2, 5),
    g(f.D?.exponent),
  ]);
  lines.push(...alignedTable(head, rows));
  if (comparisons && by) {
    lines.push('', `Exponent a by ${by} (matching configurations; difference with paired-bootstrap 95% interval)`, '');
    for (const c of comparisons) {
      const d = c.difference;
      lines.push(
        `${Object.values(c.match).join('|')}: ` +
          c.slices.map((s) => `${s.value} ${g(s.exponent, 4)} [${g(s.ci95[0], 4)}, ${g(s.ci95[1], 4)}]`).join(', ') +
          `; ${d.of[0]} − ${d.of[1]} = ${g(d.estimate, 3)} ` +
          (d.ci95 ? `[${g(d.ci95[0], 3)}, ${g(d.ci95[1], 3)}] ${d.excludesZero ? 'excludes 0' : 'includes 0'}` : '(no bootstrap interval)'),
      );
    }
  }
  return textLines(lines);
}

export function register(program: Command): void {
  const cmd = program
    .command('compute-optimal')
    .description('fit N*(C) = k·C^a (and D*(C)) per configuration from per-budget optima, by weighted least squares on logs')
    .argument('<csv>', 'per-budget optima: columns flops, N_star, N_star_log_std (D_star, D_star_log_std optional)')
    .option('--config <columns>', 'comma-separated configuration columns (default: the text-valued columns; source_file is provenance)')
    .option('--compare <column>', 'compare exponents between the values of this configuration column (e.g. dataset)');
  withBootstrapOptions(cmd, { bootstrap: 'per configuration for the 95% intervals', seed: 'bootstrap seed' });
  withOutOption(cmd, 'also write the JSON to this file');
  withJsonOption(cmd, 'print JSON');
  cmd
    .action(
      action(async (csv: string, opts: Opts) => {
        const { bootstrap: nboot, seed } = bootstrapOptions(opts);
        prepareOutput(opts.out, [csv]);
        const configColumns = opts.config?.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const table = readOptimalPairs(csv, { configColumns });
        if (opts.compare && !table.configColumns.includes(opts.compare)) {
          throw new InputError(msg.badOption('--compare', opts.compare, `one of the configuration columns ${table.configColumns.join(', ')}`));
        }
        if (opts.compare && nboot < 2) throw new InputError(msg.badOption('--bootstrap', opts.bootstrap, 'at least 2 with --compare'));
        const fits = fitComputeOptimal(table, { bootstrap: nboot, seed });
        const comparisons = opts.compare ? compareComputeOptimalSlices(fits, { by: opts.compare }) : undefined;
        const result = {
          file: csv,
          method: 'WLS of ln N* on ln C, weights 1/N_star_log_std²; stderr scaled by residual variance; 95% = bootstrap percentiles',
          options: { bootstrap: nboot, seed, configColumns: table.configColumns, provenanceColumns: table.provenanceColumns },
          configurations: fits.map(fitJson),
          comparisons: comparisons ?? null,
        };
        if (opts.out) writeJsonFile(opts.out, result);
        if (opts.json) await printJson(result);
        else {
          process.stdout.write(computeOptimalText(fits, comparisons, opts.compare));
          for (const line of summariseWarnings(fits.flatMap((f) => f.warnings))) process.stderr.write(line + '\n');
        }
      }),
    );
}
