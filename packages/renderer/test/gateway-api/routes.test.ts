import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '@apim-gitops/models';
import type { Obj } from '../wso2/rendered';
import { baseWith, byKind, environments, named, nginxEntry, renderAllPlain } from '../wso2/rendered';

const gatewayApiEnvironments = Object.entries(environments).filter(([, spec]) => (spec.entry?.kind ?? 'gateway-api') !== 'ingress-nginx');

describe.each(gatewayApiEnvironments.map(([name]) => name))('%s: HTTPRoutes', (name) => {
  const objects = renderAllPlain(environments[name]!);
  const routes = byKind(objects, 'HTTPRoute');
  const services = new Map(byKind(objects, 'Service').map((s) => [s.metadata.name, s]));

  it('route each public host, at "/", to one port of a rendered Service, and render no Ingress', () => {
    const whole = routes.filter((r) => r.metadata.name !== 'wso2-control-plane-admin');
    expect(whole.map((r) => r.spec.hostnames[0].split('.')[0]).sort()).toEqual(['am', 'anm', 'apimgmt', 'apimgr', 'gw', 'websocket', 'websub']);
    expect(byKind(objects, 'Ingress')).toEqual([]);
    // prod's allow-list gives the WSO2 management paths a route of their own on the am host.
    if (name === 'prod')
      expect(named(objects, 'HTTPRoute', 'wso2-control-plane-admin').spec.rules[0].matches.map((m: Obj) => m.path.value)).toEqual([
        '/carbon',
        '/admin',
        '/publisher',
        '/services',
        '/api/am/publisher',
        '/api/am/admin',
      ]);
    for (const route of routes) {
      expect(route.spec.rules, route.metadata.name).toHaveLength(1);
      const [rule] = route.spec.rules;
      if (route.metadata.name !== 'wso2-control-plane-admin') expect(rule.matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
      const backend = rule.backendRefs[0];
      expect(
        services.get(backend.name)?.spec.ports.map((p: Obj) => p.port),
        route.metadata.name,
      ).toContain(backend.port);
    }
  });

  it('send HSTS on every response', () => {
    for (const route of routes)
      expect(route.spec.rules[0].filters, route.metadata.name).toEqual([
        {
          type: 'ResponseHeaderModifier',
          responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] },
        },
      ]);
  });

  it('keep a browser on one WSO2 control plane and one Axway API Manager by cookie, and nothing else', () => {
    const sticky = Object.fromEntries(
      routes.filter((r) => r.spec.rules[0].sessionPersistence).map((r) => [r.metadata.name, r.spec.rules[0].sessionPersistence]),
    );
    expect(sticky).toEqual({
      'wso2-control-plane': { sessionName: 'route', type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } },
      ...(name === 'prod' ? { 'wso2-control-plane-admin': { sessionName: 'route', type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } } } : {}),
      'axway-api-manager': { sessionName: 'APIMGR_AFFINITY', type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } },
    });
  });

  it('wait as long as ingress-nginx did, and never time out an upgraded WebSocket connection', () => {
    const timeouts = Object.fromEntries(routes.map((r) => [r.metadata.name, r.spec.rules[0].timeouts.request]));
    expect(timeouts).toEqual({
      'wso2-control-plane': '60s',
      ...(name === 'prod' ? { 'wso2-control-plane-admin': '60s' } : {}),
      'wso2-gateway': '60s',
      'wso2-gateway-websocket': '0s',
      'wso2-gateway-websub': '60s',
      'axway-anm': '60s',
      'axway-api-manager': '60s',
      'axway-traffic': '120s',
    });
  });

  it('have a BackendTLSPolicy for every Service they reach, whose ports they use all serve HTTPS', () => {
    const policies = byKind(objects, 'BackendTLSPolicy');
    const targets = policies.map((p) => p.spec.targetRefs[0]);
    expect(targets.map((t: Obj) => t.name).sort()).toEqual(['anm', 'apimgr', 'traffic', 'wso2-control-plane', 'wso2-gateway']);
    for (const t of targets) expect(t).toMatchObject({ group: '', kind: 'Service' });
    for (const route of routes) {
      const backend = route.spec.rules[0].backendRefs[0];
      const port = services.get(backend.name)!.spec.ports.find((p: Obj) => p.port === backend.port);
      expect(port.appProtocol, `${route.metadata.name} → ${backend.name}:${backend.port}`).toBe('https');
    }
    for (const policy of policies) {
      expect(policy.spec.validation.caCertificateRefs, policy.metadata.name).toHaveLength(1);
      expect(policy.spec.validation.hostname, policy.metadata.name).toMatch(/^(wso2|axway)-apim\./);
    }
  });
});

describe('prod', () => {
  const objects = renderAllPlain(environments.prod!);

  it("attaches every route to its host's listener of the environment's Gateway", () => {
    for (const route of byKind(objects, 'HTTPRoute')) {
      const listener = route.metadata.name === 'wso2-control-plane-admin' ? 'wso2-control-plane' : route.metadata.name;
      expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'apim', sectionName: listener }]);
    }
  });

  it("checks the pods' certificates against the internal CA and the host name they carry", () => {
    expect(named(objects, 'BackendTLSPolicy', 'wso2-gateway').spec.validation).toEqual({
      caCertificateRefs: [{ group: '', kind: 'Secret', name: 'wso2-backend-ca' }],
      hostname: 'wso2-apim.apim-prod.svc',
    });
    expect(named(objects, 'BackendTLSPolicy', 'axway-traffic').spec.validation.hostname).toBe('axway-apim.apim-prod.svc');
    expect(named(objects, 'ExternalSecret', 'wso2-backend-ca').spec.data.map((d: Obj) => d.secretKey)).toEqual(['ca.crt']);
  });
});

describe('the base, on a platform Gateway', () => {
  const objects = renderAllPlain(environments.base!);

  it('attaches every route to the platform Gateway in its namespace, renders no Gateway and no listener policy', () => {
    for (const route of byKind(objects, 'HTTPRoute'))
      expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'envoy-gateway-system', name: 'apim' }]);
    expect(byKind(objects, 'Gateway')).toEqual([]);
    expect(byKind(objects, 'ClientTrafficPolicy')).toEqual([]);
  });

  it('attaches to the named listener when the environment gives one', () => {
    const spec = baseWith({}, { entry: { gatewayApi: { gateway: { mode: 'attach', name: 'shared', namespace: 'gateways', sectionName: 'https' } } } });
    expect(named(renderAllPlain(spec), 'HTTPRoute', 'wso2-gateway').spec.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateways', name: 'shared', sectionName: 'https' },
    ]);
  });

  it('routes km.<domain> to the key managers only when asked', () => {
    const hosts = (spec: EnvironmentSpec) => byKind(renderAllPlain(spec), 'HTTPRoute').map((r) => r.metadata.name);
    expect(hosts(environments.base!)).not.toContain('wso2-key-manager');
    const km = named(renderAllPlain(baseWith({ keyManager: { ingress: true } })), 'HTTPRoute', 'wso2-key-manager');
    expect(km.spec).toMatchObject({ hostnames: ['km.base.example.org'], rules: [{ backendRefs: [{ name: 'wso2-key-manager', port: 9443 }] }] });
  });
});

describe('an environment moving from ingress-nginx to Gateway API', () => {
  const objects = renderAllPlain(baseWith({}, { entry: { ...nginxEntry, kind: 'both', gatewayApi: { gateway: { mode: 'render' } } } }));

  it('serves every host through both, to the same Service ports', () => {
    const viaIngress = byKind(objects, 'Ingress').map(
      (i) => `${i.spec.rules[0].host} → ${i.spec.rules[0].http.paths[0].backend.service.name}:${i.spec.rules[0].http.paths[0].backend.service.port.number}`,
    );
    const viaRoute = byKind(objects, 'HTTPRoute').map(
      (r) => `${r.spec.hostnames[0]} → ${r.spec.rules[0].backendRefs[0].name}:${r.spec.rules[0].backendRefs[0].port}`,
    );
    expect(viaRoute.length).toBe(7);
    expect(viaRoute.sort()).toEqual(viaIngress.sort());
  });

  it('terminates TLS with the one certificate on both', () => {
    expect(new Set(byKind(objects, 'Ingress').map((i) => i.spec.tls[0].secretName))).toEqual(new Set(['apim-tls']));
    for (const listener of named(objects, 'Gateway', 'apim').spec.listeners)
      expect(listener.tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'apim-tls' }]);
  });
});
