import type { IntegrityRule } from '../integrity-rule';
import { podTemplates } from '../workloads';

/**
 * Pods share nothing with their node: no host network, PID or IPC namespace, and no hostPath
 * volume. Each of these lets a compromised product container reach the node or its neighbours,
 * and Pod Security "baseline" (so "restricted" too) forbids them.
 */
export const hostIsolationRule: IntegrityRule = {
  id: 'host-isolation',
  description: 'no pod uses hostNetwork, hostPID, hostIPC or hostPath volumes',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC'])
        if (pod.spec[field] === true) findings.push({ object: pod.id, message: `${pod.path}.${field} must not be true` });
      for (const [i, volume] of ((pod.spec.volumes ?? []) as Record<string, any>[]).entries())
        if (volume.hostPath)
          findings.push({ object: pod.id, message: `${pod.path}.volumes[${i}] (${JSON.stringify(volume.name)}) must not be a hostPath volume` });
    }
    return findings;
  },
};
