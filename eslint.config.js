// Flat ESLint config shared by every package: typescript-eslint's recommended type-aware-free rules, Prettier last.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jsdoc from 'eslint-plugin-jsdoc';

// Import directions between the packages (ESLint's own `no-restricted-imports`, regex patterns). The workspace layout:
//   shared ← orca-stage-spec, deck-plugin, cli        (the scoring library imports nothing outside itself)
//   orca-stage-spec ✕ deck-plugin                      (the service and the plugin meet only at the HTTP contract)
//   test/, bench/, scripts/ → `@canary-judge/<package>[/testing]` entry points, never `../<package>/src/...`
// A relative path that climbs out of a package is recognised by a package folder name after the `../` steps; no
// folder inside a package is named after another package (keep it that way, or these patterns see false hits).
const PACKAGES = ['shared', 'orca-stage-spec', 'deck-plugin', 'cli'];
const others = (pkg) => PACKAGES.filter((p) => p !== pkg).join('|');
/** A relative import reaching into another package's folder, from inside `pkg` (or from outside every package). */
const relativeInto = (pkg) => ({
  regex: `^(\\.\\./)+(${others(pkg)})(/|$)`,
  message: `Import another package by its name (\`@canary-judge/<package>\` or its \`/testing\` entry), never by a relative path.`,
});
/** A package name past its entry points (`@canary-judge/x/src/...`): only the `exports` of its package.json. */
const deepImport = {
  regex: '^@canary-judge/[^/]+/(src|dist|demo/|build)',
  message: 'Import a package by its entry points (the `exports` of its package.json), never its files.',
};
/** The named packages, for a package that must not import them. */
const packagesNamed = (names, why) => ({ regex: `^@canary-judge/(${names.join('|')})(/|$)`, message: why });
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['deck-plugin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Every export carries a JSDoc block (what, units, edge cases, a reference): the team's documentation rule.
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true, ArrowFunctionExpression: true },
          contexts: [
            'TSInterfaceDeclaration',
            'TSTypeAliasDeclaration',
            'ExportNamedDeclaration > VariableDeclaration',
          ],
        },
      ],
    },
  },
  {
    // test/, bench/, scripts/: every package through its entry points.
    files: ['test/**/*.{ts,mts,mjs}', 'bench/**/*.{ts,mts,mjs}', 'scripts/**/*.{ts,mts,mjs}'],
    rules: { 'no-restricted-imports': restrict(relativeInto(''), deepImport) },
  },
  {
    // The scoring library's tests, test support and scripts may use dev tools (vitest, fast-check, Ajv, node:*), but
    // no other workspace package.
    files: ['shared/**/*.{ts,mts,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        relativeInto('shared'),
        packagesNamed(PACKAGES, 'The scoring library imports nothing outside itself.'),
      ),
    },
  },
  {
    // The scoring library itself: nothing outside itself at all — no workspace package, no npm package, no `node:`
    // module (it runs in the browser inside the Deck plugin and in the CLI bundle).
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts', 'shared/src/testing/**', 'shared/src/**/testdata/**'],
    rules: {
      'no-restricted-imports': restrict(relativeInto('shared'), {
        regex: '^(?!\\.\\.?/)',
        message: 'The scoring library imports nothing outside itself (no runtime dependencies): relative imports only.',
      }),
    },
  },
  {
    // The judge service: the scoring library by its name; never the Deck plugin or the CLI.
    files: ['orca-stage-spec/**/*.{ts,mts,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        relativeInto('orca-stage-spec'),
        deepImport,
        packagesNamed(
          ['deck-plugin', 'cli'],
          'The service never imports the Deck plugin or the CLI: they meet at the HTTP contract (the OpenAPI document).',
        ),
      ),
    },
  },
  {
    // The Deck plugin: the scoring library by its name; never the service or the CLI.
    files: ['deck-plugin/**/*.{ts,tsx,mts,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        relativeInto('deck-plugin'),
        deepImport,
        packagesNamed(
          ['orca-stage-spec', 'cli'],
          'The Deck plugin never imports the service or the CLI: it reads the service over HTTP (the OpenAPI document).',
        ),
      ),
    },
  },
  {
    // The CLI: the scoring library by its name, nothing else of the workspace.
    files: ['cli/**/*.{ts,mts,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        relativeInto('cli'),
        deepImport,
        packagesNamed(['orca-stage-spec', 'deck-plugin'], 'The CLI uses the scoring library only.'),
      ),
    },
  },
  prettier,
);
