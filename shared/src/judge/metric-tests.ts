/**
 * The statistical tests a metric may choose (`analysisConfigurations.canaryJudge.test`), in a module of its own so
 * that validation can name them without pulling in the settings reader; `settings.ts` re-exports it.
 */

/** The values `analysisConfigurations.canaryJudge.test` accepts; `mannWhitney` is the default. */
export const METRIC_TESTS = ['mannWhitney', 'poissonRate'] as const;
