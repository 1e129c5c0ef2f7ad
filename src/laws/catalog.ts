/**
 * The law catalog: every published law steplaw knows, by its command-line
 * name (docs/method.md#published-laws, the Step Law paper's Table 1), and `resolveLaw`,
 * which also accepts the path of a fit JSON written by `steplaw fit`.
 *
 * Each law's constants, misprints and caveats are cited in its own file under
 * `published/`.
 */
import { InputError, msg } from '../messages.js';
import type { Law } from './law.js';
import { stepLaw, stepLawRounded } from './published/steplaw.js';
import { deepSeekLaw } from './published/deepseek.js';
import { openAiLaw } from './published/openai.js';
import { microsoftLaw } from './published/microsoft.js';
import { porianLaw } from './published/porian.js';
import { miniCpmLaw } from './published/minicpm.js';
import { meituanLaw } from './published/meituan.js';
import type { CatalogLaw } from './published/meta.js';
import { readFitLaw } from './steplaw-fit.js';
import { isFile } from '../ingest/files.js';

export type { CatalogLaw } from './published/meta.js';

const STEPLAW_UNITS = 'N non-embedding parameters (total N for MoE); D tokens; lr peak learning rate; B tokens per step';

/** Catalog names in the order `steplaw laws` lists them. */
export const CATALOG_NAMES = ['steplaw', 'steplaw-rounded', 'deepseek', 'openai', 'microsoft', 'porian', 'minicpm', 'meituan'] as const;

/** Every catalog law (fresh objects), Step Law first, Meituan (not evaluable) last. */
export function catalogLaws(): CatalogLaw[] {
  return [
    { ...stepLaw(), units: STEPLAW_UNITS, paperRelativeError: '0.94‰' },
    { ...stepLawRounded(), units: STEPLAW_UNITS, paperRelativeError: '0.94‰' },
    deepSeekLaw(),
    openAiLaw(),
    microsoftLaw(),
    porianLaw(),
    miniCpmLaw(),
    meituanLaw(),
  ];
}

/**
 * A catalog law by name, or a law from a fit JSON (a path ending in .json or an
 * existing file).
 * @throws InputError for an unknown name, listing the catalog.
 */
export function resolveLaw(nameOrPath: string, options: { slice?: string } = {}): Law {
  const name = nameOrPath.trim();
  const law = catalogLaws().find((l) => l.name === name.toLowerCase());
  if (law) {
    if (options.slice !== undefined) throw new InputError(msg.sliceNeedsFitFile(name));
    return law;
  }
  if (name.toLowerCase().endsWith('.json') || isFile(name)) return readFitLaw(name, options.slice);
  throw new InputError(msg.unknownLaw(name, [...CATALOG_NAMES]));
}
