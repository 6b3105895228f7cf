import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { replicasOf } from '../workloads';

/**
 * An HPA's range must make sense against its workload: `minReplicas` at least 1 (0 needs an alpha
 * feature gate) and not below the workload's replicas (the HPA would scale a fresh rollout down
 * below what the availability design assumes), and `maxReplicas` above the minimum (else it never scales).
 */
export const hpaReplicasRule: IntegrityRule = {
  id: 'hpa-replicas',
  description: 'every HorizontalPodAutoscaler has 1 <= minReplicas, minReplicas >= the workload replicas and maxReplicas > minReplicas',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      const min: number = hpa.spec?.minReplicas ?? 1;
      const max: number = hpa.spec?.maxReplicas;
      if (min < 1) findings.push({ object: kindName(hpa), message: `spec.minReplicas must be at least 1 (got ${min})` });
      if (!(max > min))
        findings.push({ object: kindName(hpa), message: `spec.maxReplicas ${max} must be above spec.minReplicas ${min}, or the HPA never scales` });
      const ref = hpa.spec?.scaleTargetRef ?? {};
      const target = objects.find((o) => o.kind === ref.kind && o.metadata?.name === ref.name);
      const replicas = target && typeof target.spec?.replicas === 'number' ? replicasOf(target) : undefined;
      if (replicas !== undefined && min < replicas)
        findings.push({
          object: kindName(hpa),
          message: `spec.minReplicas ${min} is below the ${replicas} replicas of ${kindName(target!)}: raise it to at least ${replicas}`,
        });
    }
    return findings;
  },
};
