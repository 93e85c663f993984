import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreBehaviour } from '../testing/store-behaviour';
import { openSqliteStore } from './sqlite';

// A database file (not :memory:) so that two handles can share it, as two processes would.
describeStoreBehaviour('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canary-judge-sqlite-'));
  const file = join(dir, 'judge.db');
  return {
    open: async () => openSqliteStore(file),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
