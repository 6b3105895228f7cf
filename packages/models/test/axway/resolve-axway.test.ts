import { describe, expect, it } from 'vitest';
import type { AxwaySpec, EnvironmentSpec } from '@apim-gitops/models';
import { axwayBaseSpec, eventsVolumeGi, isCidr, resolveEnvironment, SpecError } from '@apim-gitops/models';

function environment(axway: Record<string, unknown>, production = false): EnvironmentSpec {
  return {
    name: 'test',
    domain: 'test.example.org',
    production,
    images: { registry: 'registry.example.org/apim' },
    secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'store' } },
    entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
    network: { dataSubnets: ['10.30.0.0/16'] },
    // A traffic override keeps the base's back ends, which every environment must name.
    axway: { ...axwayBaseSpec, ...axway, traffic: { backends: axwayBaseSpec.traffic!.backends, ...(axway.traffic as object) } } as AxwaySpec,
  };
}

function issuesOf(spec: EnvironmentSpec): { path: string; message: string }[] {
  try {
    resolveEnvironment(spec, 'test');
  } catch (error) {
    if (error instanceof SpecError) return [...error.issues];
    throw error;
  }
  return [];
}

const single = { traffic: { replicas: 1, autoscaling: { enabled: false } } };

describe('events volume size', () => {
  // max_disk × (max traffic replicas + API Manager pods) + 1 GB; the reference's 13 GB for HPA max 12
  // becomes 14 once the API Manager pod's own event log is counted, as the reference sheet says to.
  it.each([
    [1, 12, 1, 14],
    [1, 1, 1, 3],
    [2, 12, 1, 27],
    [5, 3, 2, 26],
    [1, 12, 0, 13],
  ])('max_disk %i GB, %i traffic pods, %i API Manager pods → %i Gi', (maxDiskGb, maxTrafficReplicas, apiManagerReplicas, expected) => {
    expect(eventsVolumeGi({ maxDiskGb, maxTrafficReplicas, apiManagerReplicas })).toBe(expected);
  });

  it.each([
    [{}, 14],
    [single, 3],
    [{ traffic: { replicas: 4, autoscaling: { minReplicas: 4, maxReplicas: 20 } }, events: { maxDiskGb: 2 } }, 43],
    [{ traffic: { replicas: 5, autoscaling: { enabled: false } }, apiManager: { replicas: 2 } }, 8],
  ])('the resolved claim follows the HPA maximum or the replicas (%j → %i Gi)', (axway, expected) => {
    expect(resolveEnvironment(environment(axway), 'test').axway!.events.sizeGi).toBe(expected);
  });
});

describe('defaults', () => {
  const ax = resolveEnvironment(environment({}), 'test').axway!;
  it('derives one host per interface under the domain', () => {
    expect([ax.adminNodeManager.host, ax.apiManager.host, ax.traffic.host]).toEqual([
      'anm.test.example.org',
      'apimgmt.test.example.org',
      'apimgr.test.example.org',
    ]);
  });
  it('sizes the workloads as the reference sheet does', () => {
    expect([ax.adminNodeManager.settings.heapMb, ax.apiManager.settings.heapMb, ax.traffic.settings.heapMb]).toEqual([1024, 1024, 1512]);
    expect(ax.traffic.settings.autoscaling).toEqual({ minReplicas: 3, maxReplicas: 12, cpuUtilization: 75 });
    expect(ax.adminNodeManager.settings.resources.limits).toEqual({ cpu: '1', memory: '2Gi' });
  });
  it('builds the MySQL JDBC URL with TLS required outside production, in Connector/J 5.1 terms', () => {
    expect(ax.metricsDb.jdbcUrl).toBe('jdbc:mysql://metrics-db.base.example.org:3306/metrics?useSSL=true&requireSSL=true&verifyServerCertificate=false');
  });

  it('verifies the metrics database server in production, and asks for its CA for the mysql clients', () => {
    const prod = (metricsDb: Record<string, unknown>) => environment({ metricsDb: { ...axwayBaseSpec.metricsDb, ...metricsDb } }, true);
    expect(issuesOf(prod({}))).toContainEqual(expect.objectContaining({ path: 'axway.metricsDb.tls.ca' }));
    const verified = resolveEnvironment(prod({ tls: { ca: { secretRef: 'metrics-ca' } } }), 'test').axway!;
    expect(verified.metricsDb.jdbcUrl).toBe('jdbc:mysql://metrics-db.base.example.org:3306/metrics?useSSL=true&requireSSL=true&verifyServerCertificate=true');
    expect(issuesOf(prod({ tls: { ca: { secretRef: 'metrics-ca' } }, urlOptions: 'useSSL=false' }))).toContainEqual(
      expect.objectContaining({ path: 'axway.metricsDb.urlOptions', message: expect.stringContaining('tls.mode decides') }),
    );
  });
  it('names the controller-wide ingress settings instead of inventing annotations', () => {
    expect(ax.requiredControllerSettings).toEqual({ 'use-http2': 'false', 'ssl-protocols': 'TLSv1.2' });
  });
  it('wires the components as the reference flows say', () => {
    const byId = Object.fromEntries(ax.components.map((c) => [c.id, c]));
    expect(byId['axway-api-manager']!.dependsOn).toEqual(['axway-anm']);
    expect(byId['axway-traffic']!.dependsOn).toEqual(['axway-anm', 'axway-api-manager']);
    expect(byId['axway-anm']!.connects.map((c) => c.port)).toEqual([8085, 8085]);
    expect(byId['axway-traffic']!.external.map((e) => `${e.host}:${e.port}`)).toContain('cassandra-3.base.example.org:9042');
  });
});

describe('domain rules', () => {
  it.each<[string, Record<string, unknown>, boolean, string, string]>([
    ['hot deployment in production', { deploymentEnabled: true }, true, 'axway.deploymentEnabled', 'must be false in production'],
    ['hot deployment with many traffic pods', { deploymentEnabled: true }, false, 'axway.deploymentEnabled', 'needs a single traffic pod'],
    ['two ANMs', { adminNodeManager: { replicas: 2 } }, false, 'axway.adminNodeManager.replicas', 'must be 1 (got 2)'],
    ['a heap that does not fit', { traffic: { heapMb: 1800 } }, false, 'axway.traffic.heapMb', 'does not fit the memory limit "2Gi"'],
    [
      'two Cassandra nodes in production',
      { cassandra: { ...axwayBaseSpec.cassandra, hosts: ['a.example.org', 'b.example.org'] } },
      true,
      'axway.cassandra.hosts',
      'at least 3 Cassandra nodes',
    ],
    [
      'a bad keyspace',
      { cassandra: { ...axwayBaseSpec.cassandra, keyspace: 'axway-apim' } },
      false,
      'axway.cassandra.keyspace',
      '"axway-apim" is not a valid keyspace name',
    ],
    ['a bad Cassandra host', { cassandra: { ...axwayBaseSpec.cassandra, hosts: ['cass 3'] } }, false, 'axway.cassandra.hosts[0]', '"cass 3"'],
    ['an HPA minimum below the replicas', { traffic: { replicas: 4 } }, false, 'axway.traffic.autoscaling.minReplicas', 'below axway.traffic.replicas (4)'],
    [
      'an HPA maximum below the minimum',
      { traffic: { autoscaling: { maxReplicas: 2 } } },
      false,
      'axway.traffic.autoscaling.maxReplicas',
      'below minReplicas (3)',
    ],
    [
      'a CPU request that is no quantity',
      { traffic: { resources: { requests: { cpu: 'lots', memory: '1Gi' } } } },
      false,
      'axway.traffic.resources.requests.cpu',
      'must be a positive CPU quantity',
    ],
    ['ReadWriteOnce with an HPA', { events: { accessMode: 'ReadWriteOnce' } }, false, 'axway.events.accessMode', '"ReadWriteOnce" is allowed only'],
    ['ReadWriteOnce in production', { ...single, events: { accessMode: 'ReadWriteOnce' } }, true, 'axway.events.accessMode', 'production must share events'],
    ['one traffic pod in production', single, true, 'axway.traffic.replicas', 'at least 3 traffic pods'],
    ['a public ANM', { adminNodeManager: { allowedSourceRanges: [] } }, false, 'axway.adminNodeManager.allowedSourceRanges', 'at least one CIDR'],
    [
      'a bad CIDR',
      { adminNodeManager: { allowedSourceRanges: ['10.0.0.0/8', '10.0.0.300/8'] } },
      false,
      'axway.adminNodeManager.allowedSourceRanges[1]',
      '"10.0.0.300/8"',
    ],
    [
      'a schema Job on SQL Server',
      { metricsSchemaJob: { enabled: true }, metricsDb: { ...axwayBaseSpec.metricsDb, type: 'mssql', port: 1433 } },
      false,
      'axway.metricsSchemaJob.enabled',
      'cannot run against "mssql"',
    ],
    ['a literal password', { cassandra: { ...axwayBaseSpec.cassandra, credentials: 'hunter2' } }, false, 'axway.cassandra.credentials', 'not a literal value'],
    ['a latest tag', { images: { gateway: { tag: 'latest' } } }, false, 'axway.images.gateway.tag', 'immutable tag'],
    ['a typo', { trafic: {} }, false, 'axway.trafic', 'is not a known field'],
    ['one host for two interfaces', { hosts: { apiManager: 'anm.test.example.org' } }, false, 'axway.hosts.apiManager', 'already the adminNodeManager host'],
  ])('rejects %s', (_name, axway, production, path, message) => {
    const issues = issuesOf(environment(axway, production));
    const found = issues.filter((i) => i.path === path).map((i) => i.message);
    expect(
      found.filter((m) => m.includes(message)),
      JSON.stringify(issues),
    ).toHaveLength(1);
  });

  it('accepts the dev shape: one traffic pod, no HPA, ReadWriteOnce, hot deployment', () => {
    expect(issuesOf(environment({ ...single, events: { accessMode: 'ReadWriteOnce' }, deploymentEnabled: true }))).toEqual([]);
  });

  it('prefixes every message with the source and the exact path', () => {
    expect(() => resolveEnvironment(environment({ adminNodeManager: { replicas: 2 } }), 'environments/x/environment.ts')).toThrow(
      /^environments\/x\/environment\.ts: axway\.adminNodeManager\.replicas: must be 1 \(got 2\)/m,
    );
  });
});

describe('CIDR check', () => {
  it.each(['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', 'fd00::/8', '2001:db8::/32', '::1/128'])('accepts %s', (cidr) => {
    expect(isCidr(cidr)).toBe(true);
  });
  it.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0.01/8', 'fd00::/129', 'fd00:::/8', 'example.org/8', ''])('rejects %j', (cidr) => {
    expect(isCidr(cidr)).toBe(false);
  });
});
