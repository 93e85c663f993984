import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('store selection in the configuration', () => {
  it('defaults to SQLite without a database URL', () => {
    const c = loadConfig({});
    expect(c.store).toBe('sqlite');
    expect(c.databaseUrl).toBeNull();
  });

  it('selects PostgreSQL with CANARY_JUDGE_STORE and CANARY_JUDGE_DATABASE_URL', () => {
    const c = loadConfig({
      CANARY_JUDGE_STORE: 'postgres',
      CANARY_JUDGE_DATABASE_URL: 'postgres://u@127.0.0.1:5432/j',
    });
    expect(c.store).toBe('postgres');
    expect(c.databaseUrl).toBe('postgres://u@127.0.0.1:5432/j');
  });

  it('refuses postgres without a URL, a non-postgres URL and an unknown store, naming the setting', () => {
    expect(() => loadConfig({ CANARY_JUDGE_STORE: 'postgres' })).toThrow(
      new ConfigError('CANARY_JUDGE_DATABASE_URL', 'is required when the store is postgres'),
    );
    expect(() => loadConfig({ CANARY_JUDGE_DATABASE_URL: 'http://x' })).toThrow(/CANARY_JUDGE_DATABASE_URL: must be/);
    expect(() => loadConfig({ CANARY_JUDGE_STORE: 'mysql' })).toThrow(/CANARY_JUDGE_STORE: must be sqlite or postgres/);
  });
});
