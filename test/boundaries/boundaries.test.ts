/**
 * The package boundaries of issue 12, checked: no import cycle inside any package, and the lint step's import
 * rules (`eslint.config.js`, `no-restricted-imports`) refuse each forbidden direction — linted here on deliberate
 * violations, so that a change to the config that silently drops a rule fails this test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importCycles } from './import-graph';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('import cycles', () => {
  it.each(['shared/src', 'orca-stage-spec/src', 'deck-plugin/src', 'cli/src'])('%s has none', (dir) => {
    expect(importCycles(join(ROOT, dir))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './c';\nexport const b = 1 as A;\n");
      writeFileSync(join(dir, 'c.ts'), "import { a } from './a';\nexport type A = typeof a;\n");
      expect(importCycles(dir)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('import directions (lint)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  /** The `no-restricted-imports` messages ESLint gives `code` as if it were the file `file`. */
  const restricted = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['shared/src/stats/x.ts', "import { z } from 'node:fs';", /imports nothing outside itself/],
    ['shared/src/stats/x.ts', "import { z } from 'ajv';", /imports nothing outside itself/],
    ['shared/src/stats/x.ts', "import { z } from '../../../orca-stage-spec/src/server';", /by its name/],
    ['shared/src/stats/x.test.ts', "import { z } from '@canary-judge/orca-stage-spec';", /imports nothing outside/],
    ['orca-stage-spec/src/http/x.ts', "import { z } from '@canary-judge/deck-plugin/testing';", /never imports/],
    ['orca-stage-spec/src/http/x.ts', "import { z } from '../../../deck-plugin/src/transforms/report';", /by its name/],
    ['deck-plugin/src/transforms/x.ts', "import { z } from '@canary-judge/orca-stage-spec';", /never imports/],
    ['cli/src/x.ts', "import { z } from '@canary-judge/orca-stage-spec/testing';", /scoring library only/],
    ['test/faults/x.test.ts', "import { z } from '../../orca-stage-spec/src/testing/fixtures';", /by its name/],
    ['test/faults/x.test.ts', "import { z } from '@canary-judge/orca-stage-spec/src/server';", /entry points/],
    ['bench/x.ts', "import { z } from '../cli/src/main';", /by its name/],
  ])('%s: %s is refused', async (file, code, why) => {
    const messages = await restricted(file, `${code}\nexport const y = z;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ['shared/src/stats/x.ts', "import { z } from '../judge/errors';"],
    ['shared/src/stats/x.test.ts', "import { z } from 'vitest';"],
    ['orca-stage-spec/src/http/x.ts', "import { z } from '@canary-judge/shared';"],
    ['deck-plugin/src/transforms/x.ts', "import { z } from '@canary-judge/shared';"],
    ['test/faults/x.test.ts', "import { z } from '@canary-judge/orca-stage-spec/testing';"],
    ['bench/x.ts', "import { z } from '../test/support/stub-server';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const y = z;\n`)).toEqual([]);
  });
});
