import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { ResolvedAxway } from '@apim-gitops/models';
import { componentLabels } from '../labels';

/**
 * The one events claim every Axway pod mounts: gateways write their transaction event logs into it
 * (file names carry the container id) and the ANM turns them into metrics. Labelled as the ANM's,
 * the component that reads and empties it.
 */
export function renderEventsVolume(ax: ResolvedAxway): PersistentVolumeClaim {
  const { events } = ax;
  return new PersistentVolumeClaim({
    metadata: { name: events.claimName, labels: componentLabels(ax.adminNodeManager.component) },
    spec: {
      accessModes: [events.accessMode],
      ...(events.storageClass ? { storageClassName: events.storageClass } : {}),
      resources: { requests: { storage: `${events.sizeGi}Gi` } },
    },
  });
}
