import type { EnvironmentSpec } from '@apim-gitops/models';
import { baseEnvironmentSpec, dnsRecordType, resolveEnvironment, SpecError } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { DnsEndpoint } from '../../src/external-dns/dns-endpoint';
import { objectIssues } from '../../src/object-rules';
import type { Obj } from '../wso2/rendered';
import { byKind, environments, renderAllPlain } from '../wso2/rendered';

const backendTls = (host: string) => ({ hostname: host, caCertificate: { secretRef: `${host.split('.')[0]}-ca` } });

/** The base environment with a DNS target, under each entry the models offer. */
const entries: Record<string, EnvironmentSpec> = {
  'gateway-api on a platform Gateway': { ...baseEnvironmentSpec, name: 'attach', dns: { target: 'lb.example.net' } },
  'gateway-api on its own Gateway': {
    ...baseEnvironmentSpec,
    name: 'render',
    dns: { target: '192.0.2.7' },
    entry: { kind: 'gateway-api', tls: { secretRef: 'apim-tls' }, gatewayApi: { gateway: { mode: 'render' } } },
  },
  'ingress-nginx': {
    ...baseEnvironmentSpec,
    name: 'nginx',
    dns: { target: '2001:db8::7', ttl: 30 },
    entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
  },
  'both, while traffic moves': {
    ...baseEnvironmentSpec,
    name: 'both',
    dns: { target: 'lb.example.net' },
    entry: { kind: 'both', tls: { secretRef: 'apim-tls' } },
    wso2: { ...baseEnvironmentSpec.wso2!, backendTls: backendTls('wso2.apim-both.svc') },
    axway: { ...baseEnvironmentSpec.axway!, backendTls: backendTls('axway.apim-both.svc') },
  },
};

/** Every host an Ingress or an HTTPRoute serves. */
function servedHosts(objects: readonly Obj[]): Set<string> {
  return new Set([
    ...byKind(objects, 'Ingress').flatMap((i) => (i.spec.rules ?? []).map((r: Obj) => r.host as string)),
    ...byKind(objects, 'HTTPRoute').flatMap((r) => (r.spec.hostnames ?? []) as string[]),
  ]);
}

/** Every record of every DNSEndpoint. */
function records(objects: readonly Obj[]): Obj[] {
  return byKind(objects, 'DNSEndpoint').flatMap((d) => d.spec.endpoints as Obj[]);
}

const withDns = Object.entries({ ...environments, ...entries }).filter(([, spec]) => spec.dns !== undefined);

describe('DNS records', () => {
  it('the committed environments and every entry mode are covered', () => {
    expect(withDns.map(([name]) => name)).toEqual(expect.arrayContaining(['dev', 'prod', ...Object.keys(entries)]));
  });

  it.each(withDns)('%s: every public host has exactly one record, with the declared target', (_, spec) => {
    const objects = renderAllPlain(spec);
    const hosts = servedHosts(objects);
    expect(hosts.size).toBeGreaterThan(0);
    for (const host of hosts) {
      const found = records(objects).filter((r) => r.dnsName === host);
      expect(found, host).toHaveLength(1);
      expect(found[0]!.targets, host).toEqual([spec.dns!.target]);
      expect(found[0]!.recordType, host).toBe(dnsRecordType(spec.dns!.target));
      expect(found[0]!.recordTTL, host).toBe(spec.dns!.ttl ?? 300);
    }
  });

  it.each(withDns)('%s: no record names a host that nothing serves', (_, spec) => {
    const objects = renderAllPlain(spec);
    const hosts = servedHosts(objects);
    for (const record of records(objects)) expect(hosts.has(record.dnsName), record.dnsName).toBe(true);
  });

  it('a host served by two routes (the WSO2 management paths behind an allow-list) is one record', () => {
    const objects = renderAllPlain(environments.prod!);
    const management = 'am.apim.example.org';
    expect(byKind(objects, 'HTTPRoute').filter((r) => r.spec.hostnames.includes(management)).length).toBeGreaterThan(1);
    expect(records(objects).filter((r) => r.dnsName === management)).toHaveLength(1);
  });

  it('an environment without dns renders no DNSEndpoint', () => {
    expect(byKind(renderAllPlain(baseEnvironmentSpec), 'DNSEndpoint')).toEqual([]);
  });

  it('a DNSEndpoint carries the annotations an --annotation-filter needs', () => {
    const objects = renderAllPlain({ ...baseEnvironmentSpec, name: 'filtered', dns: { target: 'lb.example.net', annotations: { 'external-dns': 'public' } } });
    for (const d of byKind(objects, 'DNSEndpoint')) expect(d.metadata.annotations['external-dns']).toBe('public');
  });
});

describe('the DNS target', () => {
  const fails = (target: string) => () => resolveEnvironment({ ...baseEnvironmentSpec, name: 'bad', dns: { target } }, 'bad.ts');
  it.each([
    ['lb.example.net.', 'dns.target: "lb.example.net." ends with a dot'],
    ['192.0.2.7.', 'dns.target: "192.0.2.7." ends with a dot'],
    ['load balancer', 'dns.target: "load balancer" is neither an IPv4 or IPv6 address nor a DNS name'],
    ['gw.base.example.org', 'dns.target: "gw.base.example.org" is one of the public hosts'],
  ])('%s is refused, naming the field', (target, message) => {
    expect(fails(target)).toThrow(SpecError);
    expect(fails(target)).toThrow(message);
  });

  it.each([
    ['192.0.2.7', 'A'],
    ['2001:db8::7', 'AAAA'],
    ['lb.example.net', 'CNAME'],
  ])('%s makes %s records', (target, type) => {
    expect(dnsRecordType(target)).toBe(type);
  });
});

describe('DNSEndpoint validation against the vendored CRD schema', () => {
  const endpoint = (record: Obj) =>
    new DnsEndpoint({
      metadata: { name: 'x', labels: {} },
      spec: { endpoints: [{ dnsName: 'a.example.org', recordType: 'A', recordTTL: 60, targets: ['192.0.2.1'], ...record }] },
    } as never);
  it('a valid record passes', () => {
    expect(objectIssues(endpoint({}))).toEqual([]);
  });
  it.each([
    [{ recordTTL: '60' }, 'spec.endpoints.0.recordTTL'],
    [{ targets: '192.0.2.1' }, 'spec.endpoints.0.targets'],
    [{ recordTtl: 60 }, 'spec.endpoints.0'],
  ])('%j is refused at %s', (record, path) => {
    expect(objectIssues(endpoint(record)).map((i) => i.path)).toContain(path);
  });
});
