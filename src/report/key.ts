/**
 * The shared key of a section's landscape small multiples (one key, not a
 * legend in every panel): the loss-above-minimum ramp with its cap, the
 * diverged and untried fills, the contour levels as lines, the grid minimum
 * and each law's marker — lr-only and batch-only laws as the lines they are.
 * Plain HTML that wraps on any screen; each swatch is a tiny SVG drawn with
 * the same colours, dashes and vega symbol shapes as the panels.
 */
import { escapeHtml } from './escape.js';
import {
  CONTOUR_COLOURS,
  CONTOUR_DASHES,
  CONTOUR_WIDTHS,
  DIVERGED_FILL,
  heatFill,
  HEAT_CLIP,
  LAW_DASHES,
  LAW_SHAPES,
  levelLabel,
  MINIMUM_LABEL,
  UNTRIED_FILL,
  UNTRIED_MARK,
} from './landscape.js';
import { fmtPct } from './format.js';

export interface KeyLaw {
  label: string;
  /** How the law appears in the panels: a marker, or a vertical (lr only) / horizontal (batch only) line. */
  kind: 'point' | 'lr-line' | 'batch-line';
}

/** SVG path of a vega symbol shape centred at 0,0 with the given area (from vega's own symbol table). */
export type SymbolPath = (shape: string, size: number) => string;

const swatch = (inner: string, w = 26, h = 16) =>
  `<svg class="sw" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true" focusable="false">${inner}</svg>`;
const item = (svg: string, label: string) => `<li>${svg}<span>${escapeHtml(label)}</span></li>`;

/** The key's HTML for a section whose panels use `levels` and `laws` (in key order). */
export function landscapeKeyHtml(levels: readonly number[], laws: readonly KeyLaw[], symbol: SymbolPath): string {
  const cell = (fill: string, extra = '') => swatch(`<rect x="5" y="1" width="14" height="14" fill="${fill}" stroke="#bbb" stroke-width="0.5"/>${extra}`);
  const heat = [HEAT_CLIP[0], 0.0025, 0.01, HEAT_CLIP[1]].map((r, k, a) =>
    item(cell(heatFill(r)), k === 0 ? `≤ ${fmtPct(r, 2)} above min` : k === a.length - 1 ? `≥ ${fmtPct(r, 2)} (cap)` : `${fmtPct(r, 2)}`),
  );
  const cross = `<path transform="translate(12,8) rotate(45)" d="${symbol('cross', 30)}" fill="${UNTRIED_MARK}"/>`;
  const fills = [item(cell(DIVERGED_FILL), 'diverged run'), item(cell(UNTRIED_FILL, cross), 'untried')];
  const line = (colour: string, dash: readonly number[], width: number) =>
    swatch(`<line x1="1" y1="8" x2="25" y2="8" stroke="${colour}" stroke-width="${width}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
  const contours = levels.map((l, k) => item(line(CONTOUR_COLOURS[k] ?? '#000', CONTOUR_DASHES[k] ?? [1, 1], CONTOUR_WIDTHS[k] ?? 1.2), `contour ${levelLabel(l)}`));
  const marker = (shape: string, filled: boolean, size: number) =>
    swatch(`<path transform="translate(13,8)" d="${symbol(shape, size)}" ${filled ? 'fill="#000" stroke="#fff" stroke-width="1.2"' : 'fill="none" stroke="#000" stroke-width="1.6"'}/>`);
  const lawItems = laws.map((law, k) => {
    if (law.kind === 'point') return item(marker(LAW_SHAPES[k % LAW_SHAPES.length], false, 110), law.label);
    const dash = LAW_DASHES[k % LAW_DASHES.length].join(' ');
    const svg =
      law.kind === 'lr-line'
        ? swatch(`<line x1="13" y1="0" x2="13" y2="16" stroke="#111" stroke-width="1.4" stroke-dasharray="${dash}"/>`)
        : swatch(`<line x1="1" y1="8" x2="25" y2="8" stroke="#111" stroke-width="1.4" stroke-dasharray="${dash}"/>`);
    return item(svg, `${law.label} (${law.kind === 'lr-line' ? 'lr only' : 'batch only'})`);
  });
  return (
    `<div class="key" role="group" aria-label="Key to the landscape panels">\n` +
    `<ul><li class="kh">Loss above the group minimum</li>${heat.join('')}${fills.join('')}</ul>\n` +
    `<ul><li class="kh">Contours</li>${contours.join('')}</ul>\n` +
    `<ul><li class="kh">Markers</li>${item(marker('circle', true, 70), MINIMUM_LABEL)}${lawItems.join('')}<li class="kn">→ at the edge: a prediction outside the grid, drawn in the shaded margin</li></ul>\n` +
    `</div>`
  );
}
