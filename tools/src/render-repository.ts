import type { ResolvedEnvironment } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import type { RenderedTree } from '@apim-gitops/renderer';
import { argocdManifestsDir, deployRoot } from '@apim-gitops/renderer';
import { renderArgoCd } from './argocd/render-argocd';
import { environmentFolderIssues, environmentNames } from './environment-files';
import { uniquenessIssues } from './environment-uniqueness';
import { loadEnvironment } from './load-environment';
import { renderTreeFast } from './parallel-render';
import { progress } from './progress';

/** Problems of several environments, reported together. */
export class RenderFailure extends Error {
  constructor(readonly failures: readonly Error[]) {
    super(failures.map((f) => f.message).join('\n'));
    this.name = 'RenderFailure';
  }
}

/** A render of the whole repository (or of some environments), in memory. */
export interface RepositoryRender extends RenderedTree {
  readonly resolved: readonly ResolvedEnvironment[];
  /** Folders this render owns: stale generated files inside them are pruned. */
  readonly scopes: readonly string[];
}

/**
 * Loads and resolves the environments (all of them, or `only`), then renders the bases and their
 * overlays. Every environment is checked before anything fails, so one run shows every problem.
 */
export async function renderRepository(root: string, only?: readonly string[]): Promise<RepositoryRender> {
  const all = environmentNames(root);
  const names = only ?? all;
  const failures: Error[] = environmentFolderIssues(root).map((issue) => new Error(issue));
  for (const name of names)
    if (!all.includes(name)) failures.push(new Error(`environments/${name}/environment.ts: (file): does not exist (environments: ${all.join(', ') || 'none'})`));
  const resolved: ResolvedEnvironment[] = [];
  const known = names.filter((n) => all.includes(n));
  for (const [i, name] of known.entries()) {
    try {
      resolved.push(await loadEnvironment(root, name));
    } catch (error) {
      failures.push(error as Error);
    }
    progress('environments loaded', i + 1, known.length);
  }
  // Across environments (those loaded: a render of some environments checks those against each other).
  failures.push(...uniquenessIssues(resolved));
  const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
  let tree: RenderedTree | undefined;
  if (failures.length === 0) {
    try {
      tree = await renderTreeFast(root, base, resolved);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  // Argo CD objects need every environment, so only a full render writes (and prunes) them.
  if (!only && tree) {
    try {
      for (const [path, text] of await renderArgoCd(root, resolved, tree.environments)) tree.files.set(path, text);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length > 0 || !tree) throw new RenderFailure(failures);
  const scopes = only ? [`${deployRoot}/base`, ...names.map((n) => `${deployRoot}/overlays/${n}`)] : [deployRoot, argocdManifestsDir];
  return { ...tree, resolved, scopes };
}
