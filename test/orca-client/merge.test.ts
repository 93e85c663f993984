import { describe, expect, it } from 'vitest';
import { planStage } from './merge';
import { buildHeaders, checkUrl } from './url-policy';

describe('planStage', () => {
  const entry = {
    type: 'canaryJudgeGeneric',
    label: 'Canary Judge (generic form)',
    enabled: true,
    parameters: [{ name: 'canaryConfigId' }],
    url: 'https://judge.example.com/v1/judgments/x',
    method: 'PUT',
    customHeaders: { 'Content-Type': ['application/json'] },
    cancelEndpoint: null,
    statusJsonPath: null,
  };

  it('merges a preconfigured entry: non-null operator values win, nulls only fill gaps', () => {
    const { implementation, context } = planStage(
      {
        type: 'canaryJudgeGeneric',
        alias: 'preconfiguredWebhook',
        name: 'Judge',
        refId: '4',
        requisiteStageRefIds: ['3'],
        url: 'https://evil.example.com/',
        statusJsonPath: '$.mine',
        parameterValues: { canaryConfigId: 'c1' },
      },
      [entry],
    );
    expect(implementation).toBe('preconfiguredWebhook');
    expect(context.url).toBe(entry.url);
    expect(context.statusJsonPath).toBe('$.mine');
    expect(context).toHaveProperty('cancelEndpoint', null);
    expect(context).not.toHaveProperty('label');
    expect(context).not.toHaveProperty('parameters');
    expect(context).not.toHaveProperty('name');
    expect(context).not.toHaveProperty('refId');
    expect(context.parameterValues).toEqual({ canaryConfigId: 'c1' });
    expect(context.failFastStatusCodes).toEqual([504]);
    expect(context.cancelMethod).toBe('POST');
  });

  it('fails like Orca when the entry is missing or disabled, or the alias is unknown', () => {
    expect(() => planStage({ type: 'canaryJudge', alias: 'preconfiguredWebhook' }, [entry])).toThrow(/not found/);
    expect(() =>
      planStage({ type: 'canaryJudgeGeneric', alias: 'preconfiguredWebhook' }, [{ ...entry, enabled: false }]),
    ).toThrow(/not found/);
    expect(() => planStage({ type: 'canaryJudge' })).toThrow(/no such stage/);
  });

  it('runs a plugin stage with alias webhook as a plain webhook, keeping its own fields', () => {
    const { implementation, context } = planStage({ type: 'canaryJudge', alias: 'webhook', method: 'PUT', url: 'u' }, [
      { ...entry, type: 'canaryJudge' },
    ]);
    expect(implementation).toBe('webhook');
    expect(context).toMatchObject({ method: 'PUT', url: 'u', alias: 'webhook' });
  });
});

describe('checkUrl', () => {
  it.each([
    'http://127.0.0.1:8080/v1/judgments/k',
    'http://localhost/v1',
    'https://canary-judge/v1',
    'https://canary-judge.spinnaker.svc.cluster.local/v1',
    'https://judge.corp.internal/v1',
    '/v1/judgments/k',
  ])('refuses %s under Orca default restrictions', (url) => {
    expect(checkUrl(url, 'PUT')).not.toBeNull();
  });

  it('accepts a normal DNS name and applies the allow-list by method and prefix', () => {
    const url = 'https://canary-judge.example.com/v1/judgments/k';
    expect(checkUrl(url, 'PUT')).toBeNull();
    const allow = [{ httpMethods: ['PUT', 'GET'], urlPrefix: 'https://canary-judge.example.com/v1/judgments/' }];
    expect(checkUrl(url, 'PUT', undefined, allow)).toBeNull();
    expect(checkUrl(`${url}/cancel`, 'POST', undefined, allow)).toMatch(/allowedRequests/);
    expect(checkUrl('https://canary-judge.example.com/v1/x', 'GET', undefined, allow)).toMatch(/allowedRequests/);
    expect(checkUrl(url, 'GET', undefined, [])).toMatch(/allowedRequests/);
    expect(checkUrl('http://127.0.0.1:1/x', 'GET', { enabled: false })).toBeNull();
  });
});

describe('buildHeaders', () => {
  it('drops Spinnaker identity headers and keeps the rest as lists', () => {
    expect(
      buildHeaders({
        'X-SPINNAKER-USER': 'alice',
        'x-spinnaker-execution-id': ['e'],
        Authorization: 'Bearer t',
        Accept: ['application/json', 'text/plain'],
      }),
    ).toEqual({ Authorization: ['Bearer t'], Accept: ['application/json', 'text/plain'] });
  });
});
