import type { ResolvedGitOps } from './gitops';
import type { ResolvedEnvironment } from './resolve-environment';
import type { Issue } from './spec-error';
import { quote, SpecError } from './spec-error';

/**
 * Rules that keep an environment inside its own part of the platform, checked against the GitOps
 * settings and the other environments of the repository (resolveEnvironment checks one
 * environment alone, so these run after it):
 *
 * - its namespace matches `apim-*` and is none of Kubernetes' (`kube-*`, `default`) nor Argo CD's;
 * - it reads secrets only from its own part of the store: every remote key starts with `<env>/`,
 *   its store is not named for another environment, and a non-production environment does not
 *   use the store of a production one;
 * - a standby (`standbyFor`) stands by for another environment on another cluster.
 */

/** Prefix of every environment namespace; the environments' projects are made for `apim-*` only. */
export const environmentNamespacePrefix = 'apim-';

/** Environment names that would collide with the root Application or project (`apim-root`). */
export const reservedEnvironmentNames: readonly string[] = ['root'];

function suggestedNamespace(env: ResolvedEnvironment): string {
  return `leave namespace out (it defaults to ${quote(`${environmentNamespacePrefix}${env.name}`)}) or choose a name matching "${environmentNamespacePrefix}*"`;
}

/** Why `env`'s namespace is refused, or undefined when it is acceptable. */
export function namespaceProblem(env: ResolvedEnvironment, argocdNamespace: string): string | undefined {
  const ns = env.namespace;
  if (ns === argocdNamespace)
    return `${quote(ns)} is Argo CD's own namespace (apps/argocd/gitops.ts: namespace): objects synced there could rewrite Argo CD's Applications and projects; ${suggestedNamespace(env)}`;
  if (ns.startsWith('kube-')) return `${quote(ns)} is reserved for Kubernetes' own components (kube-*); ${suggestedNamespace(env)}`;
  if (ns === 'default') return `"default" is the cluster's shared namespace, not one the platform can give to an environment; ${suggestedNamespace(env)}`;
  if (!ns.startsWith(environmentNamespacePrefix) || ns.length === environmentNamespacePrefix.length)
    return `${quote(ns)} does not match "${environmentNamespacePrefix}*", the only namespaces the environments' projects are made for; ${suggestedNamespace(env)}`;
  return undefined;
}

/** True when `name`, split into words at `-` and `.`, holds `words` (a `-`-separated name) as consecutive words. */
function hasWords(name: string, words: string): boolean {
  return `-${name.replace(/\./g, '-')}-`.includes(`-${words}-`);
}

/** The issues of one environment's secret backend: remote keys outside `<env>/`, a store named for another environment. */
export function secretBoundaryIssues(env: ResolvedEnvironment, environments: readonly string[]): Issue[] {
  const backend = env.secretBackend;
  if (backend.provider !== 'external-secrets') return [];
  const issues: Issue[] = [];
  const prefix = `${env.name}/`;
  for (const [secret, key] of Object.entries(backend.remoteKeys).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (!key.startsWith(prefix) || key.length === prefix.length)
      issues.push({
        path: `secrets.remoteKeys.${secret}`,
        message: `${quote(key)} is outside ${env.name}'s part of the store: remote keys must start with ${quote(prefix)} so that ${env.name} reads only its own secrets (e.g. ${quote(`${prefix}${secret}`)})`,
      });
  const store = backend.store.name;
  const named = environments.filter((other) => other !== env.name && hasWords(store, other) && !hasWords(store, env.name));
  if (named.length > 0)
    issues.push({
      path: 'secrets.store.name',
      message: `${quote(store)} is named for environment ${named.join(', ')}: ${env.name} may read only its own store (e.g. ${quote(store.replace(new RegExp(`(^|[-.])${named[0]}([-.]|$)`), `$1${env.name}$2`))})`,
    });
  return issues;
}

/**
 * The issues of a standby's `standbyFor`: it names another environment of the repository, on
 * another cluster, since a standby on its primary's cluster would fail with it.
 */
export function standbyIssues(env: ResolvedEnvironment, gitops: ResolvedGitOps, environments: readonly string[]): Issue[] {
  const primary = env.standbyFor;
  if (primary === undefined) return [];
  const at = (message: string): Issue[] => [{ path: 'standbyFor', message }];
  if (primary === env.name) return at(`${quote(primary)} is this environment itself: a standby stands by for another environment`);
  if (!environments.includes(primary)) return at(`${quote(primary)} names no environment (environments: ${environments.join(', ')})`);
  const cluster = gitops.clusters.get(env.name) ?? gitops.inCluster;
  if ((gitops.clusters.get(primary) ?? gitops.inCluster) === cluster)
    return at(
      `${quote(primary)} runs on the same cluster (${cluster}): a standby on its primary's cluster fails with it; give ${env.name} a cluster of its own (apps/argocd/gitops.ts: clusters.${env.name})`,
    );
  return [];
}

/** Every boundary issue of one environment. */
export function environmentBoundaryIssues(env: ResolvedEnvironment, gitops: ResolvedGitOps, environments: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  if (reservedEnvironmentNames.includes(env.name))
    issues.push({
      path: 'name',
      message: `${quote(env.name)} is reserved: its Application and project would be the root's ("apim-root"); choose another name`,
    });
  const problem = namespaceProblem(env, gitops.namespace);
  if (problem) issues.push({ path: 'namespace', message: problem });
  issues.push(...secretBoundaryIssues(env, environments));
  issues.push(...standbyIssues(env, gitops, environments));
  return issues;
}

/**
 * The issues between environments, by environment source: a non-production environment using a
 * production environment's store, and two environments sharing a namespace on one cluster (each
 * would prune the other's objects).
 */
export function repositoryBoundaryIssues(envs: readonly ResolvedEnvironment[], gitops: ResolvedGitOps): Map<string, Issue[]> {
  const found = new Map<string, Issue[]>();
  const add = (env: ResolvedEnvironment, issue: Issue) => found.set(env.source, [...(found.get(env.source) ?? []), issue]);
  const storeOf = (env: ResolvedEnvironment) =>
    env.secretBackend.provider === 'external-secrets' ? `${env.secretBackend.store.kind}/${env.secretBackend.store.name}` : undefined;
  const sorted = [...envs].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const env of sorted) {
    const store = storeOf(env);
    const production = sorted.filter((other) => other.production && other.name !== env.name && store !== undefined && storeOf(other) === store);
    if (!env.production && production.length > 0)
      add(env, {
        path: 'secrets.store.name',
        message: `${quote(store!.split('/')[1])} is the store of production environment ${production.map((p) => p.name).join(', ')}; a non-production environment must use a store of its own`,
      });
    const cluster = gitops.clusters.get(env.name) ?? gitops.inCluster;
    const sharing = sorted.filter(
      (other) => other.name < env.name && other.namespace === env.namespace && (gitops.clusters.get(other.name) ?? gitops.inCluster) === cluster,
    );
    if (sharing.length > 0)
      add(env, {
        path: 'namespace',
        message: `${quote(env.namespace)} on ${cluster} is also ${sharing.map((s) => s.name).join(', ')}'s namespace: each environment's Application would prune the other's objects; give each environment its own`,
      });
  }
  return found;
}

/** Every boundary issue of the environments, one SpecError per environment file, in name order. */
export function checkEnvironmentBoundaries(envs: readonly ResolvedEnvironment[], gitops: ResolvedGitOps, environments: readonly string[]): SpecError[] {
  const between = repositoryBoundaryIssues(envs, gitops);
  return [...envs]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((env) => new SpecError(env.source, [...environmentBoundaryIssues(env, gitops, environments), ...(between.get(env.source) ?? [])]))
    .filter((error) => error.issues.length > 0);
}
