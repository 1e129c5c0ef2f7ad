/**
 * Meituan (Wang et al. 2024), as quoted in the Step Law paper's Table 1
 * (docs/method.md#published-laws): a loss-based lr law lr = λ·L^−α whose constants are not
 * given. Listed so users see it; it cannot be evaluated.
 */
import type { Prediction } from '../law.js';
import type { CatalogLaw } from './meta.js';

export function meituanLaw(): CatalogLaw {
  return {
    name: 'meituan',
    title: 'Meituan (Wang et al. 2024)',
    formula: 'lr = λ·L^−α (constants not given); no batch law',
    units: 'L loss in nats/token; lr peak learning rate',
    citation: 'Wang et al. 2024 (Meituan), as quoted in Step Law Table 1',
    caveats: ['Not evaluable: the constants λ and α are not published (the Step Law Table 1 gives no number for it either).'],
    paperRelativeError: '–',
    needs: { lr: ['L'], batch: [] },
    predicts: { lr: false, batch: false },
    evaluable: false,
    predict(): Prediction {
      return {};
    },
  };
}
