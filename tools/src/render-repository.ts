import type { ResolvedEnvironment, ResolvedGitOps } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, checkEnvironmentBoundaries, resolveEnvironment } from '@apim-gitops/models';
import type { RenderedTree } from '@apim-gitops/renderer';
import { argocdBootstrapDir, argocdManifestsDir, checkRenderedKinds, deployRoot } from '@apim-gitops/renderer';
import { loadGitOps, renderArgoCd } from './argocd/render-argocd';
import { environmentFolderIssues, environmentNames } from './environment-files';
import { uniquenessIssues } from './environment-uniqueness';
import { loadEnvironment } from './load-environment';
import { renderTreeFast } from './parallel-render';
import { progress } from './progress';
import { environmentUnit, formatIndex, readIndex, renderIndexPath } from './render-index';
import { renderKeys } from './render-keys';

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
 * Loads and resolves the environments (all of them, or `only`) and the GitOps settings, checks
 * that each environment stays inside its boundaries (namespace, secret store), then renders the
 * bases and their overlays and checks that their kinds are ones the projects allow. Every
 * environment is checked before anything fails, so one run shows every problem. A partial render
 * checks the boundaries between the environments it loaded; the full render (`check` in CI) sees
 * them all.
 */
export async function renderRepository(root: string, only?: readonly string[]): Promise<RepositoryRender> {
  const all = environmentNames(root);
  const names = only ?? all;
  const failures: Error[] = environmentFolderIssues(root).map((issue) => new Error(issue));
  for (const name of names)
    if (!all.includes(name))
      failures.push(new Error(`environments/${name}/environment.ts: (file): does not exist (environments: ${all.join(', ') || 'none'})`));
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
  let gitops: ResolvedGitOps | undefined;
  try {
    gitops = await loadGitOps(root);
  } catch (error) {
    failures.push(error as Error);
  }
  if (gitops) failures.push(...checkEnvironmentBoundaries(resolved, gitops, all));
  // Across environments (those loaded: a render of some environments checks those against each other).
  failures.push(...uniquenessIssues(resolved, (env) => gitops?.clusters.get(env.name) ?? 'the cluster'));
  const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
  let tree: RenderedTree | undefined;
  if (failures.length === 0) {
    try {
      tree = await renderTreeFast(root, base, resolved);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (tree && gitops) {
    // Argo CD objects need every environment, so only a full render writes (and prunes) them; it
    // checks the kinds itself. A partial render checks the kinds of the environments it renders.
    try {
      if (!only) for (const [path, text] of renderArgoCd(gitops, resolved, tree.environments)) tree.files.set(path, text);
      else for (const env of resolved) checkRenderedKinds(gitops, env.name, tree.environments.get(env.name)!.argoCd);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length > 0 || !tree) throw new RenderFailure(failures);
  // The index records each part's key and files; a partial render keeps what it records of the other parts.
  const keys = await renderKeys(root, all);
  const rendered = new Map([...keys].filter(([unit]) => !only || unit === 'base' || names.some((n) => unit === environmentUnit(n))));
  tree.files.set(renderIndexPath, formatIndex(rendered, tree.files, only ? (readIndex(root) ?? new Map()) : new Map()));
  const scopes = only ? [`${deployRoot}/base`, ...names.map((n) => `${deployRoot}/overlays/${n}`)] : [deployRoot, argocdBootstrapDir, argocdManifestsDir];
  return { ...tree, resolved, scopes };
}
