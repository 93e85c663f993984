import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { listSources, resolveSourceSettings, SourceSettingError, sourceSettingsSchema, SOURCE_KINDS } from './catalog';

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
