/**
 * The loss readers by name, and the default one (chosen by the
 * leave-one-cell-out study: scripts/reader-loo.ts, docs/validate.md).
 */
import { InputError, msg } from '../../messages.js';
import { linearReader } from './linear.js';
import { nearestReader } from './nearest.js';
import { surfaceReader } from './surface.js';
import { READER_NAMES, type LossReader, type ReaderName } from './types.js';

export * from './types.js';
export { nearestReader, readNearest, nearestPoint } from './nearest.js';
export { linearReader, readLinear } from './linear.js';
export { surfaceReader, readSurface, DEFAULT_SURFACE_NEIGHBOURS } from './surface.js';

export const DEFAULT_READER: ReaderName = 'surface';

/** The reader called `name`. @throws InputError for an unknown name. */
export function getReader(name: string = DEFAULT_READER): LossReader {
  switch (name) {
    case 'nearest':
      return nearestReader;
    case 'linear':
      return linearReader;
    case 'surface':
      return surfaceReader();
    default:
      throw new InputError(msg.badOption('--read', name, `one of ${READER_NAMES.join(', ')}`));
  }
}
