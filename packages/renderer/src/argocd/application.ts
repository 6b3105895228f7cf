import type { ResolvedGitOps } from '@apim-gitops/models';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { platformLabels } from '../labels';
import type { IgnoredDifference } from './ignore-differences';
import { applicationName, argocdManifestsDir, overlayPath, productionAnnotation, projectName, rootApplicationName, rootProjectName } from './names';
import { podSecurityLabels } from './namespace-metadata';
import { syncWaveAnnotation } from './sync-waves';

/** Makes deleting an Application delete what it deployed, so removing an environment tears it down. */
const cascadeFinalizer = 'resources-finalizer.argocd.argoproj.io';

function syncPolicy(gitops: ResolvedGitOps, options: readonly string[]) {
  const { prune, selfHeal, serverSideApply, retry } = gitops.syncPolicy;
  return {
    automated: { prune, selfHeal },
    syncOptions: [...options, ...(serverSideApply ? ['ServerSideApply=true'] : [])],
    retry: { limit: retry.limit, backoff: { ...retry.backoff } },
  };
}

/**
 * The Application of one environment, in the environment's own project: it syncs the committed
 * overlay (at the environment's own revision when gitops.ts gives one) into the environment's
 * namespace, prunes what the overlay drops and reverts hand edits. Argo CD creates the namespace
 * on first sync and keeps the Pod Security labels on it (`managedNamespaceMetadata`, which needs
 * `CreateNamespace=true`; no Namespace manifest may exist, it would override them).
 * `/spec/replicas` of every HPA-scaled workload is left to the HPA, during diff and during sync.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#namespace-metadata
 */
export function renderEnvironmentApplication(
  gitops: ResolvedGitOps,
  env: { readonly name: string; readonly namespace: string; readonly production?: boolean },
  ignoreDifferences: readonly IgnoredDifference[],
): Application {
  const name = applicationName(env.name);
  const server = gitops.clusters.get(env.name) ?? gitops.inCluster;
  return new Application({
    metadata: {
      name,
      namespace: gitops.namespace,
      labels: platformLabels(name, 'gitops'),
      annotations: { [syncWaveAnnotation]: '0', ...(env.production ? { [productionAnnotation]: 'true' } : {}) },
      finalizers: [cascadeFinalizer],
    },
    spec: {
      project: projectName(gitops.project, env.name),
      source: {
        repoURL: gitops.repoURL,
        targetRevision: gitops.environments.get(env.name)?.targetRevision ?? gitops.targetRevision,
        path: overlayPath(env.name),
      },
      destination: { server, namespace: env.namespace },
      // PruneLast: objects an overlay dropped go only after everything else is synced and healthy.
      syncPolicy: {
        ...syncPolicy(gitops, ['CreateNamespace=true', 'PruneLast=true', 'RespectIgnoreDifferences=true']),
        managedNamespaceMetadata: { labels: podSecurityLabels() },
      },
      ...(ignoreDifferences.length > 0 ? { ignoreDifferences: ignoreDifferences.map((d) => ({ ...d, jsonPointers: [...d.jsonPointers] })) } : {}),
    },
  });
}

/**
 * The app of apps, applied by an administrator with the bootstrap: it syncs `apps/argocd/manifests`,
 * which holds one Application per environment and nothing else (its project allows nothing else),
 * so adding an environment folder and rendering is all it takes to deploy it, while the projects
 * and this Application itself change only when the bootstrap is applied again. No cascade
 * finalizer: deleting the root leaves the environments running.
 */
export function renderRootApplication(gitops: ResolvedGitOps): Application {
  return new Application({
    metadata: {
      name: rootApplicationName,
      namespace: gitops.namespace,
      labels: platformLabels(rootApplicationName, 'gitops'),
    },
    spec: {
      project: rootProjectName(gitops.project),
      source: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision, path: argocdManifestsDir },
      destination: { server: gitops.inCluster, namespace: gitops.namespace },
      syncPolicy: syncPolicy(gitops, []),
    },
  });
}
