/**
 * Statistics core of the scoring library: Kayenta-compatible transforms, descriptive statistics, effect sizes and
 * the Mann-Whitney interval/estimate, each reproducing Kayenta's (commons-math / R) numerical conventions.
 */
export { kayentaMean, kayentaVariance } from './mean';
export { percentileR7, sortedForPercentile } from './percentile';
export { describe, type SeriesSummary } from './describe';
export { removeNaN, replaceNaN } from './nan';
export { iqrOutlierFences, iqrOutliers, removeOutliersIQR, kSigmaOutliers, removeOutliersKSigma } from './outliers';
export { zeroin } from './zeroin';
export { normalQuantile } from './normal-quantile';
export { erfInv, kayentaNormalQuantile } from './erf-inv';
export { averageRanks, compareDoubles } from './ranks';
export {
  AllObservationsTiedError,
  hasNegativeZero,
  sortedSamples,
  wilcoxonDiff,
  wilcoxonDiffSorted,
  wilcoxonStatistic,
  type SortedSamples,
} from './wilcoxon';
export { mannWhitney, mannWhitneySorted, mannWhitneyWithQuantiles, type MannWhitneyResult } from './mann-whitney';
export { meanRatio, meanRatioOfSummaries, cles, cohenD } from './effect-sizes';
export {
  betaQuantile,
  binomialCdf,
  binomialPmf,
  binomialTwoSidedP,
  binomialUpper,
  logGamma,
  poissonRateTest,
  regularizedBeta,
  type PoissonRateResult,
} from './poisson-rate';
