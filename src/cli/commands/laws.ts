/**
 * `steplaw laws`: the law catalog — formula, units, inputs, citation and
 * caveats of each published law (src/laws/catalog.ts).
 */
import type { Command } from 'commander';
import { catalogLaws } from '../../laws/catalog.js';
import { formatLaws } from '../../validate/format.js';
import { action, printJson } from '../run.js';
import { withJsonOption } from '../options.js';

export function register(program: Command): void {
  const cmd = program
    .command('laws')
    .description('list the published laws steplaw can validate (names for --law), with formulas, units, citations and caveats');

  withJsonOption(cmd, 'print JSON');
  cmd
    .action(
      action(async (o: { json?: boolean }) => {
        const laws = catalogLaws();
        if (o.json) {
          await printJson(
            laws.map((l) => ({
              name: l.name,
              title: l.title,
              formula: l.formula,
              units: l.units,
              needs: l.needs,
              predicts: l.predicts,
              evaluable: l.evaluable,
              citation: l.citation,
              caveats: l.caveats,
              paperRelativeError: l.paperRelativeError ?? null,
            })),
          );
        } else process.stdout.write(formatLaws(laws));
      }),
    );
}
