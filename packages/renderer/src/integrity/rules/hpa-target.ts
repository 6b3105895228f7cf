import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { q } from '../workloads';

/** An HPA must scale an object that is rendered; otherwise it silently does nothing. */
export const hpaTargetRule: IntegrityRule = {
  id: 'hpa-target',
  description: 'every HorizontalPodAutoscaler scales a rendered workload',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      const ref = hpa.spec?.scaleTargetRef ?? {};
      const target = objects.find((o) => o.kind === ref.kind && o.metadata?.name === ref.name);
      if (!target) findings.push({ object: kindName(hpa), message: `spec.scaleTargetRef ${q(`${ref.kind}/${ref.name}`)} is not rendered` });
    }
    return findings;
  },
};
