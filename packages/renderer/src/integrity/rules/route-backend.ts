import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { httpRoutes, routeBackends } from '../http-routes';
import { byName, q } from '../workloads';

/** Every HTTPRoute back end must name a rendered Service and one of its ports. */
export const routeBackendRule: IntegrityRule = {
  id: 'route-backend',
  description: 'every HTTPRoute backendRef names a rendered Service and one of its ports',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const services = byName(objects, 'Service');
    const names = [...services.keys()].sort();
    for (const route of httpRoutes(objects)) {
      for (const { service: name, port, at } of routeBackends(route)) {
        const service = services.get(name);
        if (!service) {
          findings.push({
            object: kindName(route),
            message: `${at}.name ${q(name)} is not a rendered Service: name one of ${names.map((n) => q(n)).join(', ') || '(none)'}`,
          });
          continue;
        }
        const ports = (service.spec?.ports ?? []) as Record<string, any>[];
        if (!ports.some((p) => p.port === port))
          findings.push({
            object: kindName(route),
            message: `${at}.port ${q(port ?? null)} is not a port of Service/${name}: use one of ${ports.map((p) => (p.name ? `${p.port} (${p.name})` : p.port)).join(', ')}`,
          });
      }
    }
    return findings;
  },
};
