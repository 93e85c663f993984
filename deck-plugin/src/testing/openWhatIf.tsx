/** Test support for the what-if panel's component tests: render the panel and open it. */
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { WhatIfPanel } from '../whatif/WhatIfPanel';
import { whatIfReport } from './reportFixtures';

/**
 * Renders the what-if panel for interval 2 of the what-if fixture (cpu's canary series equal to the baseline's) and opens it
 * (it starts collapsed behind its "What if" button).
 */
export function openWhatIfPanel(): void {
  const r = whatIfReport('same');
  render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
  fireEvent.click(screen.getByRole('button', { name: /What if/ }));
}
