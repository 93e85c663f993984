/**
 * The "Canary Judge Results" execution-details tab (title `canaryJudgeResults`: the URL `details=` value, keep it
 * stable). The verdict comes from the stage context at once; the detailed report (charts, metric table, what-if)
 * is a lazily loaded chunk so Deck's start-up never pays for recharts (deck-plugin.md §6 pitfall 8).
 */
import * as React from 'react';
import { ExecutionDetailsSection, type IExecutionDetailsSectionProps } from '@spinnaker/core';
import { canaryJudgeSettings } from '../settings';
import { injectStyles } from '../styles';
import { testIds } from '../testIds';
import { readStageContext, reportUrlFor } from '../transforms/context';
import { ReportBoundary } from './ReportBoundary';
import { VerdictSummary } from './VerdictSummary';

const ReportView = React.lazy(() => import('../report/ReportView'));

/** The results section component. */
export function CanaryJudgeResults(props: IExecutionDetailsSectionProps) {
  React.useEffect(() => injectStyles(), []);
  const summary = readStageContext(props.stage);
  const url = reportUrlFor(summary, canaryJudgeSettings().reportBaseUrl);
  const running = summary.stageStatus === 'RUNNING' || summary.judgment?.status === 'RUNNING';
  return (
    <ExecutionDetailsSection name={props.name} current={props.current}>
      <div className="cj-root" data-testid={testIds.results.root}>
        <VerdictSummary summary={summary} />
        {url ? (
          <ReportBoundary>
            <React.Suspense fallback={<p data-testid={testIds.results.loading}>Loading the report…</p>}>
              <ReportView url={url} running={running} />
            </React.Suspense>
          </ReportBoundary>
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
