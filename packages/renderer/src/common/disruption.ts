import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { ResolvedComponent } from '@apim-gitops/models';
import { componentLabels, selectorLabels } from '../labels';

/**
 * A PodDisruptionBudget that keeps `minAvailable` pods during drains. Only for two or more
 * replicas: on one replica a PDB would block every node drain.
 */
export function podDisruptionBudget(component: ResolvedComponent, replicas: number, minAvailable: number): PodDisruptionBudget | undefined {
  if (replicas < 2) return undefined;
  if (minAvailable >= replicas) throw new Error(`${component.id}: a PDB with minAvailable ${minAvailable} on ${replicas} replicas leaves no room to drain`);
  return new PodDisruptionBudget({
    metadata: { name: component.id, labels: componentLabels(component) },
    spec: { minAvailable, selector: { matchLabels: selectorLabels(component) } },
  });
}

/** CPU-based autoscaling of a component's Deployment between `min` and `max` replicas. */
export function cpuAutoscaler(component: ResolvedComponent, min: number, max: number, averageUtilization: number): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: component.id, labels: componentLabels(component) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: component.id },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } }],
    },
  });
}
