#!/usr/bin/env node
// The `canary-judge` command from a development checkout: runs the TypeScript CLI (cli/src/bin.ts) through tsx's
// loader, with the `development` export condition so the workspace packages resolve to their sources (see the
// `exports` of shared/package.json). The installable command is the built bundle: cli/package.json `bin`.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Hooks registered later run first: this one adds the condition, then tsx and Node's resolver see it.
register(
  'data:text/javascript,export async function resolve(s, c, next) {' +
    ' return next(s, { ...c, conditions: [...c.conditions, "development"] }); }',
);
await import('../cli/src/bin.ts');
