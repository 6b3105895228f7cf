import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { containersOf, podTemplates, q, selectorMatches } from '../workloads';

/**
 * A Service with a selector must select some pod template, and each of its target ports must be a
 * port those pods declare (by number or name); otherwise it has no endpoints and every caller fails.
 * Services without a selector (external endpoints) are skipped.
 */
export const serviceSelectorRule: IntegrityRule = {
  id: 'service-selector',
  description: 'every Service selector matches a pod template that declares each target port',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const pods = podTemplates(objects);
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const selector = service.spec?.selector;
      if (!selector || Object.keys(selector).length === 0) continue;
      const selected = pods.filter((p) => selectorMatches({ matchLabels: selector }, p.labels));
      if (selected.length === 0) {
        findings.push({ object: kindName(service), message: `spec.selector ${q(selector)} matches no pod template` });
        continue;
      }
      for (const [i, port] of ((service.spec?.ports ?? []) as Record<string, any>[]).entries()) {
        const target = port.targetPort ?? port.port;
        for (const pod of selected) {
          const declared = containersOf(pod).flatMap((c) => (c.container.ports ?? []) as Record<string, any>[]);
          const found = declared.some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target));
          if (!found) findings.push({ object: kindName(service), message: `spec.ports[${i}].targetPort ${q(target)} is not a container port of ${pod.id}` });
        }
      }
    }
    return findings;
  },
};
