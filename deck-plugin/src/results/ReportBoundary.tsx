/**
 * Error boundary around the lazily loaded report: if its chunk cannot be fetched (Gate restarting, a stale cached
 * index.js after an upgrade) or it throws while rendering, the verdict above stays visible and this says what broke,
 * instead of Deck's generic section error.
 */
import * as React from 'react';
import { testIds } from '../testIds';

interface State {
  error: Error | null;
}

/** The boundary. */
export class ReportBoundary extends React.Component<{ children?: React.ReactNode; what?: string }, State> {
  override state: State = { error: null };

  /** Keeps the error for rendering. */
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <p role="alert" className="cj-error" data-testid={testIds.results.reportError}>
          Could not show {this.props.what ?? 'the detailed report'}: {this.state.error.message}. Reload the page to try
          again.
        </p>
      );
    }
    return this.props.children ?? null;
  }
}
