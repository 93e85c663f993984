/**
 * Help texts for the stage editor, shown through Deck's own help popover (`HelpField` from `@spinnaker/core`, the
 * "?" icon Deck's Webhook and Manual Judgment stages put beside a label). Passed as `content`, so they live in the
 * lazily loaded editor chunk and need no registration at start-up.
 */
export const HELP = {
  judgeBaseUrl:
    'Base URL of the Canary Judge service as Orca reaches it. Orca PUTs the judgment to <URL>/v1/judgments/<execution>-<stage>-<start> and polls it.',
  metricSource:
    'Name of a metric source configured on the judge service (e.g. prometheus, or demo for the built-in demo data).',
  configName: 'Optional name of the canary config, shown in the report and logs.',
  controlScope:
    'Baseline scope: what the query templates substitute for ${scope} on the baseline side (Kayenta: controlScope).',
  experimentScope:
    'Canary scope: what the query templates substitute for ${scope} on the canary side (Kayenta: experimentScope).',
  location: 'Optional location (region, cluster…) substituted for ${location}.',
  lifetime: 'How long the canary runs and is judged, minutes (Kayenta: lifetimeDuration).',
  interval:
    'Length of one judged interval, minutes. Empty or 0 judges once at the end. A failing interval stops the canary early (Kayenta: canaryAnalysisIntervalMins).',
  warmup: 'Wait before the first interval starts, minutes (Kayenta: beginCanaryAnalysisAfterMins).',
  lookback:
    'Sliding window length, minutes. Empty judges each interval from the start of the analysis (growing window).',
  baselineOffset: 'Shift the baseline window back by this many minutes (Kayenta: baselineAnalysisOffsetInMins).',
  step: 'Query resolution in seconds (default 60).',
  marginal: 'A score at or below this fails the stage (Kayenta: marginal threshold, 0–100).',
  pass: 'A score at or above this passes the stage; between marginal and pass is MARGINAL (Kayenta: pass threshold).',
} as const;
