import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { ingressBackends } from '../ingress-paths';
import { byName, q } from '../workloads';

/** Every Ingress backend must name a rendered Service and one of its ports (by number or name). */
export const ingressBackendRule: IntegrityRule = {
  id: 'ingress-backend',
  description: 'every Ingress backend names a rendered Service and one of its ports',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const services = byName(objects, 'Service');
    for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
      for (const { backend, at } of ingressBackends(ingress)) {
        if (!backend.service) continue;
        const service = services.get(backend.service.name);
        if (!service) {
          findings.push({ object: kindName(ingress), message: `${at}.service.name ${q(backend.service.name)} is not a rendered Service` });
          continue;
        }
        const port = backend.service.port ?? {};
        const ports = (service.spec?.ports ?? []) as Record<string, any>[];
        const ok = port.number !== undefined ? ports.some((p) => p.port === port.number) : ports.some((p) => p.name === port.name);
        if (!ok)
          findings.push({
            object: kindName(ingress),
            message: `${at}.service.port ${q(port.number ?? port.name)} is not a port of Service/${backend.service.name} (ports: ${ports.map((p) => (p.name ? `${p.name}=${p.port}` : p.port)).join(', ')})`,
          });
      }
    }
    return findings;
  },
};
