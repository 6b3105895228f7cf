import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitOpsSource } from '@apim-gitops/renderer/src/argocd/names';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { cachedBundle } from '../bin/bundle-cache.mjs';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { nodeBundleOptions } from '../bin/esbuild-options.mjs';
import { bundleModule } from './environment-bundle';
import { environmentFile } from './environment-files';
import { environmentUnit } from './render-index';

/** Bumped when what a key covers changes, so no old index is trusted under a new meaning. */
const keyScheme = 'render-key 1';

const key = (...parts: readonly string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/** The version of npm package `name` installed for `root` (its package.json), or `?`. */
function installedVersion(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** The render's code as esbuild bundles it from render-repository.ts: its source files, their digest, the npm packages it imports. */
export async function pipelineSources(
  root: string,
): Promise<{ readonly inputs: readonly string[]; readonly digest: string; readonly packages: readonly string[] }> {
  return cachedBundle(root, 'render-pipeline', 'tools/src/render-repository.ts', nodeBundleOptions());
}

/**
 * What the render runs: every source file esbuild bundles from render-repository.ts (the models,
 * the renderer, the facts and the render's own tools code; a module another helper adds is in the
 * metafile with no list to update) and the installed version of each npm package that code
 * imports at run time (kubernetes-models, yaml, ajv …: what the lockfile installed, read from the
 * package itself, so a scratch copy without the lockfile agrees). A change to a test, to another
 * command's code or to a dependency the render does not import changes no key.
 */
export async function pipelineKey(root: string): Promise<string> {
  const bundle = await pipelineSources(root);
  const versions = bundle.packages.map((name) => `${name}@${installedVersion(root, name)}`);
  return key(keyScheme, bundle.digest, ...versions);
}

/**
 * The key of every part of the tree a full render makes: the bases (the pipeline alone: they are
 * the models' defaults), each environment's overlay (the pipeline and the files its environment.ts
 * bundles from) and the Argo CD objects (the pipeline, gitops.ts's files and every environment's key).
 */
export async function renderKeys(root: string, names: readonly string[]): Promise<Map<string, string>> {
  const pipeline = await pipelineKey(root);
  const keys = new Map<string, string>([['base', key('base', pipeline)]]);
  for (const name of names) keys.set(environmentUnit(name), key('environment', name, pipeline, (await bundleModule(root, environmentFile(name))).digest));
  const gitops = (await bundleModule(root, gitOpsSource)).digest;
  keys.set('argocd', key('argocd', pipeline, gitops, ...names.map((n) => keys.get(environmentUnit(n))!)));
  return keys;
}
