/**
 * The stage config panel as Deck registers it: a thin shell that loads the editor (form, metric editor, import,
 * threshold bar) as its own chunk the first time a pipeline author opens a Canary Judge stage. Deck waits for every
 * plugin's `index.js` before its first paint (`docs/design/deck-plugin.md` §4 item 5), and most page loads never open a stage
 * editor, so the editor stays out of the start-up chunk (kept ≤ 15 KB gzip, `npm run bench -- deck`).
 */
import * as React from 'react';
import type { IStageConfigProps } from '@spinnaker/core';
import { ReportBoundary } from '../results/ReportBoundary';

const Editor = React.lazy(() =>
  import('./CanaryJudgeStageConfig').then((m) => ({ default: m.CanaryJudgeStageConfig })),
);

/** The registered panel: the lazily loaded editor behind a short loading line and an error boundary. */
export function LazyStageConfig(props: IStageConfigProps) {
  return (
    <ReportBoundary what="the Canary Judge stage editor">
      <React.Suspense fallback={<p className="cj-hint">Loading the Canary Judge stage editor…</p>}>
        <Editor {...props} />
      </React.Suspense>
    </ReportBoundary>
  );
}
