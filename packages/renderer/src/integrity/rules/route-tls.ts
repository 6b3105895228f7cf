import type { IntegrityRule, Manifest } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { hostnameCovers, httpRoutes, routeParents } from '../http-routes';
import { byName, q } from '../workloads';

type Plain = Record<string, any>;

/** The listeners of a Gateway a parentRef attaches a route with these hostnames to. */
function attachedListeners(gateway: Manifest, sectionName: string | undefined, hosts: readonly string[]): { listener: Plain; at: string }[] {
  return ((gateway.spec?.listeners ?? []) as Plain[])
    .map((listener, i) => ({ listener, at: `spec.listeners[${i}]` }))
    .filter(({ listener }) => (sectionName === undefined ? hosts.some((h) => hostnameCovers(listener.hostname, h)) : listener.name === sectionName));
}

/**
 * Every public host is served over TLS: an HTTPRoute names its hosts, and each listener of a Gateway
 * rendered here that it attaches to is HTTPS, terminates TLS with a certificate, and covers those hosts.
 * A Gateway in another namespace is the platform's; its listeners are checked there.
 */
export const routeTlsRule: IntegrityRule = {
  id: 'route-tls',
  description: 'every HTTPRoute names its hosts, and every listener of a rendered Gateway it attaches to is HTTPS with a certificate and covers those hosts',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const gateways = byName(objects, 'Gateway');
    for (const route of httpRoutes(objects)) {
      const hosts: string[] = route.spec?.hostnames ?? [];
      if (hosts.length === 0)
        findings.push({
          object: kindName(route),
          message: 'spec.hostnames is empty, so the route answers every host, certificate or not: list the hosts it serves',
        });
      for (const parent of routeParents(route)) {
        if (parent.namespace !== undefined) continue;
        const gateway = gateways.get(parent.name);
        if (!gateway) {
          findings.push({
            object: kindName(route),
            message: `${parent.at} Gateway/${parent.name} is not rendered: render it, or name the platform Gateway's namespace`,
          });
          continue;
        }
        const listeners = attachedListeners(gateway, parent.sectionName, hosts);
        if (listeners.length === 0)
          findings.push({
            object: kindName(route),
            message: `${parent.at} attaches to no listener of Gateway/${parent.name}${parent.sectionName ? ` (no listener ${q(parent.sectionName)})` : ''}: name a listener that serves ${hosts.map((h) => q(h)).join(', ')}`,
          });
        for (const { listener, at } of listeners) {
          const where = `${parent.at} attaches to Gateway/${parent.name} ${at} (${q(listener.name)})`;
          if (listener.protocol !== 'HTTPS' || (listener.tls?.mode ?? 'Terminate') !== 'Terminate' || !(listener.tls?.certificateRefs ?? []).length)
            findings.push({
              object: kindName(route),
              message: `${where}, which does not terminate TLS with a certificate (protocol ${q(listener.protocol)}): attach to an HTTPS listener with tls.certificateRefs`,
            });
          for (const host of hosts)
            if (!hostnameCovers(listener.hostname, host))
              findings.push({
                object: kindName(route),
                message: `${where}, whose hostname ${q(listener.hostname)} does not cover ${q(host)}: attach to the listener of that host`,
              });
        }
      }
    }
    return findings;
  },
};
