import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { httpRoutes, routeClaims, routeParents } from '../http-routes';
import { q } from '../workloads';

/**
 * No two HTTPRoutes on one Gateway may claim the same host and path: Gateway API then gives the request
 * to the older route, so which back end serves it depends on creation order. An Ingress serving the same
 * host during a move to Gateway API is another controller's and does not count.
 */
export const routeUniquePathRule: IntegrityRule = {
  id: 'route-unique-path',
  description: 'no two HTTPRoutes on one Gateway claim the same host and path',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const claimed = new Map<string, string>();
    for (const route of httpRoutes(objects)) {
      const gateways = [...new Set(routeParents(route).map((p) => `${p.namespace ?? ''}/${p.name}`))];
      for (const gateway of gateways)
        for (const { host, path, at } of routeClaims(route)) {
          const key = `${gateway} ${host} ${path}`;
          const owner = claimed.get(key);
          const where = `Gateway/${gateway.replace(/^\//, '')}`;
          if (owner)
            findings.push({
              object: kindName(route),
              message: `${at}: host ${q(host)} path ${q(path.split(' ')[1])} on ${where} is already claimed by ${owner}: give one of them another host or path, or merge them into one route`,
            });
          else claimed.set(key, `${kindName(route)} ${at}`);
        }
    }
    return findings;
  },
};
