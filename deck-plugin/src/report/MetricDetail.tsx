/**
 * One metric's detail: explanation line, a no-data state naming the missing side, the stats table, the time series
 * with bands, the shift chart and the distributions.
 */
import * as React from 'react';
import type { CanaryAnalysisResult } from '@canary-judge/shared';
import { explanationLine, noDataMessage } from '../transforms/metrics';
import type { ReportInterval } from '../transforms/report';
import { wireToNumber } from '../transforms/report';
import { metricBands, shiftBands } from '../transforms/bands';
import { boxStats, roundHistogram } from '../transforms/distribution';
import { formatWithUnit } from '../transforms/units';
import type { ChartTime, TimeMode } from '../transforms/timeAxis';
import { alignSeries, differenceRows } from '../transforms/timeSeries';
import { testIds } from '../testIds';
import { DifferenceChart } from './DifferenceChart';
import { DistributionChart } from './DistributionChart';
import { ClassificationChip } from './MetricTable';
import { ShiftChart } from './ShiftChart';
import { TimeSeriesChart } from './TimeSeriesChart';
import { ColumnHeaders } from './ColumnHeaders';

/** The detail panel. */
export function MetricDetail(props: {
  result: CanaryAnalysisResult;
  interval: ReportInterval;
  query?: string;
  /** The metric's unit for chart ticks and tooltips ('' = none). */
  unit?: string;
  /** Elapsed (default) or clock time on the time axes; clock time starts at the canary window's start. */
  timeMode?: TimeMode;
}) {
  const { result: r, interval } = props;
  const [copied, setCopied] = React.useState<string | null>(null);
  const copy = async (text: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Query copied');
    } catch (e) {
      setCopied(`Could not copy: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const pair = interval.series[r.name];
  const noData = noDataMessage(r);
  const rows = alignSeries(
    pair?.control,
    pair?.experiment,
    Date.parse(interval.controlWindow.start),
    Date.parse(interval.experimentWindow.start),
  );
  const bands = metricBands(r);
  const stat = (side: 'controlMetadata' | 'experimentMetadata', key: 'count' | 'mean' | 'min' | 'max' | 'std') => {
    const count = wireToNumber(r[side]?.stats?.count);
    // With no points the judge reports zeros for the other statistics; they are not measurements.
    if (key !== 'count' && !(count > 0)) return '—';
    const v = wireToNumber(r[side]?.stats?.[key]);
    return key === 'count' ? formatWithUnit(v) : formatWithUnit(v, props.unit ?? '');
  };
  const time: ChartTime = { mode: props.timeMode ?? 'elapsed', startMs: Date.parse(interval.experimentWindow.start) };
  const hasPoints = rows.some((row) => row.baseline !== null || row.canary !== null);
  return (
    <section data-testid={testIds.results.metricDetail} aria-label={`Metric ${r.name}`} style={{ marginTop: 12 }}>
      <h4>
        {r.name} <ClassificationChip classification={r.classification} />
      </h4>
      <p>{explanationLine(r)}</p>
      {props.query ? (
        <p>
          <code className="cj-code">{props.query}</code>{' '}
          <button
            type="button"
            className="btn btn-default btn-sm cj-button"
            onClick={() => void copy(props.query as string)}
          >
            Copy query
          </button>{' '}
          <span role="status" className="cj-hint">
            {copied}
          </span>
        </p>
      ) : null}
      {noData ? (
        <div className="cj-nodata" data-testid={testIds.results.noData} role="status">
          <strong>∅ {noData}</strong>
          <div className="cj-hint">Check the scope, location and query for that side in the stage configuration.</div>
        </div>
      ) : null}
      <table className="cj-table" style={{ width: 'auto' }}>
        <thead>
          <tr>
            <th scope="col">
              <span className="cj-sr-only">side</span>
            </th>
            <ColumnHeaders names={['count', 'mean', 'min', 'max', 'std']} />
          </tr>
        </thead>
        <tbody>
          {(['controlMetadata', 'experimentMetadata'] as const).map((side) => (
            <tr key={side}>
              <th scope="row">{side === 'controlMetadata' ? 'baseline' : 'canary'}</th>
              {(['count', 'mean', 'min', 'max', 'std'] as const).map((k) => (
                <td key={k}>{stat(side, k)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {hasPoints ? (
        <>
          <h4>Time series</h4>
          <TimeSeriesChart name={r.name} rows={rows} bands={bands} unit={props.unit ?? ''} time={time} />
          <h4>Canary − baseline</h4>
          <DifferenceChart
            name={r.name}
            rows={differenceRows(rows)}
            bands={shiftBands(r)}
            unit={props.unit ?? ''}
            time={time}
          />
          <ShiftChart detail={r.canaryJudge} unit={props.unit ?? ''} />
          <h4>Distribution</h4>
          <DistributionChart
            name={r.name}
            bins={roundHistogram(pair?.control?.values ?? [], pair?.experiment?.values ?? [], props.unit)}
            baseline={boxStats(pair?.control?.values ?? [])}
            canary={boxStats(pair?.experiment?.values ?? [])}
            unit={props.unit ?? ''}
          />
        </>
      ) : !noData ? (
        <p className="cj-hint">The report holds no series for this metric in this interval.</p>
      ) : null}
    </section>
  );
}
