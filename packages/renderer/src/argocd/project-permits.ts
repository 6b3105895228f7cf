import type { Json } from '../kube-object';
import { clusterScopedKinds } from '../kube-object';
import { apiGroup } from './resource-kinds';

/** The fields of an AppProject that decide what its Applications may do. */
export interface ProjectRules {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly sourceRepos?: readonly string[];
    readonly destinations?: readonly { readonly server?: string; readonly namespace?: string }[];
    readonly clusterResourceWhitelist?: readonly { readonly group: string; readonly kind: string; readonly name?: string }[];
    readonly namespaceResourceWhitelist?: readonly { readonly group: string; readonly kind: string }[];
  };
}

/** Where an Application reads from and deploys to. */
export interface ApplicationTarget {
  readonly repoURL: string;
  readonly server: string;
  readonly namespace: string;
}

// Argo CD matches project patterns as globs; this renderer writes none but `*`-free names, and a
// negation (`!…`) would need Argo CD's deny-rule semantics, which this model does not have.
function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return false;
  if (pattern.startsWith('!')) throw new Error(`unreachable: the project permission model has no negated patterns (${pattern})`);
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

/**
 * Why Argo CD would refuse to sync `object` for an Application of `project` with `target`, or
 * undefined when the project allows it. A model of Argo CD's project checks for the fields this
 * renderer writes: the source repository, the destination, and the kind against the cluster-scoped
 * (allow-list, with an optional name) and namespaced (allow-list, when one is set) whitelists.
 * The messages follow Argo CD's own ("resource group:Kind is not permitted in project …").
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/project-specification/
 */
export function projectRefusal(project: ProjectRules, target: ApplicationTarget, object: Json): string | undefined {
  const o = object as { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string } };
  const name = project.metadata.name;
  const destinationAllowed = (namespace: string) =>
    (project.spec.destinations ?? []).some((d) => matches(d.server, target.server) && matches(d.namespace, namespace));
  if (!(project.spec.sourceRepos ?? []).some((repo) => matches(repo, target.repoURL)))
    return `application repo ${target.repoURL} is not permitted in project '${name}'`;
  if (!destinationAllowed(target.namespace)) return `application destination {${target.server} ${target.namespace}} is not permitted in project '${name}'`;
  const namespace = o.metadata?.namespace ?? target.namespace;
  const group = apiGroup(o.apiVersion);
  if (clusterScopedKinds.has(o.kind)) {
    const allowed = (project.spec.clusterResourceWhitelist ?? []).some(
      (k) => matches(k.group, group) && matches(k.kind, o.kind) && (k.name === undefined || k.name === '' || matches(k.name, o.metadata?.name ?? '')),
    );
    return allowed ? undefined : `resource ${group}:${o.kind} is not permitted in project ${name}`;
  }
  if (!destinationAllowed(namespace)) return `application destination {${target.server} ${namespace}} is not permitted in project '${name}'`;
  const whitelist = project.spec.namespaceResourceWhitelist;
  // Without a namespaced whitelist every namespaced kind is allowed (unless blacklisted).
  if (whitelist !== undefined && whitelist.length > 0 && !whitelist.some((k) => matches(k.group, group) && matches(k.kind, o.kind)))
    return `resource ${group}:${o.kind} is not permitted in project ${name}`;
  return undefined;
}
