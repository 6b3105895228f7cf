import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, longRunningKinds, podTemplates } from '../workloads';

/**
 * Every long-running container (of a Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod, and
 * restartable sidecars) has a liveness probe, so a hung JVM is restarted, and a readiness probe,
 * so no traffic reaches a pod that is still starting. Jobs and init containers run to completion.
 */
export const containerProbesRule: IntegrityRule = {
  id: 'container-probes',
  description: 'every long-running container has a livenessProbe and a readinessProbe',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects).filter((p) => longRunningKinds.has(p.workload.kind))) {
      for (const at of containersOf(pod).filter((c) => !c.init)) {
        const missing = ['livenessProbe', 'readinessProbe'].filter((probe) => !at.container[probe]);
        if (missing.length > 0) findings.push({ object: pod.id, message: `${containerLabel(at)} has no ${missing.join(' and no ')}` });
      }
    }
    return findings;
  },
};
