import type { IntegrityRule, Manifest } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { podTemplates, q, replicasOf, selectorMatches } from '../workloads';

/** Pods a percentage or count of `replicas` stands for; Kubernetes rounds percentages up. */
function pods(value: number | string, replicas: number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  return match ? Math.ceil((Number(match[1]) * replicas) / 100) : Number.NaN;
}

/** Lowest replica count a workload runs at: its own, or its HPA's minimum when that is higher. */
function lowestReplicas(workload: Manifest, objects: readonly Manifest[]): number {
  const replicas = replicasOf(workload) ?? 1;
  const hpa = objects.find(
    (o) => o.kind === 'HorizontalPodAutoscaler' && o.spec?.scaleTargetRef?.kind === workload.kind && o.spec?.scaleTargetRef?.name === workload.metadata?.name,
  );
  return Math.max(replicas, hpa?.spec?.minReplicas ?? 1);
}

/**
 * A PodDisruptionBudget must select a workload and let at least one of its pods be evicted;
 * otherwise every node drain (and so every cluster upgrade) blocks on it.
 */
export const pdbDrainRule: IntegrityRule = {
  id: 'pdb-drain',
  description: 'every PodDisruptionBudget selects a workload and leaves room to drain (minAvailable < replicas, or maxUnavailable >= 1)',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const templates = podTemplates(objects);
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      const selected = templates.filter((t) => selectorMatches(pdb.spec?.selector, t.labels));
      if (selected.length === 0) {
        findings.push({ object: kindName(pdb), message: `spec.selector ${q(pdb.spec?.selector ?? null)} matches no workload` });
        continue;
      }
      for (const template of selected) {
        const replicas = lowestReplicas(template.workload, objects);
        if (pdb.spec?.minAvailable !== undefined) {
          const min = pods(pdb.spec.minAvailable, replicas);
          if (!(min < replicas))
            findings.push({
              object: kindName(pdb),
              message: `spec.minAvailable ${q(pdb.spec.minAvailable)} leaves no room to drain ${template.id} (${replicas} replica(s)): lower it below ${replicas}`,
            });
        } else if (pdb.spec?.maxUnavailable !== undefined) {
          const max = pods(pdb.spec.maxUnavailable, replicas);
          if (!(max >= 1))
            findings.push({
              object: kindName(pdb),
              message: `spec.maxUnavailable ${q(pdb.spec.maxUnavailable)} lets no pod of ${template.id} be evicted: use at least 1`,
            });
        }
      }
    }
    return findings;
  },
};
