// `npm run prod-tree -- <dir>`: writes the judge service's production file tree — what the Dockerfile copies and what
// the production-install test starts — into <dir> (default `build/prod`): the compiled scoring library and service
// (`shared/dist`, `orca-stage-spec/dist`, built here first), every workspace's package.json, the root package.json
// and package-lock.json (so `npm ci` installs exactly the locked versions), and nothing else: no TypeScript
// sources, no tests, no Deck plugin or CLI code. Install its dependencies with
//   npm ci --omit=dev --workspace orca-stage-spec --include-workspace-root
// and start it with `node orca-stage-spec/dist/main.js` (or `npm run start:prod`).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from './build.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The command that installs the tree's production dependencies (the Dockerfile and the test run it). */
export const INSTALL_ARGS = ['ci', '--omit=dev', '--workspace', 'orca-stage-spec', '--include-workspace-root'];

/**
 * Builds the service and writes the production tree into `outDir` (emptied first).
 * @param {string} outDir target folder
 * @returns {string[]} the top-level entries written
 */
export function writeProdTree(outDir) {
  buildPackage('shared');
  buildPackage('orca-stage-spec');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const ws of root.workspaces) {
    mkdirSync(join(outDir, ws), { recursive: true });
    cpSync(join(ROOT, ws, 'package.json'), join(outDir, ws, 'package.json'));
  }
  for (const pkg of ['shared', 'orca-stage-spec'])
    cpSync(join(ROOT, pkg, 'dist'), join(outDir, pkg, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package-lock.json'), join(outDir, 'package-lock.json'));
  // The root manifest as it is (npm ci checks it against the lock), minus what a production tree never runs.
  const { scripts, bin: _bin, ...rest } = root;
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ ...rest, scripts: { 'start:prod': scripts['start:prod'] } }, null, 2)}\n`,
  );
  return [...root.workspaces, 'package.json', 'package-lock.json'];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'build', 'prod'));
  writeProdTree(outDir);
  console.log(
    `production tree: ${outDir}\ninstall: npm ${INSTALL_ARGS.join(' ')}\nstart: node orca-stage-spec/dist/main.js`,
  );
}
