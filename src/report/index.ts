/** The HTML report: plain-data inputs (types.ts) → figures (SVG) + tables → one self-contained page. */
export * from './types.js';
export { escapeHtml, slug } from './escape.js';
export { fmtNum, fmtPct } from './format.js';
export { landscapeSpec, DEFAULT_LEVELS } from './landscape.js';
export { fitSpec } from './fit.js';
export { forestSpec } from './forest.js';
export { lossObservedSpec, lossFrontierSpec } from './loss-law.js';
export { validationTable, compareTable, reproductionTable, type ValidationRowInput, type CompareRowInput, type ReproductionRowInput } from './tables.js';
export {
  landscapeFromGrid,
  fitFiguresFromLogLinear,
  lossLawFigures,
  type LandscapeLaw,
  type LogLinearFitData,
  type LossLawFigureData,
} from './adapters.js';
export { renderSvg } from './svg.js';
export { buildReport, writeReport } from './write.js';
export { fitFiguresFromStepLawFit, reproductionRowsFromStepLawFit, type PublishedCoefficients } from './from-steplaw-fit.js';
export { validationTableFromResult, compareTableFromComparison } from './from-validate.js';
export { standaloneReport, analysisReport, analysisSections, fitSection, validationSection, sliceSection, type SweepForReport, type SweepAnalysis, type Outcome } from './standalone.js';
export { gadreSection, gadreForest, porianSection, cvSection } from './reproduction-sections.js';
export { forestFromSliceStudy, sliceDifferencesTable, exponentLabel } from './from-slices.js';
export { lossLawItemsFromFit } from './from-loss-law.js';
