import type { ResolvedGitOps } from '@apim-gitops/models';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { platformLabels } from '../labels';
import { applicationName, defaultProjectName, projectName, rootProjectName } from './names';

/** One environment as its project sees it: the one place its Application may deploy to. */
export interface ProjectDestination {
  readonly name: string;
  readonly server: string;
  readonly namespace: string;
}

/**
 * The project of one environment's Application, applied by an administrator with the bootstrap
 * (no sync can change it). It allows exactly:
 * - this repository as the only source (`sourceRepos`);
 * - the environment's own namespace on its own cluster (`destinations`);
 * - the namespaced kinds of `namespacedKinds` (`namespaceResourceWhitelist`: once it lists
 *   anything, every kind it does not list is denied);
 * - of cluster-scoped kinds only `Namespace`, which `CreateNamespace=true` needs: Argo CD checks
 *   the namespace it creates against the project like any other object (argoproj/argo-cd#20233);
 *   with `namespaceWhitelistByName` only the environment's own Namespace (`name`, newer Argo CD).
 * Its sync windows and, when switched on, the ServiceAccount Argo CD syncs as come from gitops.ts.
 * No `sourceNamespaces`: its Applications live only in Argo CD's own namespace.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/project-specification/
 */
export function renderEnvironmentProject(gitops: ResolvedGitOps, env: ProjectDestination): AppProject {
  const name = projectName(gitops.project, env.name);
  const delivery = gitops.environments.get(env.name);
  const windows = delivery?.syncWindows ?? [];
  return new AppProject({
    metadata: { name, namespace: gitops.namespace, labels: platformLabels(name, 'gitops') },
    spec: {
      description: `apim-gitops environment ${env.name}: ${env.namespace} on ${env.server}, from this repository only`,
      sourceRepos: [gitops.repoURL],
      destinations: [{ server: env.server, namespace: env.namespace }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace', ...(gitops.namespaceWhitelistByName ? { name: env.namespace } : {}) }],
      namespaceResourceWhitelist: gitops.namespacedKinds.map((k) => ({ group: k.group, kind: k.kind })),
      // Sync windows: a matching deny window blocks syncs while open, `manualSync` lets a person
      // sync anyway. Scoped to the environment's Application by name.
      // https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
      ...(windows.length > 0
        ? {
            syncWindows: windows.map((w) => ({
              kind: w.kind,
              schedule: w.schedule,
              duration: w.duration,
              timeZone: w.timeZone,
              manualSync: w.manualSync,
              applications: [applicationName(env.name)],
            })),
          }
        : {}),
      // Sync impersonation (Argo CD >= 2.13, `application.sync.impersonation.enabled: "true"` in
      // argocd-cm): the sync runs as this ServiceAccount of the destination namespace.
      // https://argo-cd.readthedocs.io/en/stable/operator-manual/app-sync-using-impersonation/
      ...(gitops.syncImpersonation
        ? { destinationServiceAccounts: [{ server: env.server, namespace: env.namespace, defaultServiceAccount: gitops.syncImpersonation.serviceAccount }] }
        : {}),
    },
  });
}

/**
 * The project of the root Application: it may create Applications, and nothing else, only in
 * Argo CD's namespace of the cluster Argo CD runs in, only from this repository. It cannot create
 * or change an AppProject, so a commit to `apps/argocd/manifests` cannot widen any project.
 */
export function renderRootProject(gitops: ResolvedGitOps): AppProject {
  const name = rootProjectName(gitops.project);
  return new AppProject({
    metadata: { name, namespace: gitops.namespace, labels: platformLabels(name, 'gitops') },
    spec: {
      description: 'The apim-gitops app of apps: one Application per environment, from apps/argocd/manifests',
      sourceRepos: [gitops.repoURL],
      destinations: [{ server: gitops.inCluster, namespace: gitops.namespace }],
      // An empty cluster-scoped whitelist denies every cluster-scoped kind.
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'Application' }],
    },
  });
}

/**
 * Argo CD's `default` project with every permission removed, as Argo CD's documentation shows it:
 * an Application that names `default` instead of its environment's project can deploy nothing.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project
 */
export function renderRestrictedDefaultProject(gitops: ResolvedGitOps): AppProject {
  return new AppProject({
    metadata: { name: defaultProjectName, namespace: gitops.namespace, labels: platformLabels(defaultProjectName, 'gitops') },
    spec: {
      description: 'Argo CD default project, stripped of every permission by apim-gitops: use an environment project',
      sourceRepos: [],
      sourceNamespaces: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '*', kind: '*' }],
    },
  });
}
