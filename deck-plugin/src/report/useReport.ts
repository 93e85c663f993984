/**
 * Fetches the judge's report with axios and re-fetches it every {@link REPORT_POLL_MS} while the judgment runs.
 * Errors become a readable message naming the URL and the HTTP status; the previous report stays shown.
 */
import * as React from 'react';
import axios from 'axios';
import { readReport, type JudgmentReport } from '../transforms/report';

/** Re-fetch period while the judgment is running, ms (Orca itself polls about every 15 s). */
export const REPORT_POLL_MS = 15_000;

/** State of the report fetch. */
export interface ReportState {
  report: JudgmentReport | null;
  error: string | null;
  loading: boolean;
}

/** Describes a failed fetch: `GET <url> failed: HTTP 404 (message)` or the network error. */
export function fetchErrorText(url: string, err: unknown): string {
  if (axios.isAxiosError(err)) {
    const status = err.response?.status;
    const body = err.response?.data as { message?: unknown; error?: { message?: unknown } } | undefined;
    const detail =
      typeof body?.error?.message === 'string'
        ? body.error.message
        : typeof body?.message === 'string'
          ? body.message
          : err.message;
    return status ? `GET ${url} failed: HTTP ${status} (${detail})` : `GET ${url} failed: ${err.message}`;
  }
  return `GET ${url} failed: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * The hook. `revision` is anything that changes when Deck's copy of the stage changes (status, judged interval
 * count, the judgment's `updatedAt`): the report is fetched again at once, so the report never lags the status Deck
 * shows (it used to wait for the next 15 s poll, showing interval 72 while the status said 73).
 */
export function useReport(url: string, running: boolean, revision = ''): ReportState {
  const [state, setState] = React.useState<ReportState>({ report: null, error: null, loading: true });
  React.useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const res = await axios.get<unknown>(url, { headers: { Accept: 'application/json' }, timeout: 20_000 });
        const report = readReport(res.data);
        if (alive) setState({ report, error: null, loading: false });
      } catch (err) {
        if (alive)
          setState((s) => ({
            report: s.report,
            error:
              err instanceof Error && !axios.isAxiosError(err) ? `${url}: ${err.message}` : fetchErrorText(url, err),
            loading: false,
          }));
      }
      if (alive && running) timer = setTimeout(() => void load(), REPORT_POLL_MS);
    };
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [url, running, revision]);
  return state;
}
