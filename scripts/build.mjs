// `npm run build`: compiles the scoring library and the judge service to JavaScript (`<package>/dist`) with
// TypeScript's own compiler (`ts.transpileModule`, one file at a time: the sources are written for
// `isolatedModules`, and `npm run typecheck` is the type check), and bundles the CLI into one file
// (`cli/dist/canary-judge.mjs`, esbuild) so it installs on its own. The Deck plugin is built by its rollup config
// (`npm run build -w deck-plugin`, called by the root script after this one).
//
// Only the files an entry point reaches are compiled (tests and test helpers never land in dist). Relative
// imports are written with the file name Node's ESM loader needs (`./config` → `./config.js`,
// `./store` → `./store/index.js`): https://nodejs.org/api/esm.html#mandatory-file-extensions
// Usage: node scripts/build.mjs [shared|orca-stage-spec|cli]...   (no argument: all three)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each package compiles: entry files (under `src/`) and asset folders copied beside the output. */
export const PACKAGES = {
  shared: { entries: ['src/index.ts'], assets: [] },
  // The judge worker is loaded by path (piscina), not imported: it is an entry of its own.
  'orca-stage-spec': { entries: ['src/main.ts', 'src/workers/judge-worker.ts'], assets: ['src/store/migrations'] },
};

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  isolatedModules: true,
  esModuleInterop: true,
};

/** The file a relative specifier names (`.ts` or `/index.ts`), or null when it is not a TypeScript source. */
function resolveSource(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  if (existsSync(`${base}.ts`)) return { file: `${base}.ts`, js: `${specifier}.js` };
  if (existsSync(join(base, 'index.ts'))) return { file: join(base, 'index.ts'), js: `${specifier}/index.js` };
  return null;
}

/** A transformer that rewrites relative module specifiers to their `.js` output names and records the sources. */
function specifierRewriter(fromFile, found) {
  return (context) => {
    const f = context.factory;
    const rewrite = (node) => {
      if (!ts.isStringLiteral(node) || !node.text.startsWith('.')) return node;
      const hit = resolveSource(fromFile, node.text);
      if (!hit) return node;
      found.push(hit.file);
      return f.createStringLiteral(hit.js);
    };
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && node.moduleSpecifier) {
        return f.updateImportDeclaration(
          node,
          node.modifiers,
          node.importClause,
          rewrite(node.moduleSpecifier),
          node.attributes,
        );
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        return f.updateExportDeclaration(
          node,
          node.modifiers,
          node.isTypeOnly,
          node.exportClause,
          rewrite(node.moduleSpecifier),
          node.attributes,
        );
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
        return f.updateCallExpression(node, node.expression, node.typeArguments, [
          rewrite(node.arguments[0]),
          ...node.arguments.slice(1),
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sf) => ts.visitNode(sf, visit);
  };
}

/**
 * Compiles one package: every source file reachable from its entries, to `dist/` (same layout as `src/`).
 * @returns the number of files written
 */
export function buildPackage(name) {
  const spec = PACKAGES[name];
  const pkgDir = join(ROOT, name);
  const srcDir = join(pkgDir, 'src');
  const outDir = join(pkgDir, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  const queue = spec.entries.map((e) => join(pkgDir, e));
  const done = new Set();
  while (queue.length > 0) {
    const file = queue.pop();
    if (done.has(file)) continue;
    done.add(file);
    const found = [];
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: COMPILER_OPTIONS,
      reportDiagnostics: true,
      transformers: { after: [specifierRewriter(file, found)] },
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      throw new Error(`${relative(ROOT, file)}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
    }
    const target = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText); // ends with `//# sourceMappingURL=<name>.js.map`
    writeFileSync(`${target}.map`, out.sourceMapText ?? '');
    const outside = found.find((f) => !f.startsWith(srcDir));
    if (outside) throw new Error(`${relative(ROOT, file)} imports ${relative(ROOT, outside)}, outside ${name}/src`);
    queue.push(...found);
  }
  for (const asset of spec.assets) {
    const from = join(pkgDir, asset);
    const to = join(outDir, relative(srcDir, from));
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) copyFileSync(join(from, f), join(to, f));
  }
  return done.size;
}

/** Bundles the CLI (its sources, the scoring library, Ajv) into `cli/dist/canary-judge.mjs`: no dependencies. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const outDir = join(ROOT, 'cli', 'dist');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'cli', 'src', 'bin.ts')],
    outfile: join(outDir, 'canary-judge.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Ajv's CommonJS modules call require(): give the ES module bundle one.
    banner: {
      js: "import { createRequire as __cjRequire } from 'node:module';\nconst require = __cjRequire(import.meta.url);",
    },
    conditions: ['development'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return 1;
}

const wanted = process.argv.slice(2);
const all = wanted.length === 0;
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(PACKAGES)) {
    if (all || wanted.includes(name)) console.log(`${name}: ${buildPackage(name)} files → ${name}/dist`);
  }
  if (all || wanted.includes('cli')) {
    await buildCli();
    console.log('cli: cli/dist/canary-judge.mjs');
  }
}
