import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IntervalTable } from './IntervalTable';
import type { ReportInterval } from '../transforms/report';

const win = { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:10:00Z' };
const interval = (index: number, state: ReportInterval['state'], score: number | null): ReportInterval =>
  ({
    index,
    state,
    experimentWindow: win,
    controlWindow: win,
    dueAt: win.end,
    completedAt: null,
    attempts: 0,
    score,
    outcome: null,
    warnings: [],
    error: null,
    result: null,
    series: null,
  }) as unknown as ReportInterval;

const T = { pass: 75, marginal: 50 };

/** The table of a judgment in `status`: interval 1 done with `score`, interval 2 still pending; thresholds T. */
function renderDoneThenPending(score: number, status: React.ComponentProps<typeof IntervalTable>['status']) {
  render(
    <IntervalTable
      intervals={[interval(1, 'DONE', score), interval(2, 'PENDING', null)]}
      thresholds={T}
      status={status}
    />,
  );
}

describe('IntervalTable (issue 13)', () => {
  it("reads CANCELED for a cancelled judgment's unjudged intervals, not waiting", () => {
    renderDoneThenPending(80, 'CANCELED');
    expect(screen.getByText('CANCELED')).toBeInTheDocument();
    expect(screen.queryByText('waiting')).toBeNull();
  });

  it('keeps "waiting" while the judgment runs, and labels a score at marginal as a failure', () => {
    renderDoneThenPending(50, 'RUNNING');
    expect(screen.getByText('waiting')).toBeInTheDocument();
    expect(screen.getByText('50').closest('.cj-chip')?.textContent).toBe('✖50');
  });
});

describe('IntervalTable: times for people (issue 13)', () => {
  it('says when a waiting interval is due, relative to now, with the local time on hover', () => {
    const now = Date.parse('2026-01-01T00:06:00Z'); // the fixture's intervals are due at 00:10
    render(<IntervalTable intervals={[interval(1, 'PENDING', null)]} thresholds={T} status="RUNNING" nowMs={now} />);
    const due = screen.getByText('(due in 4 min)');
    expect(due).toHaveAttribute('title', '2026-01-01 00:10:00 UTC');
    expect(screen.getAllByText('2026-01-01 00:00–00:10 UTC (10 min)')).toHaveLength(2);
  });

  it('gives no due time once the judgment has ended', () => {
    const now = Date.parse('2026-01-01T00:06:00Z');
    render(<IntervalTable intervals={[interval(1, 'PENDING', null)]} thresholds={T} status="CANCELED" nowMs={now} />);
    expect(screen.queryByText(/due in/)).toBeNull();
  });
});
