import type { ResolvedEnvironment, ResolvedGitOps } from '@apim-gitops/models';
import { resolveGitOps } from '@apim-gitops/models';
import type { ArgoCdFacts, FileTree } from '@apim-gitops/renderer';
import { argoCdFacts, gitOpsSource, renderArgoCdTree } from '@apim-gitops/renderer';
import { environmentNames } from '../environment-files';
import { loadDefaultExport } from '../load-environment';

/** Loads and resolves `apps/argocd/gitops.ts` against the repository's environments. */
export async function loadGitOps(root: string): Promise<ResolvedGitOps> {
  return resolveGitOps(await loadDefaultExport(root, gitOpsSource), gitOpsSource, environmentNames(root));
}

/**
 * Renders the Argo CD objects (bootstrap and manifests) for every environment of the repository.
 * Only a full render calls it: the projects and the app of apps need all environments.
 */
export function renderArgoCd(
  gitops: ResolvedGitOps,
  environments: readonly ResolvedEnvironment[],
  rendered: ReadonlyMap<string, { readonly argoCd: ArgoCdFacts }>,
): FileTree {
  return renderArgoCdTree(
    gitops,
    environments.map((env) => ({
      name: env.name,
      namespace: env.namespace,
      production: env.production,
      facts: rendered.get(env.name)?.argoCd ?? argoCdFacts([]),
    })),
  );
}
