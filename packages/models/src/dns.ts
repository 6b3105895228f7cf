import { isIpv4Address, isIpv6Address } from './axway/cidr';
import type { StackId } from './component';
import type { FieldChecks } from './field-checks';
import { isDnsSubdomain } from './field-checks';
import type { ResolvedPublicRoute } from './resolve-entry';
import { quote } from './spec-error';

/**
 * DNS records for every public host, made by external-dns from `DNSEndpoint` objects (its `crd` source).
 * They work the same whatever the entry (Ingresses, HTTPRoutes on the environment's Gateway or on a
 * platform Gateway, or both during a move), because the record names its target itself.
 * @example { target: 'apim-lb-1234.elb.eu-west-1.amazonaws.com' }
 */
export interface DnsSpec {
  /**
   * Where every public host points: the load balancer in front of the entry, by host name (each host
   * becomes a CNAME record) or by IPv4 or IPv6 address (an A or AAAA record). Without a trailing dot:
   * external-dns drops A and AAAA targets that end in one (external-dns v0.22.0 source/crd.go).
   * @minLength 1
   * @example "apim-lb-1234.elb.eu-west-1.amazonaws.com"
   */
  readonly target: string;
  /**
   * Time to live of every record, in seconds (external-dns accepts 1 to 2147483647: source/annotations).
   * @default 300
   * @asType integer
   * @minimum 1
   * @maximum 2147483647
   */
  readonly ttl?: number;
  /**
   * Annotations of every `DNSEndpoint`, for an external-dns that runs with `--annotation-filter` (which
   * external-dns applies to DNSEndpoint objects too: docs/sources/crd.md), e.g. a public and a private instance.
   * @default {}
   * @example { 'external-dns': 'public' }
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** DNS record types external-dns makes for a target (external-dns endpoint/endpoint.go RecordTypeA/AAAA/CNAME). */
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME';

/** One public host's record, named after the route that owns the host. */
export interface ResolvedDnsRecord {
  /** Name of the `DNSEndpoint`: the route (Ingress, HTTPRoute) that owns the host, e.g. `wso2-gateway-websocket`. */
  readonly name: string;
  readonly host: string;
  readonly stack: StackId;
  /** The component serving the host; the record carries its labels. */
  readonly componentId: string;
}

/** The environment's DNS after defaults: one target, one record per public host. */
export interface ResolvedDns {
  readonly target: string;
  readonly recordType: DnsRecordType;
  readonly ttl: number;
  readonly annotations: Readonly<Record<string, string>>;
  readonly records: readonly ResolvedDnsRecord[];
}

/** The record type external-dns needs for a target: an address gives A/AAAA, a host name CNAME. */
export function dnsRecordType(target: string): DnsRecordType | undefined {
  if (isIpv4Address(target)) return 'A';
  if (isIpv6Address(target)) return 'AAAA';
  return isDnsSubdomain(target) ? 'CNAME' : undefined;
}

/**
 * The records of every public host, one per host: hosts served by several routes (the WSO2 management
 * paths behind an allow-list) get one record, named after the route that owns the host's listener.
 */
export function resolveDns(checks: FieldChecks, spec: DnsSpec, routes: readonly (ResolvedPublicRoute & { readonly stack: StackId })[]): ResolvedDns {
  const path = 'dns.target';
  const target = spec.target;
  const recordType = dnsRecordType(target) ?? 'CNAME';
  if (target.endsWith('.'))
    checks.issues.add(path, `${quote(target)} ends with a dot; external-dns ignores A and AAAA targets written so: write ${quote(target.slice(0, -1))}`);
  else if (dnsRecordType(target) === undefined)
    checks.issues.add(path, `${quote(target)} is neither an IPv4 or IPv6 address nor a DNS name; give the load balancer's address or host name`);
  const owners = routes.filter((r) => r.listenerOf === undefined);
  if (owners.some((r) => r.host === target))
    checks.issues.add(path, `${quote(target)} is one of the public hosts; a host cannot point at itself: give the load balancer's own name or address`);
  const records: ResolvedDnsRecord[] = [];
  for (const route of owners)
    if (!records.some((r) => r.host === route.host)) records.push({ name: route.name, host: route.host, stack: route.stack, componentId: route.componentId });
  return { target, recordType, ttl: spec.ttl!, annotations: { ...spec.annotations! }, records };
}
