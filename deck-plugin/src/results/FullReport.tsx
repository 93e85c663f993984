/**
 * "Open full report": the same React report shown full width in a modal over Deck, as Kayenta's report page shows a
 * run full width, for when the ~450 px execution-details column is too narrow. Rendered into `document.body`
 * through a portal (so Deck's column does not clip it); Escape or "Close" closes it and focus returns to the button.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import type { StageSummary } from '../transforms/context';
import { testIds } from '../testIds';
import { LazyReportView } from './lazyReport';
import { ReportBoundary } from './ReportBoundary';
import { VerdictSummary } from './VerdictSummary';

/** Props: what the results tab passes to its own report view, plus the summary for the header. */
export interface FullReportProps {
  url: string;
  running: boolean;
  revision: string;
  judgedInStatus: number;
  summary: StageSummary;
  title: string;
}

/** The button and, when open, the dialog. */
export function FullReport(props: FullReportProps) {
  const [open, setOpen] = React.useState(false);
  const opener = React.useRef<HTMLButtonElement>(null);
  const closer = React.useRef<HTMLButtonElement>(null);
  const close = React.useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);
  React.useEffect(() => {
    if (!open) return undefined;
    closer.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close]);
  return (
    <>
      <button
        type="button"
        ref={opener}
        className="btn btn-default btn-sm"
        data-testid={testIds.results.openFullReport}
        onClick={() => setOpen(true)}
      >
        <span className="glyphicon glyphicon-fullscreen" aria-hidden="true" /> Open full report
      </button>
      {open
        ? ReactDOM.createPortal(
            <div
              className="cj-root cj-full-report"
              role="dialog"
              aria-modal="true"
              aria-label={`Full report: ${props.title}`}
              data-testid={testIds.results.fullReport}
              onClick={(e) => {
                if (e.target === e.currentTarget) close();
              }}
            >
              <div className="cj-full-report-body">
                <div className="cj-full-report-head">
                  <h3 style={{ margin: 0 }}>{props.title}</h3>
                  <button type="button" ref={closer} className="btn btn-default btn-sm" onClick={close}>
                    Close
                  </button>
                </div>
                <VerdictSummary summary={props.summary} />
                <ReportBoundary>
                  <React.Suspense fallback={<p>Loading the report…</p>}>
                    <LazyReportView
                      url={props.url}
                      running={props.running}
                      revision={props.revision}
                      judgedInStatus={props.judgedInStatus}
                    />
                  </React.Suspense>
                </ReportBoundary>
              </div>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
