/**
 * "Copy as stage JSON" of the what-if: the `canaryJudge` stage (`alias: 'webhook'`,
 * `docs/design/orca-webhook-contract.md` §1) the config panel would write for the judgment's request under the
 * simulated settings — thresholds, group weights and every per-metric setting — so a simulation that reads right can be
 * pasted into Deck's "Edit stage as JSON". The canary config is written inline (a shared config reference is dropped:
 * the simulated config is not the shared one), the `spinnaker` block is the SpEL the panel writes, and the judge URL
 * comes from the report's `statusUrl`.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import type { JudgmentReport, ReportInterval } from './report';
import { judgeBaseUrlFromUrl, SPINNAKER_INFO_SPEL, STAGE_TYPE, stageTimeoutMsFor, webhookFields } from './stageJson';
import { whatIfRequest, type WhatIfSettings } from './whatIf';

/**
 * The stage JSON for the judgment's request under `settings`.
 *
 * @param report the judgment report (its stored request and status URL)
 * @param interval the simulated interval (only its series are read, and they do not reach the stage)
 * @param settings the simulated settings (the valid ones: each metric's last settings without issues)
 * @returns a stage object: `type`, `name`, the webhook fields, `payload` and, for a live analysis, `stageTimeoutMs`
 */
export function whatIfStageJson(
  report: JudgmentReport,
  interval: ReportInterval,
  settings: WhatIfSettings,
): Record<string, unknown> {
  const simulated = whatIfRequest(report, interval, settings);
  const { canaryConfigRef: _shared, ...request } = report.request as JudgmentRequest & { canaryConfigRef?: unknown };
  const payload: Record<string, unknown> = {
    ...request,
    spinnaker: { ...SPINNAKER_INFO_SPEL },
    canaryConfig: simulated.canaryConfig,
    thresholds: { pass: settings.pass, marginal: settings.marginal },
  };
  const timeout = stageTimeoutMsFor((request.timing ?? {}) as Record<string, unknown>);
  return {
    type: STAGE_TYPE,
    name: 'Canary Judge',
    ...webhookFields(judgeBaseUrlFromUrl(report.judgment.statusUrl)),
    payload,
    ...(timeout !== undefined ? { stageTimeoutMs: timeout } : {}),
  };
}
