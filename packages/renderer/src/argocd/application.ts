import type { ResolvedGitOps } from '@apim-gitops/models';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { platformLabels } from '../labels';
import type { IgnoredDifference } from './ignore-differences';
import { applicationName, argocdManifestsDir, bootstrapProjectName, overlayPath, productionAnnotation, rootApplicationName } from './names';
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
 * The Application of one environment: it syncs the committed overlay into the environment's
 * namespace (created on first sync), prunes what the overlay drops and reverts hand edits.
 * `/spec/replicas` of every HPA-scaled workload is left to the HPA, during diff and during sync.
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
      project: gitops.project,
      source: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision, path: overlayPath(env.name) },
      destination: { server, namespace: env.namespace },
      // PruneLast: objects an overlay dropped go only after everything else is synced and healthy.
      syncPolicy: syncPolicy(gitops, ['CreateNamespace=true', 'PruneLast=true', 'RespectIgnoreDifferences=true']),
      ...(ignoreDifferences.length > 0 ? { ignoreDifferences: ignoreDifferences.map((d) => ({ ...d, jsonPointers: [...d.jsonPointers] })) } : {}),
    },
  });
}

/**
 * The app of apps, applied once by hand: it syncs `apps/argocd/manifests` (the projects, every
 * environment's Application and itself), so adding an environment folder and rendering is all it
 * takes to deploy it. No cascade finalizer: deleting the root leaves the environments running.
 */
export function renderRootApplication(gitops: ResolvedGitOps): Application {
  return new Application({
    metadata: {
      name: rootApplicationName,
      namespace: gitops.namespace,
      labels: platformLabels(rootApplicationName, 'gitops'),
    },
    spec: {
      project: bootstrapProjectName,
      source: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision, path: argocdManifestsDir },
      destination: { server: gitops.inCluster, namespace: gitops.namespace },
      syncPolicy: syncPolicy(gitops, []),
    },
  });
}
