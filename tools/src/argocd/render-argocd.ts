import type { ResolvedEnvironment } from '@apim-gitops/models';
import { resolveGitOps } from '@apim-gitops/models';
import type { FileTree, Json } from '@apim-gitops/renderer';
import { gitOpsSource, renderArgoCdTree } from '@apim-gitops/renderer';
import { environmentNames } from '../environment-files';
import { loadDefaultExport } from '../load-environment';

/**
 * Loads `apps/argocd/gitops.ts` and renders the Argo CD objects for every environment of the
 * repository. Only a full render calls it: the project and the app of apps need all environments.
 */
export async function renderArgoCd(
  root: string,
  environments: readonly ResolvedEnvironment[],
  objects: ReadonlyMap<string, { readonly objects: readonly Json[] }>,
): Promise<FileTree> {
  const gitops = resolveGitOps(await loadDefaultExport(root, gitOpsSource), gitOpsSource, environmentNames(root));
  return renderArgoCdTree(
    gitops,
    environments.map((env) => ({ name: env.name, namespace: env.namespace, objects: objects.get(env.name)?.objects ?? [] })),
  );
}
