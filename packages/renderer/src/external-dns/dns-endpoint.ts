import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { ErrorObject } from 'ajv';
import type { KubeObject } from '../kube-object';
import { componentLabels } from '../labels';
import { dnsEndpointCrd } from './dns-endpoint-crd';
import validateClosedDnsEndpoint from './dns-endpoint.validate.mjs';

/** One record of a DNSEndpoint (external-dns endpoint.Endpoint). */
export interface DnsEndpointRecord {
  readonly dnsName: string;
  readonly recordType: string;
  readonly recordTTL: number;
  readonly targets: readonly string[];
}

/** What a DNSEndpoint holds; no @kubernetes-models package models it, so this class does, from the vendored CRD. */
export interface DnsEndpointData {
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: { readonly endpoints: readonly DnsEndpointRecord[] };
}

function validateDnsEndpoint(data: unknown): readonly ErrorObject[] {
  return validateClosedDnsEndpoint(data) ? [] : (validateClosedDnsEndpoint.errors ?? []);
}

/** An `externaldns.k8s.io/v1alpha1` DNSEndpoint, validated against the vendored CRD schema like the models validate theirs. */
export class DnsEndpoint implements KubeObject {
  readonly apiVersion = `${dnsEndpointCrd.group}/${dnsEndpointCrd.version}`;
  readonly kind = dnsEndpointCrd.kind;
  readonly metadata: DnsEndpointData['metadata'];
  readonly spec: DnsEndpointData['spec'];

  constructor(data: DnsEndpointData) {
    this.metadata = data.metadata;
    this.spec = data.spec;
  }

  /** Throws, with Ajv's errors (their `instancePath` names the field), when the object breaks the CRD schema. */
  validate(): void {
    const errors = validateDnsEndpoint(JSON.parse(JSON.stringify(this)));
    if (errors.length > 0) throw Object.assign(new Error(`DNSEndpoint/${this.metadata.name} does not match its CRD schema`), { errors });
  }
}

/**
 * One DNSEndpoint per public host, pointing at the environment's `dns.target`. Why DNSEndpoint objects
 * and not external-dns annotations: the annotations are read from different objects by different sources
 * (the ingress source reads `target` from the Ingress; the gateway-httproute source reads it from the
 * Gateway, which a platform Gateway keeps out of our hands), their prefix changed from
 * `external-dns.alpha.kubernetes.io/` to `external-dns.kubernetes.io/` in external-dns v0.22.0, and with
 * `entry.kind: both` the Ingress and the HTTPRoute would each make a record for the same host. A
 * DNSEndpoint names its host, type, TTL and target itself, so each host gets exactly one record whatever
 * the entry. The cluster's external-dns needs `--source=crd` (its defaults `--crd-source-apiversion=
 * externaldns.k8s.io/v1alpha1` and `--crd-source-kind=DNSEndpoint` fit), the DNSEndpoint CRD installed, A,
 * AAAA and CNAME in `--managed-record-types` (its default), and no `ingress` or `gateway-httproute`
 * source for these hosts (external-dns v0.22.0 docs/sources/crd.md, pkg/apis/externaldns/types.go).
 */
export function renderDnsEndpoints(env: ResolvedEnvironment): DnsEndpoint[] {
  const dns = env.dns;
  if (!dns) return [];
  return dns.records.map((record) => {
    const component = env.components.find((c) => c.id === record.componentId);
    if (!component) throw new Error(`${env.name}: DNS record ${record.name} names unknown component "${record.componentId}"`);
    return new DnsEndpoint({
      metadata: {
        name: record.name,
        labels: componentLabels(component),
        ...(Object.keys(dns.annotations).length > 0 ? { annotations: { ...dns.annotations } } : {}),
      },
      spec: { endpoints: [{ dnsName: record.host, recordType: dns.recordType, recordTTL: dns.ttl, targets: [dns.target] }] },
    });
  });
}
