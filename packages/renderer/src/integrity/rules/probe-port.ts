import type { IntegrityRule } from '../integrity-rule';
import { containerLabel, containersOf, podTemplates, q } from '../workloads';

const probeKinds = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

/**
 * A probe must point at a port its container declares (by number or name). A probe on a port the
 * process does not listen on fails forever: the pod never becomes ready, or restarts in a loop.
 */
export const probePortRule: IntegrityRule = {
  id: 'probe-port',
  description: 'every httpGet/tcpSocket/grpc probe targets a port its container declares, by number or name',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const pod of podTemplates(objects)) {
      for (const at of containersOf(pod)) {
        const ports = (at.container.ports ?? []) as Record<string, any>[];
        for (const probeKind of probeKinds) {
          const probe = at.container[probeKind];
          if (!probe) continue;
          for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
            const port = probe[handler]?.port;
            if (port === undefined) continue;
            const declared = typeof port === 'number' ? ports.some((p) => p.containerPort === port) : ports.some((p) => p.name === port);
            if (!declared)
              findings.push({ object: pod.id, message: `${containerLabel(at)} ${probeKind}.${handler}.port ${q(port)} is not a declared container port` });
          }
        }
      }
    }
    return findings;
  },
};
