/**
 * The plugin's Deck settings, read from `SETTINGS.canaryJudge` (operators set it in Deck's `settings-local.js`:
 * `window.spinnakerSettings.canaryJudge = { judgeBaseUrl: 'https://canary-judge.example.com',
 * metricSources: ['prometheus'] }`).
 */
import { SETTINGS } from '@spinnaker/core';

/** Canary Judge settings. */
export interface CanaryJudgeSettings {
  /** Base URL Orca calls (written into new stages' webhook URL). */
  judgeBaseUrl: string;
  /** Browser-reachable base URL for reports (e.g. a Gate proxy); defaults to the stage's judge URL. */
  reportBaseUrl?: string;
  /** Metric sources configured on the judge, in order; a new stage starts with the first. Empty when unset. */
  metricSources: string[];
}

/** Reads the settings; missing or malformed values become ''/undefined, never a throw. */
export function canaryJudgeSettings(): CanaryJudgeSettings {
  const raw = (SETTINGS ?? {})['canaryJudge'];
  const r = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    judgeBaseUrl: typeof r['judgeBaseUrl'] === 'string' ? r['judgeBaseUrl'] : '',
    ...(typeof r['reportBaseUrl'] === 'string' ? { reportBaseUrl: r['reportBaseUrl'] } : {}),
    metricSources: Array.isArray(r['metricSources'])
      ? r['metricSources'].filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      : [],
  };
}
