import { describe, expect, it } from 'vitest';
import type { Obj } from '../wso2/rendered';
import { byKind, environments, named, renderAllPlain } from '../wso2/rendered';

describe("prod: the environment's own Gateway", () => {
  const objects = renderAllPlain(environments.prod!);
  const gateway = named(objects, 'Gateway', 'apim');
  const routes = byKind(objects, 'HTTPRoute');

  it('is of the Envoy Gateway class, an environment-wide object', () => {
    expect(gateway.spec.gatewayClassName).toBe('eg');
    expect(gateway.metadata.labels['app.kubernetes.io/part-of']).toBe('apim-platform');
  });

  it('has one HTTPS listener on 443 per host, with the environment certificate and routes of its namespace only', () => {
    // A route for some paths of a host (the WSO2 management paths) rides on that host's listener.
    const owners = routes.filter((r) => r.spec.parentRefs[0].sectionName === r.metadata.name);
    expect(gateway.spec.listeners.map((l: Obj) => l.name)).toEqual(owners.map((r) => r.metadata.name));
    expect(new Set(gateway.spec.listeners.map((l: Obj) => l.hostname)).size).toBe(gateway.spec.listeners.length);
    for (const listener of gateway.spec.listeners) {
      const route = named(objects, 'HTTPRoute', listener.name);
      expect(listener).toEqual({
        name: route.metadata.name,
        hostname: route.spec.hostnames[0],
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'apim-tls' }] },
        allowedRoutes: { namespaces: { from: 'Same' } },
      });
    }
  });

  it('serves nothing over plain HTTP', () => {
    expect(gateway.spec.listeners.filter((l: Obj) => l.protocol !== 'HTTPS')).toEqual([]);
  });

  it('has its certificate from the secret backend', () => {
    expect(named(objects, 'ExternalSecret', 'apim-tls').spec.target.template.type).toBe('kubernetes.io/tls');
  });
});
