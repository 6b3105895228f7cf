import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '@apim-gitops/models';
import type { Obj } from './rendered';
import { baseWith, byKind, environments, named, nginxEntry, renderAllPlain, renderWso2Plain } from './rendered';

/** Every environment that runs ingress-nginx: the committed ones that do, and the base moved to it. */
const nginxEnvironments: Record<string, EnvironmentSpec> = {
  'base on ingress-nginx': { ...environments.base!, entry: nginxEntry },
  ...Object.fromEntries(Object.entries(environments).filter(([, spec]) => spec.entry?.kind === 'ingress-nginx' || spec.entry?.kind === 'both')),
};

describe.each(Object.keys(nginxEnvironments))('%s: WSO2 ingresses', (name) => {
  const all = renderAllPlain(nginxEnvironments[name]!);
  const objects = renderWso2Plain(nginxEnvironments[name]!);
  const rules = byKind(all, 'Ingress').flatMap((i) => i.spec.rules.map((r: Obj) => ({ ingress: i, rule: r })));

  it('no two rules claim the same host and path', () => {
    const claims = rules.flatMap(({ rule }) => rule.http.paths.map((p: Obj) => `${rule.host}${p.path}`));
    expect(claims.length).toBeGreaterThan(0);
    expect(new Set(claims).size).toBe(claims.length);
  });

  it('every backend is a rendered Service port, and every host has TLS from the environment certificate', () => {
    const services = new Map(byKind(all, 'Service').map((s) => [s.metadata.name, s.spec.ports.map((p: Obj) => p.port)]));
    for (const { ingress, rule } of rules) {
      const backend = rule.http.paths[0].backend.service;
      expect(services.get(backend.name), `${ingress.metadata.name}: ${backend.name}`).toContain(backend.port.number);
      expect(ingress.spec.tls[0].hosts).toContain(rule.host);
      expect(ingress.spec.tls[0].secretName).toBe('apim-tls');
      expect(ingress.spec.ingressClassName).toBe('nginx');
    }
  });

  it.each([
    ['wso2-control-plane', 'am.', 'wso2-control-plane', 9443, { 'backend-protocol': 'HTTPS', affinity: 'cookie', 'session-cookie-name': 'route' }],
    ['wso2-gateway', 'gw.', 'wso2-gateway', 8243, { 'backend-protocol': 'HTTPS', 'proxy-buffering': 'on', 'proxy-buffer-size': '8k' }],
    ['wso2-gateway-websocket', 'websocket.', 'wso2-gateway', 8099, { 'backend-protocol': 'HTTPS', 'proxy-read-timeout': '3600', 'proxy-send-timeout': '3600' }],
    ['wso2-gateway-websub', 'websub.', 'wso2-gateway', 8021, { 'backend-protocol': 'HTTPS' }],
  ])('%s serves %s on %s:%i', (ingressName, prefix, service, port, annotations) => {
    const ingress = named(objects, 'Ingress', ingressName);
    expect(ingress.spec.rules).toHaveLength(1);
    expect(ingress.spec.rules[0].host.startsWith(prefix)).toBe(true);
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({
      path: '/',
      pathType: 'Prefix',
      backend: { service: { name: service, port: { number: port } } },
    });
    const expected = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v]));
    // Exactly these ingress-nginx annotations; other annotations (Argo CD's sync wave) are not ours to check here.
    const nginxAnnotations = Object.fromEntries(
      Object.entries<string>(ingress.metadata.annotations).filter(([k]) => k.startsWith('nginx.ingress.kubernetes.io/')),
    );
    expect(nginxAnnotations).toEqual(expected);
  });

  it('sends no gateway host to the control plane', () => {
    for (const { rule } of rules.filter(({ rule }) => /^(gw|websocket|websub)\./.test(rule.host)))
      expect(rule.http.paths[0].backend.service.name).toBe('wso2-gateway');
  });
});

describe('key manager ingress', () => {
  const nginx = { entry: nginxEntry };
  it('is off by default', () => {
    expect(byKind(renderWso2Plain(baseWith({}, nginx)), 'Ingress').map((i) => i.metadata.name)).not.toContain('wso2-key-manager');
  });
  it('serves km.<domain> on the key managers when switched on', () => {
    const ingress = named(renderWso2Plain(baseWith({ keyManager: { ingress: true } }, nginx)), 'Ingress', 'wso2-key-manager');
    expect(ingress.spec.rules[0]).toMatchObject({
      host: 'km.base.example.org',
      http: { paths: [{ backend: { service: { name: 'wso2-key-manager', port: { number: 9443 } } } }] },
    });
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-buffer-size']).toBe('8k');
  });
  it('uses overridden hosts everywhere', () => {
    const objects = renderWso2Plain(baseWith({ hostnames: { gateway: 'api.example.com' } }, nginx));
    expect(named(objects, 'Ingress', 'wso2-gateway').spec.rules[0].host).toBe('api.example.com');
    expect(named(renderWso2Plain(baseWith({ hostnames: { gateway: 'api.example.com' } })), 'HTTPRoute', 'wso2-gateway').spec.hostnames).toEqual([
      'api.example.com',
    ]);
    expect(named(objects, 'ConfigMap', 'wso2-control-plane-config').data['deployment.toml']).toContain('https_endpoint = "https://api.example.com"');
  });
});
