import type { ResolvedGitOps } from '@apim-gitops/models';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { platformLabels } from '../labels';
import type { GroupKind } from './resource-kinds';
import { bootstrapProjectName } from './names';
import { syncWaveAnnotation } from './sync-waves';

/** One environment as the AppProject sees it: where its Application may deploy. */
export interface ProjectDestination {
  readonly server: string;
  readonly namespace: string;
}

const namespaceKind: GroupKind = { group: '', kind: 'Namespace' };

function byGroupKind(a: GroupKind, b: GroupKind): number {
  const ka = `${a.group}|${a.kind}`;
  const kb = `${b.group}|${b.kind}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The project of every environment's Application: this repository is its only source, the
 * environments' namespaces on their clusters its only destinations, and only the kinds the
 * renderer produces may be created. Cluster-scoped kinds are denied except Namespace, which
 * `CreateNamespace=true` needs. Applied one wave before the Applications that name it.
 */
export function renderAppProject(
  gitops: ResolvedGitOps,
  destinations: readonly ProjectDestination[],
  kinds: { readonly namespaced: readonly GroupKind[]; readonly cluster: readonly GroupKind[] },
): AppProject {
  const cluster = [...kinds.cluster.filter((k) => byGroupKind(k, namespaceKind) !== 0), namespaceKind].sort(byGroupKind);
  const unique = [...new Map(destinations.map((d) => [`${d.server}|${d.namespace}`, d])).values()];
  return new AppProject({
    metadata: {
      name: gitops.project,
      namespace: gitops.namespace,
      labels: platformLabels(gitops.project, 'gitops'),
      annotations: { [syncWaveAnnotation]: '-1' },
    },
    spec: {
      description: 'WSO2 and Axway API management environments rendered by apim-gitops',
      sourceRepos: [gitops.repoURL],
      destinations: unique
        .map((d) => ({ server: d.server, namespace: d.namespace }))
        .sort((a, b) => (`${a.server}|${a.namespace}` < `${b.server}|${b.namespace}` ? -1 : 1)),
      clusterResourceWhitelist: cluster.map((k) => ({ group: k.group, kind: k.kind })),
      namespaceResourceWhitelist: [...kinds.namespaced].sort(byGroupKind).map((k) => ({ group: k.group, kind: k.kind })),
    },
  });
}

/**
 * The project of the root Application: it may only create Applications and AppProjects, only in
 * Argo CD's namespace of the cluster Argo CD runs in, only from this repository.
 */
export function renderBootstrapProject(gitops: ResolvedGitOps): AppProject {
  return new AppProject({
    metadata: {
      name: bootstrapProjectName,
      namespace: gitops.namespace,
      labels: platformLabels(bootstrapProjectName, 'gitops'),
      annotations: { [syncWaveAnnotation]: '-1' },
    },
    spec: {
      description: 'The apim-gitops app of apps: Argo CD objects rendered into apps/argocd/manifests',
      sourceRepos: [gitops.repoURL],
      destinations: [{ server: gitops.inCluster, namespace: gitops.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
      ],
    },
  });
}
