import { describe, expect, it } from 'vitest';
import type { Obj } from '../wso2/rendered';
import { baseWith, byKind, environments, named, renderAllPlain } from '../wso2/rendered';

describe('prod: Envoy Gateway policies', () => {
  const objects = renderAllPlain(environments.prod!);
  const policies = byKind(objects, 'ClientTrafficPolicy');

  it('give every listener of the Gateway its own ClientTrafficPolicy with TLS 1.2 at least', () => {
    const listeners = named(objects, 'Gateway', 'apim').spec.listeners.map((l: Obj) => l.name);
    expect(policies.map((p) => p.spec.targetRefs)).toEqual(
      listeners.map((l: string) => [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'apim', sectionName: l }]),
    );
    for (const policy of policies) expect(policy.spec.tls.minVersion, policy.metadata.name).toBe('1.2');
  });

  it('turn HTTP/2 off on the Axway hosts only (ALPN http/1.1), as the reference architecture asks', () => {
    const alpn = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec.tls.alpnProtocols ?? 'default']));
    expect(alpn).toEqual({
      'wso2-control-plane': 'default',
      'wso2-gateway': 'default',
      'wso2-gateway-websocket': 'default',
      'wso2-gateway-websub': 'default',
      'axway-anm': ['http/1.1'],
      'axway-api-manager': ['http/1.1'],
      'axway-traffic': ['http/1.1'],
    });
  });

  it('keep idle WebSocket connections for an hour, as ingress-nginx did', () => {
    expect(named(objects, 'ClientTrafficPolicy', 'wso2-gateway-websocket').spec.timeout).toEqual({ http: { streamIdleTimeout: '3600s' } });
    expect(policies.filter((p) => p.spec.timeout).map((p) => p.metadata.name)).toEqual(['wso2-gateway-websocket']);
  });

  it('admit only the allowed source ranges to the ANM, the API Manager UI and the WSO2 management paths', () => {
    expect(
      byKind(objects, 'SecurityPolicy')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['axway-anm', 'axway-api-manager', 'wso2-control-plane-admin']);
    expect(named(objects, 'SecurityPolicy', 'wso2-control-plane-admin').spec.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'wso2-control-plane-admin' },
    ]);
    expect(named(objects, 'SecurityPolicy', 'axway-anm').spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'axway-anm' }],
      authorization: { defaultAction: 'Deny', rules: [{ name: 'allowed-source-ranges', action: 'Allow', principal: { clientCIDRs: ['10.20.0.0/16'] } }] },
    });
  });
});

describe('on a platform Gateway', () => {
  it('render the allow-list, which attaches to the route, but no listener policy, which would have to live beside the Gateway', () => {
    const objects = renderAllPlain(baseWith({}));
    expect(byKind(objects, 'SecurityPolicy').map((p) => p.metadata.name)).toEqual(['axway-anm']);
    expect(byKind(objects, 'ClientTrafficPolicy')).toEqual([]);
  });
});
