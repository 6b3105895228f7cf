import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { cachedBundle, changedSince, filesDigest, optionsKey, readJson, writeFileAtomic } from '../bin/bundle-cache.mjs';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { nodeBundleOptions } from '../bin/esbuild-options.mjs';

type ImportGraph = Record<string, { imports: { path: string }[] }>;

/** What esbuild said about one file that bundled, kept so a reused bundle reports the same. */
export interface BundleWarning {
  readonly text: string;
  readonly location?: { file: string; line: number; column: number } | null;
}

/** One bundled TypeScript module (an environment, the GitOps settings) and what its build found. */
export interface ModuleBundle {
  /** The ES module to import (content-named under .cache/environments; never rewritten). */
  readonly module: string;
  /** The repository's source files it was built from, relative to the root. */
  readonly inputs: readonly string[];
  /** Hash of those inputs' contents (the key it is cached by). */
  readonly digest: string;
  /** esbuild's import graph of the build, for the cycle check. */
  readonly graph: ImportGraph;
  readonly warnings: readonly BundleWarning[];
}

const cacheDir = (root: string) => join(root, '.cache', 'environments');

/** The models package as environments import it at run time: one bundle per content of its sources, shared by every environment. */
export const modelsPackage = '@apim-gitops/models';

/**
 * The models bundle environment bundles import: bundled once per content of the models' sources
 * (.cache/bundles) and left out of each environment's bundle. An environment bundle is then only the
 * environment's own files, so esbuild no longer parses the models (their precompiled validator alone is
 * 0.6 MB) for every changed environment (≈100 ms to ≈10 ms), and a loader thread evaluates the models
 * once for all environments instead of once each.
 */
export async function modelsBundleFile(root: string): Promise<string> {
  return (await cachedBundle(root, 'environment-models', 'packages/models/src/index.ts', nodeBundleOptions())).file as string;
}

/** esbuild plugin: `@apim-gitops/models` resolves to the models bundle, imported at run time. */
function modelsExternal(modelsFile: string) {
  const url = pathToFileURL(modelsFile).href;
  return {
    name: 'models-bundle-external',
    setup(build: { onResolve: (options: { filter: RegExp }, callback: () => { path: string; external: boolean }) => void }) {
      build.onResolve({ filter: /^@apim-gitops\/models$/ }, () => ({ path: url, external: true }));
    },
  };
}

/**
 * Bundles `file` (relative to `root`) with esbuild, or reuses the bundle of an earlier run when
 * every file it was built from still hashes the same (esbuild's metafile lists them, the models
 * included). Build errors are thrown as esbuild throws them and never cached. Cached bundles are
 * written by rename, so concurrent runs are safe.
 */
export async function bundleModule(root: string, file: string): Promise<ModuleBundle> {
  const base = nodeBundleOptions();
  const models = await modelsBundleFile(root);
  const options = { ...base, plugins: [modelsExternal(models), ...base.plugins] };
  const manifest = join(cacheDir(root), `${createHash('sha256').update(file).digest('hex').slice(0, 16)}-${optionsKey(root, options)}.json`);
  const recorded = readJson(manifest) as (Omit<ModuleBundle, 'module'> & { module: string; models?: string }) | undefined;
  // A bundle imports the models bundle by its path: it is reused only while that is still the models bundle.
  if (
    recorded &&
    Array.isArray(recorded.inputs) &&
    recorded.models === models &&
    existsSync(join(cacheDir(root), recorded.module)) &&
    filesDigest(root, recorded.inputs) === recorded.digest
  ) {
    const { models: _models, ...kept } = recorded;
    return { ...kept, module: join(cacheDir(root), recorded.module) };
  }
  // A little slack for file-system clocks (see bin/bundle-cache.mjs).
  const started = Date.now() - 50;
  // Imported here: a run whose bundles are all cached never loads esbuild.
  const { build } = await import('esbuild');
  const result = await build({ ...options, entryPoints: [join(root, file)], absWorkingDir: root, write: false, logLevel: 'silent', metafile: true });
  const code = result.outputFiles![0]!.text; // write: false always gives output files
  const graph = Object.fromEntries(
    Object.entries(result.metafile!.inputs).map(([path, input]) => [path, { imports: input.imports.map((i) => ({ path: i.path })) }]),
  ) as ImportGraph;
  const inputs = Object.keys(graph).filter((path) => !path.includes('node_modules/'));
  const warnings = result.warnings.map((w) => ({
    text: w.text,
    location: w.location ? { file: w.location.file, line: w.location.line, column: w.location.column } : null,
  }));
  const digest: string = filesDigest(root, inputs);
  // Written beside the tools' cache so that npm packages resolve from the repository's node_modules.
  mkdirSync(cacheDir(root), { recursive: true });
  const name = `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  if (!existsSync(join(cacheDir(root), name))) writeFileAtomic(join(cacheDir(root), name), code);
  const bundle = { module: name, inputs, digest, graph, warnings };
  // A source edited while esbuild read it: use the bundle this once, record nothing.
  if (!changedSince(root, inputs, started)) writeFileAtomic(manifest, JSON.stringify({ ...bundle, models }));
  return { ...bundle, module: join(cacheDir(root), name) };
}
