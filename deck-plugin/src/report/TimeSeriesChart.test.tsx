import * as React from 'react';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartWidthContext } from './ChartFrame';
import { TimeSeriesChart } from './TimeSeriesChart';
import { CHART_TEXT } from '../transforms/status';
import { contrast } from '../testing/contrast';

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

describe('TimeSeriesChart text contrast (issue 13)', () => {
  it('draws legend labels and band labels in CHART_TEXT, 4.5:1 or more on white', () => {
    expect(contrast(CHART_TEXT, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const { container } = draw(100);
    const legend = Array.from(container.querySelectorAll('.recharts-legend-item-text span')) as HTMLElement[];
    expect(legend.map((e) => e.textContent)).toEqual(['baseline', 'canary']);
    // jsdom keeps the colour as written: compare with CHART_TEXT in rgb form.
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(CHART_TEXT.slice(i, i + 2), 16)).join(', ')})`;
    for (const e of legend) expect(e.style.color).toBe(rgb);
    const labels = Array.from(container.querySelectorAll('.recharts-label'));
    expect(labels.map((l) => l.textContent).sort()).toEqual(['canary CI', 'tolerance']);
    for (const l of labels) expect(l.getAttribute('fill')).toBe(CHART_TEXT);
  });
});
