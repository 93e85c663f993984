/**
 * Stand-in InfluxDB 1.x for the `influxdb` source: answers `GET /query?db=…&q=SELECT value FROM <metric> WHERE
 * time >= '…' AND time < '…' AND <key> = '<value>'&epoch=ms` (the statement Kayenta's query builder makes) with
 * `{results: [{statement_id: 0, series: [{name, columns: ["time", "value"], values: [[ms, value], …]}]}]}`, the
 * points at its own resolution ({@link INFLUXDB_STAND_IN_STEP_SECONDS}, the statement has no `GROUP BY`) inside
 * `[start, end)`. NaN points are left out, as a store without those points would. Scopes are Kayenta's InfluxDB
 * form `key:value` (the data function receives the whole `key:value`). Requests must carry the stand-in's Basic
 * credentials. Reference: https://docs.influxdata.com/influxdb/v1/tools/api/#query-http-endpoint
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The resolution of the stand-in's points, seconds. */
export const INFLUXDB_STAND_IN_STEP_SECONDS = 60;

/** The database and Basic credentials the stand-in expects. */
export const INFLUXDB_STAND_IN = { database: 'canary', username: 'kayenta', password: 'stand-in-password' };

const STATEMENT =
  /^SELECT value FROM ([A-Za-z0-9_]+) WHERE time >= '([^']+)' AND time < '([^']+)' AND ([A-Za-z_][A-Za-z0-9_]*) = '((?:[^'\\]|\\.)*)'$/;

function refuse(status: number, reason: string): StubResponse {
  return { status, body: { error: `influxdb stand-in: ${reason}` } };
}

/** The InfluxDB stand-in (see the module comment). */
export const influxdbStandIn: StandIn = defineStandIn('influxdb', {
  settings: () => ({ ...INFLUXDB_STAND_IN }),
  query: (metricName) => ({ metricName, fields: ['value'] }),
  scopes: { controlScope: 'app:bench-baseline', experimentScope: 'app:bench-canary' },
  respond(req: StubRequest, data: StandInData): StubResponse {
    const url = new URL(req.url, 'http://stand-in');
    if (req.method !== 'GET' || url.pathname !== '/query')
      return refuse(404, `unexpected ${req.method} ${url.pathname}`);
    const expected = `Basic ${Buffer.from(`${INFLUXDB_STAND_IN.username}:${INFLUXDB_STAND_IN.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return refuse(401, 'authorization failed');
    if (url.searchParams.get('db') !== INFLUXDB_STAND_IN.database) return refuse(400, 'unexpected db');
    if (url.searchParams.get('epoch') !== 'ms') return refuse(400, 'epoch=ms is missing');
    const q = url.searchParams.get('q') ?? '';
    const m = STATEMENT.exec(q);
    if (!m) return refuse(400, `statement not understood: ${q}`);
    const [, measurement, start, end, key, rawValue] = m as unknown as [string, string, string, string, string, string];
    const startMs = Date.parse(start);
    const endMs = Date.parse(end);
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) return refuse(400, 'bad time range');
    const stepMs = INFLUXDB_STAND_IN_STEP_SECONDS * 1000;
    const first = Math.ceil(startMs / stepMs) * stepMs;
    const scope = `${key}:${rawValue.replace(/\\(.)/g, '$1')}`;
    const series = data(scope, first, endMs - 1, INFLUXDB_STAND_IN_STEP_SECONDS);
    const values = series.timestamps
      .map((t, i) => [t, series.values[i] as number])
      .filter(([t, v]) => Number.isFinite(v) && (t as number) < endMs);
    return {
      status: 200,
      body: {
        results: [
          {
            statement_id: 0,
            ...(values.length ? { series: [{ name: measurement, columns: ['time', 'value'], values }] } : {}),
          },
        ],
      },
    };
  },
});
