import type { IntegrityRule, Manifest } from '../integrity-rule';
import { kindName } from '../integrity-rule';

/** Every host an Ingress or HTTPRoute serves, with the first object that serves it. */
function servedHosts(objects: readonly Manifest[]): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const o of objects) {
    const names =
      o.kind === 'Ingress'
        ? ((o.spec?.rules ?? []) as Record<string, any>[]).map((r) => r.host as string | undefined)
        : o.kind === 'HTTPRoute'
          ? ((o.spec?.hostnames ?? []) as string[])
          : [];
    for (const host of names) if (host && !hosts.has(host)) hosts.set(host, kindName(o));
  }
  return hosts;
}

/**
 * Once an environment renders DNSEndpoints (`dns`), external-dns owns its public names: every host an
 * Ingress or HTTPRoute serves has exactly one record, and no record names a host nothing serves. Read on the
 * kustomize-built overlay, so a patch that renames a host without its record is caught.
 */
export const dnsRecordsRule: IntegrityRule = {
  id: 'dns-records',
  description: 'with DNSEndpoints, every host an Ingress or HTTPRoute serves has exactly one DNS record, and every record names a served host',
  check(objects) {
    const endpoints = objects.filter((o) => o.kind === 'DNSEndpoint');
    if (endpoints.length === 0) return [];
    const findings: { object: string; message: string }[] = [];
    const served = servedHosts(objects);
    const recorded = new Map<string, string>();
    for (const endpoint of endpoints)
      for (const [i, record] of ((endpoint.spec?.endpoints ?? []) as Record<string, any>[]).entries()) {
        const at = `spec.endpoints[${i}].dnsName ${JSON.stringify(record.dnsName)}`;
        const first = recorded.get(record.dnsName);
        if (first) findings.push({ object: kindName(endpoint), message: `${at} already has a record in ${first}: one record per host` });
        else recorded.set(record.dnsName, kindName(endpoint));
        if (!served.has(record.dnsName))
          findings.push({ object: kindName(endpoint), message: `${at} is served by no Ingress or HTTPRoute: remove the record, or route the host` });
      }
    for (const [host, by] of served)
      if (!recorded.has(host))
        findings.push({ object: by, message: `host ${JSON.stringify(host)} has no DNSEndpoint record: external-dns would not publish it` });
    return findings;
  },
};
