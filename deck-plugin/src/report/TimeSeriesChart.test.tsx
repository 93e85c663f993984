import * as React from 'react';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartWidthContext } from './ChartFrame';
import { TimeSeriesChart } from './TimeSeriesChart';

function rows(n: number) {
  return Array.from({ length: n }, (_, i) => ({ t: i, baseline: 100 + (i % 5), canary: 110 + (i % 7) }));
}

function draw(n: number) {
  return render(
    <ChartWidthContext.Provider value={600}>
      <TimeSeriesChart name="m" rows={rows(n)} bands={{ baselineMean: 102, ci: [5, 12], tolerance: [95, 109] }} />
    </ChartWidthContext.Provider>,
  );
}

describe('TimeSeriesChart', () => {
  it('adds a brush (range selector) only for long series', () => {
    expect(draw(300).container.querySelector('.recharts-brush')).not.toBeNull();
  });

  it('has no brush for short series, and draws both lines and both bands', () => {
    const { container } = draw(100);
    expect(container.querySelector('.recharts-brush')).toBeNull();
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(container.querySelectorAll('.recharts-reference-area')).toHaveLength(2);
  });
});
