/**
 * The `cloudwatch` metric source: Amazon CloudWatch `GetMetricData` through the AWS SDK v3 client, which signs every
 * request (SigV4); the query configs are `cloudwatch-query.ts`. Credentials: `accessKeyId` + `secretAccessKey`
 * (+ `sessionToken`) from the service configuration (each also as `…File` / `…Env`), or — when none is configured —
 * the SDK's default chain (environment, web identity for IRSA on EKS, ECS/EC2 roles). `baseUrl` overrides the
 * endpoint (VPC endpoints, tests).
 *
 * Each `MetricDataResult` whose query returns data becomes one series, tagged `{id, label}` when the query config
 * asks for several. Points are laid on the period grid from the window's start to its end; a period CloudWatch left
 * out (no data) is NaN, so the metric's NaN strategy and must-have-data apply as for any other gap.
 *
 * Failures: the whole exchange is bounded by `timeoutMs` and the judgment's deadline (`TIMEOUT`); the SDK retries
 * nothing (`maxAttempts: 1`: the scheduler's backoff retries transient failures); 401/403 and AWS's credential
 * errors → `AUTH_REFUSED`; throttling → `RATE_LIMITED`; other 400s → `BAD_QUERY`; 5xx and network errors →
 * `SOURCE_UNREACHABLE`; an answer past `maxResponseBytes` → `ANSWER_TOO_LARGE`; one the SDK cannot read (HTML,
 * garbage) → `UPSTREAM_ERROR`. Reference: AWS CloudWatch API Reference, `GetMetricData`.
 */
import { Readable } from 'node:stream';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SourceHttpSettings } from './http-client';
import { buildCloudWatchQueries, checkCloudWatchQuery, CloudWatchQueryError } from './cloudwatch-query';
import {
  describeFetch,
  MetricSourceError,
  stepTimestamps,
  type FetchRequest,
  type MetricSource,
  type TaggedSeries,
} from './port';
import { assembleSource } from './assemble';

/** Operator settings of one CloudWatch source. */
export interface CloudWatchSourceConfig extends Omit<SourceHttpSettings, 'baseUrl' | 'headers'> {
  /** AWS region, e.g. `us-east-1`. */
  region: string;
  /** Endpoint override (default: the region's public endpoint). */
  baseUrl?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/** Most `GetMetricData` pages read for one fetch (CloudWatch pages at 100,800 points). */
export const MAX_CLOUDWATCH_PAGES = 50;

/** Thrown by {@link CappedHandler} for an answer past the limit. */
class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`answer larger than ${maxBytes} bytes`);
  }
}

/** An `HttpHandler` that refuses answers past a size limit, reading them into memory otherwise. */
class CappedHandler extends NodeHttpHandler {
  constructor(private readonly maxBytes: number) {
    super();
  }

  override async handle(...args: Parameters<NodeHttpHandler['handle']>): ReturnType<NodeHttpHandler['handle']> {
    const out = await super.handle(...args);
    const body = out.response.body as Readable | undefined;
    if (!body || typeof body.on !== 'function') return out;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > this.maxBytes) {
        body.destroy();
        throw new AnswerTooLarge(this.maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    out.response.body = Readable.from([Buffer.concat(chunks)]);
    return out;
  }
}

/** Maps an SDK failure to the source's error codes (see the module comment). */
function sdkFailure(e: unknown, what: string, deadline: AbortSignal | undefined): MetricSourceError {
  if (e instanceof MetricSourceError) return e;
  if (e instanceof AnswerTooLarge) {
    return new MetricSourceError(
      'ANSWER_TOO_LARGE',
      `${what}: CloudWatch answered more than ${e.maxBytes} bytes (maxResponseBytes); narrow the query`,
    );
  }
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (deadline?.aborted) {
    const reason = (deadline.reason as Error | undefined)?.message ?? 'aborted';
    return new MetricSourceError('TIMEOUT', `${what}: stopped waiting for CloudWatch: ${reason}`);
  }
  const status = err.$metadata?.httpStatusCode;
  const name = err.name ?? 'Error';
  const said = `${name}: ${(err.message ?? '').slice(0, 200)}`;
  if (
    status === 401 ||
    status === 403 ||
    /AccessDenied|UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|CredentialsProviderError/.test(
      name,
    )
  ) {
    return new MetricSourceError('AUTH_REFUSED', `${what}: CloudWatch refused the credentials (${said})`);
  }
  if (status === 429 || /Throttl|LimitExceeded|TooManyRequests/.test(name)) {
    return new MetricSourceError('RATE_LIMITED', `${what}: CloudWatch is throttling (${said})`);
  }
  if (status !== undefined && status >= 500) {
    return new MetricSourceError('SOURCE_UNREACHABLE', `${what}: CloudWatch answered ${status} (${said})`);
  }
  if (status !== undefined && status >= 400) {
    return new MetricSourceError('BAD_QUERY', `${what}: CloudWatch rejected the query (${said})`);
  }
  if (status !== undefined || /Deserializ|SyntaxError|Unexpected token|not valid JSON/.test(`${name} ${err.message}`)) {
    return new MetricSourceError('UPSTREAM_ERROR', `${what}: CloudWatch's answer could not be read (${said})`);
  }
  return new MetricSourceError('SOURCE_UNREACHABLE', `${what}: cannot reach CloudWatch (${err.code ?? said})`);
}

/**
 * One result on the period grid: points CloudWatch left out are NaN.
 * @param r the result
 * @param grid the period timestamps (epoch ms)
 */
function onGrid(r: MetricDataResult, grid: number[]): { timestamps: number[]; values: number[] } {
  const byTime = new Map<number, number>();
  (r.Timestamps ?? []).forEach((t, i) => {
    const v = r.Values?.[i];
    byTime.set(new Date(t).getTime(), typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  });
  const extra = [...byTime.keys()].filter((t) => !grid.includes(t));
  const timestamps = [...grid, ...extra].sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((t) => byTime.get(t) ?? NaN) };
}

/**
 * Creates a CloudWatch source.
 * @param name the name requests use
 * @param config region, credentials, endpoint and limits
 */
export function createCloudWatchSource(name: string, config: CloudWatchSourceConfig): MetricSource {
  const timeoutMs = config.timeoutMs ?? 10_000;
  const client = new CloudWatchClient({
    region: config.region,
    maxAttempts: 1,
    requestHandler: new CappedHandler(config.maxResponseBytes ?? 64 * 1024 * 1024),
    ...(config.baseUrl ? { endpoint: config.baseUrl } : {}),
    ...(config.accessKeyId && config.secretAccessKey
      ? {
          credentials: {
            accessKeyId: config.accessKeyId,
            secretAccessKey: config.secretAccessKey,
            ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
          },
        }
      : {}),
  });

  const fetchAll = async (req: FetchRequest): Promise<TaggedSeries[]> => {
    const what = describeFetch('cloudwatch', name, req);
    let queries;
    try {
      queries = buildCloudWatchQueries(
        req.metric.query ?? {},
        {
          ...req.params,
          scope: req.scope,
          location: req.location ?? '',
          side: req.side,
          metricName: req.metric.name,
        },
        req.stepSeconds,
      );
    } catch (e) {
      throw new MetricSourceError('BAD_QUERY', `${what}: ${(e as Error).message}`);
    }
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(new Error(`CloudWatch did not answer within ${timeoutMs} ms`)), timeoutMs);
    const abortSignal = req.signal ? AbortSignal.any([timer.signal, req.signal]) : timer.signal;
    const results = new Map<string, MetricDataResult>();
    try {
      let token: string | undefined;
      for (let page = 0; page < MAX_CLOUDWATCH_PAGES; page++) {
        let out: GetMetricDataCommandOutput;
        try {
          out = await client.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: new Date(req.startMs),
              EndTime: new Date(req.endMs + 1),
              ScanBy: 'TimestampAscending',
              ...(token ? { NextToken: token } : {}),
            }),
            { abortSignal },
          );
        } catch (e) {
          if (timer.signal.aborted) {
            throw new MetricSourceError('TIMEOUT', `${what}: CloudWatch did not answer within ${timeoutMs} ms`);
          }
          throw sdkFailure(e, what, req.signal);
        }
        if (!Array.isArray(out.MetricDataResults)) {
          throw new MetricSourceError('UPSTREAM_ERROR', `${what}: CloudWatch's answer has no MetricDataResults list`);
        }
        for (const r of out.MetricDataResults) {
          if (!r.Id) continue;
          const prev = results.get(r.Id);
          results.set(
            r.Id,
            prev
              ? {
                  ...prev,
                  Timestamps: [...(prev.Timestamps ?? []), ...(r.Timestamps ?? [])],
                  Values: [...(prev.Values ?? []), ...(r.Values ?? [])],
                }
              : r,
          );
        }
        token = out.NextToken;
        if (!token) break;
      }
    } finally {
      clearTimeout(t);
    }
    const returned = queries.filter((q) => q.ReturnData !== false);
    const grid = stepTimestamps(req.startMs, req.endMs, queries[0]?.MetricStat?.Period ?? queries[0]?.Period ?? 60);
    const several = returned.length > 1;
    return returned
      .map((q) => results.get(q.Id as string))
      .filter((r): r is MetricDataResult => r !== undefined && (r.Timestamps?.length ?? 0) > 0)
      .map((r): TaggedSeries => {
        const tags: Record<string, string> = several ? { id: r.Id ?? '', label: r.Label ?? '' } : {};
        return { ...onGrid(r, grid), tags };
      });
  };

  return assembleSource({
    name,
    type: 'cloudwatch',
    maxConcurrent: config.maxConcurrent,
    check(metric, _templates, known) {
      try {
        checkCloudWatchQuery(metric.query ?? {}, known);
      } catch (e) {
        if (e instanceof CloudWatchQueryError) {
          throw new MetricSourceError('BAD_QUERY', `metric ${metric.name}: ${e.message}`);
        }
        throw e;
      }
    },
    fetchAll,
  });
}
