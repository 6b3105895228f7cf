import type { ExternalConnection } from './component';
import type { DatabaseTlsSpec, EgressTargetSpec, ResolvedDatabaseTls, ResolvedNetwork } from './network';
import { verifiesServer } from './network';
import { quote } from './spec-error';
import type { StackContext } from './stack-context';

/**
 * The connections an egress target opens, one per port. Its addresses are its `cidrs`, or, when it
 * says `anyAddressOutsideCluster`, every address but the cluster's (an empty `cidrs`, which the
 * NetworkPolicies render as `0.0.0.0/0` and `::/0` except `network.clusterCidrs`).
 */
export function resolveEgressTarget(ctx: StackContext, path: string, spec: EgressTargetSpec): ExternalConnection[] {
  const cidrs = spec.cidrs ?? [];
  const anywhere = spec.anyAddressOutsideCluster === true;
  if (anywhere && cidrs.length > 0)
    ctx.checks.issues.add(`${path}.cidrs`, 'must be left out with anyAddressOutsideCluster: true (which already means every address outside the cluster)');
  else if (!anywhere && cidrs.length === 0)
    ctx.checks.issues.add(
      `${path}.cidrs`,
      `must list the address blocks of ${quote(spec.name)} (a NetworkPolicy cannot match a DNS name), or set anyAddressOutsideCluster: true for a destination on the Internet`,
    );
  if (anywhere && ctx.env.network.clusterCidrs.length === 0)
    ctx.checks.issues.add(
      `${path}.anyAddressOutsideCluster`,
      'needs network.clusterCidrs (the pod and Service CIDRs), so that "outside the cluster" excludes them',
    );
  return [...new Set(spec.ports)].sort((a, b) => a - b).map((port) => ({ what: spec.name, port, cidrs: anywhere ? [] : [...cidrs] }));
}

/** Every egress target of a list, with `path[i]` for each. */
export function resolveEgressTargets(ctx: StackContext, path: string, specs: readonly EgressTargetSpec[] | undefined): ExternalConnection[] {
  const names = new Set<string>();
  return (specs ?? []).flatMap((spec, i) => {
    if (names.has(spec.name)) ctx.checks.issues.add(`${path}[${i}].name`, `${quote(spec.name)} is named twice`);
    names.add(spec.name);
    return resolveEgressTarget(ctx, `${path}[${i}]`, spec);
  });
}

/**
 * The connection to an external data store at `host:port`: its own `cidrs`, else the environment's
 * `network.dataSubnets`. Production must know the address; elsewhere an unknown one falls back to
 * every address outside the cluster on that port only.
 */
export function resolveDataStore(
  ctx: StackContext,
  path: string,
  what: string,
  host: string,
  port: number,
  cidrs: readonly string[] | undefined,
): ExternalConnection {
  const blocks = cidrs ?? ctx.env.network.dataSubnets;
  if (blocks.length === 0 && ctx.env.production)
    ctx.checks.issues.add(
      `${path}.cidrs`,
      `production needs the address block of ${quote(host)}: a NetworkPolicy cannot match a DNS name, so port ${port} would be open to every address; give cidrs here or network.dataSubnets`,
    );
  return { what, host, port, cidrs: [...blocks] };
}

/**
 * An admin allow-list must not admit everyone: in production, `0.0.0.0/0` or `::/0` (or any block of
 * prefix length 0) there is refused; use the operators' networks.
 */
export function checkPrivateRanges(ctx: StackContext, path: string, ranges: readonly string[]): void {
  if (!ctx.env.production) return;
  ranges.forEach((range, i) => {
    if (range.endsWith('/0'))
      ctx.checks.issues.add(
        `${path}[${i}]`,
        `${quote(range)} admits every address; a production admin surface must list the operators' networks (e.g. "10.20.0.0/16")`,
      );
  });
}

/**
 * A database connection's transport security: `VERIFY_IDENTITY` by default in production, `REQUIRED`
 * elsewhere. A verifying mode needs the CA for the mysql client (`ca.crt` of `tls.ca`), which
 * `readers` read; a missing one is an error wherever a mysql client must verify the server.
 */
export function resolveDatabaseTls(
  ctx: StackContext,
  path: string,
  spec: DatabaseTlsSpec | undefined,
  readers: readonly string[],
  clientNeedsCa: boolean,
): ResolvedDatabaseTls {
  const mode = spec?.mode ?? (ctx.env.production ? 'VERIFY_IDENTITY' : 'REQUIRED');
  if (!verifiesServer(mode)) return { mode };
  if (!spec?.ca) {
    if (clientNeedsCa)
      ctx.checks.issues.add(
        `${path}.tls.ca`,
        `is required: the mysql client of the schema Job and schema checks verifies the server (${mode}) and needs its CA, e.g. { secretRef: "mysql-ca" } with key ca.crt`,
      );
    return { mode };
  }
  let caSecret = '';
  for (const reader of readers) caSecret = ctx.secrets.use(`${path}.tls.ca`, spec.ca, reader, ['ca.crt']) ?? '';
  return { mode, caSecret };
}

/** The network settings after the schema's defaults. */
export function resolveNetwork(network: {
  clusterCidrs?: readonly string[];
  dataSubnets?: readonly string[];
  dns?: { namespace?: string; podLabels?: Readonly<Record<string, string>>; nodeLocalCidr?: string };
}): ResolvedNetwork {
  const dns = network.dns!;
  return {
    clusterCidrs: [...network.clusterCidrs!],
    dataSubnets: [...network.dataSubnets!],
    dns: { namespace: dns.namespace!, podLabels: { ...dns.podLabels! }, ...(dns.nodeLocalCidr ? { nodeLocalCidr: dns.nodeLocalCidr } : {}) },
  };
}
