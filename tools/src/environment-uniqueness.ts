import type { Issue, ResolvedEnvironment } from '@apim-gitops/models';
import { SpecError } from '@apim-gitops/models';

/** One thing an environment claims for itself alone: its domain, its namespace, a public host. */
interface Claim {
  readonly env: ResolvedEnvironment;
  readonly kind: 'domain' | 'namespace' | 'host';
  /** Field path in the environment, e.g. `wso2.hostnames.gateway`. */
  readonly path: string;
  readonly value: string;
}

/** The public hosts of an environment, with the fields that set them. */
export function publicHosts(env: ResolvedEnvironment): { path: string; host: string }[] {
  const hosts: { path: string; host: string }[] = [];
  if (env.wso2) {
    const { hostnames, keyManager } = env.wso2;
    for (const key of ['management', 'gateway', 'websocket', 'websub'] as const) hosts.push({ path: `wso2.hostnames.${key}`, host: hostnames[key] });
    if (keyManager.ingress) hosts.push({ path: 'wso2.hostnames.keyManager', host: hostnames.keyManager });
  }
  if (env.axway)
    for (const key of ['adminNodeManager', 'apiManager', 'traffic'] as const) hosts.push({ path: `axway.hosts.${key}`, host: env.axway[key].host });
  return hosts;
}

function claims(env: ResolvedEnvironment): Claim[] {
  return [
    { env, kind: 'domain', path: 'domain', value: env.domain },
    { env, kind: 'namespace', path: 'namespace', value: env.namespace },
    ...publicHosts(env).map(({ path, host }) => ({ env, kind: 'host' as const, path, value: host })),
  ];
}

const why: Record<Claim['kind'], string> = {
  domain: 'every environment needs a domain of its own',
  namespace:
    'two environments in one namespace of one cluster would overwrite each other; set a namespace of its own, or put the environment on another cluster',
  host: 'a public host belongs to one environment and one interface; set a host of its own',
};

/** True when one of the two environments is the other's disaster-recovery standby (`standbyFor`). */
function standbyPair(a: ResolvedEnvironment, b: ResolvedEnvironment): boolean {
  return a.standbyFor === b.name || b.standbyFor === a.name;
}

/**
 * Domains, namespaces and public hosts (WSO2 and Axway) must be unique across all environments
 * and both stacks. A namespace is unique per cluster (`clusterOf`): on two clusters the same name
 * is two namespaces. A standby and the environment it stands by for share their domain and hosts
 * (DNS points at one of them at a time); nobody else may. Each clash is reported at the later
 * environment's field (by name), naming the environment file and field that claimed the value
 * first; one SpecError per environment.
 */
export function uniquenessIssues(
  environments: readonly ResolvedEnvironment[],
  clusterOf: (env: ResolvedEnvironment) => string = () => 'the cluster',
): SpecError[] {
  const first = new Map<string, Claim>();
  const issues = new Map<string, Issue[]>();
  const sorted = [...environments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const claim of sorted.flatMap(claims)) {
    // A host may not equal another host; domains and namespaces are compared among their own kind.
    const key = claim.kind === 'namespace' ? `namespace|${clusterOf(claim.env)}|${claim.value}` : `${claim.kind}|${claim.value}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, claim);
      continue;
    }
    if (claim.kind !== 'namespace' && standbyPair(earlier.env, claim.env)) continue;
    const owner = earlier.env === claim.env ? 'this environment' : earlier.env.source;
    const what = claim.kind === 'host' ? `the ${earlier.path} host of ${owner}` : `the ${earlier.kind} of ${owner}`;
    const list = issues.get(claim.env.source) ?? [];
    list.push({ path: claim.path, message: `"${claim.value}" is also ${what}; ${why[claim.kind]}` });
    issues.set(claim.env.source, list);
  }
  return [...issues].map(([source, list]) => new SpecError(source, list));
}
