/**
 * The `signalfx` metric source (Splunk Observability Cloud, formerly SignalFx): one
 * `POST /v2/signalflow/execute?start&stop&resolution&maxDelay=0&immediate=true` per metric and side, the SignalFlow
 * program (`signalfx-query.ts`) as the `text/plain` body and the access token in the `X-SF-TOKEN` header, as
 * Kayenta's `SignalFxMetricsService` sends it. The answer is a `text/event-stream` of SignalFlow messages:
 *
 * - `metadata` (`tsId`, `properties`: the series' dimensions) and `data` (`logicalTimestampMs`, `data: [{tsId,
 *   value}]`, one message per resolution step, possibly empty) build the series: one per `tsId`, a value per data
 *   message, NaN where the message has none for it (Kayenta's NaN for empty steps);
 * - `error` (e.g. a program that does not compile) → `BAD_QUERY` quoting SignalFlow's errors;
 * - `control-message` `CHANNEL_ABORT` → `UPSTREAM_ERROR` with the abort reason; the stream must end with
 *   `END_OF_CHANNEL` (else the answer was cut: `UPSTREAM_ERROR`); other events (`message`, `event`,
 *   `expired-tsid`, …) are ignored.
 *
 * Tags: Kayenta allows one series per program and tags it with the query pairs. Here a program may publish several
 * series (each becomes a metric-set pair, as for the other stores); a series is tagged with its identifying
 * dimensions (`sf_key`, without SignalFx's own `sf_*` and `computationId`), minus the scope and location dimensions
 * (the scope/location keys, and any dimension whose value is this side's scope or location), so that the baseline's
 * and the canary's series meet. No series at all → `[]`.
 *
 * Reference: https://dev.splunk.com/observability/reference/api/signalflow/latest (execute),
 * https://dev.splunk.com/observability/docs/signalflow/messages/ (stream messages).
 */
import { excerpt, type SourceHttpSettings } from './http-client';
import { MetricSourceError, type MetricSource, type TaggedSeries } from './port';
import {
  buildSignalFlowProgram,
  checkSignalFxQuery,
  SIGNALFX_TYPE,
  type SignalFxScopeSettings,
} from './signalfx-query';
import { assembleHttpSource, buildUnder } from './assemble';
import { fetchScope, scopeKeyDefaults } from './query-config';

/** SignalFlow's stream endpoint of realm us1 (others: `https://stream.<realm>.signalfx.com`). */
export const SIGNALFX_DEFAULT_BASE_URL = 'https://stream.us1.signalfx.com';

/** Operator settings of one SignalFx source. */
export interface SignalFxSourceConfig extends SourceHttpSettings, SignalFxScopeSettings {
  /** An org access token with the API (or SignalFlow read) scope, sent as `X-SF-TOKEN`. */
  accessToken: string;
}

/** One server-sent event: its name and JSON payload. */
export interface SignalFlowEvent {
  event: string;
  data: unknown;
}

/**
 * Splits a `text/event-stream` body into events (`event:` name, default `message`; `data:` lines joined with
 * `\n` and parsed as JSON); comments and `id:`/`retry:` fields are skipped.
 * @param text the body
 * @param what the message prefix
 * @throws MetricSourceError `UPSTREAM_ERROR` for an event whose data is not JSON
 */
export function parseEventStream(text: string, what: string): SignalFlowEvent[] {
  const out: SignalFlowEvent[] = [];
  let name: string | undefined;
  let data: string[] | undefined;
  const flush = () => {
    if (data !== undefined) {
      const payload = data.join('\n');
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: SignalFlow event ${out.length} (${name ?? 'message'}) is not JSON: ${excerpt(payload, 80)}`,
        );
      }
      out.push({ event: name ?? 'message', data: parsed });
    }
    name = undefined;
    data = undefined;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') (data ??= []).push(value);
  }
  flush();
  return out;
}

const INTERNAL_DIMENSION = /^(sf_|computationId$)/;

/**
 * Reads the SignalFlow messages of one execution into tagged series (see the module comment).
 * @param events the parsed stream
 * @param what the message prefix
 * @param drop which dimensions are the scope/location: keys, and values of this side
 * @throws MetricSourceError `BAD_QUERY` (SignalFlow error), `UPSTREAM_ERROR` (abort, cut stream, wrong shapes)
 */
export function readSignalFlow(
  events: SignalFlowEvent[],
  what: string,
  drop: { keys: string[]; values: string[] },
): TaggedSeries[] {
  const metadata = new Map<string, Record<string, unknown>>();
  const steps: Array<{ t: number; values: Map<string, number> }> = [];
  const order: string[] = [];
  let ended = false;
  events.forEach((e, i) => {
    const d = e.data as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: SignalFlow event ${i} (${e.event}) is not an object`);
    }
    switch (e.event) {
      case 'error': {
        const errors = excerpt(d['errors'] ?? d['message'] ?? d, 300);
        throw new MetricSourceError(
          'BAD_QUERY',
          `${what}: SignalFlow refused the program (error ${String(d['error'] ?? '?')}): ${errors}`,
        );
      }
      case 'control-message':
        if (d['event'] === 'CHANNEL_ABORT') {
          const info = d['abortInfo'] as Record<string, unknown> | undefined;
          const reason = info?.['sf_job_abortReason'] ?? info?.['sf_job_abortState'] ?? 'no reason given';
          throw new MetricSourceError(
            'UPSTREAM_ERROR',
            `${what}: SignalFlow aborted the computation: ${excerpt(reason, 200)}`,
          );
        }
        if (d['event'] === 'END_OF_CHANNEL') ended = true;
        return;
      case 'metadata': {
        if (typeof d['tsId'] !== 'string' || typeof d['properties'] !== 'object' || d['properties'] === null) {
          throw new MetricSourceError(
            'UPSTREAM_ERROR',
            `${what}: SignalFlow metadata event ${i} has no tsId/properties`,
          );
        }
        metadata.set(d['tsId'], d['properties'] as Record<string, unknown>);
        return;
      }
      case 'data': {
        const t = d['logicalTimestampMs'];
        const points = d['data'];
        if (typeof t !== 'number' || !Array.isArray(points)) {
          throw new MetricSourceError(
            'UPSTREAM_ERROR',
            `${what}: SignalFlow data event ${i} has no logicalTimestampMs/data list`,
          );
        }
        const values = new Map<string, number>();
        points.forEach((p: unknown, j: number) => {
          const point = p as { tsId?: unknown; value?: unknown };
          if (typeof point !== 'object' || point === null || typeof point.tsId !== 'string') {
            throw new MetricSourceError(
              'UPSTREAM_ERROR',
              `${what}: SignalFlow data event ${i}, point ${j} has no tsId`,
            );
          }
          const v = point.value;
          if (v !== null && v !== undefined && typeof v !== 'number') {
            throw new MetricSourceError(
              'UPSTREAM_ERROR',
              `${what}: SignalFlow data event ${i}, point ${j} has value ${excerpt(JSON.stringify(v), 40)}, expected a number`,
            );
          }
          if (!order.includes(point.tsId)) order.push(point.tsId);
          values.set(point.tsId, typeof v === 'number' && Number.isFinite(v) ? v : NaN);
        });
        steps.push({ t, values });
        return;
      }
      default:
        return;
    }
  });
  if (!ended) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: the SignalFlow stream ended without END_OF_CHANNEL (${events.length} events): the answer was cut`,
    );
  }
  for (const id of metadata.keys()) if (!order.includes(id)) order.push(id);
  if (order.length === 0) return [];
  steps.sort((a, b) => a.t - b.t);
  return order.map((tsId) => {
    const props = metadata.get(tsId);
    const tags: Record<string, string> = {};
    if (props) {
      const identifying = Array.isArray(props['sf_key'])
        ? (props['sf_key'] as unknown[]).filter((k): k is string => typeof k === 'string')
        : Object.keys(props);
      for (const k of identifying) {
        const v = props[k];
        if (INTERNAL_DIMENSION.test(k) || typeof v !== 'string') continue;
        if (drop.keys.includes(k) || drop.values.includes(v)) continue;
        tags[k] = v;
      }
    } else if (order.length > 1) {
      tags['tsId'] = tsId;
    }
    return {
      tags,
      timestamps: steps.map((s) => s.t),
      values: steps.map((s) => s.values.get(tsId) ?? NaN),
    };
  });
}

/**
 * Creates a SignalFx source.
 * @param name the name requests use
 * @param config base URL, access token, default scope/location keys and limits from the operator's configuration
 */
export function createSignalFxSource(name: string, config: SignalFxSourceConfig): MetricSource {
  const scopeSettings = scopeKeyDefaults(config);
  const settings = { ...config, baseUrl: config.baseUrl || SIGNALFX_DEFAULT_BASE_URL };
  return assembleHttpSource(name, settings, {
    type: SIGNALFX_TYPE,
    label: 'SignalFx',
    headers: { 'x-sf-token': config.accessToken, 'content-type': 'text/plain', accept: 'text/event-stream' },
    check(metric, templates, known) {
      checkSignalFxQuery(metric, templates, scopeSettings, known);
    },
    query: (req, what) =>
      buildUnder(what, req.metric.name, () =>
        buildSignalFlowProgram(req.metric, req.templates ?? {}, scopeSettings, fetchScope(req)),
      ),
    request: (built, req, what) => ({
      method: 'POST',
      path: '/v2/signalflow/execute',
      params: {
        start: req.startMs,
        stop: req.endMs,
        resolution: req.stepSeconds * 1000,
        maxDelay: 0,
        immediate: true,
      },
      body: built.program,
      responseType: 'text',
      mapStatus: (status, body) => {
        if (status === 400) {
          return new MetricSourceError(
            'BAD_QUERY',
            `${what}: SignalFx rejected the program ${JSON.stringify(built.program)} (HTTP 400): ${excerpt(body)}`,
          );
        }
        return undefined;
      },
    }),
    read: (data, built, req, what) => {
      const text = String(data);
      if (/^\s*</.test(text)) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: SignalFx answered HTML or XML where a SignalFlow event stream was expected: ${excerpt(text, 120)}`,
        );
      }
      const events = parseEventStream(text, what);
      if (events.length === 0) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: SignalFx answered no SignalFlow events${text.trim() ? `: ${excerpt(text, 120)}` : ' (an empty body)'}`,
        );
      }
      const keys = [built.scopeKey, built.locationKey].filter((k): k is string => k !== undefined);
      const values = [req.scope, req.location].filter((v): v is string => v !== undefined && v !== '');
      return readSignalFlow(events, what, { keys, values });
    },
  });
}
