/**
 * The lazily loaded part of the results tab (recharts lives in this chunk): interval score trend, interval picker,
 * group-score bar, metric table with filters, the selected metric's charts, and the what-if simulation.
 */
import * as React from 'react';
import { ORCA_DEFAULT_THRESHOLDS, type Direction } from '@canary-judge/shared';
import { groupBlocks, intervalTrend, reportScores } from '../transforms/scores';
import { latestJudgedInterval } from '../transforms/report';
import { explainScore } from '../transforms/scoreExplanation';
import { queryText } from '../transforms/stageJson';
import { metricScopes } from '../transforms/scopes';
import { failsCanary, sortResults } from '../transforms/metrics';
import { normalizeUnit } from '../transforms/units';
import { TIME_MODES, type TimeMode } from '../transforms/timeAxis';
import { testIds } from '../testIds';
import { WhatIfPanel } from '../whatif/WhatIfPanel';
import { GroupScoresBar } from './GroupScoresBar';
import { IntervalTable } from './IntervalTable';
import { IntervalTrendChart } from './IntervalTrendChart';
import { MetricDetail } from './MetricDetail';
import { MetricTable } from './MetricTable';
import { useReport } from './useReport';
import { TextList } from '../results/TextList';

/** Props: the report URL, and whether to keep polling. */
export interface ReportViewProps {
  url: string;
  running: boolean;
  /** Changes whenever Deck's stage status changes; the report is then fetched again at once. */
  revision?: string;
  /** Intervals judged according to the stage status Deck shows (to say when the report is behind it). */
  judgedInStatus?: number;
}

/** The report view (default export for `React.lazy`). */
export default function ReportView(props: ReportViewProps) {
  const { report, error, loading } = useReport(props.url, props.running, props.revision ?? '');
  const [chosen, setChosen] = React.useState<number | null>(null);
  const [group, setGroup] = React.useState<string | null>(null);
  const [metric, setMetric] = React.useState<string | null>(null);
  const [timeMode, setTimeMode] = React.useState<TimeMode>('elapsed');

  if (loading && !report) return <p data-testid={testIds.results.loading}>Loading the report…</p>;
  const errorBox = error ? (
    <p role="alert" className="cj-error" data-testid={testIds.results.reportError}>
      Could not load the detailed report: {error}
    </p>
  ) : null;
  if (!report) return errorBox;

  const thresholds = report.judgment.thresholds ?? report.request.thresholds ?? ORCA_DEFAULT_THRESHOLDS;
  const judged = report.intervals.filter((i) => i.result);
  const interval =
    (chosen !== null ? report.intervals.find((i) => i.index === chosen && i.result) : null) ??
    latestJudgedInterval(report);
  const result = interval?.result ?? null;
  const weights = report.request.canaryConfig?.classifier?.groupWeights ?? {};
  const explanation = result ? explainScore(result, weights) : null;
  const directions: Record<string, Direction> = {};
  for (const m of report.request.canaryConfig?.metrics ?? []) {
    const d = m.analysisConfigurations?.canary?.direction;
    directions[m.name] = d === 'increase' || d === 'decrease' ? d : 'either';
  }
  const firstFailing = result ? sortResults(result.results).find(failsCanary) : undefined;
  const selectedName = metric ?? firstFailing?.name ?? null;
  const selected = result?.results.find((r) => r.name === selectedName) ?? null;
  const selectedConfig = report.request.canaryConfig?.metrics?.find((m) => m.name === selected?.name);

  const behind = props.judgedInStatus !== undefined && judged.length < props.judgedInStatus;
  const ref = report.request.canaryConfigRef;
  return (
    <div>
      {errorBox}
      {ref ? (
        <p className="cj-hint" data-testid={testIds.results.configUsed}>
          Canary config: shared <strong>{ref.name}</strong> version {String(ref.version)}
        </p>
      ) : report.request.canaryConfig?.name ? (
        <p className="cj-hint" data-testid={testIds.results.configUsed}>
          Canary config: {report.request.canaryConfig.name} (inline in the stage)
        </p>
      ) : null}
      {props.running || behind ? (
        <p className="cj-hint" role="status" data-testid={testIds.results.reportProgress}>
          {judged.length > 0 ? `Report shows intervals 1–${judged.length}` : 'No interval in the report yet'}
          {behind ? `; interval ${props.judgedInStatus} is judged, updating…` : '; updates while the stage runs.'}
        </p>
      ) : null}
      <h4>Score per interval</h4>
      <IntervalTrendChart
        points={intervalTrend(
          reportScores(report),
          report.judgment.intervalsPlanned ?? report.intervals.length,
          thresholds,
        )}
        thresholds={thresholds}
      />
      <IntervalTable intervals={report.intervals} thresholds={thresholds} status={report.judgment.status} />
      {judged.length > 1 ? (
        <div className="cj-field" style={{ maxWidth: 260 }}>
          <label htmlFor="cj-interval-pick">Interval shown below</label>
          <select
            id="cj-interval-pick"
            value={interval?.index ?? ''}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {judged.map((i) => (
              <option key={i.index} value={i.index}>
                Interval {i.index}: score {i.score ?? 'n/a'}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {interval && result && explanation ? (
        <>
          <h4>Group scores (width = weight; click to filter)</h4>
          <GroupScoresBar
            blocks={groupBlocks(result.groupScores, weights, thresholds)}
            selected={group}
            onSelect={setGroup}
          />
          <details open className="cj-hint" style={{ marginTop: 8 }} data-testid={testIds.results.scoreExplanation}>
            <summary>How the score of interval {interval.index} was computed</summary>
            <TextList lines={explanation.lines} />
            {Math.abs(explanation.computed - result.score.score) > 0.01 ? (
              <p>(The judge reported {result.score.score}; it rounds to two decimals.)</p>
            ) : null}
          </details>
          <h4>Metrics</h4>
          <MetricTable
            results={result.results}
            group={group}
            selected={selectedName}
            onSelect={setMetric}
            directions={directions}
            scopes={metricScopes(report.request)}
          />
          {selected ? (
            <>
              <div className="cj-row cj-time-mode" role="radiogroup" aria-label="Time axis">
                <span className="cj-hint">Time axis:</span>
                {TIME_MODES.map((m) => (
                  <label key={m.value} className="cj-check">
                    <input
                      type="radio"
                      name="cj-time-mode"
                      value={m.value}
                      checked={timeMode === m.value}
                      onChange={() => setTimeMode(m.value)}
                      data-testid={testIds.results.timeMode(m.value)}
                    />{' '}
                    {m.label}
                  </label>
                ))}
              </div>
              <MetricDetail
                result={selected}
                interval={interval}
                query={queryText(selectedConfig?.query)}
                unit={normalizeUnit(selectedConfig?.unit)}
                timeMode={timeMode}
              />
            </>
          ) : null}
          <WhatIfPanel key={interval.index} report={report} interval={interval} />
        </>
      ) : (
        <p className="cj-hint">No interval has been judged yet.</p>
      )}
    </div>
  );
}
