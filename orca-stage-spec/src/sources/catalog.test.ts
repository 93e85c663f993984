import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { listSources, resolveSourceSettings, SourceSettingError, sourceSettingsSchema, SOURCE_KINDS } from './catalog';
import { configWithSource } from '../testing/source-harness';

const validate = new Ajv({ strict: false, allErrors: false }).compile(sourceSettingsSchema());

describe('sourceSettingsSchema', () => {
  it('accepts each type with its own keys and null (removes a source)', () => {
    expect(validate(null)).toBe(true);
    expect(validate({ type: 'demo' })).toBe(true);
    expect(validate({ type: 'prometheus', baseUrl: 'http://p:9090', timeoutMs: 5000, maxConcurrent: 2 })).toBe(true);
  });

  it('refuses an unknown type, a misspelt key (naming it) and a missing base URL', () => {
    expect(validate({ type: 'promethus', baseUrl: 'http://p' })).toBe(false);
    expect(validate({ type: 'prometheus', baseUrl: 'http://p', timeoutMS: 1 })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ params: { additionalProperty: 'timeoutMS' } });
    expect(validate({ type: 'prometheus' })).toBe(false);
    expect(validate.errors?.[0]?.message).toMatch(/baseUrl/);
    expect(validate({ type: 'demo', baseUrl: 'http://p' })).toBe(false);
  });
});

describe('resolveSourceSettings', () => {
  // A source type with a required and an optional credential, as a vendor's would have.
  const kind = {
    type: 'test-vendor',
    label: 'Test',
    settings: {},
    required: ['apiKey'],
    secrets: ['apiKey', 'applicationKey'],
    queryFields: [],
    http: true,
    defaultBaseUrl: 'https://api.vendor.example',
    create: () => {
      throw new Error('not used');
    },
  };
  (SOURCE_KINDS as Map<string, typeof kind>).set(kind.type, kind);
  const files: Record<string, string> = { '/run/secrets/key': '  from-file\n' };
  const read = (p: string) => {
    const v = files[p];
    if (v === undefined) throw new Error('ENOENT: no such file');
    return v;
  };

  it('reads a credential literally, from a file (trimmed) or from an environment variable; drops the File/Env keys', () => {
    expect(resolveSourceSettings('v', { type: 'test-vendor', apiKey: 'lit' }, {}, read)).toEqual({
      type: 'test-vendor',
      apiKey: 'lit',
      baseUrl: 'https://api.vendor.example',
    });
    expect(resolveSourceSettings('v', { type: 'test-vendor', apiKeyFile: '/run/secrets/key' }, {}, read)).toMatchObject(
      { apiKey: 'from-file' },
    );
    const fromEnv = resolveSourceSettings(
      'v',
      { type: 'test-vendor', apiKeyEnv: 'VENDOR_KEY', applicationKeyEnv: 'VENDOR_APP', baseUrl: 'http://eu' },
      { VENDOR_KEY: 'k1', VENDOR_APP: 'a1' },
      read,
    );
    expect(fromEnv).toEqual({ type: 'test-vendor', apiKey: 'k1', applicationKey: 'a1', baseUrl: 'http://eu' });
  });

  it('names the setting when a required credential is missing, its file unreadable or its variable unset', () => {
    const err = (raw: Record<string, unknown>) => {
      try {
        resolveSourceSettings('dd', { type: 'test-vendor', ...raw }, {}, read);
      } catch (e) {
        expect(e).toBeInstanceOf(SourceSettingError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err({})).toBe('metricSources.dd.apiKey: is required (or apiKeyFile / apiKeyEnv)');
    expect(err({ apiKeyFile: '/nope' })).toMatch(/^metricSources\.dd\.apiKeyFile: cannot read \/nope: ENOENT/);
    expect(err({ apiKeyEnv: 'UNSET_VAR' })).toBe(
      'metricSources.dd.apiKeyEnv: environment variable UNSET_VAR is not set',
    );
  });
});

describe('listSources', () => {
  it('lists names, types, labels and query fields, sorted by name, and nothing else', () => {
    const listing = listSources([
      { name: 'prom', type: 'prometheus', baseUrl: 'http://secret-host', headers: { authorization: 'x' } } as never,
      { name: 'demo', type: 'demo' },
    ]);
    expect(listing.map((s) => [s.name, s.type, s.label])).toEqual([
      ['demo', 'demo', 'Demo'],
      ['prom', 'prometheus', 'Prometheus'],
    ]);
    expect(JSON.stringify(listing)).not.toMatch(/secret-host|authorization/);
    expect(listing[1]?.queryFields.map((f) => f.name)).toContain('promql');
  });
});

// The settings of the key-and-token vendors (Datadog, New Relic, Wavefront) as an operator writes them in judge.json,
// one table for the three: what the catalog fills in and resolves, what it refuses, how the sources are listed.
describe('the Datadog, New Relic and Wavefront settings in judge.json', () => {
  it.each<
    [name: string, title: string, settings: Record<string, unknown>, env: Record<string, string>, resolved: object]
  >([
    [
      'dd',
      'defaults baseUrl to the US1 site and reads the keys from the environment',
      { type: 'datadog', apiKeyEnv: 'DD_API_KEY', applicationKeyEnv: 'DD_APP_KEY' },
      { DD_API_KEY: 'k1', DD_APP_KEY: 'k2' },
      { type: 'datadog', baseUrl: 'https://api.datadoghq.com', apiKey: 'k1', applicationKey: 'k2' },
    ],
    [
      'nr',
      'defaults baseUrl to the US Insights API; the query key from the environment; the account ID in clear',
      { type: 'newrelic', apiKeyEnv: 'NR_QUERY_KEY', applicationKey: '1234567', defaultScopeKey: 'appName' },
      { NR_QUERY_KEY: 'q' },
      {
        type: 'newrelic',
        baseUrl: 'https://insights-api.newrelic.com',
        apiKey: 'q',
        applicationKey: '1234567',
        defaultScopeKey: 'appName',
      },
    ],
    [
      'wf',
      'reads the token from the environment',
      { type: 'wavefront', baseUrl: 'https://example.wavefront.com', apiTokenEnv: 'WF_TOKEN' },
      { WF_TOKEN: 't' },
      { type: 'wavefront', baseUrl: 'https://example.wavefront.com', apiToken: 't' },
    ],
  ])('%s: %s', (name, _title, settings, env, resolved) => {
    expect(configWithSource(name, settings, env).metricSources[name]).toEqual(resolved);
  });

  it.each<[name: string, title: string, refused: Array<[settings: Record<string, unknown>, message: RegExp]>]>([
    [
      'dd',
      'refuses a missing key and a misspelt setting, naming them',
      [
        [{ type: 'datadog', apiKey: 'k1' }, /metricSources\.dd\.applicationKey/],
        [{ type: 'datadog', apiKey: 'k1', applicationKey: 'k2', appKey: 'x' }, /appKey/],
      ],
    ],
    [
      'nr',
      'refuses a missing query key, a missing or non-numeric account ID',
      [
        [{ type: 'newrelic', applicationKey: '1' }, /metricSources\.nr\.apiKey/],
        [{ type: 'newrelic', apiKey: 'q' }, /applicationKey/],
        [{ type: 'newrelic', apiKey: 'q', applicationKey: 'acme' }, /applicationKey/],
      ],
    ],
    [
      'wf',
      'refuses a missing baseUrl (no common default) and a missing token',
      [
        [{ type: 'wavefront', apiToken: 't' }, /baseUrl/],
        [{ type: 'wavefront', baseUrl: 'https://example.wavefront.com' }, /metricSources\.wf\.apiToken/],
      ],
    ],
  ])('%s: %s', (name, _title, refused) => {
    for (const [settings, message] of refused) expect(() => configWithSource(name, settings)).toThrow(message);
  });

  it.each<[type: string, title: string, label: string, queryFields: string[]]>([
    [
      'datadog',
      'is listed with its query fields and no credential',
      'Datadog',
      ['metricName', 'customInlineTemplate', 'customFilterTemplate'],
    ],
    [
      'newrelic',
      'is listed with its query fields and no credential',
      'New Relic',
      ['select', 'q', 'customInlineTemplate', 'customFilterTemplate'],
    ],
  ])('%s: %s', (type, _title, label, queryFields) => {
    const [listing] = listSources([{ name: type, type }]);
    expect(listing?.label).toBe(label);
    expect(listing?.queryFields.map((f) => f.name)).toEqual(queryFields);
    expect(JSON.stringify(listing)).not.toMatch(/apiKey|applicationKey/);
  });
});

// The self-hosted stores (Graphite, InfluxDB) in the catalog: the settings they need, the ones that are credentials,
// and Kayenta's query fields.
describe('the Graphite and InfluxDB catalog entries', () => {
  it.each<[type: string, title: string, required: string[], secrets: string[], queryFields: string[]]>([
    [
      'graphite',
      "is in the catalog: baseUrl required, password a credential, Kayenta's query fields listed",
      ['baseUrl'],
      ['password'],
      ['metricName', 'template', 'customInlineTemplate', 'customFilterTemplate'],
    ],
    [
      'influxdb',
      "is in the catalog: baseUrl required, username/password credentials, Kayenta's query fields",
      ['baseUrl'],
      ['username', 'password'],
      ['metricName', 'fields', 'template', 'customInlineTemplate', 'customFilterTemplate'],
    ],
  ])('%s: %s', (type, _title, required, secrets, queryFields) => {
    const kind = SOURCE_KINDS.get(type);
    expect(kind?.required).toEqual(required);
    expect(kind?.secrets).toEqual(secrets);
    expect(kind?.queryFields.map((f) => f.name)).toEqual(queryFields);
  });
});
