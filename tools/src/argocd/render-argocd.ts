import type { ResolvedEnvironment } from '@apim-gitops/models';
import { resolveGitOps } from '@apim-gitops/models';
import type { ArgoCdFacts, FileTree } from '@apim-gitops/renderer';
import { argoCdFacts, gitOpsSource, renderArgoCdTree } from '@apim-gitops/renderer';
import { environmentNames } from '../environment-files';
import { loadDefaultExport } from '../load-environment';

/**
 * Loads `apps/argocd/gitops.ts` and renders the Argo CD objects for every environment of the
 * repository. Only a full render calls it: the project and the app of apps need all environments.
 */
export async function renderArgoCd(
  root: string,
  environments: readonly ResolvedEnvironment[],
  rendered: ReadonlyMap<string, { readonly argoCd: ArgoCdFacts }>,
): Promise<FileTree> {
  const gitops = resolveGitOps(await loadDefaultExport(root, gitOpsSource), gitOpsSource, environmentNames(root));
  return renderArgoCdTree(
    gitops,
    environments.map((env) => ({ name: env.name, namespace: env.namespace, production: env.production, facts: rendered.get(env.name)?.argoCd ?? argoCdFacts([]) })),
  );
}
