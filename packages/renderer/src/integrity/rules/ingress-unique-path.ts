import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { ingressBackends } from '../ingress-paths';

/**
 * No two Ingress paths may claim the same host and path in one environment: the controller would
 * pick one of them silently, and which one can change with the next sync.
 */
export const ingressUniquePathRule: IntegrityRule = {
  id: 'ingress-unique-path',
  description: 'no two Ingress rules in the environment claim the same host and path',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const claimed = new Map<string, string>();
    const ingresses = objects.filter((o) => o.kind === 'Ingress').sort((a, b) => (kindName(a) < kindName(b) ? -1 : 1));
    for (const ingress of ingresses) {
      for (const { host, path, at } of ingressBackends(ingress)) {
        if (path === undefined) continue;
        const key = `${host ?? '*'}${path}`;
        const owner = claimed.get(key);
        if (owner)
          findings.push({
            object: kindName(ingress),
            message: `${at.replace(/\.backend$/, '')}: host ${JSON.stringify(host ?? '*')} path ${JSON.stringify(path)} is already claimed by ${owner}`,
          });
        else claimed.set(key, `${kindName(ingress)} ${at.replace(/\.backend$/, '')}`);
      }
    }
    return findings;
  },
};
