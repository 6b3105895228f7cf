import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, Wso2Spec } from '../../src/index';
import { baseEnvironmentSpec, resolveEnvironment, SpecError } from '../../src/index';

const wso2Base = baseEnvironmentSpec.wso2!;

function withWso2(wso2: Partial<Wso2Spec> | Record<string, unknown>, env: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  // A gateway override keeps the base's back ends, which every environment must name.
  const gateway = { backends: wso2Base.gateway!.backends, ...((wso2 as Partial<Wso2Spec>).gateway ?? {}) };
  return { ...baseEnvironmentSpec, name: 'test', ...env, wso2: { ...wso2Base, ...wso2, gateway } as Wso2Spec };
}

function issuesOf(spec: EnvironmentSpec): string[] {
  try {
    resolveEnvironment(spec, 'test');
  } catch (error) {
    if (error instanceof SpecError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('WSO2 defaults', () => {
  const env = resolveEnvironment(withWso2({}), 'test');
  const wso2 = env.wso2!;

  it('runs Pattern 5 as written: 1 control plane, 2 key managers, 2 gateways', () => {
    expect([wso2.controlPlane.replicas, wso2.keyManager.replicas, wso2.gateway.replicas]).toEqual([1, 2, 2]);
  });

  it('derives every public host from the domain', () => {
    expect(wso2.hostnames).toEqual({
      management: 'am.base.example.org',
      gateway: 'gw.base.example.org',
      websocket: 'websocket.base.example.org',
      websub: 'websub.base.example.org',
      keyManager: 'km.base.example.org',
    });
  });

  it.each([
    ['controlPlane', 'registry.example.org/apim/wso2/wso2am:4.5.0', undefined],
    ['keyManager', 'registry.example.org/apim/wso2/wso2am-acp:4.5.0', 'key-manager'],
    // The Universal Gateway image has no profiles (docker-apim 4.5.x apim-universal-gw/docker-entrypoint.sh).
    ['gateway', 'registry.example.org/apim/wso2/wso2am-universal-gw:4.5.0', undefined],
  ] as const)('runs the %s from %s with profile %s', (role, image, profile) => {
    expect(wso2[role].image).toBe(image);
    expect(wso2[role].profile).toBe(profile);
  });

  it('sizes every component as the reference does: 2 CPU/2Gi requests, 3 CPU/3Gi limits, 2048 MiB heap', () => {
    for (const c of [wso2.controlPlane, wso2.keyManager, wso2.gateway]) {
      expect(c.resources).toEqual({ requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '3', memory: '3Gi' } });
      expect(c.heapMiB).toBe(2048);
    }
  });

  it('autoscales the gateways from their replica count up, at 75 % CPU', () => {
    expect(wso2.gateway.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 4, targetCpuPercent: 75 });
  });

  it('builds JDBC URLs with TLS required outside production and no schema Job', () => {
    expect(wso2.databases.apim.url).toBe('jdbc:mysql://mysql.base.example.org:3306/apim_db?sslMode=REQUIRED');
    expect(wso2.databases.shared.url).toBe('jdbc:mysql://mysql.base.example.org:3306/shared_db?sslMode=REQUIRED');
    expect(wso2.schemaJob).toBeUndefined();
  });

  it('verifies the server in production against the keystores truststore, and needs the CA for the mysql clients', () => {
    const prod = { production: true };
    expect(issuesOf(withWso2({ keyManager: { replicas: 2 } }, prod))).toContainEqual(expect.stringContaining('test: wso2.databases.apim.tls.ca: is required'));
    const ca = { ca: { secretRef: 'mysql-ca' } };
    const verified = resolveEnvironment(
      withWso2(
        { keyManager: { replicas: 2 }, databases: { apim: { ...wso2Base.databases.apim, tls: ca }, shared: { ...wso2Base.databases.shared, tls: ca } } },
        { ...prod, axway: undefined } as Partial<EnvironmentSpec>,
      ),
      'test',
    ).wso2!;
    expect(verified.databases.apim.url).toBe(
      'jdbc:mysql://mysql.base.example.org:3306/apim_db?sslMode=VERIFY_IDENTITY&amp;trustCertificateKeyStoreUrl=file:/home/wso2carbon/wso2-config-volume/repository/resources/security/client-truststore.jks',
    );
  });

  it('joins extra JDBC parameters with &amp; because WSO2 renders the URL into XML', () => {
    const custom = resolveEnvironment(
      withWso2({
        databases: {
          ...wso2Base.databases,
          apim: { ...wso2Base.databases.apim, tls: { mode: 'DISABLED' }, urlOptions: { allowPublicKeyRetrieval: 'true', serverTimezone: 'UTC' } },
        },
      }),
      'test',
    );
    expect(custom.wso2!.databases.apim.url).toBe(
      'jdbc:mysql://mysql.base.example.org:3306/apim_db?sslMode=DISABLED&amp;allowPublicKeyRetrieval=true&amp;serverTimezone=UTC',
    );
  });
});

describe('WSO2 wiring and components', () => {
  const wso2 = resolveEnvironment(withWso2({}), 'test').wso2!;
  const byId = new Map(wso2.components.map((c) => [c.id, c]));
  const serviceOf = new Map(wso2.components.map((c) => [c.serviceName, c.id]));
  const urls = Object.values(wso2.wiring).flat() as string[];

  it.each(urls)('%s names a component Service', (url) => {
    const match = /^[a-z]+:\/\/([^:/]+):(\d+)/.exec(url);
    expect(match, url).not.toBeNull();
    expect(serviceOf.has(match![1]!), url).toBe(true);
  });

  it('lists every URL a component reads in its connects, its own Service included, and nothing else', () => {
    const reads: Record<string, (keyof typeof wso2.wiring)[]> = {
      'wso2-control-plane': ['keyManagerServiceUrl', 'jwksUrl', 'gatewayServiceUrl', 'tokenRevocationUrl'],
      'wso2-key-manager': ['eventHubServiceUrl', 'eventListeningEndpoints', 'tokenRevocationUrl'],
      'wso2-gateway': [
        'keyManagerServiceUrl',
        'eventHubServiceUrl',
        'eventListeningEndpoints',
        'throttlingServiceUrl',
        'throttleDecisionEndpoints',
        'trafficManagerUrls',
        'trafficManagerAuthUrls',
      ],
    };
    for (const [id, fields] of Object.entries(reads)) {
      const expected = new Set<string>();
      for (const field of fields)
        for (const url of [wso2.wiring[field]].flat()) {
          const [, host, port] = /^[a-z]+:\/\/([^:/]+):(\d+)/.exec(url)!;
          const to = serviceOf.get(host!)!;
          // The control plane notifies itself of revocations through its Service: a real connection.
          expected.add(`${to}:${port}`);
        }
      expect(new Set(byId.get(id)!.connects.map((c) => `${c.to}:${c.port}`)), id).toEqual(expected);
    }
  });

  it('orders start-up as the reference does', () => {
    expect(byId.get('wso2-control-plane')!.dependsOn).toEqual([]);
    expect(byId.get('wso2-key-manager')!.dependsOn).toEqual(['wso2-control-plane']);
    expect(byId.get('wso2-gateway')!.dependsOn).toEqual(['wso2-control-plane', 'wso2-key-manager']);
  });

  it('lets the gateways reach only shared_db and their back ends, the others both databases', () => {
    expect(byId.get('wso2-gateway')!.external.map((e) => e.what)).toEqual(['shared_db', 'api-backends']);
    expect(byId.get('wso2-key-manager')!.external.map((e) => e.what)).toEqual(['apim_db', 'shared_db']);
    expect(byId.get('wso2-control-plane')!.external).toContainEqual({ host: 'mysql.base.example.org', port: 3306, what: 'apim_db', cidrs: ['10.30.0.0/16'] });
  });

  it('refuses gateways without a back end, and a back end known by name only', () => {
    expect(issuesOf(withWso2({ gateway: { backends: [] } }))).toContainEqual(
      expect.stringContaining('test: wso2.gateway.backends: must name at least one API back end'),
    );
    expect(issuesOf(withWso2({ gateway: { backends: [{ name: 'orders', ports: [443] }] } }))).toContainEqual(
      expect.stringContaining('test: wso2.gateway.backends[0].cidrs: must list the address blocks of "orders" (a NetworkPolicy cannot match a DNS name)'),
    );
    expect(issuesOf(withWso2({ gateway: { backends: [{ name: 'web', anyAddressOutsideCluster: true, ports: [443] }] } }))).toContainEqual(
      'test: wso2.gateway.backends[0].anyAddressOutsideCluster: needs network.clusterCidrs (the pod and Service CIDRs), so that "outside the cluster" excludes them',
    );
    expect(issuesOf(withWso2({ gateway: { backends: [{ name: 'orders', cidrs: ['orders.example.org'], ports: [443] }] } }))).toContainEqual(
      'test: wso2.gateway.backends[0].cidrs[0]: "orders.example.org" is not a CIDR block such as "10.0.0.0/8"',
    );
  });

  it('needs the address of every database in production: a NetworkPolicy cannot match a DNS name', () => {
    const prod = { production: true, network: {} };
    expect(issuesOf(withWso2({ keyManager: { replicas: 2 } }, prod))).toContainEqual(
      expect.stringContaining('test: wso2.databases.apim.cidrs: production needs the address block of "mysql.base.example.org"'),
    );
  });

  it('renames every reference when a Service is renamed', () => {
    const renamed = resolveEnvironment(
      withWso2({ gateway: { serviceName: 'apim-gw' }, keyManager: { serviceName: 'apim-km' }, controlPlane: { serviceName: 'apim-cp' } }),
      'test',
    ).wso2!;
    const all = (Object.values(renamed.wiring).flat() as string[]).join(' ');
    expect(all).not.toMatch(/wso2-(control-plane|key-manager|gateway)/);
    expect(renamed.wiring.gatewayServiceUrl).toBe('https://apim-gw:9443/services/');
    expect(renamed.wiring.jwksUrl).toBe('https://apim-km:9443/oauth2/jwks');
    expect(renamed.wiring.trafficManagerAuthUrls).toEqual(['ssl://apim-cp:9711']);
    expect(renamed.gateway.waitFor.map((w) => w.host)).toEqual(['mysql.base.example.org', 'apim-cp', 'apim-cp', 'apim-cp', 'apim-km']);
    expect(renamed.components.map((c) => c.serviceName)).toEqual(['apim-cp', 'apim-km', 'apim-gw']);
  });

  it('declares each Secret with the keys the pods read', () => {
    const secrets = new Map(resolveEnvironment(withWso2({}), 'test').secrets.map((s) => [s.name, s]));
    expect(secrets.get('wso2-admin')).toMatchObject({
      keys: ['password', 'password-urlencoded', 'username'],
      usedBy: ['wso2-control-plane', 'wso2-gateway', 'wso2-key-manager'],
      derived: { 'password-urlencoded': { from: 'password', encoding: 'url' } },
    });
    expect(secrets.get('wso2-apim-db')).toMatchObject({ keys: ['password', 'username'], usedBy: ['wso2-control-plane', 'wso2-key-manager'] });
    expect(secrets.get('wso2-keystores')!.keys).toEqual(['client-truststore.jks', 'keystore-password', 'truststore-password', 'wso2carbon.jks']);
  });
});

const tooBig = { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '3Gi' } }, heapMiB: 2560 };
const dbs = wso2Base.databases;

describe('malformed WSO2 input names the field', () => {
  it.each<[string, Record<string, unknown>, Partial<EnvironmentSpec>, string]>([
    ['no gateways', { gateway: { replicas: 0 } }, {}, 'test: wso2.gateway.replicas: must be at least 1 (got 0)'],
    [
      'a heap that does not fit',
      { controlPlane: tooBig },
      {},
      'test: wso2.controlPlane.heapMiB: heap 2560 MiB plus 1024 MiB headroom does not fit the memory limit "3Gi"',
    ],
    ['two control planes', { controlPlane: { replicas: 2 } }, {}, 'test: wso2.controlPlane.replicas: Pattern 5 runs exactly one control plane (got 2)'],
    [
      'one key manager in production',
      { keyManager: { replicas: 1 } },
      { production: true },
      'test: wso2.keyManager.replicas: a production environment runs Pattern 5 as written, at least 2 (got 1)',
    ],
    [
      'one gateway in production',
      { gateway: { replicas: 1, autoscaling: { enabled: false } } },
      { production: true },
      'test: wso2.gateway.replicas: a production environment',
    ],
    [
      'an HPA below the replicas',
      { gateway: { autoscaling: { minReplicas: 1 } } },
      {},
      'test: wso2.gateway.autoscaling.minReplicas: 1 is below gateway.replicas (2)',
    ],
    [
      'an HPA with no room',
      { gateway: { autoscaling: { maxReplicas: 2 } } },
      {},
      'test: wso2.gateway.autoscaling.maxReplicas: 2 must be above minReplicas (2)',
    ],
    [
      'a host claimed twice',
      { hostnames: { gateway: 'am.base.example.org' } },
      {},
      'test: wso2.hostnames.gateway: "am.base.example.org" is already the management host',
    ],
    [
      'a host with a space',
      { hostnames: { websocket: 'web socket.example.org' } },
      {},
      'test: wso2.hostnames.websocket: "web socket.example.org" is not a valid DNS name (no spaces allowed)',
    ],
    [
      'a port out of range',
      { databases: { ...dbs, apim: { ...dbs.apim, port: 70000 } } },
      {},
      'test: wso2.databases.apim.port: must be at most 65535 (got 70000)',
    ],
    [
      'TLS off without key retrieval',
      { databases: { ...dbs, shared: { ...dbs.shared, tls: { mode: 'DISABLED' } } } },
      {},
      'test: wso2.databases.shared.urlOptions.allowPublicKeyRetrieval: must be "true" with tls.mode "DISABLED"',
    ],
    [
      'a TLS option outside tls',
      { databases: { ...dbs, shared: { ...dbs.shared, urlOptions: { useSSL: 'false' } } } },
      {},
      'test: wso2.databases.shared.urlOptions.useSSL: is set by tls.mode',
    ],
    [
      'a bad database host',
      { databases: { ...dbs, shared: { ...dbs.shared, host: 'MySQL' } } },
      {},
      'test: wso2.databases.shared.host: "MySQL" is not a valid DNS name (use lower case: "mysql")',
    ],
    ['a literal admin password', { admin: 'admin' }, {}, 'test: wso2.admin: must be a secret reference'],
    ['another version', { version: '4.6.0' }, {}, 'test: wso2.version: "4.6.0" is not a 4.5.x version'],
    [
      'a gateway label twice',
      { gatewayEnvironments: [{ name: 'Default' }, { name: 'Default' }] },
      {},
      'test: wso2.gatewayEnvironments[1].name: "Default" is named twice',
    ],
    ['no gateway environment', { gatewayEnvironments: [] }, {}, 'test: wso2.gatewayEnvironments: must name at least one gateway environment'],
    ['a typo', { gatway: {} }, {}, 'test: wso2.gatway: is not a known field'],
    [
      'one file for two stores',
      { keystores: { secret: { secretRef: 'wso2-keystores' }, truststoreFile: 'wso2carbon.jks' } },
      {},
      'test: wso2.keystores.truststoreFile: "wso2carbon.jks" is already used by another store',
    ],
    [
      'two components on one Service',
      { gateway: { serviceName: 'wso2-key-manager' } },
      {},
      'test: wso2.gateway.serviceName: "wso2-key-manager" is already another component\'s Service',
    ],
    ['a root user', { securityContext: { runAsUser: 0 } }, {}, 'test: wso2.securityContext.runAsUser: must be at least 1 (got 0)'],
    [
      'a request above its limit',
      { keyManager: { resources: { requests: { cpu: '4', memory: '2Gi' }, limits: { cpu: '3', memory: '3Gi' } } } },
      {},
      'test: wso2.keyManager.resources.requests.cpu: "4" is more than the limit "3"',
    ],
  ])('%s', (_name, wso2, env, expected) => {
    const issues = issuesOf(withWso2(wso2, env));
    expect(
      issues.some((line) => line.startsWith(expected)),
      `${expected}\nnot in:\n${issues.join('\n')}`,
    ).toBe(true);
  });

  it('reports every field problem at once, then every rule problem at once', () => {
    // Rules that relate fields run only on input whose fields are valid, so they never repeat a field error.
    expect(issuesOf(withWso2({ gateway: { replicas: 0 }, version: '5 0', controlPlane: { replicas: 30 } }))).toHaveLength(3);
    expect(issuesOf(withWso2({ version: '5.0.0', controlPlane: { replicas: 3 } }))).toHaveLength(2);
  });
});

describe('image tags in production', () => {
  it('refuses "latest" for every WSO2 image and the precheck image, as Axway does everywhere', () => {
    const lines = issuesOf(
      withWso2(
        { images: { controlPlane: { repository: 'wso2/wso2am', tag: 'latest' } }, schemaJob: { clientImage: { repository: 'mysql', tag: 'latest' } } },
        { production: true, images: { registry: 'registry.example.org/apim', precheck: { repository: 'busybox', tag: 'latest' } } },
      ),
    );
    for (const path of ['wso2.images.controlPlane.tag', 'wso2.schemaJob.clientImage.tag', 'images.precheck.tag'])
      expect(lines).toContainEqual(expect.stringContaining(`test: ${path}: must be an immutable tag in production, not "latest"`));
  });
});
