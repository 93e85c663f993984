/**
 * The `atlas` metric source (Netflix Atlas): one `GET /api/v1/graph?q&s&e&step&format=std.json&tz=UTC` per
 * metric and side, the expression built from Kayenta's Atlas query config by `atlas-query.ts`.
 *
 * Why the graph API and not `/api/v2/fetch` (which Kayenta uses): the fetch API streams server-sent events meant for
 * long-lived, incremental consumers (one message per series and time chunk, heartbeats, a close message), while a
 * judgment needs one finished window. The graph API's JSON output is a single document — `start`, `step`, one
 * `metrics` entry (the tags) per line and `values` as rows of one value per line — documented at
 * https://netflix.github.io/atlas-docs/api/graph/outputs. We ask for `std.json`, the same document in standard
 * JSON (`NaN` quoted), and also read the plain `json` form (bare `NaN`) should a proxy rewrite the format.
 *
 * Answers: every line is one series (timestamps `start + i·step`, NaN kept: Atlas's gaps), tagged with the keys the
 * expression groups by (`(,k,),:by`), as Kayenta keeps only the group-by keys; a line Atlas labels `NO DATA` and an
 * answer without lines are no series (`[]`). Anything else is an `UPSTREAM_ERROR` naming the part that was wrong.
 *
 * Reference: https://netflix.github.io/atlas-docs/api/graph/graph/, spinnaker/kayenta `AtlasMetricsService.java`.
 */
import { excerpt, type SourceHttpSettings } from './http-client';
import { MetricSourceError, type MetricSource, type TaggedSeries } from './port';
import { ATLAS_TYPE, atlasGroupByKeys, buildAtlasQuery, checkAtlasQuery, isoDuration } from './atlas-query';
import { assembleHttpSource, buildUnder } from './assemble';
import { fetchScope } from './query-config';

/** Operator settings of one Atlas source (`baseUrl` required: Atlas has no public default). */
export interface AtlasSourceConfig extends SourceHttpSettings {
  baseUrl: string;
}

/**
 * Parses Atlas graph JSON, standard or not: bare `NaN`, `Infinity` and `-Infinity` outside strings (Atlas's `json`
 * format) are read as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
 * @param text the body
 * @returns the parsed value, or undefined when it is not JSON either way
 */
export function parseAtlasJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown; // std.json: standard already
  } catch {
    // plain json (bare NaN) or not JSON at all: read below
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const word = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (word) {
      out += `"${word[1] as string}"`;
      i += (word[1] as string).length - 1;
      continue;
    }
    out += c;
  }
  try {
    return JSON.parse(out) as unknown;
  } catch {
    return undefined;
  }
}

function atlasNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === null || v === 'NaN' || v === 'Infinity' || v === '-Infinity') return NaN;
  return undefined;
}

/**
 * Reads an Atlas graph JSON answer into tagged series (see the module comment).
 * @param body the parsed answer
 * @param what the message prefix
 * @param groupBy the keys the expression groups by (the tags kept)
 * @throws MetricSourceError `UPSTREAM_ERROR` naming the malformed part
 */
export function readAtlasGraph(body: unknown, what: string, groupBy: string[]): TaggedSeries[] {
  const b = body as { start?: unknown; step?: unknown; legend?: unknown; metrics?: unknown; values?: unknown };
  if (typeof b !== 'object' || b === null || Array.isArray(b)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: Atlas answered ${excerpt(body, 80)}, not a graph object`);
  }
  if (typeof b.start !== 'number' || typeof b.step !== 'number' || !(b.step > 0)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: Atlas's answer has no numeric "start" and "step"`);
  }
  if (!Array.isArray(b.metrics) || !Array.isArray(b.values)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: Atlas's answer has no "metrics" and "values" lists`);
  }
  const lines = b.metrics.length;
  const legend = Array.isArray(b.legend) ? b.legend : [];
  const columns: number[][] = Array.from({ length: lines }, () => []);
  b.values.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row) || row.length !== lines) {
      throw new MetricSourceError(
        'UPSTREAM_ERROR',
        `${what}: Atlas's values[${i}] is ${excerpt(row, 40)}, expected a row of ${lines} values (one per line)`,
      );
    }
    row.forEach((v: unknown, j: number) => {
      const n = atlasNumber(v);
      if (n === undefined) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: Atlas's values[${i}][${j}] is ${excerpt(JSON.stringify(v), 40)}, expected a number`,
        );
      }
      (columns[j] as number[]).push(Number.isFinite(n) ? n : NaN);
    });
  });
  const timestamps = b.values.map((_row: unknown, i: number) => (b.start as number) + i * (b.step as number));
  const out: TaggedSeries[] = [];
  b.metrics.forEach((m: unknown, j: number) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: Atlas's metrics[${j}] is not a tag object`);
    }
    if (/^NO DATA/i.test(String(legend[j] ?? ''))) return;
    const tags: Record<string, string> = {};
    for (const k of groupBy) {
      const v = (m as Record<string, unknown>)[k];
      if (typeof v === 'string') tags[k] = v;
    }
    out.push({ tags, timestamps: [...timestamps], values: columns[j] as number[] });
  });
  // Lines the group-by keys cannot tell apart (e.g. a list of expressions) are told apart by their legend.
  const seen = new Map<string, number>();
  for (const s of out) seen.set(JSON.stringify(s.tags), (seen.get(JSON.stringify(s.tags)) ?? 0) + 1);
  out.forEach((s, j) => {
    if ((seen.get(JSON.stringify(s.tags)) ?? 0) > 1) s.tags = { ...s.tags, legend: String(legend[j] ?? j) };
  });
  return out;
}

/**
 * Creates an Atlas source.
 * @param name the name requests use
 * @param config base URL and limits from the operator's configuration
 */
export function createAtlasSource(name: string, config: AtlasSourceConfig): MetricSource {
  return assembleHttpSource(name, config, {
    type: ATLAS_TYPE,
    label: 'Atlas',
    headers: { accept: 'application/json' },
    check: checkAtlasQuery,
    query: (req, what) =>
      buildUnder(what, req.metric.name, () => buildAtlasQuery(req.metric, req.templates ?? {}, fetchScope(req))),
    request: (q, req, what) => ({
      path: '/api/v1/graph',
      params: {
        q,
        s: req.startMs,
        e: req.endMs,
        step: isoDuration(req.stepSeconds),
        format: 'std.json',
        tz: 'UTC',
      },
      responseType: 'text',
      mapStatus: (status, body) => {
        if (status === 400) {
          const said = (body as { message?: unknown } | undefined)?.message;
          return new MetricSourceError(
            'BAD_QUERY',
            `${what}: Atlas rejected the expression ${JSON.stringify(q)} (HTTP 400)${said !== undefined ? `: ${excerpt(said)}` : `: ${excerpt(body)}`}`,
          );
        }
        return undefined;
      },
    }),
    read: (data, q, _req, what) => {
      const text = String(data);
      const body = parseAtlasJson(text);
      if (body === undefined) {
        const kind = /^\s*</.test(text) ? 'HTML or XML' : text.trim() === '' ? 'an empty body' : 'text';
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: Atlas answered ${kind} where graph JSON was expected: ${excerpt(text, 120)}`,
        );
      }
      return readAtlasGraph(body, what, atlasGroupByKeys(q));
    },
  });
}
