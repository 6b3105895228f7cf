import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, podTemplates } from '../workloads';

/**
 * Every container, init containers included, requests and limits CPU and memory: the scheduler
 * places pods by requests, the HPA measures against them, and limits keep one JVM from starving
 * its neighbours. (An init container's requests count too: the pod's request is the larger of
 * its init containers' and the sum of its containers'.)
 */
export const containerResourcesRule: IntegrityRule = {
  id: 'container-resources',
  description: 'every container (init containers included) has CPU and memory requests and limits',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      for (const at of containersOf(pod)) {
        const missing = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].filter((field) => {
          const [group, resource] = field.split('.') as [string, string];
          return at.container.resources?.[group]?.[resource] === undefined;
        });
        if (missing.length > 0) findings.push({ object: pod.id, message: `${containerLabel(at)} has no resources.${missing.join(', resources.')}` });
      }
    }
    return findings;
  },
};
