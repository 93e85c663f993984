/**
 * The "Canary Judge Results" execution-details tab (title `canaryJudgeResults`: the URL `details=` value, keep it
 * stable). The verdict comes from the stage context at once; the detailed report (charts, metric table, what-if)
 * is a lazily loaded chunk so Deck's start-up never pays for recharts (`docs/design/deck-plugin.md` §4 item 5).
 */
import * as React from 'react';
import { ExecutionDetailsSection, type IExecutionDetailsSectionProps } from '@spinnaker/core';
import { canaryJudgeSettings } from '../settings';
import { injectStyles } from '../styles';
import { testIds } from '../testIds';
import { readStageContext, reportUrlFor, type StageSummary } from '../transforms/context';
import { FullReport } from './FullReport';
import { LazyReportView } from './lazyReport';
import { ReportBoundary } from './ReportBoundary';
import { VerdictSummary } from './VerdictSummary';

/**
 * What changes whenever Deck brings a newer copy of the stage: the report is re-fetched then, in step with the
 * status shown above it.
 */
export function stageRevision(summary: StageSummary): string {
  const j = summary.judgment;
  return [summary.stageStatus, j?.status ?? '', j?.updatedAt ?? '', j?.intervalScores?.length ?? 0].join('|');
}

/** The results section component. */
export function CanaryJudgeResults(props: IExecutionDetailsSectionProps) {
  React.useEffect(() => injectStyles(), []);
  const summary = readStageContext(props.stage);
  const url = reportUrlFor(summary, canaryJudgeSettings().reportBaseUrl);
  const running = summary.stageStatus === 'RUNNING' || summary.judgment?.status === 'RUNNING';
  const revision = stageRevision(summary);
  const judgedInStatus = summary.judgment?.intervalScores?.length ?? 0;
  return (
    <ExecutionDetailsSection name={props.name} current={props.current}>
      <div className="cj-root" data-testid={testIds.results.root}>
        <VerdictSummary summary={summary} />
        {url ? (
          <>
            <FullReport
              url={url}
              running={running}
              revision={revision}
              judgedInStatus={judgedInStatus}
              summary={summary}
              title={props.stage.name}
            />
            <ReportBoundary>
              <React.Suspense fallback={<p data-testid={testIds.results.loading}>Loading the report…</p>}>
                <LazyReportView url={url} running={running} revision={revision} judgedInStatus={judgedInStatus} />
              </React.Suspense>
            </ReportBoundary>
          </>
        ) : (
          <p className="cj-hint">
            {summary.accepted
              ? 'The detailed report appears once the judge has accepted the judgment.'
              : 'The judge refused the request (see above), so there is no report.'}
          </p>
        )}
      </div>
    </ExecutionDetailsSection>
  );
}
CanaryJudgeResults.title = 'canaryJudgeResults';
