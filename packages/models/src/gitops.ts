import { FieldChecks } from './field-checks';
import type { EnvironmentDeliverySpec, ResolvedEnvironmentDelivery, ResourceKindSpec, SyncImpersonationSpec } from './gitops-delivery';
import validateGitOps from '../schema/gitops.validate.mjs';
import { checkNamespacedKinds, resolveEnvironmentDelivery, sortedKinds } from './gitops-delivery';
import { SpecValidator } from './schema/validate-spec';
import { IssueList, SpecError } from './spec-error';

/** How long Argo CD waits between retries of a failed sync, growing after each one. */
export interface RetryBackoffSpec {
  /**
   * Wait before the first retry, as a Go duration (`30s`, `2m`, `1h`).
   * @default "10s"
   * @format go-duration
   */
  readonly duration?: string;
  /**
   * Each wait is the previous one times this factor.
   * @default 2
   * @asType integer
   * @minimum 1
   */
  readonly factor?: number;
  /**
   * Longest wait between two retries, as a Go duration.
   * @default "5m"
   * @format go-duration
   */
  readonly maxDuration?: string;
}

/** What Argo CD does when a sync fails (an object rejected, a webhook not ready yet). */
export interface RetrySpec {
  /**
   * Retries of one failed sync before Argo CD gives up until the next commit; 0 turns retries off.
   * @default 5
   * @asType integer
   * @minimum 0
   */
  readonly limit?: number;
  /**
   * Waits between retries.
   * @default {}
   */
  readonly backoff?: RetryBackoffSpec;
}

/** How every environment's Application syncs. */
export interface SyncPolicySpec {
  /**
   * Delete objects that the committed overlay no longer holds.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster by hand (`kubectl edit`) to what is committed.
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Apply with Kubernetes server-side apply: no `last-applied-configuration` annotation (so large
   * ConfigMaps of product configuration fit) and per-field ownership shared with controllers.
   * @default true
   */
  readonly serverSideApply?: boolean;
  /**
   * Retries of a failed sync.
   * @default {}
   */
  readonly retry?: RetrySpec;
}

/**
 * A cluster's API server URL, e.g. `https://prod-cluster.example.org:6443`.
 * @format cluster-url
 */
export type ClusterUrl = string;

/**
 * Where Argo CD finds this repository and where it deploys each environment, as written in
 * `apps/argocd/gitops.ts`.
 * @example
 * export default defineGitOps({ repoURL: 'https://git.example.org/platform/apim-gitops.git' });
 */
export interface GitOpsSpec {
  /**
   * URL Argo CD clones this repository from (`https://…` or `git@host:path.git`); the only source the project allows.
   * @format git-url
   */
  readonly repoURL: string;
  /**
   * Branch, tag or commit every Application follows.
   * @default "main"
   * @minLength 1
   */
  readonly targetRevision?: string;
  /**
   * Namespace Argo CD runs in; the Applications and AppProjects are created there.
   * @default "argocd"
   * @format dns-label
   */
  readonly namespace?: string;
  /**
   * Prefix of the AppProjects: environment `<env>` gets its own project `<project>-<env>`, the
   * root Application the project `<project>-root`.
   * @default "apim"
   * @format dns-subdomain
   */
  readonly project?: string;
  /**
   * API server URL of the cluster each environment is deployed to, by environment name. An
   * environment not listed here goes to `defaultCluster`. The cluster must be registered in Argo CD.
   * @default {}
   * @example { prod: 'https://prod-cluster.example.org:6443' }
   */
  readonly clusters?: Readonly<Record<string, ClusterUrl>>;
  /**
   * Cluster of every environment that `clusters` does not name: by default the cluster Argo CD runs in.
   * @default "https://kubernetes.default.svc"
   * @format cluster-url
   */
  readonly defaultCluster?: string;
  /**
   * Automated sync, pruning, self-heal, apply method and retries.
   * @default {}
   */
  readonly syncPolicy?: SyncPolicySpec;
  /**
   * Every namespaced kind an environment's project allows, and so every kind an environment may
   * render. A render that makes any other kind fails and names it; add it here (a change the
   * platform team approves) rather than widening the projects by hand. No wildcards, nothing of
   * `argoproj.io`, no cluster-scoped kind: the only cluster-scoped object Argo CD creates is the
   * environment's Namespace (`CreateNamespace=true`).
   * @example [{ group: 'apps', kind: 'Deployment' }, { group: '', kind: 'Service' }]
   * @minItems 1
   * @errorMessage must list at least one kind: an empty whitelist would let Argo CD create every namespaced kind
   */
  readonly namespacedKinds: readonly ResourceKindSpec[];
  /**
   * Per environment: its own revision (branch or tag) and sync windows.
   * @default {}
   * @example { prod: { targetRevision: 'release/prod', syncWindows: [{ kind: 'deny', schedule: '0 22 * * 5', duration: '56h', manualSync: true }] } }
   */
  readonly environments?: Readonly<Record<string, EnvironmentDeliverySpec>>;
  /** Sync each environment as a ServiceAccount of its namespace (opt-in; Argo CD ≥ 2.13). Leave out to sync as Argo CD's controller. */
  readonly syncImpersonation?: SyncImpersonationSpec;
  /**
   * Let each project create only its own environment's Namespace (`clusterResourceWhitelist`
   * entry with `name`) instead of any Namespace. Needs an Argo CD whose AppProject knows the
   * `name` field (added in 2025 by argoproj/argo-cd#24674); older ones reject the bootstrap.
   * @default false
   */
  readonly namespaceWhitelistByName?: boolean;
  /**
   * Also render Argo CD's `default` project with every permission removed, so that an Application
   * naming it (by mistake or on purpose) can deploy nothing. Leave it off when other teams' apps
   * in the same Argo CD use `default`.
   * @default false
   */
  readonly restrictDefaultProject?: boolean;
}

/** The GitOps settings after defaults. */
export interface ResolvedGitOps {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly namespace: string;
  readonly project: string;
  /** Cluster of every environment of the repository, by environment name. */
  readonly clusters: ReadonlyMap<string, string>;
  /** The cluster Argo CD runs in, where the Applications themselves live. */
  readonly inCluster: string;
  readonly syncPolicy: {
    readonly prune: boolean;
    readonly selfHeal: boolean;
    readonly serverSideApply: boolean;
    readonly retry: { readonly limit: number; readonly backoff: { readonly duration: string; readonly factor: number; readonly maxDuration: string } };
  };
  /** The whitelist, sorted by group and kind. */
  readonly namespacedKinds: readonly ResourceKindSpec[];
  /** Revision and sync windows of every environment of the repository, by environment name. */
  readonly environments: ReadonlyMap<string, ResolvedEnvironmentDelivery>;
  readonly syncImpersonation?: SyncImpersonationSpec;
  readonly namespaceWhitelistByName: boolean;
  readonly restrictDefaultProject: boolean;
}

/** Declares the GitOps settings; gives the object its type, checks happen at render time. */
export function defineGitOps(spec: GitOpsSpec): GitOpsSpec {
  return spec;
}

/** API server URL of the cluster Argo CD runs in, as Argo CD names it. */
export const inClusterServer = 'https://kubernetes.default.svc';

/**
 * Validates the GitOps settings against the repository's environments and applies defaults.
 * Throws one SpecError listing every problem as `<source>: <field.path>: <message>`.
 */
export function resolveGitOps(input: unknown, source: string, environments: readonly string[]): ResolvedGitOps {
  const issues = new IssueList();
  const checks = new FieldChecks(issues);
  if (!checks.object('(gitops)', input)) issues.throwIfAny(source);
  // Shape, types, formats and defaults come from the schema generated from GitOpsSpec; what follows
  // relates the fields to the repository's environments and to Argo CD's own group.
  // Made here rather than once per module: a module-level `new` is a side effect that esbuild keeps, and it
  // would pull the precompiled validator into every environment's bundle, which imports the models.
  const validated = new SpecValidator<GitOpsSpec>(validateGitOps).check(input);
  if (validated.issues.length > 0) throw new SpecError(source, validated.issues);
  const spec = validated.value;
  const named = (path: string, keys: Iterable<string>) => {
    for (const env of keys)
      if (!environments.includes(env))
        issues.add(`${path}.${env}`, `names no environment (environments: ${environments.join(', ') || 'none'}); remove it or add environments/${env}`);
  };
  named('clusters', Object.keys(spec.clusters!));
  named('environments', Object.keys(spec.environments!));
  checkNamespacedKinds(checks, 'namespacedKinds', spec.namespacedKinds);
  issues.throwIfAny(source);

  const syncPolicy = spec.syncPolicy!;
  const retry = syncPolicy.retry!;
  const backoff = retry.backoff!;
  const clusters = new Map(environments.map((env) => [env, spec.clusters![env] ?? spec.defaultCluster!]));
  return {
    repoURL: spec.repoURL,
    targetRevision: spec.targetRevision!,
    namespace: spec.namespace!,
    project: spec.project!,
    clusters,
    inCluster: inClusterServer,
    syncPolicy: {
      prune: syncPolicy.prune!,
      selfHeal: syncPolicy.selfHeal!,
      serverSideApply: syncPolicy.serverSideApply!,
      retry: { limit: retry.limit!, backoff: { duration: backoff.duration!, factor: backoff.factor!, maxDuration: backoff.maxDuration! } },
    },
    namespacedKinds: sortedKinds(spec.namespacedKinds),
    environments: resolveEnvironmentDelivery(spec.environments, environments, spec.targetRevision!),
    ...(spec.syncImpersonation ? { syncImpersonation: { serviceAccount: spec.syncImpersonation.serviceAccount } } : {}),
    namespaceWhitelistByName: spec.namespaceWhitelistByName!,
    restrictDefaultProject: spec.restrictDefaultProject!,
  };
}
