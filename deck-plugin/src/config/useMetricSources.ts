/**
 * Loads the judge's metric-source listing (`GET /v1/metric-sources`) from the browser, through the same base URL as
 * the shared config API (`SETTINGS.canaryJudge.reportBaseUrl`, e.g. a Gate proxy adding the service token, else the
 * stage's judge URL). A judge the browser cannot reach is not an error: the panel falls back to free text.
 */
import * as React from 'react';
import axios from 'axios';
import { parseMetricSources, type ListedSource } from '../transforms/metricSources';
import { apiErrorText } from './sharedConfigApi';

/** The listing's state: loading, the sources, or unavailable (with the reason, for a quiet note). */
export type MetricSourcesState =
  { status: 'loading' } | { status: 'ok'; sources: ListedSource[] } | { status: 'unavailable'; reason: string };

/**
 * Fetches the listing once per base URL; '' → unavailable without a call.
 *
 * @param base The judge (or proxy) base URL.
 */
export function useMetricSources(base: string): MetricSourcesState {
  const [state, setState] = React.useState<MetricSourcesState>({ status: 'loading' });
  React.useEffect(() => {
    const root = base.trim().replace(/\/+$/, '');
    if (root === '') {
      setState({ status: 'unavailable', reason: 'no judge URL' });
      return undefined;
    }
    let live = true;
    setState({ status: 'loading' });
    axios
      .get<unknown>(`${root}/v1/metric-sources`, { headers: { Accept: 'application/json' }, timeout: 10_000 })
      .then((r) => {
        if (!live) return;
        const sources = parseMetricSources(r.data);
        setState(sources ? { status: 'ok', sources } : { status: 'unavailable', reason: 'not a source listing' });
      })
      .catch((e: unknown) => {
        if (live) setState({ status: 'unavailable', reason: apiErrorText(e) });
      });
    return () => {
      live = false;
    };
  }, [base]);
  return state;
}
