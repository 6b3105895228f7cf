import type { Manifest } from './integrity-rule';

type Plain = Record<string, any>;

/** One Service back end of an HTTPRoute rule, with its field path. */
export interface RouteBackendAt {
  readonly service: string;
  readonly port: number | undefined;
  /** Field path of the backendRef, e.g. `spec.rules[0].backendRefs[1]`. */
  readonly at: string;
}

/** One host and path an HTTPRoute claims, with the field path of the match. */
export interface RouteClaimAt {
  readonly host: string;
  readonly path: string;
  readonly at: string;
}

/** The HTTPRoutes among `objects`, in name order. */
export function httpRoutes(objects: readonly Manifest[]): Manifest[] {
  return objects.filter((o) => o.kind === 'HTTPRoute').sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

/** Every backendRef of an HTTPRoute that names a Service (the kind when none is given, Gateway API's default). */
export function routeBackends(route: Manifest): RouteBackendAt[] {
  const found: RouteBackendAt[] = [];
  for (const [r, rule] of ((route.spec?.rules ?? []) as Plain[]).entries())
    for (const [b, ref] of ((rule.backendRefs ?? []) as Plain[]).entries()) {
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') continue;
      found.push({ service: ref.name, port: ref.port, at: `spec.rules[${r}].backendRefs[${b}]` });
    }
  return found;
}

/**
 * Every host and path an HTTPRoute claims: each of its hostnames (`*` when it has none) with each path
 * match of each rule. A rule without matches claims `/` (Gateway API's default match).
 */
export function routeClaims(route: Manifest): RouteClaimAt[] {
  const hosts: string[] = route.spec?.hostnames?.length ? route.spec.hostnames : ['*'];
  const claims: RouteClaimAt[] = [];
  for (const [r, rule] of ((route.spec?.rules ?? []) as Plain[]).entries()) {
    const matches: Plain[] = rule.matches?.length ? rule.matches : [{}];
    for (const [m, match] of matches.entries()) {
      // Only path matches are compared; a rule that also matches headers or a method is narrower, not the same claim.
      if (match.headers?.length || match.queryParams?.length || match.method) continue;
      const path = `${match.path?.type ?? 'PathPrefix'} ${match.path?.value ?? '/'}`;
      const at = rule.matches?.length ? `spec.rules[${r}].matches[${m}]` : `spec.rules[${r}]`;
      for (const host of hosts) claims.push({ host, path, at });
    }
  }
  return claims;
}

/** A parentRef that names a Gateway, with the Gateway's namespace (`undefined`: the route's own). */
export interface RouteParentAt {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly sectionName: string | undefined;
  readonly at: string;
}

/** Every parentRef of an HTTPRoute that names a Gateway (the kind when none is given). */
export function routeParents(route: Manifest): RouteParentAt[] {
  return ((route.spec?.parentRefs ?? []) as Plain[]).flatMap((ref, i) =>
    (ref.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io' && (ref.kind ?? 'Gateway') === 'Gateway'
      ? [
          {
            name: ref.name,
            namespace: ref.namespace === route.metadata?.namespace ? undefined : ref.namespace,
            sectionName: ref.sectionName,
            at: `spec.parentRefs[${i}]`,
          },
        ]
      : [],
  );
}

/** True when a listener hostname (possibly `*.domain`) covers a host (Gateway API: a wildcard matches one or more labels). */
export function hostnameCovers(listenerHost: string | undefined, host: string): boolean {
  if (listenerHost === undefined || listenerHost === host) return true;
  if (!listenerHost.startsWith('*.')) return false;
  return host.endsWith(listenerHost.slice(1)) && host.length > listenerHost.length - 1;
}
