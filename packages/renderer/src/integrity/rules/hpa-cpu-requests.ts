import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { containerLabel, containersOf, podTemplateOf } from '../workloads';

/**
 * CPU utilisation is measured against the CPU request; a container without one makes the HPA
 * report `<unknown>` and never scale, so every container of the target needs a CPU request.
 */
export const hpaCpuRequestsRule: IntegrityRule = {
  id: 'hpa-cpu-requests',
  description: 'an HPA on CPU utilisation targets pods whose every container requests CPU',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      const onCpu = ((hpa.spec?.metrics ?? []) as Record<string, any>[]).some(
        (m) =>
          (m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization') ||
          (m.type === 'ContainerResource' && m.containerResource?.name === 'cpu'),
      );
      if (!onCpu) continue;
      const ref = hpa.spec?.scaleTargetRef ?? {};
      const target = objects.find((o) => o.kind === ref.kind && o.metadata?.name === ref.name);
      const pod = target && podTemplateOf(target);
      if (!pod) continue;
      for (const at of containersOf(pod).filter((c) => !c.init))
        if (at.container.resources?.requests?.cpu === undefined)
          findings.push({
            object: kindName(hpa),
            message: `scales on CPU utilisation but ${kindName(target!)} ${containerLabel(at)} has no resources.requests.cpu`,
          });
    }
    return findings;
  },
};
