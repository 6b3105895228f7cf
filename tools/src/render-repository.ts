import type { ResolvedEnvironment, ResolvedGitOps } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, checkEnvironmentBoundaries, resolveEnvironment } from '@apim-gitops/models';
import type { ArgoCdFacts, RenderedTree } from '@apim-gitops/renderer';
import { argocdBootstrapDir, argocdManifestsDir, checkRenderedKinds, deployRoot } from '@apim-gitops/renderer';
import { loadGitOps, renderArgoCd } from './argocd/render-argocd';
import { environmentFolderIssues, environmentNames } from './environment-files';
import { uniquenessIssues } from './environment-uniqueness';
import { loadEnvironment } from './load-environment';
import { renderTreeFast } from './parallel-render';
import { progress } from './progress';
import { environmentUnit, formatIndex, readIndex, renderIndexPath } from './render-index';
import { renderKeys } from './render-keys';
import { cacheFacts, cachedFacts } from './argocd/facts-cache';

/** Problems of several environments, reported together. */
export class RenderFailure extends Error {
  constructor(readonly failures: readonly Error[]) {
    super(failures.map((f) => f.message).join('\n'));
    this.name = 'RenderFailure';
  }
}

/** A render of the whole repository (or of some environments), in memory. */
export interface RepositoryRender extends RenderedTree {
  /** The environments rendered (in `environments` and `files`). */
  readonly resolved: readonly ResolvedEnvironment[];
  /** Every environment the render loaded, rendered or skipped. */
  readonly names: readonly string[];
  /** Environments loaded and checked but not rendered: their overlays are as the index records them. */
  readonly skipped: number;
  /** Folders this render owns: stale generated files inside them are pruned. */
  readonly scopes: readonly string[];
}

/** Options of renderRepository. */
export interface RepositoryRenderOptions {
  /**
   * Parts of the tree (render-index units) whose key and files are as the index records them (see
   * unchangedRender): a full render loads and checks their environments but does not render them again,
   * and leaves their files as they are. Their Argo CD facts come from .cache/argocd-facts, or from
   * rendering them in memory when none is recorded.
   */
  readonly trusted?: ReadonlySet<string>;
  /** The render keys of every part, when the caller computed them already (unchangedRender does). */
  readonly keys?: ReadonlyMap<string, string>;
}

/**
 * Loads and resolves the environments (all of them, or `only`) and the GitOps settings, checks
 * that each environment stays inside its boundaries (namespace, secret store), then renders the
 * bases and their overlays and checks that their kinds are ones the projects allow. Every
 * environment is checked before anything fails, so one run shows every problem. A partial render
 * checks the boundaries between the environments it loaded; the full render (`check` in CI) sees
 * them all.
 */
export async function renderRepository(root: string, only?: readonly string[], options: RepositoryRenderOptions = {}): Promise<RepositoryRender> {
  const all = environmentNames(root);
  const names = only ?? all;
  const trusted = only ? new Set<string>() : (options.trusted ?? new Set<string>());
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
  // Keys bundle every environment's files: only worth it (and only sure to work) once all of them loaded.
  const keys = failures.length === 0 ? (options.keys ?? (await renderKeys(root, all))) : new Map<string, string>();
  // A trusted environment is left as it is, unless the Argo CD objects need its facts and none are recorded.
  const argocdStale = !only && !trusted.has('argocd');
  const recordedFacts = new Map<string, ArgoCdFacts>();
  const toRender = resolved.filter((env) => {
    const unit = environmentUnit(env.name);
    if (!trusted.has(unit) || !keys.has(unit)) return true;
    const facts = argocdStale ? cachedFacts(root, keys.get(unit)!) : undefined;
    if (facts) recordedFacts.set(env.name, facts);
    return argocdStale && !facts;
  });
  let tree: RenderedTree | undefined;
  if (failures.length === 0) {
    try {
      tree = await renderTreeFast(root, base, toRender);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (tree && gitops) {
    // Argo CD objects need every environment, so only a full render writes (and prunes) them, and only
    // when their inputs changed; that checks the kinds itself. Otherwise the kinds of the environments
    // rendered are checked here.
    try {
      const facts = new Map<string, { readonly argoCd: ArgoCdFacts }>([
        ...[...recordedFacts].map(([n, f]) => [n, { argoCd: f }] as const),
        ...tree.environments,
      ]);
      if (argocdStale) for (const [path, text] of renderArgoCd(gitops, resolved, facts)) tree.files.set(path, text);
      else for (const [name, environment] of tree.environments) checkRenderedKinds(gitops, name, environment.argoCd);
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length > 0 || !tree) throw new RenderFailure(failures);
  for (const [name, environment] of tree.environments) cacheFacts(root, keys.get(environmentUnit(name))!, environment.argoCd);
  // The index records each part's key and files; a render of some parts keeps what it records of the others.
  const renderedUnits = new Set(['base', ...[...tree.environments.keys()].map(environmentUnit), ...(argocdStale ? ['argocd'] : [])]);
  const rendered = new Map([...keys].filter(([unit]) => renderedUnits.has(unit)));
  const whole = rendered.size === keys.size;
  tree.files.set(renderIndexPath, formatIndex(rendered, tree.files, whole ? new Map() : (readIndex(root) ?? new Map())));
  const overlays = [...tree.environments.keys()].map((n) => `${deployRoot}/overlays/${n}`);
  const scopes = whole
    ? [deployRoot, argocdBootstrapDir, argocdManifestsDir]
    : [`${deployRoot}/base`, ...overlays, ...(argocdStale ? [argocdBootstrapDir, argocdManifestsDir] : [])];
  const renderedNames = new Set(tree.environments.keys());
  return {
    ...tree,
    resolved: resolved.filter((env) => renderedNames.has(env.name)),
    names: resolved.map((env) => env.name),
    skipped: resolved.length - renderedNames.size,
    scopes,
  };
}
