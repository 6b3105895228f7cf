import { FieldChecks } from './field-checks';
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
   * Name of the AppProject the environments' Applications belong to.
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
  checks.knownKeys('', spec, ['repoURL', 'targetRevision', 'namespace', 'project', 'clusters', 'defaultCluster', 'syncPolicy']);

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
  };
}
