import { FieldChecks } from './field-checks';
import type { EnvironmentDeliverySpec, ResolvedEnvironmentDelivery, ResourceKindSpec, SyncImpersonationSpec } from './gitops-delivery';
import { checkEnvironmentDelivery, checkNamespacedKinds, checkSyncImpersonation, resolveEnvironmentDelivery, sortedKinds } from './gitops-delivery';
import { mergeDefaults } from './merge-defaults';
import { IssueList, quote } from './spec-error';

/** How long Argo CD waits between retries of a failed sync, growing after each one. */
export interface RetryBackoffSpec {
  /**
   * Wait before the first retry, as a Go duration (`30s`, `2m`, `1h`).
   * @default "10s"
   */
  readonly duration?: string;
  /**
   * Each wait is the previous one times this factor.
   * @default 2
   */
  readonly factor?: number;
  /**
   * Longest wait between two retries, as a Go duration.
   * @default "5m"
   */
  readonly maxDuration?: string;
}

/** What Argo CD does when a sync fails (an object rejected, a webhook not ready yet). */
export interface RetrySpec {
  /**
   * Retries of one failed sync before Argo CD gives up until the next commit; 0 turns retries off.
   * @default 5
   */
  readonly limit?: number;
  /** Waits between retries. */
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
  /** Retries of a failed sync. */
  readonly retry?: RetrySpec;
}

/**
 * Where Argo CD finds this repository and where it deploys each environment, as written in
 * `apps/argocd/gitops.ts`.
 * @example
 * export default defineGitOps({ repoURL: 'https://git.example.org/platform/apim-gitops.git' });
 */
export interface GitOpsSpec {
  /** URL Argo CD clones this repository from (`https://…` or `git@host:path.git`); the only source the project allows. */
  readonly repoURL: string;
  /**
   * Branch, tag or commit every Application follows.
   * @default "main"
   */
  readonly targetRevision?: string;
  /**
   * Namespace Argo CD runs in; the Applications and AppProjects are created there.
   * @default "argocd"
   */
  readonly namespace?: string;
  /**
   * Prefix of the AppProjects: environment `<env>` gets its own project `<project>-<env>`, the
   * root Application the project `<project>-root`.
   * @default "apim"
   */
  readonly project?: string;
  /**
   * API server URL of the cluster each environment is deployed to, by environment name. An
   * environment not listed here goes to `defaultCluster`. The cluster must be registered in Argo CD.
   * @default {}
   * @example { prod: 'https://prod-cluster.example.org:6443' }
   */
  readonly clusters?: Readonly<Record<string, string>>;
  /**
   * Cluster of every environment that `clusters` does not name: by default the cluster Argo CD runs in.
   * @default "https://kubernetes.default.svc"
   */
  readonly defaultCluster?: string;
  /** Automated sync, pruning, self-heal, apply method and retries. */
  readonly syncPolicy?: SyncPolicySpec;
  /**
   * Every namespaced kind an environment's project allows, and so every kind an environment may
   * render. A render that makes any other kind fails and names it; add it here (a change the
   * platform team approves) rather than widening the projects by hand. No wildcards, nothing of
   * `argoproj.io`, no cluster-scoped kind: the only cluster-scoped object Argo CD creates is the
   * environment's Namespace (`CreateNamespace=true`).
   * @example [{ group: 'apps', kind: 'Deployment' }, { group: '', kind: 'Service' }]
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

/** Defaults of the GitOps settings; the TSDoc `@default` tags above mirror them. */
export const gitOpsDefaults = {
  targetRevision: 'main',
  namespace: 'argocd',
  project: 'apim',
  clusters: {},
  defaultCluster: inClusterServer,
  syncPolicy: {
    prune: true,
    selfHeal: true,
    serverSideApply: true,
    retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
  },
  environments: {},
  namespaceWhitelistByName: false,
  restrictDefaultProject: false,
} as const;

// Argo CD reads backoff durations with Go's time.ParseDuration (a bare number means seconds).
const goDuration = /^(\d+|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;
const httpsUrl = /^https:\/\/[^\s/]+(\/\S*)?$/;
const sshUrl = /^(ssh:\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;

/**
 * Validates the GitOps settings against the repository's environments and applies defaults.
 * Throws one SpecError listing every problem as `<source>: <field.path>: <message>`.
 */
export function resolveGitOps(input: unknown, source: string, environments: readonly string[]): ResolvedGitOps {
  const issues = new IssueList();
  const checks = new FieldChecks(issues);
  if (!checks.object('(gitops)', input)) issues.throwIfAny(source);
  const spec = input as Record<string, any>;
  checks.knownKeys('', spec, [
    'repoURL',
    'targetRevision',
    'namespace',
    'project',
    'clusters',
    'defaultCluster',
    'syncPolicy',
    'namespacedKinds',
    'environments',
    'syncImpersonation',
    'namespaceWhitelistByName',
    'restrictDefaultProject',
  ]);

  if (checks.string('repoURL', spec.repoURL) && !httpsUrl.test(spec.repoURL) && !sshUrl.test(spec.repoURL))
    issues.add('repoURL', `${quote(spec.repoURL)} is not a Git URL Argo CD can clone (use "https://host/path.git" or "git@host:path.git")`);
  if (spec.targetRevision !== undefined) checks.string('targetRevision', spec.targetRevision);
  if (spec.namespace !== undefined) checks.dnsLabel('namespace', spec.namespace);
  if (spec.project !== undefined) checks.dnsSubdomain('project', spec.project);
  const clusterUrl = (path: string, value: unknown) => {
    if (checks.string(path, value) && !httpsUrl.test(value))
      issues.add(path, `${quote(value)} is not a cluster API server URL (expected "https://host[:port]", e.g. ${quote(inClusterServer)})`);
  };
  if (spec.defaultCluster !== undefined) clusterUrl('defaultCluster', spec.defaultCluster);
  if (spec.clusters !== undefined && checks.object('clusters', spec.clusters)) {
    for (const [env, url] of Object.entries(spec.clusters)) {
      if (!environments.includes(env))
        issues.add(`clusters.${env}`, `names no environment (environments: ${environments.join(', ') || 'none'}); remove it or add environments/${env}`);
      clusterUrl(`clusters.${env}`, url);
    }
  }
  const sync = spec.syncPolicy;
  if (sync !== undefined && checks.object('syncPolicy', sync)) {
    checks.knownKeys('syncPolicy', sync, ['prune', 'selfHeal', 'serverSideApply', 'retry']);
    for (const key of ['prune', 'selfHeal', 'serverSideApply']) checks.boolean(`syncPolicy.${key}`, sync[key]);
    if (sync.retry !== undefined && checks.object('syncPolicy.retry', sync.retry)) {
      checks.knownKeys('syncPolicy.retry', sync.retry, ['limit', 'backoff']);
      if (sync.retry.limit !== undefined) checks.integer('syncPolicy.retry.limit', sync.retry.limit, 0);
      const backoff = sync.retry.backoff;
      if (backoff !== undefined && checks.object('syncPolicy.retry.backoff', backoff)) {
        checks.knownKeys('syncPolicy.retry.backoff', backoff, ['duration', 'factor', 'maxDuration']);
        for (const key of ['duration', 'maxDuration'])
          if (backoff[key] !== undefined && checks.string(`syncPolicy.retry.backoff.${key}`, backoff[key]) && !goDuration.test(backoff[key]))
            issues.add(`syncPolicy.retry.backoff.${key}`, `${quote(backoff[key])} is not a duration such as "30s", "2m" or "1h"`);
        if (backoff.factor !== undefined) checks.integer('syncPolicy.retry.backoff.factor', backoff.factor, 1);
      }
    }
  }
  checkNamespacedKinds(checks, 'namespacedKinds', spec.namespacedKinds);
  checkEnvironmentDelivery(checks, 'environments', spec.environments, environments);
  checkSyncImpersonation(checks, 'syncImpersonation', spec.syncImpersonation);
  for (const key of ['namespaceWhitelistByName', 'restrictDefaultProject']) checks.boolean(key, spec[key]);
  issues.throwIfAny(source);

  const merged = mergeDefaults<typeof gitOpsDefaults & { repoURL: string; clusters: Record<string, string> }>(
    { ...gitOpsDefaults, repoURL: '' },
    spec,
  );
  const clusters = new Map(environments.map((env) => [env, merged.clusters[env] ?? merged.defaultCluster]));
  return {
    repoURL: merged.repoURL,
    targetRevision: merged.targetRevision,
    namespace: merged.namespace,
    project: merged.project,
    clusters,
    inCluster: inClusterServer,
    syncPolicy: merged.syncPolicy,
    namespacedKinds: sortedKinds(spec.namespacedKinds),
    environments: resolveEnvironmentDelivery(spec.environments, environments, merged.targetRevision),
    ...(spec.syncImpersonation ? { syncImpersonation: { serviceAccount: spec.syncImpersonation.serviceAccount } } : {}),
    namespaceWhitelistByName: merged.namespaceWhitelistByName,
    restrictDefaultProject: merged.restrictDefaultProject,
  };
}
