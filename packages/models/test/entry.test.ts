import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '../src';
import { baseEnvironmentSpec, resolveEnvironment, SpecError } from '../src';

const source = 'environments/qa/environment.ts';

function spec(entry: unknown, stacks: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return { ...baseEnvironmentSpec, name: 'qa', namespace: 'apim-qa', entry, ...stacks } as EnvironmentSpec;
}

function problems(s: EnvironmentSpec): string[] {
  try {
    resolveEnvironment(s, source);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message.split('\n');
  }
  return [];
}

const tls = { secretRef: 'apim-tls' };

describe('the entry', () => {
  it('is Gateway API on a platform Gateway when an environment says nothing', () => {
    const env = resolveEnvironment(spec(undefined), source);
    expect(env.entry).toEqual({
      gatewayApi: {
        implementation: 'envoy-gateway',
        gateway: { mode: 'attach', name: 'apim', namespace: 'envoy-gateway-system' },
        dataPlane: {
          namespace: 'envoy-gateway-system',
          podLabels: { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway' },
        },
        hsts: 'max-age=31536000; includeSubDomains',
      },
    });
    // The platform's Gateway holds the certificate, so no TLS Secret is asked for.
    expect(env.secrets.map((s) => s.name)).not.toContain('apim-tls');
  });

  it('keeps ingress-nginx for clusters that still run it, with its class and namespace', () => {
    const env = resolveEnvironment(spec({ kind: 'ingress-nginx', tls }), source);
    expect(env.entry).toEqual({
      tlsSecret: 'apim-tls',
      ingressNginx: {
        className: 'nginx',
        controllerNamespace: 'ingress-nginx',
        controllerPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
      },
    });
  });

  it('renders both entries during a move, and a Gateway of its own with its certificate when asked', () => {
    const env = resolveEnvironment(
      spec({ kind: 'both', tls, gatewayApi: { gateway: { mode: 'render' }, hsts: { maxAgeSeconds: 600, includeSubDomains: false } } }),
      source,
    );
    expect(env.entry.ingressNginx).toBeDefined();
    expect(env.entry.gatewayApi).toMatchObject({ gateway: { mode: 'render', name: 'apim', className: 'eg' }, hsts: 'max-age=600' });
    expect(env.secrets.find((s) => s.name === 'apim-tls')).toMatchObject({
      type: 'kubernetes.io/tls',
      keys: ['tls.crt', 'tls.key'],
      usedBy: ['gateway', 'ingress'],
    });
  });

  it.each<[string, unknown, string]>([
    [
      'ingress-nginx without a certificate',
      { kind: 'ingress-nginx' },
      'entry.tls: is required: the Ingresses terminate TLS for every public host with it; name a kubernetes.io/tls Secret, e.g. { secretRef: "apim-tls" }',
    ],
    [
      'a rendered Gateway without a certificate',
      { gatewayApi: { gateway: { mode: 'render' } } },
      `entry.tls: is required: the environment's Gateway terminates TLS for every public host with it; name a kubernetes.io/tls Secret, e.g. { secretRef: "apim-tls" }`,
    ],
    [
      'a certificate nothing uses',
      { tls },
      'entry.tls: is not used: the platform Gateway "envoy-gateway-system/apim" terminates TLS with its own certificate; leave it out, or render the Gateway (entry.gatewayApi.gateway: { mode: "render" })',
    ],
    [
      'an attached Gateway without its namespace',
      { gatewayApi: { gateway: { mode: 'attach', name: 'shared' } } },
      'entry.gatewayApi.gateway.namespace: is required (a string)',
    ],
    ['an unknown Gateway mode', { gatewayApi: { gateway: { mode: 'own' } } }, 'entry.gatewayApi.gateway.mode: must be one of "attach", "render" (got "own")'],
    [
      'a listener name with upper case',
      { gatewayApi: { gateway: { mode: 'attach', name: 'shared', namespace: 'gateways', sectionName: 'HTTPS' } } },
      'entry.gatewayApi.gateway.sectionName: "HTTPS" is not a valid DNS name (use lower case: "https")',
    ],
    [
      'a class on an attached Gateway',
      { gatewayApi: { gateway: { mode: 'attach', name: 'shared', namespace: 'gateways', className: 'eg' } } },
      'entry.gatewayApi.gateway.className: is not a known field (known: mode, name, namespace, sectionName)',
    ],
    ['an unknown implementation', { gatewayApi: { implementation: 'istio' } }, 'entry.gatewayApi.implementation: must be "envoy-gateway" (got "istio")'],
    [
      'a proxy label key with a space',
      { gatewayApi: { dataPlane: { podLabels: { 'app name': 'envoy' } } } },
      'entry.gatewayApi.dataPlane.podLabels: "app name" is not a label key',
    ],
    ['a negative HSTS max-age', { gatewayApi: { hsts: { maxAgeSeconds: -1 } } }, 'entry.gatewayApi.hsts.maxAgeSeconds: must be at least 0 (got -1)'],
  ])('reports %s', (_name, entry, message) => {
    expect(problems(spec(entry))).toContain(`${source}: ${message}`);
  });
});

describe('back-end TLS', () => {
  const { backendTls: _w, ...wso2 } = baseEnvironmentSpec.wso2!;
  const { backendTls: _a, ...axway } = baseEnvironmentSpec.axway!;

  it('is required of every stack with Gateway API, and of none with ingress-nginx alone', () => {
    const lines = problems(spec(undefined, { wso2, axway }));
    expect(lines.filter((l) => l.includes('backendTls'))).toEqual([
      `${source}: wso2.backendTls: is required with Gateway API: every back end serves HTTPS with its own certificate, so the Gateway needs the host name it carries and its CA, e.g. { hostname: "…", caCertificate: { secretRef: "…" } }`,
      `${source}: axway.backendTls: is required with Gateway API: every back end serves HTTPS with its own certificate, so the Gateway needs the host name it carries and its CA, e.g. { hostname: "…", caCertificate: { secretRef: "…" } }`,
    ]);
    expect(problems(spec({ kind: 'ingress-nginx', tls }, { wso2, axway }))).toEqual([]);
  });

  it.each<[string, object, string]>([
    [
      'both a Secret and a ConfigMap',
      { secretRef: 'ca', configMapRef: 'ca' },
      'wso2.backendTls.caCertificate: must name exactly one of secretRef and configMapRef (got both)',
    ],
    ['neither', {}, 'wso2.backendTls.caCertificate: must name exactly one of secretRef and configMapRef (got neither)'],
  ])('names exactly one CA source (%s)', (_name, caCertificate, message) => {
    expect(problems(spec(undefined, { wso2: { ...wso2, backendTls: { hostname: 'wso2.internal', caCertificate } } }))).toContain(`${source}: ${message}`);
  });

  it("makes a CA in a Secret one of the environment's Secrets, read by the Gateway; a ConfigMap is the cluster's", () => {
    const env = resolveEnvironment(
      spec(undefined, { axway: { ...axway, backendTls: { hostname: 'axway.internal', caCertificate: { configMapRef: 'corp-ca' } } } }),
      source,
    );
    expect(env.secrets.find((s) => s.name === 'wso2-backend-ca')).toMatchObject({ keys: ['ca.crt'], usedBy: ['gateway'] });
    expect(env.axway!.routes[0]!.backendTls).toEqual({ hostname: 'axway.internal', caCertificate: { kind: 'ConfigMap', name: 'corp-ca' } });
  });
});

describe('public routes', () => {
  const env = resolveEnvironment(spec(undefined, { wso2: { ...baseEnvironmentSpec.wso2!, keyManager: { ingress: true } } }), source);
  const view = (routes: NonNullable<typeof env.wso2>['routes']) =>
    routes.map((r) => [
      r.name,
      r.host,
      r.serviceName,
      r.servicePort,
      r.sessionCookie ?? '',
      r.http1Only,
      r.requestTimeoutSeconds,
      r.idleTimeoutSeconds ?? '',
      r.allowedSourceRanges?.join(',') ?? '',
    ]);

  it('sends each WSO2 host to its component: management with a session cookie, WebSocket without a request timeout', () => {
    expect(view(env.wso2!.routes)).toEqual([
      ['wso2-control-plane', 'am.base.example.org', 'wso2-control-plane', 9443, 'route', false, 60, '', ''],
      ['wso2-gateway', 'gw.base.example.org', 'wso2-gateway', 8243, '', false, 60, '', ''],
      ['wso2-gateway-websocket', 'websocket.base.example.org', 'wso2-gateway', 8099, '', false, 0, 3600, ''],
      ['wso2-gateway-websub', 'websub.base.example.org', 'wso2-gateway', 8021, '', false, 60, '', ''],
      ['wso2-key-manager', 'km.base.example.org', 'wso2-key-manager', 9443, '', false, 60, '', ''],
    ]);
  });

  it('sends each Axway interface to its own host over HTTP/1.1, the ANM to its allow-list only', () => {
    expect(view(env.axway!.routes)).toEqual([
      ['axway-anm', 'anm.base.example.org', 'anm', 8090, '', true, 60, '', '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16'],
      ['axway-api-manager', 'apimgmt.base.example.org', 'apimgr', 8075, 'APIMGR_AFFINITY', true, 60, '', ''],
      ['axway-traffic', 'apimgr.base.example.org', 'traffic', 8065, '', true, 120, '', ''],
    ]);
  });
});
