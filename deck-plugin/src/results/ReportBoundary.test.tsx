import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportBoundary } from './ReportBoundary';
import { testIds } from '../testIds';

function Broken(): React.ReactElement {
  throw new Error('Failed to fetch dynamically imported module: ReportView-abc.js');
}

afterEach(() => vi.restoreAllMocks());

describe('ReportBoundary', () => {
  it('shows what broke instead of unmounting the tab', () => {
    // React 16 reports caught render errors to console and (in development) as window errors; keep the output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const quiet = (e: ErrorEvent) => e.preventDefault();
    window.addEventListener('error', quiet);
    render(
      <div>
        <p>verdict stays</p>
        <ReportBoundary>
          <Broken />
        </ReportBoundary>
      </div>,
    );
    expect(screen.getByText('verdict stays')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.results.reportError)).toHaveTextContent(
      'Could not show the detailed report: Failed to fetch dynamically imported module: ReportView-abc.js.',
    );
    window.removeEventListener('error', quiet);
  });

  it('renders its children when nothing fails', () => {
    render(
      <ReportBoundary>
        <p>fine</p>
      </ReportBoundary>,
    );
    expect(screen.getByText('fine')).toBeInTheDocument();
  });
});
