import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStubServer, type StubRequest, type StubResponse, type StubServer } from '../support/stub-server';
import { fakeClock } from './clock';
import type { StageJson } from './merge';
import { runWebhookStage, type OrcaClientOptions } from './webhook-stage';
import { JUDGE_MONITOR_FIELDS } from './judge-monitor';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStubServer();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  stub.requests.length = 0;
});

const judgment = (status: string, extra: Record<string, unknown> = {}): StubResponse => ({
  status: 200,
  body: { status, message: `${status.toLowerCase()} message`, ...extra },
});

function stage(extra: Record<string, unknown> = {}): StageJson {
  return {
    type: 'canaryJudge',
    name: 'Canary Judge',
    refId: '2',
    alias: 'webhook',
    url: `${stub.baseUrl}/v1/judgments/\${execution.id}-\${#currentStage().id}-\${#currentStage().startTime}`,
    method: 'PUT',
    customHeaders: { 'Content-Type': 'application/json', 'X-SPINNAKER-USER': 'mallory' },
    payload: {
      apiVersion: 'canary-judge/v1',
      spinnaker: { executionId: '${execution.id}', user: '${#currentUser()}' },
    },
    ...JUDGE_MONITOR_FIELDS,
    cancelEndpoint: `${stub.baseUrl}/v1/judgments/\${execution.id}-\${#currentStage().id}-\${#currentStage().startTime}/cancel`,
    cancelMethod: 'POST',
    failFastStatusCodes: [501],
    ...extra,
  };
}

function options(extra: Partial<OrcaClientOptions> = {}): OrcaClientOptions {
  return {
    clock: fakeClock(),
    execution: { id: 'E1', application: 'checkout', name: 'deploy' },
    stageId: 'S1',
    stageStartTime: 1718031234567,
    user: 'alice',
    urlRestrictions: { enabled: false },
    ...extra,
  };
}

/** Answers the create call with 201 RUNNING, polls from a script (last entry repeats), cancel with 200. */
function script(
  polls: StubResponse[],
  create: StubResponse = { status: 201, body: { status: 'RUNNING', message: 'queued' } },
) {
  let n = 0;
  return (req: StubRequest): StubResponse => {
    if (req.method === 'PUT') return create;
    if (req.method === 'POST') return { status: 200, body: { status: 'TERMINAL', message: 'unchanged' } };
    const answer = polls[Math.min(n, polls.length - 1)];
    n++;
    if (answer === undefined) throw new Error('empty script');
    return answer;
  };
}

const KEY_PATH = '/v1/judgments/E1-S1-1718031234567';

describe('runWebhookStage against a stub judge', () => {
  it('runs create → polls → SUCCEEDED and stores webhook.* like Orca', async () => {
    stub.setHandler(script([judgment('RUNNING'), judgment('running'), judgment('SUCCEEDED', { verdict: 'PASS' })]));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('SUCCEEDED');
    expect(stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT ${KEY_PATH}`,
      `GET ${KEY_PATH}`,
      `GET ${KEY_PATH}`,
      `GET ${KEY_PATH}`,
    ]);
    const put = stub.requests[0];
    expect(JSON.parse(put?.body ?? '')).toEqual({
      apiVersion: 'canary-judge/v1',
      spinnaker: { executionId: 'E1', user: 'alice' },
    });
    expect(put?.headers['content-type']).toBe('application/json');
    expect(put?.headers['x-spinnaker-user']).toBeUndefined();
    const webhook = run.context.webhook as Record<string, unknown>;
    expect(webhook).toMatchObject({
      statusCode: 'CREATED',
      statusCodeValue: 201,
      body: { status: 'RUNNING', message: 'queued' },
      statusEndpoint: `${stub.baseUrl}${KEY_PATH}`,
      monitor: {
        statusCode: 'OK',
        body: { status: 'SUCCEEDED', verdict: 'PASS' },
        progressMessage: 'succeeded message',
      },
    });
    expect(run.context.statusEndpoint).toBe(`${stub.baseUrl}${KEY_PATH}`);
  });

  it('"Restart stage" re-sends the stored URL and body (not re-templated) and polls the new attempt to its verdict', async () => {
    stub.setHandler(script([judgment('RUNNING'), judgment('TERMINAL', { verdict: 'FAIL' })]));
    const first = await runWebhookStage(stage(), options());
    expect(first.status).toBe('TERMINAL');
    const firstPut = stub.requests.find((r) => r.method === 'PUT');
    stub.requests.length = 0;
    stub.setHandler(
      script([judgment('RUNNING', { attempt: 2 }), judgment('SUCCEEDED', { verdict: 'PASS', attempt: 2 })], {
        status: 201,
        body: { status: 'RUNNING', message: 'queued', attempt: 2 },
      }),
    );
    // A new stage start time would give a new key if the URL were templated again: Orca reuses the stored context.
    const again = await runWebhookStage(
      stage(),
      options({ restartFrom: first.context, stageStartTime: 1718039999999 }),
    );
    const put = stub.requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe(KEY_PATH);
    expect(put?.body).toBe(firstPut?.body);
    expect(stub.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([KEY_PATH, KEY_PATH]);
    expect(again.status).toBe('SUCCEEDED');
    expect(again.context.webhook).toMatchObject({
      statusCodeValue: 201,
      body: { attempt: 2 },
      monitor: { body: { status: 'SUCCEEDED', verdict: 'PASS', attempt: 2 } },
    });
  });

  it('polls every 1 s for the first minute, then every 15 s', async () => {
    const clock = fakeClock();
    const begun = clock.now();
    stub.setHandler((req) => {
      if (req.method === 'PUT') return { status: 201, body: { status: 'RUNNING', message: 'q' } };
      return clock.now() - begun >= 120_000 ? judgment('SUCCEEDED') : judgment('RUNNING');
    });
    const run = await runWebhookStage(stage(), options({ clock }));
    expect(run.status).toBe('SUCCEEDED');
    expect(clock.sleeps.slice(0, 3)).toEqual([1000, 1000, 1000]);
    expect(clock.sleeps.filter((s) => s === 1000).length).toBeGreaterThanOrEqual(59);
    expect(clock.sleeps.filter((s) => s === 1000).length).toBeLessThanOrEqual(61);
    expect(clock.sleeps.at(-1)).toBe(15_000);
    expect(clock.sleeps.every((s) => s === 1000 || s === 15_000)).toBe(true);
  });

  it('waits waitBeforeMonitor seconds between create and the first poll', async () => {
    const clock = fakeClock();
    stub.setHandler(script([judgment('SUCCEEDED')]));
    const run = await runWebhookStage(stage({ waitBeforeMonitor: 5 }), options({ clock }));
    expect(run.status).toBe('SUCCEEDED');
    expect(clock.sleeps).toEqual([5000]);
    expect(stub.requests.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('never polls faster than backoffPeriodMs', async () => {
    const clock = fakeClock();
    stub.setHandler(script([judgment('RUNNING'), judgment('RUNNING'), judgment('SUCCEEDED')]));
    await runWebhookStage(stage({ backoffPeriodMs: 5000 }), options({ clock }));
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it('retries create on 503 and 429 every 10 s with the same request, then proceeds', async () => {
    const clock = fakeClock();
    let creates = 0;
    stub.setHandler((req) => {
      if (req.method !== 'PUT') return judgment('SUCCEEDED');
      creates++;
      if (creates === 1) return { status: 503, body: 'overloaded' };
      if (creates === 2) return { status: 429, body: { status: 'TERMINAL', message: 'slow down' } };
      return { status: 201, body: { status: 'RUNNING', message: 'q' } };
    });
    const run = await runWebhookStage(stage(), options({ clock }));
    expect(run.status).toBe('SUCCEEDED');
    const puts = stub.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(3);
    expect(new Set(puts.map((r) => `${r.url} ${r.body}`)).size).toBe(1);
    expect(clock.sleeps.slice(0, 2)).toEqual([10_000, 10_000]);
  });

  it('gives up create retries after 5 minutes and sends the cancel call', async () => {
    stub.setHandler((req) => (req.method === 'PUT' ? { status: 500, body: 'boom' } : { status: 200, body: {} }));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/timed out/);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(31);
    expect(stub.requests.at(-1)?.method).toBe('POST');
  });

  it.each([
    [400, 'TERMINAL', 1],
    [409, 'TERMINAL', 1],
    [501, 'TERMINAL', 1],
  ])('treats create status %i as %s without retry', async (code, expected, puts) => {
    stub.setHandler((req) =>
      req.method === 'PUT'
        ? { status: code, body: { status: 'TERMINAL', message: 'bad input at $.thresholds.pass' } }
        : { status: 200, body: {} },
    );
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe(expected);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
    const webhook = run.context.webhook as Record<string, unknown>;
    expect(webhook.statusCodeValue).toBe(code);
    expect(webhook.body).toEqual({ status: 'TERMINAL', message: 'bad input at $.thresholds.pass' });
    expect(String(webhook.error)).toContain(String(code));
  });

  it('retries create codes listed in webhookRetryStatusCodes', async () => {
    let creates = 0;
    stub.setHandler((req) => {
      if (req.method !== 'PUT') return judgment('SUCCEEDED');
      creates++;
      return creates === 1 ? { status: 409, body: { status: 'TERMINAL', message: 'busy' } } : { status: 201, body: {} };
    });
    const run = await runWebhookStage(stage({ webhookRetryStatusCodes: [409] }), options());
    expect(run.status).toBe('SUCCEEDED');
    expect(creates).toBe(2);
  });

  it('fails a PUT whose response times out, but retries a GET create after a socket timeout', async () => {
    stub.setHandler(() => new Promise<StubResponse>(() => undefined));
    const put = await runWebhookStage(stage({ cancelEndpoint: '' }), options({ readTimeoutMs: 100 }));
    expect(put.status).toBe('TERMINAL');
    expect(put.reason).toMatch(/socket-timeout/);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    stub.requests.length = 0;
    const get = await runWebhookStage(
      stage({ method: 'GET', cancelEndpoint: '' }),
      options({ readTimeoutMs: 100, createTimeoutMs: 20_000 }),
    );
    expect(get.status).toBe('TERMINAL');
    expect(get.reason).toMatch(/timed out after 20000 ms/);
    expect(stub.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('fails fast on 504 by default when the stage sets no failFastStatusCodes', async () => {
    stub.setHandler(() => ({ status: 504, body: 'gateway' }));
    const run = await runWebhookStage(stage({ failFastStatusCodes: undefined }), options());
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/fail fast/);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('fails at once when the create call is refused (no retry) and makes no call to a refused URL', async () => {
    const run = await runWebhookStage(
      stage({ url: 'http://127.0.0.1:1/v1/judgments/k', cancelEndpoint: '' }),
      options(),
    );
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/connection-refused/);
    expect(run.calls).toHaveLength(1);
  });

  it('refuses loopback URLs under Orca default restrictions without sending anything', async () => {
    stub.setHandler(script([judgment('SUCCEEDED')]));
    const run = await runWebhookStage(stage(), options({ urlRestrictions: undefined }));
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/literal IP/);
    expect(stub.requests).toHaveLength(0);
  });

  it('maps TERMINAL to a failed stage, then sends the cancel call (POST to cancelEndpoint)', async () => {
    stub.setHandler(script([judgment('RUNNING'), judgment('TERMINAL', { verdict: 'FAIL' })]));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('TERMINAL');
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', url: `${KEY_PATH}/cancel` });
  });

  it('applies continuePipeline and failPipeline to a failure', async () => {
    stub.setHandler(script([judgment('TERMINAL')]));
    expect((await runWebhookStage(stage({ continuePipeline: true }), options())).status).toBe('FAILED_CONTINUE');
    expect((await runWebhookStage(stage({ failPipeline: false }), options())).status).toBe('STOPPED');
    expect(stub.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('maps CANCELED to a canceled stage without a cancel call', async () => {
    stub.setHandler(script([judgment('canceled')]));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('CANCELED');
    expect(stub.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('sends the cancel call when the pipeline is cancelled while polling', async () => {
    const abort = new AbortController();
    stub.setHandler(script([judgment('RUNNING')]));
    const run = await runWebhookStage(
      stage(),
      options({ cancelSignal: abort.signal, onPoll: (n) => (n === 3 ? abort.abort() : undefined) }),
    );
    expect(run.status).toBe('CANCELED');
    expect(stub.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect(stub.requests.at(-1)?.method).toBe('POST');
  });

  it('keeps polling on an unknown status until the stage timeout, then fails (or succeeds if so marked)', async () => {
    stub.setHandler(script([judgment('WAITING')]));
    const run = await runWebhookStage(stage({ stageTimeoutMs: 120_000 }), options());
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/timed out/);
    const polls = stub.requests.filter((r) => r.method === 'GET').length;
    expect(polls).toBeGreaterThan(60);
    expect(polls).toBeLessThan(70);
    const marked = await runWebhookStage(stage({ stageTimeoutMs: 30_000, markSuccessfulOnTimeout: true }), options());
    expect(marked.status).toBe('SUCCEEDED');
  });

  it('retries polls on 503 and fails at once on 404 unless retries allow it', async () => {
    stub.setHandler(script([{ status: 503, body: 'x' }, { status: 503, body: 'x' }, judgment('SUCCEEDED')]));
    expect((await runWebhookStage(stage(), options())).status).toBe('SUCCEEDED');

    stub.setHandler(script([{ status: 404, body: { message: 'no such judgment' } }]));
    const lost = await runWebhookStage(stage(), options());
    expect(lost.status).toBe('TERMINAL');
    expect((lost.context.webhook as { monitor: { error: string } }).monitor.error).toMatch(/404/);

    stub.requests.length = 0;
    stub.setHandler(script([{ status: 404 }, { status: 404 }, judgment('SUCCEEDED')]));
    const tolerant = await runWebhookStage(stage({ retries: { '404': { maxAttempts: 2 } } }), options());
    expect(tolerant.status).toBe('SUCCEEDED');
    expect(stub.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it.each([
    [{ status: 200, body: { message: 'no status' } }, /not found/],
    [{ status: 200, body: { status: null, message: 'm' } }, /single value/],
    [{ status: 200, body: { status: 'RUNNING' } }, /progress/],
    [{ status: 200, body: { status: 'RUNNING', message: 42 } }, /not a string/],
  ])('fails the stage on a malformed poll body %#', async (answer, reason) => {
    stub.setHandler(script([answer]));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(reason);
  });

  it('treats a numeric status as percent complete', async () => {
    stub.setHandler(script([judgment('x', { status: 50 }), judgment('x', { status: 100 })]));
    const run = await runWebhookStage(stage(), options());
    expect(run.status).toBe('SUCCEEDED');
    expect((run.context.webhook as { monitor: { percentComplete: number } }).monitor.percentComplete).toBe(100);
  });

  it('sends a string payload as text/plain when no Content-Type is configured, with unresolved SpEL raw', async () => {
    stub.setHandler(script([judgment('SUCCEEDED')]));
    const run = await runWebhookStage(
      stage({ customHeaders: {}, payload: '{"user": ${#toJson(#currentUser())}, "x": "${trigger.nope}"}' }),
      options(),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(stub.requests[0]?.headers['content-type']).toBe('text/plain;charset=ISO-8859-1');
    expect(stub.requests[0]?.body).toBe('{"user": "alice", "x": "${trigger.nope}"}');
    expect(run.unresolved.map((u) => u.expression)).toEqual(['${trigger.nope}']);
  });

  it('resolves the status URL from a Location header and refuses a relative one at poll time', async () => {
    stub.setHandler((req) =>
      req.method === 'POST'
        ? { status: 201, headers: { location: `${stub.baseUrl}/status/1` }, body: { status: 'RUNNING', message: 'q' } }
        : judgment('SUCCEEDED'),
    );
    const abs = await runWebhookStage(stage({ method: 'POST', statusUrlResolution: 'locationHeader' }), options());
    expect(abs.status).toBe('SUCCEEDED');
    expect(stub.requests.at(-1)?.url).toBe('/status/1');

    stub.setHandler((req) =>
      req.method === 'POST'
        ? { status: 201, headers: { location: '/status/1' }, body: { status: 'RUNNING', message: 'q' } }
        : judgment('SUCCEEDED'),
    );
    const rel = await runWebhookStage(
      stage({ method: 'POST', statusUrlResolution: 'locationHeader', cancelEndpoint: '' }),
      options(),
    );
    expect(rel.status).toBe('TERMINAL');
    expect(rel.reason).toMatch(/non absolute/);
  });

  it('resolves the status URL from the create response (webhookResponse) and keeps the create scheme', async () => {
    const port = new URL(stub.baseUrl).port;
    stub.setHandler((req) =>
      req.method === 'POST'
        ? { status: 201, body: { status: 'RUNNING', message: 'q', statusUrl: `https://127.0.0.1:${port}/status/2` } }
        : judgment('SUCCEEDED'),
    );
    const run = await runWebhookStage(
      stage({ method: 'POST', statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.statusUrl' }),
      options(),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.context.statusEndpoint).toBe(`http://127.0.0.1:${port}/status/2`);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', url: '/status/2' });
  });

  it('fails when the status URL cannot be resolved', async () => {
    stub.setHandler(script([judgment('SUCCEEDED')]));
    const run = await runWebhookStage(stage({ statusUrlResolution: undefined }), options());
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/resolving status check URL/);
  });

  it('fails on a response larger than maxResponseBytes', async () => {
    stub.setHandler(script([judgment('SUCCEEDED', { pad: 'x'.repeat(2000) })]));
    const run = await runWebhookStage(stage(), options({ maxResponseBytes: 1000 }));
    expect(run.status).toBe('TERMINAL');
    expect(run.reason).toMatch(/maxResponseBytes/);
  });

  it('merges a preconfigured entry from operator config and uses its locked URL', async () => {
    stub.setHandler(script([judgment('SUCCEEDED')]));
    const run = await runWebhookStage(
      {
        type: 'canaryJudgeGeneric',
        alias: 'preconfiguredWebhook',
        parameterValues: { canaryConfigId: 'c' },
        url: 'https://elsewhere.example.com/',
      },
      options({
        preconfigured: [
          {
            type: 'canaryJudgeGeneric',
            url: `${stub.baseUrl}/v1/judgments/pre-\${execution.id}`,
            method: 'PUT',
            payload: '{"parameters": ${#toJson(parameterValues)}}',
            customHeaders: { 'Content-Type': ['application/json'] },
            ...JUDGE_MONITOR_FIELDS,
          },
        ],
      }),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(stub.requests[0]).toMatchObject({ method: 'PUT', url: '/v1/judgments/pre-E1' });
    expect(JSON.parse(stub.requests[0]?.body ?? '')).toEqual({ parameters: { canaryConfigId: 'c' } });
  });
});
